import { integrationProfileApiOnly } from '../../src/rules/integration-profile-api-only.js';
import { runRuleTests, xml } from '../ruleTester.js';

const perm = (name: string, enabled: boolean) =>
  `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const profile = (licence: string, ...perms: string[]) => xml('Profile', [`    <userLicense>${licence}</userLicense>`, ...perms].join('\n'));

runRuleTests(integrationProfileApiOnly, {
  valid: [
    {
      name: 'both on',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ApiEnabled', true), perm('ApiUserOnly', true)),
    },
    {
      name: 'another licence may turn it off',
      path: 'profiles/Sales.profile-meta.xml',
      code: profile('Salesforce', perm('ApiUserOnly', false)),
    },
  ],
  invalid: [
    {
      name: 'ApiUserOnly false, fixed to true',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ApiEnabled', true), perm('ApiUserOnly', false)),
      errors: [
        {
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 23,
          message: 'is on the Salesforce Integration licence, whose API-only access cannot be turned off, but sets ApiUserOnly to false',
          output: profile('Salesforce Integration', perm('ApiEnabled', true), perm('ApiUserOnly', true)),
        },
      ],
    },
    {
      name: 'a self-closing <enabled/>: rewritten as <enabled>true</enabled>',
      path: 'profiles/ERP.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ApiEnabled', true).replace('<enabled>true</enabled>', '<enabled/>')),
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 19, output: profile('Salesforce Integration', perm('ApiEnabled', true)) }],
    },
    {
      name: 'ApiEnabled false',
      path: 'profiles/Minimum Access - API Only Integrations.profile-meta.xml',
      code: profile('Salesforce Integration', perm('ApiEnabled', false)),
      errors: [{ line: 5, column: 18, endLine: 5, endColumn: 23, message: 'Profile "Minimum Access - API Only Integrations"' }],
    },
  ],
});
