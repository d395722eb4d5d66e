import { unknownUser } from '../../src/rules/unknown-user.js';
import { queryOutput, runRuleTests, xml } from '../ruleTester.js';

const snapshot = {
  'User.json': queryOutput([
    { Username: 'ops@acme.com', IsActive: true },
    { Username: 'gone@acme.com', IsActive: false },
  ]),
};
const dash = (user: string) => xml('Dashboard', `    <runningUser>${user}</runningUser>`);

runRuleTests(unknownUser, {
  valid: [
    { name: 'no snapshot: silent', path: 'dashboards/F/D.dashboard-meta.xml', code: dash('nobody@acme.com') },
    { name: 'an active user', path: 'dashboards/F/D.dashboard-meta.xml', code: dash('ops@acme.com'), snapshot },
    { name: 'case-insensitive', path: 'dashboards/F/D.dashboard-meta.xml', code: dash('OPS@acme.com'), snapshot },
    { name: 'a placeholder', path: 'dashboards/F/D.dashboard-meta.xml', code: dash('%%%RUNNING_USER%%%'), snapshot },
    {
      name: 'a replacements string of sfdx-project.json',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: dash('REPLACE_ME@acme.com'),
      snapshot,
      files: {
        'sfdx-project.json': JSON.stringify({
          packageDirectories: [{ path: 'dashboards' }],
          replacements: [{ filename: 'x', stringToReplace: 'REPLACE_ME', replaceWithEnv: 'U' }],
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'a user the org does not have',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: dash('nobody@acme.com'),
      snapshot,
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 33, message: 'a user the org snapshot does not hold' }],
    },
    {
      name: 'an inactive user',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: dash('gone@acme.com'),
      snapshot,
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 31, message: 'inactive in the org snapshot' }],
    },
  ],
});

// Rules v3: agent running-user elements and the new run-as elements are read too.
runRuleTests(unknownUser, {
  valid: [
    {
      name: 'an agent user the snapshot holds, in another case',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: 'access:\n    default_agent_user: "OPS@ACME.COM"\n',
      snapshot,
    },
    {
      name: 'an Agent Script placeholder',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: 'access:\n    default_agent_user: "<default_agent_user_placeholder>"\n',
      snapshot,
    },
  ],
  invalid: [
    {
      name: 'an unresolved agent user of a Bot',
      path: 'force-app/main/default/bots/Help/Help.bot-meta.xml',
      code: xml('Bot', '    <botUser>help.agent@acme.com</botUser>'),
      snapshot,
      errors: [
        {
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 33,
          message: 'Bot.botUser names help.agent@acme.com, a user the org snapshot does not hold',
        },
      ],
    },
    {
      name: 'an unresolved agent user of an Agent Script file',
      path: 'force-app/main/default/aiAuthoringBundles/Help/Help.agent',
      code: 'access:\n    default_agent_user: "help.agent@acme.com"\n',
      snapshot,
      errors: [{ line: 2, column: 26, endLine: 2, endColumn: 45, message: 'access.default_agent_user names help.agent@acme.com' }],
    },
    {
      name: 'an inactive batch user of a DocumentExtractionDef',
      path: 'force-app/main/default/documentExtractionDefs/Invoices.documentExtractionDef-meta.xml',
      code: xml('DocumentExtractionDef', '    <batchUser>gone@acme.com</batchUser>'),
      snapshot,
      errors: [{ line: 3, column: 16, endLine: 3, endColumn: 29, message: 'inactive' }],
    },
  ],
});
