import { integrationLeastPrivilege } from '../../src/rules/integration-least-privilege.js';
import { runRuleTests, xml } from '../ruleTester.js';

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
      name: 'a Salesforce-managed feature profile',
      path: 'profiles/Analytics Cloud Integration User.profile-meta.xml',
      code: profile('Analytics Cloud Integration User', perm('ApiUserOnly'), perm('ViewAllData')),
    },
  ],
  invalid: [
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
