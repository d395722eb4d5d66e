import { describe, expect, it } from 'vitest';
import { agentUserPrivilege } from '../../src/rules/agent-user-privilege.js';
import { lintCase, queryOutput, runRuleTests, xml } from '../ruleTester.js';

const ORG = '00d5e000000abcdeaa';
const AGENT = 'service.agent@acme.com';
const BOT = 'force-app/main/default/bots/Service_Agent/Service_Agent.bot-meta.xml';
const AI_AGENT = 'force-app/main/default/aiAgents/Service_Agent.aiAgentDefinition-meta.xml';
const SCRIPT = 'force-app/main/default/aiAuthoringBundles/Service_Agent/Service_Agent.agent';
const bot = (user: string) => xml('Bot', `    <botUser>${user}</botUser>\n    <label>Service Agent</label>`);
/** An Agent Script service agent whose access block names the user. */
const agentScript = (user: string) =>
  `config:\n    developer_name: "Service_Agent"\n    agent_type: "AgentforceServiceAgent"\n\naccess:\n    default_agent_user: "${user}"\n`;
const userDef = (fields: Record<string, unknown>) => JSON.stringify({ Username: AGENT, LastName: 'Agent', ...fields }, null, 2);
/** The agent user as `sf org create agent-user` makes it. */
const PROPER = userDef({
  LastName: 'Agent User',
  profileName: 'Einstein Agent User',
  permsets: ['AgentforceServiceAgentBase', 'AgentforceServiceAgentUser', 'EinsteinGPTPromptTemplateUser'],
});
const perm = (name: string) =>
  `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const botError = { line: 3, column: 14, endLine: 3, endColumn: 14 + AGENT.length };

runRuleTests(agentUserPrivilege, {
  valid: [
    {
      name: 'a proper agent user: the Einstein Agent User profile and the three service-agent permission sets',
      path: BOT,
      code: bot(AGENT),
      files: { 'config/agent-user-def.json': PROPER },
    },
    {
      name: 'the same agent user named by an Agent Script access block',
      path: SCRIPT,
      code: agentScript(AGENT),
      files: { 'config/agent-user-def.json': PROPER },
    },
    {
      name: 'an employee agent names no user',
      path: SCRIPT,
      code: 'config:\n    developer_name: "Helper"\n    agent_type: "AgentforceEmployeeAgent"\n',
      files: { 'config/admin-def.json': userDef({ profileName: 'System Administrator' }) },
    },
    {
      name: 'an unresolved agent user (no user source, no login, no snapshot) gives no finding',
      path: BOT,
      code: bot('ghost.agent@acme.com'),
    },
    {
      name: 'an unresolved agent user with a snapshot: unknown-user speaks, not this rule',
      path: BOT,
      code: bot('ghost.agent@acme.com'),
      snapshot: { 'User.json': queryOutput([{ Username: 'ops@acme.com', IsActive: true }]) },
    },
    {
      name: 'a placeholder the deploy replaces',
      path: BOT,
      code: bot('agent-%%SF_CC_PLACEHOLDER_USERNAME%%'),
      files: {
        'config/admin-def.json': userDef({ Username: 'agent-%%SF_CC_PLACEHOLDER_USERNAME%%', profileName: 'System Administrator' }),
      },
    },
    {
      name: 'the PIU as an agent user is piu-no-run-as, not this rule',
      path: BOT,
      code: bot(`cloud@${ORG}`),
      files: { 'scripts/login.sh': `sf org login jwt --username cloud@${ORG}\n` },
    },
    {
      name: 'Automated Process as an agent user is reserved-user, not this rule',
      path: BOT,
      code: bot(`autoproc@${ORG}`),
      files: { 'config/ap.json': userDef({ Username: `autoproc@${ORG}`, profileName: 'System Administrator' }) },
    },
    {
      name: 'an agent user that is an integration user by its licence and name is not shared with a login',
      path: BOT,
      code: bot('api.agent@acme.com'),
      files: { 'config/agent.json': userDef({ Username: 'api.agent@acme.com', profileName: 'Minimum Access - API Only Integrations' }) },
    },
    {
      name: 'a high-risk permission set that is not assigned to the agent user',
      path: BOT,
      code: bot(AGENT),
      files: {
        'config/agent-user-def.json': PROPER,
        'force-app/main/default/permissionsets/Admin_Tools.permissionset-meta.xml': xml('PermissionSet', perm('ModifyAllData')),
      },
    },
    {
      name: 'a snapshot user on the Einstein Agent User profile and licence',
      path: SCRIPT,
      code: agentScript(AGENT),
      snapshot: {
        'User.json': queryOutput([
          { Username: AGENT, IsActive: true, Profile: { Name: 'Einstein Agent User', UserLicense: { Name: 'Einstein Agent' } } },
        ]),
      },
    },
    {
      name: 'a run-as element (not an agent element) naming a System Administrator',
      path: 'force-app/main/default/dashboards/Ops/Health.dashboard-meta.xml',
      code: xml('Dashboard', `    <runningUser>${AGENT}</runningUser>`),
      files: { 'config/admin-def.json': userDef({ profileName: 'System Administrator' }) },
    },
  ],
  invalid: [
    {
      name: 'an agent on a System Administrator user: its five high-risk permissions and the general-purpose licence',
      path: BOT,
      code: bot(AGENT),
      files: { 'config/admin-def.json': userDef({ profileName: 'System Administrator' }) },
      errors: [
        {
          ...botError,
          message: `Bot.botUser runs an agent as ${AGENT}, who holds 5 high-risk permissions (ModifyAllData, ViewAllData, ManageUsers, AuthorApex and CustomizeApplication) through the standard profile "System Administrator", and is on the general-purpose licence "Salesforce" (from the standard profile System Administrator) with the profile "System Administrator"`,
          related: ['config/admin-def.json'],
        },
      ],
    },
    {
      name: 'the message says what to do',
      path: BOT,
      code: bot(AGENT),
      files: { 'config/admin-def.json': userDef({ profileName: 'System Administrator' }) },
      errors: [{ ...botError, message: 'give the agent a dedicated agent user (the Einstein Agent User profile' }],
    },
    {
      name: 'an agent user shared with a JWT login in a CI workflow',
      path: SCRIPT,
      code: agentScript(AGENT),
      files: {
        'config/agent-user-def.json': PROPER,
        '.github/workflows/deploy.yml': `jobs:\n  deploy:\n    steps:\n      - run: sf org login jwt --username ${AGENT} --jwt-key-file server.key\n`,
      },
      errors: [
        {
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 26 + AGENT.length,
          message: `access.default_agent_user runs an agent as ${AGENT}, who is also a login identity (sf org login jwt in deploy.yml)`,
          related: ['config/agent-user-def.json', '.github/workflows/deploy.yml'],
        },
      ],
    },
    {
      name: "an agent user that is also an External Client App's client-credentials user (AiAgentDefinition, read by its root element)",
      path: AI_AGENT,
      code: xml('AiAgentDefinition', `    <agentType>AgentforceServiceAgent</agentType>\n    <botUser>${AGENT}</botUser>`),
      files: {
        'force-app/main/default/extlClntAppOauthPolicies/ERP.ecaOauthPlcy-meta.xml': xml(
          'ExtlClntAppOauthConfigurablePolicies',
          `    <clientCredentialsFlowUser>${AGENT}</clientCredentialsFlowUser>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>`,
        ),
      },
      errors: [
        {
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 14 + AGENT.length,
          message:
            'AiAgentDefinition.botUser runs an agent as service.agent@acme.com, who is also a login identity (ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser in ERP.ecaOauthPlcy-meta.xml)',
          related: ['force-app/main/default/extlClntAppOauthPolicies/ERP.ecaOauthPlcy-meta.xml'],
        },
      ],
    },
    {
      name: 'an agent on a general-purpose licence (a Standard User lent to the agent)',
      path: BOT,
      code: bot(AGENT),
      files: { 'config/agent.json': userDef({ profileName: 'Standard User' }) },
      errors: [
        {
          ...botError,
          message: `who is on the general-purpose licence "Salesforce" (from the standard profile Standard User) with the profile "Standard User", a human's or an admin's user lent to an agent`,
        },
      ],
    },
    {
      name: 'a permission set assigned to the agent user grants ModifyAllData',
      path: BOT,
      code: bot(AGENT),
      files: {
        'config/agent-user-def.json': userDef({
          profileName: 'Einstein Agent User',
          permsets: ['AgentforceServiceAgentBase', 'AgentforceServiceAgentUser', 'EinsteinGPTPromptTemplateUser', 'Data_Admin'],
        }),
        'force-app/main/default/permissionsets/Data_Admin.permissionset-meta.xml': xml('PermissionSet', perm('ModifyAllData')),
      },
      errors: [
        {
          ...botError,
          message: `who holds ModifyAllData through the permission set Data_Admin;`,
          related: [
            'config/agent-user-def.json',
            'force-app/main/default/permissionsets/Data_Admin.permissionset-meta.xml',
            'config/agent-user-def.json',
          ],
        },
      ],
    },
    {
      name: 'a permission set group assigned to the agent user, whose set grants AuthorApex',
      path: BOT,
      code: bot(AGENT),
      files: {
        'config/agent-user-def.json': userDef({ profileName: 'Einstein Agent User', permsets: 'Agent_Extras' }),
        'force-app/main/default/permissionsetgroups/Agent_Extras.permissionsetgroup-meta.xml': xml(
          'PermissionSetGroup',
          '    <label>Agent Extras</label>\n    <permissionSets>Apex_Authors</permissionSets>',
        ),
        'force-app/main/default/permissionsets/Apex_Authors.permissionset-meta.xml': xml('PermissionSet', perm('AuthorApex')),
      },
      errors: [{ ...botError, message: 'who holds AuthorApex through the permission set group Agent_Extras;' }],
    },
    {
      name: 'a permission set the org snapshot assigns to a snapshot agent user grants ViewAllData',
      path: SCRIPT,
      code: agentScript(AGENT),
      files: { 'force-app/main/default/permissionsets/Case_Tools.permissionset-meta.xml': xml('PermissionSet', perm('ViewAllData')) },
      snapshot: {
        'User.json': queryOutput([
          { Username: AGENT, IsActive: true, Profile: { Name: 'Einstein Agent User', UserLicense: { Name: 'Einstein Agent' } } },
        ]),
        'PermissionSetAssignment.json': queryOutput([
          { Assignee: { Username: AGENT }, PermissionSet: { Name: 'AgentforceServiceAgentBase', IsOwnedByProfile: false } },
          { Assignee: { Username: AGENT }, PermissionSet: { Name: 'Case_Tools', IsOwnedByProfile: false } },
        ]),
      },
      errors: [
        {
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 26 + AGENT.length,
          message: 'who holds ViewAllData through the permission set Case_Tools;',
          related: [
            '.snapshot/User.json',
            'force-app/main/default/permissionsets/Case_Tools.permissionset-meta.xml',
            '.snapshot/PermissionSetAssignment.json',
          ],
        },
      ],
    },
    {
      name: 'a permission set the org snapshot assigns to an agent user that a user definition also creates',
      path: BOT,
      code: bot(AGENT),
      files: {
        'config/agent-user-def.json': PROPER,
        'force-app/main/default/permissionsets/Case_Tools.permissionset-meta.xml': xml('PermissionSet', perm('ManageUsers')),
      },
      snapshot: {
        'PermissionSetAssignment.json': queryOutput([
          { Assignee: { Username: AGENT }, PermissionSet: { Name: 'Case_Tools', IsOwnedByProfile: false } },
        ]),
      },
      errors: [{ ...botError, message: 'who holds ManageUsers through the permission set Case_Tools;' }],
    },
    {
      name: 'a permission set a tree PermissionSetAssignment assigns to the agent user (nested under its User record)',
      path: BOT,
      code: bot(AGENT),
      files: {
        'data/agent-users.json': JSON.stringify(
          {
            records: [
              {
                attributes: { type: 'User', referenceId: 'AgentRef' },
                Username: AGENT,
                LastName: 'Agent',
                ProfileId: '00e5e000000EAU0AAA',
                PermissionSetAssignments: {
                  records: [
                    { attributes: { type: 'PermissionSetAssignment', referenceId: 'AgentPsa' }, PermissionSet: { Name: 'Case_Tools' } },
                  ],
                },
              },
            ],
          },
          null,
          2,
        ),
        'force-app/main/default/permissionsets/Case_Tools.permissionset-meta.xml': xml('PermissionSet', perm('ModifyAllData')),
      },
      errors: [{ ...botError, message: 'who holds ModifyAllData through the permission set Case_Tools;' }],
    },
    {
      name: 'a profile file in the workspace: its own high-risk permissions (a System Administrator clone)',
      path: BOT,
      code: bot(AGENT),
      files: {
        'config/agent.json': userDef({ profileName: 'Agent Admin' }),
        'force-app/main/default/profiles/Agent Admin.profile-meta.xml': xml(
          'Profile',
          ['    <custom>true</custom>', '    <userLicense>Salesforce</userLicense>', perm('ViewAllData')].join('\n'),
        ),
      },
      errors: [
        {
          ...botError,
          message: `who holds ViewAllData through the profile "Agent Admin", and is on the general-purpose licence "Salesforce" (from the profile Agent Admin) with the profile "Agent Admin"`,
        },
      ],
    },
    {
      name: 'a user the snapshot holds as a System Administrator, named by an Agent Script config block (the older form)',
      path: SCRIPT,
      code: `config:\n    developer_name: "Service_Agent"\n    default_agent_user: ${AGENT}\n`,
      snapshot: {
        'User.json': queryOutput([
          { Username: AGENT, IsActive: true, Profile: { Name: 'System Administrator', UserLicense: { Name: 'Salesforce' } } },
        ]),
      },
      errors: [{ line: 3, column: 25, endLine: 3, endColumn: 25 + AGENT.length, message: 'config.default_agent_user runs an agent as' }],
    },
    {
      name: 'usernames compared case-insensitively: the element, the user record and the login differ in case',
      path: BOT,
      code: bot('Service.Agent@ACME.com'),
      files: {
        'config/agent-user-def.json': PROPER,
        'scripts/login.sh': 'sf org login jwt -o SERVICE.AGENT@acme.COM -f server.key\n',
      },
      errors: [{ ...botError, message: 'who is also a login identity (sf org login jwt in login.sh)' }],
    },
    {
      name: 'a general-purpose licence added by the configuration',
      path: BOT,
      code: bot(AGENT),
      files: { 'config/agent.json': userDef({ profileName: 'Partner Agent' }) },
      snapshot: {
        'User.json': queryOutput([
          { Username: AGENT, IsActive: true, Profile: { Name: 'Partner Agent', UserLicense: { Name: 'Partner App Subscription' } } },
        ]),
      },
      config: { generalPurposeLicenses: ['Partner App Subscription'] },
      errors: [{ ...botError, message: 'general-purpose licence "Partner App Subscription"' }],
    },
  ],
});

describe('agent-user-privilege: one finding per element, naming everything that applies', () => {
  it('a System Administrator agent user that also logs in: one finding with (a), (b) and (c), related locations for each', async () => {
    const findings = await lintCase(agentUserPrivilege, {
      path: BOT,
      code: bot(AGENT),
      files: {
        'config/admin-def.json': userDef({ profileName: 'System Administrator', permsets: 'Data_Admin' }),
        'force-app/main/default/permissionsets/Data_Admin.permissionset-meta.xml': xml('PermissionSet', perm('ModifyAllData')),
        '.sf/config.json': JSON.stringify({ 'target-org': AGENT }),
      },
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f?.message).toContain('holds 5 high-risk permissions');
    expect(f?.message).toContain('through the standard profile "System Administrator" and the permission set Data_Admin');
    expect(f?.message).toContain('is also a login identity (target-org in config.json)');
    expect(f?.message).toContain('is on the general-purpose licence "Salesforce"');
    expect(f?.related.map((r) => [r.path.slice('/project/'.length), r.message])).toEqual([
      ['config/admin-def.json', `the user record of ${AGENT}`],
      ['force-app/main/default/permissionsets/Data_Admin.permissionset-meta.xml', 'the permission set Data_Admin grants ModifyAllData'],
      ['config/admin-def.json', 'assigns Data_Admin'],
      ['.sf/config.json', 'target-org in config.json'],
    ]);
  });
});
