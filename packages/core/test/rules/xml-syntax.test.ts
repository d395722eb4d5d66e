import { xmlSyntax } from '../../src/rules/xml-syntax.js';
import { runRuleTests, xml } from '../ruleTester.js';

runRuleTests(xmlSyntax, {
  valid: [
    { name: 'a well-formed profile', path: 'profiles/A.profile-meta.xml', code: xml('Profile', '    <custom>true</custom>') },
    {
      name: 'entities and CDATA',
      path: 'profiles/A.profile-meta.xml',
      code: xml('Profile', '    <description>A &amp; B &#169; <![CDATA[x < y]]></description>'),
    },
    { name: 'not metadata: not linted', path: 'docs/readme.md', code: '<<<' },
    { name: 'an Apex class body is not XML', path: 'classes/A.cls', code: 'public class A {}' },
  ],
  invalid: [
    {
      name: 'an unescaped ampersand',
      path: 'permissionsets/A.permissionset-meta.xml',
      code: xml('PermissionSet', '    <label>R & D</label>'),
      errors: [{ line: 3, column: 14, endLine: 3, endColumn: 15, message: "'&' must be written as &amp;" }],
    },
    {
      name: 'a mismatched end tag',
      path: 'permissionsets/A.permissionset-meta.xml',
      code: xml('PermissionSet', '    <label>RD</labl>'),
      errors: [{ line: 3, column: 14, endLine: 3, endColumn: 21, message: 'Unexpected closing tag </labl>' }],
    },
    {
      name: 'a truncated file, reported at its end',
      path: 'profiles/A.profile-meta.xml',
      code: '<?xml version="1.0"?>\n<Profile>\n    <userPermissions>\n        <enabled>tr',
      errors: [{ line: 4, column: 19, endLine: 4, endColumn: 20, message: '<enabled> is not closed' }],
    },
    {
      name: 'an undefined entity is reported and never expanded',
      path: 'profiles/A.profile-meta.xml',
      code: '<?xml version="1.0"?>\n<!DOCTYPE Profile [<!ENTITY a "aaaa">]>\n<Profile><custom>&a;</custom></Profile>',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 10, message: 'DOCTYPE declarations are not allowed' }],
    },
  ],
});
