import { describe, expect, it } from 'vitest';
import { piuConsentScope } from '../../src/rules/piu-consent-scope.js';
import { lintCase, runRuleTests, xml } from '../ruleTester.js';

const obj = (o: string, edit: boolean, more: { create?: boolean; delete?: boolean; modifyAll?: boolean } = {}) =>
  `    <objectPermissions>\n        <allowCreate>${more.create ?? false}</allowCreate>\n        <allowDelete>${more.delete ?? false}</allowDelete>\n        <allowEdit>${edit}</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>${more.modifyAll ?? false}</modifyAllRecords>\n        <object>${o}</object>\n        <viewAllRecords>true</viewAllRecords>\n    </objectPermissions>`;
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
const DATA_CLOUD = 'permissionsets/sfdcInternalInt__sfdc_a360_sfcrm_data_extract.permissionset-meta.xml';
/** A Salesforce-managed consented set as retrieved: object permissions (alphabetical) before user permissions. */
const OBJECTS = Array.from({ length: 112 }, (_, i) => (i === 0 ? 'Account' : i === 1 ? 'Contact' : `Obj${String(i).padStart(3, '0')}__c`));
const MANAGED = consented(
  ...OBJECTS.map((o) => obj(o, true, { create: true, delete: true })),
  perm('CustomizeApplication'),
  perm('ViewAllData'),
);
/** A decomposed consented set (source-deploy-retrieve's `decomposePermissionSetBeta2`): a folder per set. */
const DECOMPOSED = 'force-app/main/default/permissionsets/sfdcInternalInt__sfdc_cdp';
const part = (o: string, edit: boolean) => `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet>\n${obj(o, edit)}\n</PermissionSet>\n`;

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
    {
      name: 'a disable-next-line comment above the first offending element (as "Disable for this line" writes it) suppresses the one finding',
      path: DATA_CLOUD,
      code: consented(obj('Account', false), obj('Contact', true), perm('ViewAllData')).replace(
        '        <object>Contact</object>',
        '        <!-- iulint-disable-next-line piu-consent-scope -->\n        <object>Contact</object>',
      ),
    },
  ],
  invalid: [
    {
      name: 'ViewAllData and CustomizeApplication, and write access: one finding, at the first, naming all',
      path: DATA_CLOUD,
      code: consented(perm('ViewAllData'), perm('CustomizeApplication'), obj('Account', true)),
      errors: [
        {
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 26,
          message:
            'Permission set sfdcInternalInt__sfdc_a360_sfcrm_data_extract is consented for the Platform Integration User (its licence is Cloud Integration User) and grants 2 high-risk permissions (ViewAllData and CustomizeApplication), and edit on Account, which every feature running as that user would hold; approve only the access the feature needs: remove those permissions, and keep object access read-only where the feature does not write.',
          related: [DATA_CLOUD, DATA_CLOUD],
        },
      ],
    },
    {
      name: 'one high-risk permission alone',
      path: 'permissionsets/C.permissionset-meta.xml',
      code: consented(perm('ViewAllData')),
      errors: [
        {
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 26,
          message: 'and grants the high-risk permission ViewAllData, which every feature',
          related: [],
        },
      ],
    },
    {
      name: 'a Salesforce-managed set with 112 writable objects and 2 permissions: 1 finding (v1: 114)',
      path: DATA_CLOUD,
      code: MANAGED,
      errors: [
        {
          line: 12,
          column: 17,
          endLine: 12,
          endColumn: 24,
          message:
            'grants 2 high-risk permissions (CustomizeApplication and ViewAllData), and create, edit, delete or modify-all access on 112 objects (Account, Contact, Obj002__c and 109 more)',
          related: Array.from({ length: 113 }, () => DATA_CLOUD),
        },
      ],
    },
    {
      name: 'write access on two objects only',
      path: 'permissionsets/C.permissionset-meta.xml',
      code: consented(obj('Account', false), obj('Case', true), obj('Contact', false, { modifyAll: true })),
      errors: [
        {
          line: 21,
          column: 17,
          endLine: 21,
          endColumn: 21,
          message: 'and grants create, edit, delete or modify-all access on 2 objects (Case and Contact), which every feature',
          related: ['permissionsets/C.permissionset-meta.xml'],
        },
      ],
    },
    {
      name: 'a disable-next-line comment above a later element does not hide the finding at the first',
      path: 'permissionsets/C.permissionset-meta.xml',
      code: consented(obj('Case', true), '    <!-- iulint-disable-next-line piu-consent-scope -->', perm('ViewAllData')),
      errors: [
        { line: 12, column: 17, endLine: 12, endColumn: 21, message: 'grants the high-risk permission ViewAllData, and edit on Case' },
      ],
    },
    {
      name: 'a decomposed consented set: one finding, in the first part that offends, related to the others',
      path: `${DECOMPOSED}/objectSettings/Account.objectSettings-meta.xml`,
      code: part('Account', true),
      files: {
        [`${DECOMPOSED}/sfdcInternalInt__sfdc_cdp.permissionset-meta.xml`]: consented(),
        [`${DECOMPOSED}/objectSettings/Contact.objectSettings-meta.xml`]: part('Contact', true),
        [`${DECOMPOSED}/objectSettings/Case.objectSettings-meta.xml`]: part('Case', false),
      },
      errors: [
        {
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 24,
          message: 'on 2 objects (Account and Contact)',
          related: [`${DECOMPOSED}/objectSettings/Contact.objectSettings-meta.xml`],
        },
      ],
    },
    {
      name: 'two copies of a set in two package directories are two sets',
      path: 'force-app/main/default/permissionsets/C.permissionset-meta.xml',
      code: consented(obj('Case', true)),
      files: { 'unpackaged/permissionsets/C.permissionset': consented(obj('Case', true)) },
      errors: [
        { line: 12, column: 17, endLine: 12, endColumn: 21, related: [] },
        { line: 12, column: 17, endLine: 12, endColumn: 21, path: 'unpackaged/permissionsets/C.permissionset', related: [] },
      ],
    },
  ],
});

describe('piu-consent-scope: the related locations of the one finding', () => {
  it('name each other grant, in reading order', async () => {
    const code = consented(obj('Account', true), obj('Case', false, { delete: true }), perm('ViewAllData'));
    const [f] = await lintCase(piuConsentScope, { path: DATA_CLOUD, code });
    const lines = code.split('\n');
    expect(f?.related.map((r) => [lines[r.range.start.line]?.slice(r.range.start.character, r.range.end.character), r.message])).toEqual([
      ['Case', 'also grants delete on Case'],
      ['ViewAllData', 'also grants ViewAllData'],
    ]);
  });
});
