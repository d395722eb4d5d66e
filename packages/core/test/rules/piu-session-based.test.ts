import { piuSessionBased } from '../../src/rules/piu-session-based.js';
import { queryOutput, runRuleTests, xml } from '../ruleTester.js';

const consented = (flag: string) =>
  xml(
    'PermissionSet',
    `    <description>Data Cloud connector</description>\n${flag}    <label>Connector</label>\n    <license>Cloud Integration User</license>`,
  );

/** Three field permissions, one after another (a run the insertion points keep as one entry). */
const FIELDS = ['A', 'B', 'C']
  .map(
    (f) =>
      `    <fieldPermissions>\n        <editable>false</editable>\n        <field>Account.${f}__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n`,
  )
  .join('');

runRuleTests(piuSessionBased, {
  valid: [
    {
      name: 'session-based',
      path: 'permissionsets/Connector.permissionset-meta.xml',
      code: consented('    <hasActivationRequired>true</hasActivationRequired>\n'),
    },
    { name: 'not consented', path: 'permissionsets/ERP.permissionset-meta.xml', code: xml('PermissionSet', '    <label>ERP</label>') },
    {
      name: 'a group of ordinary sets',
      path: 'permissionsetgroups/G.permissionsetgroup-meta.xml',
      code: xml('PermissionSetGroup', '    <label>G</label>\n    <permissionSets>ERP_Sync</permissionSets>'),
      files: { 'permissionsets/ERP_Sync.permissionset-meta.xml': xml('PermissionSet', '    <label>ERP</label>') },
    },
  ],
  invalid: [
    {
      name: 'missing hasActivationRequired: inserted in order',
      path: 'force-app/main/default/permissionsets/Connector.permissionset-meta.xml',
      code: consented(''),
      errors: [
        {
          line: 2,
          column: 2,
          endLine: 2,
          endColumn: 15,
          message:
            'Permission set Connector is consented for the Platform Integration User (its licence is Cloud Integration User) but has no hasActivationRequired',
          output: xml(
            'PermissionSet',
            '    <description>Data Cloud connector</description>\n    <hasActivationRequired>true</hasActivationRequired>\n    <label>Connector</label>\n    <license>Cloud Integration User</license>',
          ),
        },
      ],
    },
    {
      name: 'missing hasActivationRequired: inserted after the last of a run of field permissions',
      path: 'force-app/main/default/permissionsets/Connector.permissionset-meta.xml',
      code: xml('PermissionSet', `${FIELDS}    <label>Connector</label>\n    <license>Cloud Integration User</license>`),
      errors: [
        {
          line: 2,
          column: 2,
          endLine: 2,
          endColumn: 15,
          message:
            'Permission set Connector is consented for the Platform Integration User (its licence is Cloud Integration User) but has no hasActivationRequired',
          output: xml(
            'PermissionSet',
            `${FIELDS}    <hasActivationRequired>true</hasActivationRequired>\n    <label>Connector</label>\n    <license>Cloud Integration User</license>`,
          ),
        },
      ],
    },
    {
      name: 'false, by the sfdcInternalInt__ prefix',
      path: 'permissionsets/sfdcInternalInt__sfdc_a360.permissionset-meta.xml',
      code: xml('PermissionSet', '    <hasActivationRequired>false</hasActivationRequired>\n    <label>A360</label>'),
      errors: [
        {
          line: 3,
          column: 28,
          endLine: 3,
          endColumn: 33,
          message: 'namespace prefix sfdcInternalInt__',
          output: xml('PermissionSet', '    <hasActivationRequired>true</hasActivationRequired>\n    <label>A360</label>'),
        },
      ],
    },
    {
      name: 'assigned to the PIU in the snapshot, CRLF line endings kept',
      path: 'permissionsets/Slack.permissionset-meta.xml',
      code: '<?xml version="1.0" encoding="UTF-8"?>\r\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\r\n\t<label>Slack</label>\r\n</PermissionSet>\r\n',
      snapshot: {
        'User.json': queryOutput([{ Username: 'cloud@00d5e000000abcdeaa', IsActive: true }]),
        'PermissionSetAssignment.json': queryOutput([
          { Assignee: { Username: 'cloud@00d5e000000abcdeaa' }, PermissionSet: { Name: 'Slack', IsOwnedByProfile: false } },
        ]),
      },
      errors: [
        {
          line: 2,
          column: 2,
          endLine: 2,
          endColumn: 15,
          message: 'the org snapshot assigns it to the Platform Integration User',
          output:
            '<?xml version="1.0" encoding="UTF-8"?>\r\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\r\n\t<hasActivationRequired>true</hasActivationRequired>\r\n\t<label>Slack</label>\r\n</PermissionSet>\r\n',
          related: ['.snapshot/PermissionSetAssignment.json'],
        },
      ],
    },
    {
      name: 'a self-closing <hasActivationRequired/>: the element is rewritten, not followed by true',
      path: 'permissionsets/Connector.permissionset-meta.xml',
      code: consented('    <hasActivationRequired/>\n'),
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 29,
          message: 'sets hasActivationRequired to nothing',
          output: consented('    <hasActivationRequired>true</hasActivationRequired>\n'),
        },
      ],
    },
    {
      name: 'a self-closing element with an attribute and a space, tab-indented',
      path: 'permissionsets/Connector.permissionset-meta.xml',
      code: consented('\t<hasActivationRequired xsi:nil="true" />\n'),
      errors: [
        {
          line: 4,
          column: 2,
          endLine: 4,
          endColumn: 42,
          output: consented('\t<hasActivationRequired>true</hasActivationRequired>\n'),
        },
      ],
    },
    {
      name: 'an empty element <hasActivationRequired></hasActivationRequired>',
      path: 'permissionsets/Connector.permissionset-meta.xml',
      code: consented('    <hasActivationRequired></hasActivationRequired>\n'),
      errors: [
        { line: 4, column: 28, endLine: 4, endColumn: 28, output: consented('    <hasActivationRequired>true</hasActivationRequired>\n') },
      ],
    },
    {
      name: 'a root with no children: inserted just after its start tag',
      path: 'permissionsets/sfdcInternalInt__y.permissionset-meta.xml',
      code: '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n</PermissionSet>\n',
      errors: [
        {
          line: 2,
          column: 2,
          endLine: 2,
          endColumn: 15,
          output:
            '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <hasActivationRequired>true</hasActivationRequired>\n</PermissionSet>\n',
        },
      ],
    },
    {
      name: 'a self-closing root: reported, no fix (nothing to insert into)',
      path: 'permissionsets/sfdcInternalInt__x.permissionset-meta.xml',
      code: '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"/>\n',
      errors: [{ line: 2, column: 2, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'a group containing a consented set',
      path: 'permissionsetgroups/Connectors.permissionsetgroup-meta.xml',
      code: xml('PermissionSetGroup', '    <label>Connectors</label>\n    <permissionSets>Connector</permissionSets>'),
      files: { 'permissionsets/Connector.permissionset-meta.xml': consented('    <hasActivationRequired>true</hasActivationRequired>\n') },
      errors: [
        {
          line: 2,
          column: 2,
          endLine: 2,
          endColumn: 20,
          message: 'Permission set group Connectors is consented for the Platform Integration User (it contains Connector',
          output: xml(
            'PermissionSetGroup',
            '    <hasActivationRequired>true</hasActivationRequired>\n    <label>Connectors</label>\n    <permissionSets>Connector</permissionSets>',
          ),
          related: ['permissionsets/Connector.permissionset-meta.xml'],
        },
      ],
    },
  ],
});
