import { integrationLicenseCapacity } from '../../src/rules/integration-license-capacity.js';
import { queryOutput, runRuleTests } from '../ruleTester.js';

const user = (username: string) =>
  JSON.stringify({ Username: username, LastName: 'Int', profileName: 'Minimum Access - API Only Integrations' }, null, 2);
const snapshot = (total: number, used: number) => ({
  'UserLicense.json': queryOutput([{ Name: 'Salesforce Integration', TotalLicenses: total, UsedLicenses: used }]),
  'User.json': queryOutput(
    Array.from({ length: used }, (_, i) => ({
      Username: `int${i}@acme.com`,
      IsActive: true,
      Profile: { Name: 'Minimum Access - API Only Integrations', UserLicense: { Name: 'Salesforce Integration' } },
    })),
  ),
});

runRuleTests(integrationLicenseCapacity, {
  valid: [
    { name: 'no snapshot: silent', path: 'config/a-user.json', code: user('a@acme.com') },
    {
      name: 'room left',
      path: 'config/a-user.json',
      code: user('a@acme.com'),
      files: { 'config/b-user.json': user('b@acme.com') },
      snapshot: snapshot(5, 3),
    },
    {
      name: 'a user the org already has does not count twice',
      path: 'config/a-user.json',
      code: user('int0@acme.com'),
      snapshot: snapshot(1, 1),
    },
  ],
  invalid: [
    {
      name: 'the second new user crosses the limit',
      path: 'config/b-user.json',
      code: user('b@acme.com'),
      files: { 'config/a-user.json': user('a@acme.com') },
      snapshot: snapshot(5, 4),
      errors: [
        {
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 58,
          message:
            'This user would be integration user number 6 on the Salesforce Integration licence, but the org has 5 (4 already used by active users)',
        },
      ],
    },
  ],
});
