import { piuNoRunAs } from '../../src/rules/piu-no-run-as.js';
import { runRuleTests, xml } from '../ruleTester.js';

const PIU = 'cloud@00d5e000000abcdeaa';

runRuleTests(piuNoRunAs, {
  valid: [
    {
      name: 'an ordinary running user',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', '    <runningUser>ops@acme.com</runningUser>'),
    },
    {
      name: 'a PIU-like value in an element that is not user-bearing',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', `    <title>${PIU}</title>`),
    },
    {
      name: 'a cloud@ username with a 15-character org id is not the PIU',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', '    <runningUser>cloud@00d5e000000abcd</runningUser>'),
    },
    {
      name: 'a queue, not a user, by the assignedToType sibling',
      path: 'assignmentRules/Case.assignmentRules-meta.xml',
      code: xml(
        'AssignmentRules',
        `    <assignmentRule>\n        <ruleEntry>\n            <assignedTo>${PIU}</assignedTo>\n            <assignedToType>Queue</assignedToType>\n        </ruleEntry>\n    </assignmentRule>`,
      ),
    },
    {
      name: 'a login element is piu-no-login, not this rule',
      path: 'connectedApps/A.connectedApp-meta.xml',
      code: xml(
        'ConnectedApp',
        `    <oauthConfig>\n        <oauthClientCredentialUser>${PIU}</oauthClientCredentialUser>\n    </oauthConfig>`,
      ),
    },
    { name: 'a file that is not metadata', path: 'docs/notes.xml', code: `<runningUser>${PIU}</runningUser>` },
  ],
  invalid: [
    {
      name: 'Dashboard.runningUser',
      path: 'force-app/main/default/dashboards/Ops/Health.dashboard-meta.xml',
      code: xml('Dashboard', `    <dashboardType>SpecifiedUser</dashboardType>\n    <runningUser>${PIU}</runningUser>`),
      errors: [
        {
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 42,
          message: 'Dashboard.runningUser names the Platform Integration User (cloud@00d5e000000abcdeaa)',
        },
      ],
    },
    {
      name: 'Dashboard.dashboardResultRunningUser, Metadata API format',
      path: 'src/dashboards/Ops/Health.dashboard',
      code: xml('Dashboard', `    <dashboardResultRunningUser> ${PIU} </dashboardResultRunningUser>`),
      errors: [{ line: 3, column: 34, endLine: 3, endColumn: 58, message: 'Dashboard.dashboardResultRunningUser' }],
    },
    {
      name: 'PlatformEventSubscriberConfig.user, upper case',
      path: 'PlatformEventSubscriberConfigs/Orders.platformEventSubscriberConfig-meta.xml',
      code: xml('PlatformEventSubscriberConfig', `    <user>${PIU.toUpperCase()}</user>`),
      errors: [{ line: 3, column: 11, endLine: 3, endColumn: 35, message: 'PlatformEventSubscriberConfig.user' }],
    },
    {
      name: 'EmailServicesFunction in its strict folder',
      path: 'emailservices/Orders.xml-meta.xml',
      code: xml(
        'EmailServicesFunction',
        `    <emailServicesAddresses>\n        <runAsUser>${PIU}</runAsUser>\n    </emailServicesAddresses>`,
      ),
      errors: [{ line: 4, column: 20, endLine: 4, endColumn: 44 }],
    },
    {
      name: 'a user assignee through the assignedToType sibling',
      path: 'escalationRules/Case.escalationRules-meta.xml',
      code: xml(
        'EscalationRules',
        `    <escalationRule>\n        <ruleEntry>\n            <escalationAction>\n                <assignedTo>${PIU}</assignedTo>\n                <assignedToType>User</assignedToType>\n            </escalationAction>\n        </ruleEntry>\n    </escalationRule>`,
      ),
      errors: [{ line: 6, column: 29, endLine: 6, endColumn: 53 }],
    },
    {
      name: 'a queue member',
      path: 'queues/Q.queue-meta.xml',
      code: xml('Queue', `    <queueMembers>\n        <users>\n            <user>${PIU}</user>\n        </users>\n    </queueMembers>`),
      errors: [{ line: 5, column: 19, endLine: 5, endColumn: 43, message: 'Queue.user' }],
    },
    {
      name: 'still found in a file with an XML error',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', `    <runningUser>${PIU}</runningUser>\n    <title>A & B</title>`),
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 42 }],
    },
  ],
});

