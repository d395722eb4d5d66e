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
