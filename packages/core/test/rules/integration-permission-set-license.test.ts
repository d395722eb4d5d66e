import { integrationPermissionSetLicense } from '../../src/rules/integration-permission-set-license.js';
import { queryOutput, runRuleTests, xml } from '../ruleTester.js';

const ps = (license?: string) =>
  xml('PermissionSet', ['    <label>ERP Sync</label>', license ? `    <license>${license}</license>` : ''].filter(Boolean).join('\n'));
const intUser = (permsets: string[]) =>
  JSON.stringify({ Username: 'erp@acme.com', LastName: 'ERP', profileName: 'Minimum Access - API Only Integrations', permsets }, null, 2);
const PATH = 'force-app/main/default/permissionsets/ERP_Sync.permissionset-meta.xml';

runRuleTests(integrationPermissionSetLicense, {
  valid: [
    { name: 'no licence (the recommended pattern)', path: PATH, code: ps(), files: { 'config/erp.json': intUser(['ERP_Sync']) } },
    {
      name: 'the Salesforce Integration licence',
      path: PATH,
      code: ps('Salesforce Integration'),
      files: { 'config/erp.json': intUser(['ERP_Sync']) },
    },
    {
      name: 'the PSL by DeveloperName',
      path: PATH,
      code: ps('SalesforceAPIIntegrationPsl'),
      files: { 'config/erp.json': intUser(['ERP_Sync']) },
    },
    { name: 'the PSL by label', path: PATH, code: ps('Salesforce API Integration'), files: { 'config/erp.json': intUser(['ERP_Sync']) } },
    { name: 'a full-licence set assigned to nobody who is an integration user', path: PATH, code: ps('Salesforce') },
  ],
  invalid: [
    {
      name: 'assigned through user definition permsets',
      path: PATH,
      code: ps('Salesforce'),
      files: { 'config/erp.json': intUser(['ERP_Sync']) },
      errors: [
        {
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
          message:
            'Permission set ERP_Sync is tied to the licence "Salesforce" but is assigned to the integration user erp@acme.com (its profile is Minimum Access - API Only Integrations), and Salesforce refuses that assignment',
          related: ['config/erp.json'],
        },
      ],
    },
    {
      name: 'assigned through a connected app whose run-as user is an integration user',
      path: PATH,
      code: ps('Salesforce Platform'),
      files: {
        'connectedApps/ERP.connectedApp-meta.xml': xml(
          'ConnectedApp',
          '    <oauthConfig>\n        <oauthClientCredentialUser>svc@acme.com</oauthClientCredentialUser>\n    </oauthConfig>\n    <permissionSetName>ERP_Sync</permissionSetName>',
        ),
      },
      errors: [
        {
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 33,
          message: 'it is named by ConnectedApp.oauthClientCredentialUser',
          related: ['connectedApps/ERP.connectedApp-meta.xml'],
        },
      ],
    },
    {
      name: 'assigned in the org snapshot to an integration user',
      path: PATH,
      code: ps('Salesforce'),
      snapshot: {
        'User.json': queryOutput([
          {
            Username: 'etl@acme.com',
            IsActive: true,
            Profile: { Name: 'Minimum Access - API Only Integrations', UserLicense: { Name: 'Salesforce Integration' } },
          },
        ]),
        'PermissionSetAssignment.json': queryOutput([
          { Assignee: { Username: 'etl@acme.com' }, PermissionSet: { Name: 'ERP_Sync', IsOwnedByProfile: false } },
        ]),
      },
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 24, related: ['.snapshot/PermissionSetAssignment.json'] }],
    },
  ],
});

// Rules v3: a permission set assigned to an agent user (Einstein Agent User profile) is not one of an integration user.
runRuleTests(integrationPermissionSetLicense, {
  valid: [
    {
      name: 'a Salesforce-licence set assigned to an agent user named like an integration',
      path: PATH,
      code: ps('Salesforce'),
      files: {
        'config/agent.json': JSON.stringify({
          Username: 'api.agent@acme.com',
          LastName: 'API',
          profileName: 'Einstein Agent User',
          permsets: ['ERP_Sync'],
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'the same set assigned to the agent user and to an integration user: the integration user is named',
      path: PATH,
      code: ps('Salesforce'),
      files: {
        'config/agent.json': JSON.stringify({
          Username: 'api.agent@acme.com',
          LastName: 'API',
          profileName: 'Einstein Agent User',
          permsets: ['ERP_Sync'],
        }),
        'config/erp.json': intUser(['ERP_Sync']),
      },
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 24, message: 'assigned to the integration user erp@acme.com' }],
    },
  ],
});
