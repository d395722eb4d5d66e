import { describe, expect, it } from 'vitest';
import { integrationLeastPrivilege } from '../../src/rules/integration-least-privilege.js';
import { lintCase, queryOutput, runRuleTests, xml } from '../ruleTester.js';

const perm = (name: string, enabled = true) =>
  `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const profile = (licence: string, ...perms: string[]) => xml('Profile', [`    <userLicense>${licence}</userLicense>`, ...perms].join('\n'));

runRuleTests(integrationLeastPrivilege, {
  valid: [
    {
      name: 'an admin profile that is not API-only',
      path: 'profiles/Admin.profile-meta.xml',
      code: profile('Salesforce', perm('ModifyAllData')),
    },
    {
      name: 'an integration profile with modest permissions',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ApiEnabled'), perm('ApiUserOnly')),
    },
    {
      name: 'a high-risk permission switched off',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ModifyAllData', false)),
    },
    {
      name: 'a disable-next-line comment above the first high-risk permission suppresses the one finding of the profile',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('AuthorApex'), perm('ViewAllData')).replace(
        '        <name>AuthorApex</name>',
        '        <!-- iulint-disable-next-line integration-least-privilege -->\n        <name>AuthorApex</name>',
      ),
    },
    {
      name: 'a Salesforce-managed feature profile',
      path: 'profiles/Analytics Cloud Integration User.profile-meta.xml',
      code: profile('Analytics Cloud Integration User', perm('ApiUserOnly'), perm('ViewAllData')),
    },
    {
      name: 'a copy of a set that is not API-only, while its namesake in another package folder is',
      path: 'force-app/main/default/permissionsets/Ops.permissionset-meta.xml',
      code: xml('PermissionSet', perm('ModifyAllData')),
      files: {
        'other-app/main/default/permissionsets/Ops.permissionset-meta.xml': xml('PermissionSet', [perm('ApiUserOnly')].join('\n')),
      },
    },
  ],
  invalid: [
    {
      name: 'a clone of System Administrator made API-only: one finding at the first high-risk permission, naming all three',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce', perm('ApiUserOnly'), perm('AuthorApex'), perm('ModifyAllData'), perm('ViewAllData')),
      errors: [
        {
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 25,
          message:
            'Profile "ERP" belongs to integration users (it enables API Only User) and grants 3 high-risk permissions (AuthorApex, ModifyAllData and ViewAllData); give an integration user only the access its integration needs (one user per integration, least privilege) and remove them.',
          related: ['profiles/ERP.profile-meta.xml', 'profiles/ERP.profile-meta.xml'],
        },
      ],
    },
    {
      name: 'a disable-next-line comment above a later permission leaves the one finding at the first',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile(
        'Salesforce Integration',
        perm('AuthorApex'),
        '    <!-- iulint-disable-next-line integration-least-privilege -->',
        perm('ViewAllData'),
      ),
      errors: [{ line: 6, column: 15, endLine: 6, endColumn: 25, message: 'grants 2 high-risk permissions (AuthorApex and ViewAllData)' }],
    },
    {
      name: 'a permission set assigned to an integration user with two high-risk permissions: one finding',
      path: 'permissionsets/ERP_Admin.permissionset-meta.xml',
      code: xml('PermissionSet', [perm('ManageUsers'), perm('ResetPasswords')].join('\n')),
      files: {
        'config/erp.json': JSON.stringify({
          Username: 'erp@acme.com',
          LastName: 'E',
          profileName: 'Minimum Access - API Only Integrations',
          permsets: 'ERP_Admin',
        }),
      },
      errors: [
        {
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 26,
          message: 'and grants 2 high-risk permissions (ManageUsers and ResetPasswords); give',
          related: ['permissionsets/ERP_Admin.permissionset-meta.xml'],
        },
      ],
    },
    {
      name: 'an API-only profile with ModifyAllData',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce', perm('ApiUserOnly'), perm('ModifyAllData')),
      errors: [
        {
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 28,
          message: 'Profile "ERP" belongs to integration users (it enables API Only User) and grants ModifyAllData',
        },
      ],
    },
    {
      name: 'a Salesforce Integration profile with a configured permission',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ExportReport')),
      config: { highRiskPermissions: ['ExportReport'] },
      errors: [{ line: 6, column: 15, endLine: 6, endColumn: 27, message: 'its licence is Salesforce Integration' }],
    },
    {
      name: 'a permission set assigned to an integration user',
      path: 'permissionsets/ERP_Admin.permissionset-meta.xml',
      code: xml('PermissionSet', perm('AuthorApex')),
      files: {
        'config/erp.json': JSON.stringify({
          Username: 'erp@acme.com',
          LastName: 'E',
          profileName: 'Minimum Access - API Only Integrations',
          permsets: 'ERP_Admin',
        }),
      },
      errors: [
        {
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 25,
          message: 'it is assigned to the integration user erp@acme.com by permsets of erp.json',
        },
      ],
    },
  ],
});

describe('integration-least-privilege: the related locations of the one finding', () => {
  it('point at each other high-risk permission, in document order', async () => {
    const code = profile(
      'Salesforce Integration',
      perm('ViewAllData'),
      perm('ApiEnabled'),
      perm('ModifyAllData'),
      perm('AuthorApex', false),
    );
    const [f] = await lintCase(integrationLeastPrivilege, { path: 'profiles/ERP.profile-meta.xml', code });
    const lines = code.split('\n');
    expect(
      f?.related.map((r) => [
        r.range.start.line + 1,
        lines[r.range.start.line]?.slice(r.range.start.character, r.range.end.character),
        r.message,
      ]),
    ).toEqual([[14, 'ModifyAllData', 'also grants ModifyAllData']]);
  });
});

// Rules v3, where integration-least-privilege reports: an integration user on a profile that is not an
// integration profile gets the finding on its profile reference; the shared profile is not flagged.
const ADMIN_CLONE = 'force-app/main/default/profiles/Ops Admin.profile-meta.xml';
const adminClone = xml(
  'Profile',
  ['    <custom>true</custom>', '    <userLicense>Salesforce</userLicense>', perm('ModifyAllData'), perm('ViewAllData')].join('\n'),
);
const apiOnlySet = xml('PermissionSet', ['    <label>API Only</label>', perm('ApiUserOnly')].join('\n'));
const API_SET = 'force-app/main/default/permissionsets/API_Only.permissionset-meta.xml';
const def = (fields: Record<string, unknown>) => JSON.stringify({ LastName: 'Sync', profileName: 'Ops Admin', ...fields }, null, 2);
runRuleTests(integrationLeastPrivilege, {
  valid: [
    {
      name: 'a person on the clone is not an integration user',
      path: 'config/jane.json',
      code: def({ Username: 'jane.doe@acme.com', LastName: 'Doe' }),
      files: { [ADMIN_CLONE]: adminClone },
    },
    {
      name: 'the Einstein Agent User profile with ApiUserOnly and ModifyAllData is a feature profile',
      path: 'force-app/main/default/profiles/Einstein Agent User.profile-meta.xml',
      code: profile('Einstein Agent', perm('ApiUserOnly'), perm('ModifyAllData')),
    },
  ],
  invalid: [
    {
      name: 'the System Administrator clone itself is not flagged, though an API-only user is on it: the one finding is on the user',
      path: ADMIN_CLONE,
      code: adminClone,
      files: { 'config/erp.json': def({ Username: 'erp@acme.com', permsets: ['API_Only'] }), [API_SET]: apiOnlySet },
      errors: [{ path: 'config/erp.json', line: 3, column: 18, endLine: 3, endColumn: 29 }],
    },
    {
      name: 'an integration user on an integration profile: the profile carries the finding, not the user',
      path: 'config/erp.json',
      code: def({ Username: 'erp@acme.com', profileName: 'ERP Integration' }),
      files: {
        'force-app/main/default/profiles/ERP Integration.profile-meta.xml': profile(
          'Salesforce',
          perm('ApiUserOnly'),
          perm('ModifyAllData'),
        ),
      },
      errors: [
        {
          path: 'force-app/main/default/profiles/ERP Integration.profile-meta.xml',
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 28,
          message: 'Profile "ERP Integration" belongs to integration users',
        },
      ],
    },
    {
      name: 'an API-only user (through an assigned ApiUserOnly permission set) on a System Administrator clone: on its profileName',
      path: 'config/erp.json',
      code: def({ Username: 'erp@acme.com', permsets: ['API_Only'] }),
      files: { [ADMIN_CLONE]: adminClone, [API_SET]: apiOnlySet },
      errors: [
        {
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 29,
          message:
            'erp@acme.com is an integration user (its permission set API_Only enables API Only User) on the profile "Ops Admin", which grants 2 high-risk permissions (ModifyAllData and ViewAllData) and is not an integration profile (people may share it)',
          related: [ADMIN_CLONE, ADMIN_CLONE, API_SET],
        },
      ],
    },
    {
      name: 'a second user on the clone, an integration user by name: its own finding, resting on the name',
      path: 'config/boomi.json',
      code: def({ Username: 'boomi.orders@acme.com' }),
      files: { [ADMIN_CLONE]: adminClone },
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 29, message: "named like an integration user: 'boomi.orders@acme.com'" }],
    },
    {
      name: 'an integration user by a login element (a JWT login) and by integrationUsers',
      path: 'config/etl.json',
      code: def({ Username: 'etl@acme.com' }),
      files: { [ADMIN_CLONE]: adminClone, 'scripts/login.sh': 'sf org login jwt --username etl@acme.com\n' },
      config: { integrationUsers: ['etl@*'] },
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 29, message: 'it is named by sf org login jwt in login.sh' }],
    },
    {
      name: 'a tree record whose ProfileId the snapshot resolves to the clone',
      path: 'data/users.json',
      code: JSON.stringify(
        {
          records: [
            { attributes: { type: 'User', referenceId: 'Sync' }, Username: 'sync@acme.com', LastName: 'S', ProfileId: '00e000000000001' },
          ],
        },
        null,
        2,
      ),
      files: { [ADMIN_CLONE]: adminClone },
      snapshot: {
        'User.json': queryOutput([
          { Username: 'someone@acme.com', IsActive: true, ProfileId: '00e000000000001', Profile: { Name: 'Ops Admin' } },
        ]),
      },
      errors: [{ line: 10, column: 20, endLine: 10, endColumn: 37, message: 'sync@acme.com is an integration user' }],
    },
    {
      name: 'a permission set whose licence is Salesforce Integration is an integration set',
      path: 'force-app/main/default/permissionsets/ERP_Write.permissionset-meta.xml',
      code: xml('PermissionSet', ['    <license>Salesforce Integration</license>', perm('ViewAllData')].join('\n')),
      errors: [
        {
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 26,
          message: 'Permission set ERP_Write belongs to integration users (its licence is Salesforce Integration)',
        },
      ],
    },
  ],
});

// Where integration-least-privilege reports a permission set that an integration user shares with
// people: on that user's assignment reference (a permsets entry, a tree PermissionSetAssignment's
// permission set), one finding per user source; the shared set itself is not flagged.
const DATA_ADMIN = 'force-app/main/default/permissionsets/Data_Admin.permissionset-meta.xml';
const dataAdmin = xml('PermissionSet', ['    <label>Data Admin</label>', perm('ModifyAllData'), perm('ViewAllData')].join('\n'));
const integrationDef = (fields: Record<string, unknown>) =>
  JSON.stringify({ Username: 'erp@acme.com', LastName: 'ERP', profileName: 'Minimum Access - API Only Integrations', ...fields }, null, 2);
const personDef = (permsets: unknown) =>
  JSON.stringify({ Username: 'jane.doe@acme.com', LastName: 'Doe', profileName: 'Standard User', permsets }, null, 2);
runRuleTests(integrationLeastPrivilege, {
  valid: [
    {
      name: 'a high-risk set that only people hold',
      path: DATA_ADMIN,
      code: dataAdmin,
      files: { 'config/jane.json': personDef(['Data_Admin']), 'config/joe.json': personDef('Data_Admin').replace('jane.doe', 'joe') },
    },
    {
      name: 'a shared set without a high-risk permission',
      path: 'config/erp.json',
      code: integrationDef({ permsets: ['Reports'] }),
      files: {
        'config/jane.json': personDef(['Reports']),
        'force-app/main/default/permissionsets/Reports.permissionset-meta.xml': xml('PermissionSet', perm('RunReports')),
      },
    },
    {
      name: 'an agent user (Einstein Agent User) and a person share a high-risk set: an agent user is not an integration user',
      path: 'config/agent.json',
      code: JSON.stringify({ Username: 'agent@acme.com', LastName: 'Agent', profileName: 'Einstein Agent User', permsets: ['Data_Admin'] }),
      files: { 'config/jane.json': personDef(['Data_Admin']), [DATA_ADMIN]: dataAdmin },
    },
    {
      name: 'a set consented for the Platform Integration User is left to piu-consent-scope',
      path: 'config/erp.json',
      code: integrationDef({ permsets: ['sfdcInternalInt__sfdc_feature'] }),
      files: {
        'config/jane.json': personDef(['sfdcInternalInt__sfdc_feature']),
        'force-app/main/default/permissionsets/sfdcInternalInt__sfdc_feature.permissionset-meta.xml': dataAdmin,
      },
    },
  ],
  invalid: [
    {
      name: "a set people hold too: on the integration user's permsets entry, not on the set",
      path: DATA_ADMIN,
      code: dataAdmin,
      files: { 'config/erp.json': integrationDef({ permsets: ['Data_Admin'] }), 'config/jane.json': personDef(['Data_Admin']) },
      errors: [
        {
          path: 'config/erp.json',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 17,
          message:
            'erp@acme.com is an integration user (its profile is Minimum Access - API Only Integrations) and holds the permission set Data_Admin, which grants 2 high-risk permissions (ModifyAllData and ViewAllData) and is shared with jane.doe@acme.com, who is not an integration user;',
          related: [DATA_ADMIN, DATA_ADMIN, 'config/jane.json'],
        },
      ],
    },
    {
      name: 'the permsets string form: the range is the name inside the string; one finding however often the set is listed',
      path: 'config/erp.json',
      code: integrationDef({ permsets: 'Reports, Data_Admin,Data_Admin' }),
      files: { 'config/jane.json': personDef('Data_Admin'), [DATA_ADMIN]: dataAdmin },
      errors: [{ line: 5, column: 25, endLine: 5, endColumn: 35, message: 'holds the permission set Data_Admin,' }],
    },
    {
      name: 'two integration users share the set with a person: one finding in each user source',
      path: 'config/erp.json',
      code: integrationDef({ permsets: ['Data_Admin'] }),
      files: {
        'config/etl.json': integrationDef({ Username: 'etl@acme.com', permsets: ['Data_Admin'] }),
        'config/jane.json': personDef(['Data_Admin']),
        [DATA_ADMIN]: dataAdmin,
      },
      errors: [
        { line: 6, column: 5, endLine: 6, endColumn: 17, message: 'erp@acme.com is an integration user' },
        { path: 'config/etl.json', line: 6, column: 5, endLine: 6, endColumn: 17, message: 'etl@acme.com is an integration user' },
      ],
    },
    {
      name: 'through a permission set group: on the group entry, naming the set and the group',
      path: 'config/erp.json',
      code: integrationDef({ permsets: ['Ops_Bundle'] }),
      files: {
        'config/jane.json': personDef(['Data_Admin']),
        [DATA_ADMIN]: dataAdmin,
        'force-app/main/default/permissionsetgroups/Ops_Bundle.permissionsetgroup-meta.xml': xml(
          'PermissionSetGroup',
          '    <label>Ops Bundle</label>\n    <permissionSets>Data_Admin</permissionSets>',
        ),
      },
      errors: [
        {
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 17,
          message: 'holds the permission set Data_Admin (through the permission set group Ops_Bundle), which grants',
        },
      ],
    },
    {
      name: 'a tree PermissionSetAssignment for an integration user by name: on its permission set field, resting on the name',
      path: 'data/users.json',
      code: JSON.stringify(
        {
          records: [
            {
              attributes: { type: 'User', referenceId: 'Mule' },
              Username: 'mulesoft.orders@acme.com',
              LastName: 'Orders',
              ProfileId: '00e000000000001',
              PermissionSetAssignments: {
                records: [
                  { attributes: { type: 'PermissionSetAssignment', referenceId: 'MulePsa' }, PermissionSet: { Name: 'Data_Admin' } },
                ],
              },
            },
          ],
        },
        null,
        2,
      ),
      files: { 'config/jane.json': personDef(['Data_Admin']), [DATA_ADMIN]: dataAdmin },
      errors: [
        {
          line: 19,
          column: 23,
          endLine: 19,
          endColumn: 35,
          message:
            "mulesoft.orders@acme.com is an integration user (named like an integration user: 'mulesoft.orders@acme.com' (its username))",
        },
      ],
    },
  ],
});

describe('integration-least-privilege: a shared set on the assignment reference', () => {
  it('rests on a name only when the user is an integration user by name only (SARIF rank 50)', async () => {
    const findings = await lintCase(integrationLeastPrivilege, {
      path: 'config/boomi.json',
      code: JSON.stringify({
        Username: 'boomi.orders@acme.com',
        LastName: 'Orders',
        profileName: 'Standard User',
        permsets: ['Data_Admin'],
      }),
      files: { 'config/jane.json': personDef(['Data_Admin']), [DATA_ADMIN]: dataAdmin },
    });
    expect(findings.map((f) => [f.path.slice('/project/'.length), f.byName])).toEqual([['config/boomi.json', true]]);
  });
});
