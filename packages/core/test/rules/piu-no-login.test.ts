import { piuNoLogin } from '../../src/rules/piu-no-login.js';
import { queryOutput, runRuleTests, xml } from '../ruleTester.js';

const PIU = 'cloud@00d5e000000abcdeaa';
const connectedApp = (user: string) =>
  xml(
    'ConnectedApp',
    `    <label>ERP</label>\n    <oauthConfig>\n        <isClientCredentialEnabled>true</isClientCredentialEnabled>\n        <oauthClientCredentialUser>${user}</oauthClientCredentialUser>\n    </oauthConfig>`,
  );

runRuleTests(piuNoLogin, {
  valid: [
    {
      name: 'an integration user runs the client-credentials flow',
      path: 'connectedApps/ERP.connectedApp-meta.xml',
      code: connectedApp('erp.sync@acme.com'),
    },
    {
      name: 'a placeholder in the login element',
      path: 'connectedApps/ERP.connectedApp-meta.xml',
      code: connectedApp('%%%RUN_AS_USER%%%'),
    },
    {
      name: 'a run-as element is piu-no-run-as',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', `    <runningUser>${PIU}</runningUser>`),
    },
    {
      name: 'jwt login as an integration user',
      path: 'scripts/auth.sh',
      code: 'sf org login jwt --username erp@acme.com --jwt-key-file server.key --client-id X\n',
    },
    {
      name: 'Apex runAs a user the test creates',
      path: 'classes/T.cls',
      code: "@isTest class T { static void t() { User u = new User(LastName='x'); System.runAs(u) { } } }",
    },
  ],
  invalid: [
    {
      name: 'ConnectedApp.oauthClientCredentialUser',
      path: 'force-app/main/default/connectedApps/ERP.connectedApp-meta.xml',
      code: connectedApp(PIU),
      errors: [
        {
          line: 6,
          column: 36,
          endLine: 6,
          endColumn: 60,
          message: 'ConnectedApp.oauthClientCredentialUser signs in as the Platform Integration User',
        },
      ],
    },
    {
      name: 'ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser',
      path: 'extlClntAppOauthPolicies/ERP.ecaOauthPlcy-meta.xml',
      code: xml('ExtlClntAppOauthConfigurablePolicies', `    <clientCredentialsFlowUser>${PIU}</clientCredentialsFlowUser>`),
      errors: [{ line: 3, column: 32, endLine: 3, endColumn: 56 }],
    },
    {
      name: 'Workflow outbound message integrationUser',
      path: 'workflows/Order.workflow-meta.xml',
      code: xml('Workflow', `    <outboundMessages>\n        <integrationUser>${PIU}</integrationUser>\n    </outboundMessages>`),
      errors: [{ line: 4, column: 26, endLine: 4, endColumn: 50 }],
    },
    {
      name: 'a user the snapshot knows as the PIU, whatever its username',
      path: 'authproviders/Okta.authprovider-meta.xml',
      code: xml('AuthProvider', '    <executionUser>system@acme.com</executionUser>'),
      snapshot: { 'User.json': queryOutput([{ Username: 'system@acme.com', UserType: 'CloudIntegrationUser', IsActive: true }]) },
      errors: [{ line: 3, column: 20, endLine: 3, endColumn: 35, message: 'its UserType is CloudIntegrationUser' }],
    },
    {
      name: 'sf org login jwt -o, sfdx force:auth:jwt:grant -u',
      path: 'scripts/auth.sh',
      code: `sf org login jwt -o ${PIU} -f server.key -i ID\nsfdx force:auth:jwt:grant -u ${PIU} -f k -i ID && echo ok\n`,
      errors: [
        { line: 1, column: 21, endLine: 1, endColumn: 45 },
        { line: 2, column: 30, endLine: 2, endColumn: 54 },
      ],
    },
    {
      name: 'target-org in .sf/config.json',
      path: '.sf/config.json',
      code: JSON.stringify({ 'target-org': PIU }, null, 2),
      errors: [{ line: 2, column: 17, endLine: 2, endColumn: 43, message: 'target-org is the Platform Integration User' }],
    },
    {
      name: 'Apex System.runAs on a user selected by name',
      path: 'force-app/main/default/classes/PiuTest.cls',
      code: "@isTest\nprivate class PiuTest {\n    @isTest static void asPiu() {\n        User piu = [SELECT Id FROM User WHERE Name = 'Platform Integration User' LIMIT 1];\n        System.runAs(piu) {\n            System.assert(true);\n        }\n    }\n}\n",
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 26,
          message: "System.runAs impersonates a user selected as the Platform Integration User (Name = 'Platform Integration User')",
        },
      ],
    },
    {
      name: 'Apex System.runAs on a user selected by a bound list of usernames (the same selection as piu-no-edit)',
      path: 'force-app/main/default/classes/PiuTest.cls',
      code: `@isTest\nprivate class PiuTest {\n    @isTest static void asPiu() {\n        List<String> names = new List<String>{'${PIU}'};\n        User piu = [SELECT Id FROM User WHERE Username IN :names LIMIT 1];\n        System.runAs(piu) {}\n    }\n}\n`,
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 26, message: `(Username IN :names, which holds '${PIU}')` }],
    },
  ],
});

// Rules v3: the External Client App's OAuth handler runs as executeHandlerAs.
runRuleTests(piuNoLogin, {
  valid: [
    {
      name: 'an ordinary handler user',
      path: 'force-app/main/default/extlClntAppOauthPolicies/ERP.ecaOauthPlcy-meta.xml',
      code: xml('ExtlClntAppOauthConfigurablePolicies', '    <executeHandlerAs>erp.handler@acme.com</executeHandlerAs>'),
    },
  ],
  invalid: [
    {
      name: 'ExtlClntAppOauthConfigurablePolicies.executeHandlerAs',
      path: 'force-app/main/default/extlClntAppOauthPolicies/ERP.ecaOauthPlcy-meta.xml',
      code: xml(
        'ExtlClntAppOauthConfigurablePolicies',
        `    <apexHandler>ErpHandler</apexHandler>\n    <executeHandlerAs>${PIU}</executeHandlerAs>`,
      ),
      errors: [
        {
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 47,
          message: 'ExtlClntAppOauthConfigurablePolicies.executeHandlerAs signs in as the Platform Integration User',
        },
      ],
    },
  ],
});