// Rules v3: agent running-user elements and the run-as elements Salesforce added.
const agentScript = (block: string, user: string) =>
  `config:\n    developer_name: "Help"\n\n${block}:\n    default_agent_user: "${user}"\n`;
runRuleTests(piuNoRunAs, {
  valid: [
    {
      name: 'an agent user that is not the PIU',
      path: 'force-app/main/default/bots/Help/Help.bot-meta.xml',
      code: xml('Bot', '    <botUser>help.agent@acme.com</botUser>'),
    },
    {
      name: 'an Agent Script placeholder',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: agentScript('access', '<default_agent_user_placeholder>'),
    },
  ],
  invalid: [
    {
      name: 'Bot.botUser, now an agent running-user element',
      path: 'force-app/main/default/bots/Help/Help.bot-meta.xml',
      code: xml('Bot', `    <botUser>${PIU}</botUser>`),
      errors: [
        {
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 38,
          message: `Bot.botUser makes an agent run as the Platform Integration User (${PIU}), a Salesforce-managed system user that cannot run work; give the agent a dedicated agent user`,
        },
      ],
    },
    {
      name: 'AiAgentDefinition.botUser, read by its root element (the registry does not know the type)',
      path: 'force-app/main/default/aiAgents/Help.aiAgentDefinition-meta.xml',
      code: xml('AiAgentDefinition', `    <botUser>${PIU.toUpperCase()}</botUser>`),
      errors: [
        {
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 38,
          message: 'AiAgentDefinition.botUser makes an agent run as the Platform Integration User',
        },
      ],
    },
    {
      name: 'Agent Script: default_agent_user of the access block, range without the quotes',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: agentScript('access', PIU),
      errors: [
        {
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 50,
          message: 'access.default_agent_user makes an agent run as the Platform Integration User',
        },
      ],
    },
    {
      name: 'Agent Script: the older config block, indented by a tab, a bare value',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: `config:\n\tdeveloper_name: "Help"\n\tdefault_agent_user: ${PIU}\n`,
      errors: [{ line: 3, column: 22, endLine: 3, endColumn: 46, message: 'config.default_agent_user' }],
    },
    {
      name: 'Agent Script: read whatever the agent_type (an employee agent naming a user)',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: `config:\n    agent_type: "AgentforceEmployeeAgent"\n\naccess:\n    default_agent_user: "${PIU}"\n`,
      errors: [{ line: 5, column: 26, endLine: 5, endColumn: 50 }],
    },
    {
      name: 'DocumentExtractionDef.batchUser (read by its root element)',
      path: 'force-app/main/default/documentExtractionDefs/Invoices.documentExtractionDef-meta.xml',
      code: xml('DocumentExtractionDef', `    <batchUser>${PIU}</batchUser>\n    <isActive>true</isActive>`),
      errors: [
        { line: 3, column: 16, endLine: 3, endColumn: 40, message: 'DocumentExtractionDef.batchUser names the Platform Integration User' },
      ],
    },
    {
      name: 'FlowTest.runTestAsUser',
      path: 'force-app/main/default/flowtests/Orders_Test.flowtest-meta.xml',
      code: xml('FlowTest', `    <flowApiName>Orders</flowApiName>\n    <runTestAsUser>${PIU}</runTestAsUser>`),
      errors: [{ line: 4, column: 20, endLine: 4, endColumn: 44, message: 'FlowTest.runTestAsUser names the Platform Integration User' }],
    },
  ],
});
