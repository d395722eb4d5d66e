import { reservedUser } from '../../src/rules/reserved-user.js';
import { runRuleTests, xml } from '../ruleTester.js';

const ORG = '00d5e000000abcdeaa';

runRuleTests(reservedUser, {
  valid: [
    {
      name: 'Automated Process as a platform-event trigger user is allowed',
      path: 'PlatformEventSubscriberConfigs/O.platformEventSubscriberConfig-meta.xml',
      code: xml('PlatformEventSubscriberConfig', `    <user>autoproc@${ORG}</user>`),
    },
    { name: 'the PIU is piu-no-login, not this rule', path: 'scripts/a.sh', code: `sf org login jwt --username cloud@${ORG}\n` },
    { name: 'an integration@ address without an org id', path: 'scripts/a.sh', code: 'sf org login jwt --username integration@acme.com\n' },
  ],
  invalid: [
    {
      name: 'creating the Automated Process user',
      path: 'config/user-def.json',
      code: JSON.stringify({ Username: `autoproc@${ORG}`, LastName: 'Process', FirstName: 'Automated' }, null, 2),
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 44, message: 'would create the Automated Process user' }],
    },
    {
      name: 'logging in as the CRM Analytics Integration User',
      path: 'scripts/auth.sh',
      code: `sf org login jwt --username integration@${ORG}.com --jwt-key-file k\n`,
      errors: [{ line: 1, column: 29, endLine: 1, endColumn: 63, message: 'logs in as the CRM Analytics Integration User' }],
    },
    {
      name: 'a login element naming the CRM Analytics Security User',
      path: 'connectedApps/A.connectedApp-meta.xml',
      code: xml(
        'ConnectedApp',
        `    <oauthConfig>\n        <oauthClientCredentialUser>insightssecurity@${ORG}.com</oauthClientCredentialUser>\n    </oauthConfig>`,
      ),
      errors: [{ line: 4, column: 36, endLine: 4, endColumn: 75, message: 'the CRM Analytics Security User' }],
    },
    {
      name: 'editing Automated Process with sf data update record',
      path: 'scripts/fix.sh',
      code: `sf data update record --sobject User --where "Name='Automated Process'" --values "Email=x@acme.com"\n`,
      errors: [{ line: 1, column: 47, endLine: 1, endColumn: 71, message: 'sf data update record edits the Automated Process user' }],
    },
    {
      name: 'Apex runAs the Automated Process user',
      path: 'classes/T.cls',
      code: "@isTest class T {\n  static void t() {\n    User ap = [SELECT Id FROM User WHERE Alias = 'autoproc'];\n    System.runAs(ap) {}\n  }\n}\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 21, message: 'impersonates a user selected as the Automated Process user' }],
    },
  ],
});
