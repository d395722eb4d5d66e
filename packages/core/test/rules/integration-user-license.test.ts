import { integrationUserLicense } from '../../src/rules/integration-user-license.js';
import { runRuleTests, xml } from '../ruleTester.js';

const perm = (name: string, enabled = true) =>
  `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const profile = (licence: string, ...perms: string[]) => xml('Profile', [`    <userLicense>${licence}</userLicense>`, ...perms].join('\n'));

runRuleTests(integrationUserLicense, {
  valid: [
    {
      name: 'API-only on Salesforce Integration',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ApiUserOnly')),
    },
    { name: 'full licence without API only', path: 'profiles/Admin.profile-meta.xml', code: profile('Salesforce', perm('ApiEnabled')) },
    { name: 'API only switched off', path: 'profiles/Sales.profile-meta.xml', code: profile('Salesforce', perm('ApiUserOnly', false)) },
    {
      name: 'a feature integration licence is Salesforce-managed',
      path: 'profiles/Analytics Cloud Integration User.profile-meta.xml',
      code: profile('Analytics Cloud Integration User', perm('ApiUserOnly')),
    },
    {
      name: 'a community licence is not general-purpose',
      path: 'profiles/Portal.profile-meta.xml',
      code: profile('Customer Community', perm('ApiUserOnly')),
    },
    { name: 'no licence element', path: 'profiles/X.profile-meta.xml', code: xml('Profile', perm('ApiUserOnly')) },
  ],
  invalid: [
    {
      name: 'API-only on Salesforce',
      path: 'force-app/main/default/profiles/Integration.profile-meta.xml',
      code: profile('Salesforce', perm('ApiEnabled'), perm('ApiUserOnly')),
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 28, message: 'Profile "Integration" enables API Only User (ApiUserOnly)' }],
    },
    {
      name: 'percent-encoded file name, Metadata API format',
      path: 'src/profiles/Custom%3A Sync.profile',
      code: profile('Salesforce Platform', perm('ApiUserOnly')),
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 37, message: 'Profile "Custom: Sync"' }],
    },
    {
      name: 'the file name of a standard profile',
      path: 'profiles/Admin.profile-meta.xml',
      code: profile('Salesforce', perm('ApiUserOnly')),
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 28, message: 'Profile "System Administrator"' }],
    },
    {
      name: 'a licence the configuration adds',
      path: 'profiles/P.profile-meta.xml',
      code: profile('Partner App Subscription', perm('ApiUserOnly')),
      config: { generalPurposeLicenses: ['Partner App Subscription'] },
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 42 }],
    },
    {
      name: 'permission name case-insensitive',
      path: 'profiles/P.profile-meta.xml',
      code: profile('Force.com - One App', perm('apiuseronly')),
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 37 }],
    },
  ],
});
