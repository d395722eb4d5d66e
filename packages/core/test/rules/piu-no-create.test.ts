import { piuNoCreate } from '../../src/rules/piu-no-create.js';
import { queryOutput, runRuleTests } from '../ruleTester.js';

const userDef = (fields: Record<string, unknown>) => JSON.stringify({ LastName: 'Sync', Email: 'ops@acme.com', ...fields }, null, 2);

runRuleTests(piuNoCreate, {
  valid: [
    {
      name: 'an ordinary scratch user',
      path: 'config/user-def.json',
      code: userDef({ Username: 'erp.sync@acme.com.scratch', profileName: 'Minimum Access - API Only Integrations' }),
    },
    {
      name: 'a scratch org definition is not a user',
      path: 'config/project-scratch-def.json',
      code: JSON.stringify({ orgName: 'Acme', edition: 'Developer' }),
    },
    {
      name: 'a tree file of accounts',
      path: 'data/accounts.json',
      code: JSON.stringify({ records: [{ attributes: { type: 'Account', referenceId: 'A1' }, Name: 'Platform Integration User' }] }),
    },
  ],
  invalid: [
    {
      name: 'by username',
      path: 'config/piu-user-def.json',
      code: userDef({ Username: 'cloud@00d5e000000abcdeaa' }),
      errors: [
        {
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 41,
          message: 'would create the Platform Integration User (username cloud@00d5e000000abcdeaa',
        },
      ],
    },
    {
      name: 'by last name',
      path: 'config/user.json',
      code: JSON.stringify({ LastName: 'Platform Integration User', Email: 'x@acme.com' }, null, 2),
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 42, message: 'its name is Platform Integration User' }],
    },
    {
      name: 'by UserType in a tree file',
      path: 'data/users.json',
      code: JSON.stringify(
        { records: [{ attributes: { type: 'User', referenceId: 'U1' }, Username: 'x@acme.com', UserType: 'CloudIntegrationUser' }] },
        null,
        2,
      ),
      errors: [{ line: 9, column: 19, endLine: 9, endColumn: 41, message: 'its UserType is CloudIntegrationUser' }],
    },
    {
      name: 'by a profile on the Cloud Integration User licence in the workspace',
      path: 'config/user-def.json',
      code: userDef({ Username: 'feature@acme.com', profileName: 'Cloud Integration' }),
      files: {
        'force-app/main/default/profiles/Cloud Integration.profile-meta.xml':
          '<Profile><userLicense>Cloud Integration User</userLicense></Profile>',
      },
      errors: [
        {
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 37,
          message: 'its licence is Cloud Integration User (from the profile Cloud Integration)',
        },
      ],
    },
    {
      name: 'by the snapshot licence of a known username',
      path: 'config/user-def.json',
      code: userDef({ Username: 'sysuser@acme.com' }),
      snapshot: {
        'User.json': queryOutput([
          {
            Username: 'sysuser@acme.com',
            IsActive: true,
            Profile: { Name: 'Cloud Integration', UserLicense: { Name: 'Cloud Integration User' } },
          },
        ]),
      },
      errors: [{ line: 4, column: 15, endLine: 4, endColumn: 33, message: 'from the org snapshot' }],
    },
  ],
});

// Rules v3: sf org create agent-user that would make a user look like the PIU.
runRuleTests(piuNoCreate, {
  valid: [
    {
      name: 'the defaults (Agent User) and ordinary names',
      path: 'scripts/agent.sh',
      code: 'sf org create agent-user --target-org dev\nsf org create agent-user --first-name Service --last-name Agent -o dev\n',
    },
  ],
  invalid: [
    {
      name: 'a base username of the PIU form',
      path: 'scripts/agent.sh',
      code: 'sf org create agent-user --base-username cloud@00d5e000000abcdeaa --target-org dev\n',
      errors: [
        {
          line: 1,
          column: 42,
          endLine: 1,
          endColumn: 66,
          message: 'sf org create agent-user would create a user made to look like the Platform Integration User',
        },
      ],
    },
    {
      name: 'a last name Platform Integration User, in a package.json script',
      path: 'package.json',
      code: JSON.stringify({ scripts: { agent: "sf org create agent-user --last-name 'Platform Integration User'" } }, null, 2),
      errors: [{ line: 3, column: 53, endLine: 3, endColumn: 78, message: 'its name would be Platform Integration User' }],
    },
    {
      name: 'first name Platform Integration with the default last name User',
      path: 'scripts/agent.sh',
      code: 'sf org create agent-user --first-name "Platform Integration" -o dev\n',
      errors: [{ line: 1, column: 40, endLine: 1, endColumn: 60, message: 'its name would be Platform Integration User' }],
    },
  ],
});
