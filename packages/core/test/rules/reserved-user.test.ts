import { reservedUser } from '../../src/rules/reserved-user.js';
import { runRuleTests, xml } from '../ruleTester.js';

const ORG = '00d5e000000abcdeaa';

runRuleTests(reservedUser, {
  valid: [
    {
      name: 'anonymous Apex on an ordinary list of users',
      path: 'scripts/apex/fix.apex',
      code: "List<String> names = new List<String>{'ops@acme.com'};\nupdate [SELECT Id FROM User WHERE Username IN :names];\n",
    },
    {
      name: 'Automated Process as a platform-event trigger user is allowed',
      path: 'PlatformEventSubscriberConfigs/O.platformEventSubscriberConfig-meta.xml',
      code: xml('PlatformEventSubscriberConfig', `    <user>autoproc@${ORG}</user>`),
    },
    { name: 'the PIU is piu-no-login, not this rule', path: 'scripts/a.sh', code: `sf org login jwt --username cloud@${ORG}\n` },
    { name: 'an integration@ address without an org id', path: 'scripts/a.sh', code: 'sf org login jwt --username integration@acme.com\n' },
  ],
  invalid: [
    {
      name: 'creating the Automated Process user',
      path: 'config/user-def.json',
      code: JSON.stringify({ Username: `autoproc@${ORG}`, LastName: 'Process', FirstName: 'Automated' }, null, 2),
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 44, message: 'would create the Automated Process user' }],
    },
    {
      name: 'logging in as the CRM Analytics Integration User',
      path: 'scripts/auth.sh',
      code: `sf org login jwt --username integration@${ORG}.com --jwt-key-file k\n`,
      errors: [{ line: 1, column: 29, endLine: 1, endColumn: 63, message: 'logs in as the CRM Analytics Integration User' }],
    },
    {
      name: 'a login element naming the CRM Analytics Security User',
      path: 'connectedApps/A.connectedApp-meta.xml',
      code: xml(
        'ConnectedApp',
        `    <oauthConfig>\n        <oauthClientCredentialUser>insightssecurity@${ORG}.com</oauthClientCredentialUser>\n    </oauthConfig>`,
      ),
      errors: [{ line: 4, column: 36, endLine: 4, endColumn: 75, message: 'the CRM Analytics Security User' }],
    },
    {
      name: 'editing Automated Process with sf data update record',
      path: 'scripts/fix.sh',
      code: `sf data update record --sobject User --where "Name='Automated Process'" --values "Email=x@acme.com"\n`,
      errors: [{ line: 1, column: 47, endLine: 1, endColumn: 71, message: 'sf data update record edits the Automated Process user' }],
    },
    {
      name: 'Apex runAs the Automated Process user',
      path: 'classes/T.cls',
      code: "@isTest class T {\n  static void t() {\n    User ap = [SELECT Id FROM User WHERE Alias = 'autoproc'];\n    System.runAs(ap) {}\n  }\n}\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 21, message: 'impersonates a user selected as the Automated Process user' }],
    },
    {
      name: 'anonymous Apex: Username IN naming two reserved users, one finding that names both',
      path: 'scripts/apex/fix-system-users.apex',
      code: `List<User> sys = [SELECT Id FROM User WHERE Username IN ('autoproc@${ORG}', 'integration@${ORG}.com')];\nfor (User u : sys) u.Email = 'ops@acme.com';\nupdate sys;\n`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 11,
          message: `This anonymous Apex changes users selected as the Automated Process user (Username IN ('autoproc@${ORG}', ...)) and the CRM Analytics Integration User (Username IN ('integration@${ORG}.com', ...))`,
          related: ['scripts/apex/fix-system-users.apex', 'scripts/apex/fix-system-users.apex'],
        },
      ],
    },
    {
      name: 'anonymous Apex: a Set built with addAll naming the Security User, then Database.update',
      path: 'scripts/apex/reset.apex',
      code: `Set<String> names = new Set<String>();\nnames.addAll(new Set<String>{'security@${ORG}.com'});\nList<User> us = [SELECT Id FROM User WHERE Username IN :names];\nDatabase.update(us, false);\n`,
      errors: [
        {
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 27,
          message: `changes a user selected as the CRM Analytics Security User (Username IN :names, which holds 'security@${ORG}.com')`,
        },
      ],
    },
  ],
});

// Rules v3: reserved users as agents, and sf org create agent-user look-alikes.
runRuleTests(reservedUser, {
  valid: [
    {
      name: 'Automated Process in a run-as element is not this rule (platform-event triggers run as it by default)',
      path: 'force-app/main/default/flowtests/T.flowtest-meta.xml',
      code: xml('FlowTest', `    <runTestAsUser>autoproc@${ORG}</runTestAsUser>`),
    },
    {
      name: 'sf org create agent-user with its default names and an ordinary base username',
      path: 'scripts/agent.sh',
      code: 'sf org create agent-user --base-username service-agent@acme.com --target-org dev\nsf org create agent-user -o dev\n',
    },
  ],
  invalid: [
    {
      name: 'Bot.botUser naming Automated Process',
      path: 'force-app/main/default/bots/Help/Help.bot-meta.xml',
      code: xml('Bot', `    <botUser>autoproc@${ORG}</botUser>`),
      errors: [
        {
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 41,
          message: `Bot.botUser makes an agent run as the Automated Process user (autoproc@${ORG}); Salesforce creates and manages that user`,
        },
      ],
    },
    {
      name: 'Agent Script naming the CRM Analytics Integration User',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: `access:\n    default_agent_user: "integration@${ORG}.com"\n`,
      errors: [
        {
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 60,
          message: 'access.default_agent_user makes an agent run as the CRM Analytics Integration User',
        },
      ],
    },
    {
      name: 'sf org create agent-user with a base username of the Automated Process form',
      path: 'scripts/agent.sh',
      code: `sf org create agent-user --base-username autoproc@${ORG} --target-org dev\n`,
      errors: [
        {
          line: 1,
          column: 42,
          endLine: 1,
          endColumn: 69,
          message: 'sf org create agent-user would create a user made to look like the Automated Process user (--base-username',
        },
      ],
    },
    {
      name: 'sf org create agent-user named Automated Process',
      path: 'scripts/agent.sh',
      code: 'sf org create agent-user --first-name Automated --last-name "Process" -o dev\n',
      errors: [{ line: 1, column: 62, endLine: 1, endColumn: 69, message: 'its name would be Automated Process' }],
    },
  ],
});
