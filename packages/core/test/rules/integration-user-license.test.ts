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

const ps = (license: string, ...perms: string[]) =>
  xml('PermissionSet', [`    <label>X</label>`, `    <license>${license}</license>`, ...perms].join('\n'));
const userDef = (fields: Record<string, unknown>) => JSON.stringify({ LastName: 'Ops', Email: 'ops@acme.com', ...fields }, null, 2);
const apiOnlyProfile = (licence: string) => profile(licence, perm('ApiUserOnly'));

runRuleTests(integrationUserLicense, {
  valid: [
    {
      name: '(b) API-only set without a licence',
      path: 'permissionsets/ERP.permissionset-meta.xml',
      code: xml('PermissionSet', perm('ApiUserOnly')),
    },
    {
      name: '(b) API-only set on Salesforce Integration',
      path: 'permissionsets/ERP.permissionset-meta.xml',
      code: ps('Salesforce Integration', perm('ApiUserOnly')),
    },
    {
      name: '(c) an ordinary scratch user',
      path: 'config/user-def.json',
      code: userDef({ Username: 'dev@acme.com', profileName: 'System Administrator' }),
    },
    {
      name: '(c) an integration user on the API-only profile',
      path: 'config/erp-user.json',
      code: userDef({ Username: 'erp@acme.com', profileName: 'Minimum Access - API Only Integrations' }),
    },
  ],
  invalid: [
    {
      name: '(b) a permission set that enables API Only User on the Salesforce licence',
      path: 'permissionsets/ERP.permissionset-meta.xml',
      code: ps('Salesforce', perm('ApiUserOnly')),
      errors: [
        {
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
          message:
            'Permission set ERP enables API Only User (ApiUserOnly) for integration users but is tied to the general-purpose licence "Salesforce"',
        },
      ],
    },
    {
      name: '(c) a user definition whose profile file enables API only on a full licence, with the fix',
      path: 'config/erp-user.json',
      code: userDef({ Username: 'erp@acme.com', profileName: 'ERP Integration' }),
      files: { 'force-app/main/default/profiles/ERP Integration.profile-meta.xml': apiOnlyProfile('Salesforce') },
      errors: [
        {
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 35,
          message:
            'erp@acme.com is an integration user (its profile ERP Integration enables API Only User) but gets the general-purpose licence "Salesforce" from the profile ERP Integration',
          output: userDef({ Username: 'erp@acme.com', profileName: 'Minimum Access - API Only Integrations' }),
          related: [
            'force-app/main/default/profiles/ERP Integration.profile-meta.xml',
            'force-app/main/default/profiles/ERP Integration.profile-meta.xml',
          ],
        },
        // (a) on the profile itself.
        {
          path: 'force-app/main/default/profiles/ERP Integration.profile-meta.xml',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 28,
          message: 'Profile "ERP Integration"',
        },
      ],
    },
    {
      name: '(c) an integration user by configuration pattern, on the default Standard User profile',
      path: 'config/int-user.json',
      code: userDef({ Username: 'svc.erp@acme.com' }),
      config: { integrationUsers: ['svc.*@acme.com'] },
      errors: [{ line: 4, column: 15, endLine: 4, endColumn: 33, message: 'its username matches "svc.*@acme.com" of integrationUsers' }],
    },
    {
      name: '(c) an integration user through a permission set that enables API Only User',
      path: 'config/int-user.json',
      code: userDef({ Username: 'erp@acme.com', profileName: 'Standard User', permsets: ['API_Only'] }),
      files: { 'permissionsets/API_Only.permissionset-meta.xml': xml('PermissionSet', perm('ApiUserOnly')) },
      errors: [{ line: 5, column: 18, endLine: 5, endColumn: 33, message: 'its permission set API_Only enables API Only User' }],
    },
    {
      name: '(d) a login element naming an integration user on a full licence',
      path: 'connectedApps/ERP.connectedApp-meta.xml',
      code: xml(
        'ConnectedApp',
        '    <oauthConfig>\n        <oauthClientCredentialUser>erp@acme.com</oauthClientCredentialUser>\n    </oauthConfig>',
      ),
      files: { 'config/erp-user.json': userDef({ Username: 'erp@acme.com', profileName: 'System Administrator' }) },
      errors: [
        // (c) on the user definition: named by a login element, so an integration user.
        {
          path: 'config/erp-user.json',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 40,
          message: 'it is named by ConnectedApp.oauthClientCredentialUser',
        },
        {
          line: 4,
          column: 36,
          endLine: 4,
          endColumn: 48,
          message:
            'ConnectedApp.oauthClientCredentialUser logs in as the integration user erp@acme.com, whose licence resolves to the general-purpose "Salesforce" (from the standard profile System Administrator)',
          related: ['config/erp-user.json'],
        },
      ],
    },
  ],
});

