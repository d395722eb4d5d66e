import { integrationDeprecatedProfile } from '../../src/rules/integration-deprecated-profile.js';
import { queryOutput, runRuleTests, xml } from '../ruleTester.js';

const OLD = 'Salesforce API Only System Integrations';
const NEW = 'Minimum Access - API Only Integrations';

runRuleTests(integrationDeprecatedProfile, {
  valid: [
    {
      name: 'the current profile',
      path: 'config/erp.json',
      code: JSON.stringify({ Username: 'erp@acme.com', LastName: 'E', profileName: NEW }),
    },
    {
      name: 'the current profile file',
      path: `profiles/${NEW}.profile-meta.xml`,
      code: xml('Profile', '    <userLicense>Salesforce Integration</userLicense>'),
    },
  ],
  invalid: [
    {
      name: 'the deprecated profile file',
      path: `profiles/${OLD}.profile-meta.xml`,
      code: xml('Profile', '    <userLicense>Salesforce Integration</userLicense>'),
      errors: [
        {
          line: 2,
          column: 2,
          endLine: 2,
          endColumn: 9,
          message: `This profile file refers to the profile "${OLD}", which Salesforce deprecated`,
        },
      ],
    },
    {
      name: 'profileName of a user definition, with the fix',
      path: 'config/erp.json',
      code: JSON.stringify({ Username: 'erp@acme.com', LastName: 'E', profileName: OLD }, null, 2),
      errors: [
        {
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 59,
          output: JSON.stringify({ Username: 'erp@acme.com', LastName: 'E', profileName: NEW }, null, 2),
        },
      ],
    },
    {
      name: 'a connected app profileName, with the fix',
      path: 'connectedApps/ERP.connectedApp-meta.xml',
      code: xml('ConnectedApp', `    <label>ERP</label>\n    <profileName>${OLD}</profileName>`),
      errors: [
        {
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 57,
          message: 'ConnectedApp ERP refers to',
          output: xml('ConnectedApp', `    <label>ERP</label>\n    <profileName>${NEW}</profileName>`),
        },
      ],
    },
    {
      name: 'a user of the org snapshot',
      path: 'config/other.json',
      code: '{}',
      snapshot: { 'User.json': queryOutput([{ Username: 'old@acme.com', IsActive: true, Profile: { Name: OLD } }]) },
      errors: [
        {
          path: '.snapshot/User.json',
          line: 9,
          column: 19,
          endLine: 9,
          endColumn: 60,
          message: "The org snapshot's user old@acme.com refers to",
        },
      ],
    },
  ],
});
