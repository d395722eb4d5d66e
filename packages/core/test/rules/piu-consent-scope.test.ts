import { piuConsentScope } from '../../src/rules/piu-consent-scope.js';
import { runRuleTests, xml } from '../ruleTester.js';

const obj = (o: string, edit: boolean) =>
  `    <objectPermissions>\n        <allowCreate>false</allowCreate>\n        <allowDelete>false</allowDelete>\n        <allowEdit>${edit}</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n        <object>${o}</object>\n        <viewAllRecords>true</viewAllRecords>\n    </objectPermissions>`;
const perm = (name: string) =>
  `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const consented = (...body: string[]) =>
  xml(
    'PermissionSet',
    [
      '    <hasActivationRequired>true</hasActivationRequired>',
      '    <label>C</label>',
      '    <license>Cloud Integration User</license>',
      ...body,
    ].join('\n'),
  );

runRuleTests(piuConsentScope, {
  valid: [
    { name: 'read-only access (as ebikes SCRT2)', path: 'permissionsets/C.permissionset-meta.xml', code: consented(obj('Case', false)) },
    { name: 'a low-risk permission', path: 'permissionsets/C.permissionset-meta.xml', code: consented(perm('ApiEnabled')) },
    { name: 'not consented', path: 'permissionsets/Admin.permissionset-meta.xml', code: xml('PermissionSet', perm('ModifyAllData')) },
    {
      name: 'a permission the configuration does not list',
      path: 'permissionsets/C.permissionset-meta.xml',
      code: consented(perm('ViewAllData')),
      config: { highRiskPermissions: ['ModifyAllData'] },
    },
  ],
  invalid: [
    {
      name: 'ViewAllData and CustomizeApplication, and write access',
      path: 'permissionsets/sfdcInternalInt__sfdc_a360_sfcrm_data_extract.permissionset-meta.xml',
      code: consented(perm('ViewAllData'), perm('CustomizeApplication'), obj('Account', true)),
      errors: [
        { line: 8, column: 15, endLine: 8, endColumn: 26, message: 'grants ViewAllData, a high-risk permission' },
        { line: 12, column: 15, endLine: 12, endColumn: 35, message: 'grants CustomizeApplication' },
        { line: 20, column: 17, endLine: 20, endColumn: 24, message: 'grants edit on Account' },
      ],
    },
  ],
});
