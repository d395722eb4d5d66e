import { describe, expect, it } from 'vitest';
import { integrationLeastPrivilege } from '../../src/rules/integration-least-privilege.js';
import { lintCase, runRuleTests, xml } from '../ruleTester.js';

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