// Decomposed permission sets (decomposePermissionSetBeta and Beta2): the user permissions live in other files.
const MAIN = 'force-app/main/default/permissionsets/ERP/ERP.permissionset-meta.xml';
runRuleTests(integrationUserLicense, {
  valid: [
    {
      name: '(b) decomposed set without API only',
      path: MAIN,
      code: xml('PermissionSet', '    <label>ERP</label>\n    <license>Salesforce</license>'),
      files: { 'force-app/main/default/permissionsets/ERP/ERP.userPermission-meta.xml': xml('PermissionSet', perm('ApiEnabled')) },
    },
  ],
  invalid: [
    {
      name: '(b) decomposePermissionSetBeta2: ApiUserOnly in <Name>.userPermission-meta.xml',
      path: MAIN,
      code: xml('PermissionSet', '    <label>ERP</label>\n    <license>Salesforce</license>'),
      files: { 'force-app/main/default/permissionsets/ERP/ERP.userPermission-meta.xml': xml('PermissionSet', perm('ApiUserOnly')) },
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 24, message: 'Permission set ERP enables API Only User' }],
    },
    {
      name: '(b) decomposePermissionSetBeta: one file per permission, <UserPermission> as root',
      path: MAIN,
      code: xml('PermissionSet', '    <label>ERP</label>\n    <license>Salesforce Platform</license>'),
      files: {
        'force-app/main/default/permissionsets/ERP/userPermissions/ApiUserOnly.userPermission-meta.xml': xml(
          'UserPermission',
          '    <enabled>true</enabled>\n    <name>ApiUserOnly</name>',
        ),
      },
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 33 }],
    },
  ],
});

// Rules v3: agent users are not integration users to license: the Einstein Agent User profile and
// any licence starting with "Einstein Agent" are a feature's, whatever a name or ApiUserOnly says.
const agentUser = (fields: Record<string, unknown>) =>
  JSON.stringify({ Username: 'api.agent@acme.com', LastName: 'API Agent', ...fields }, null, 2);
runRuleTests(integrationUserLicense, {
  valid: [
    {
      name: 'the Einstein Agent User profile file, API-only, even on a general-purpose licence',
      path: 'force-app/main/default/profiles/Einstein Agent User.profile-meta.xml',
      code: profile('Salesforce', perm('ApiUserOnly')),
    },
    {
      name: 'a user named like an integration on the Einstein Agent User profile',
      path: 'config/agent-user-def.json',
      code: agentUser({ profileName: 'Einstein Agent User', permsets: ['AgentforceServiceAgentUser'] }),
    },
    {
      name: 'a snapshot user on a licence starting with Einstein Agent, named by a login element',
      path: 'force-app/main/default/extlClntAppOauthPolicies/Bot.ecaOauthPlcy-meta.xml',
      code: xml('ExtlClntAppOauthConfigurablePolicies', '    <executeHandlerAs>api.agent@acme.com</executeHandlerAs>'),
      snapshot: {
        'User.json': JSON.stringify({
          result: {
            records: [
              {
                Username: 'api.agent@acme.com',
                IsActive: true,
                Profile: { Name: 'Service Agents', UserLicense: { Name: 'Einstein Agent Platform' } },
              },
            ],
          },
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'executeHandlerAs is a login element: it names an integration user on a general-purpose licence',
      path: 'force-app/main/default/extlClntAppOauthPolicies/ERP.ecaOauthPlcy-meta.xml',
      code: xml('ExtlClntAppOauthConfigurablePolicies', '    <executeHandlerAs>erp.handler@acme.com</executeHandlerAs>'),
      files: { 'config/erp.json': JSON.stringify({ Username: 'erp.handler@acme.com', LastName: 'Handler', profileName: 'Standard User' }) },
      errors: [
        {
          path: 'config/erp.json',
          line: 1,
          column: 71,
          endLine: 1,
          endColumn: 86,
          message:
            'erp.handler@acme.com is an integration user (it is named by ExtlClntAppOauthConfigurablePolicies.executeHandlerAs in ERP.ecaOauthPlcy-meta.xml)',
        },
        {
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 43,
          message: 'ExtlClntAppOauthConfigurablePolicies.executeHandlerAs logs in as the integration user erp.handler@acme.com',
        },
      ],
    },
  ],
});
