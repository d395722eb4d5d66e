import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactedFacts, compactText } from '../src/facts/compact.js';
import { metadataFacts, topLevelRead } from '../src/facts/metadataFacts.js';
import { classifyPath, type MetadataFileInfo } from '../src/metadata/classify.js';
import { decodeBytes } from '../src/text/decode.js';

const RUNS = Number(process.env.FUZZ_RUNS || 300);

const PROFILE = '/p/force-app/main/default/profiles/Admin.profile-meta.xml';
const LAYOUT = '/p/force-app/main/default/layouts/Account-Layout.layout-meta.xml';
const PERMISSION_SET = '/p/force-app/main/default/permissionsets/Ops.permissionset-meta.xml';
const infoOf = (path: string) => classifyPath(path) as MetadataFileInfo;

/** The facts of the whole file, as iulint reads a small one: the judge. */
function whole(path: string, bytes: Uint8Array) {
  const decoded = decodeBytes(bytes);
  if ('binary' in decoded || decoded.problem) return undefined;
  return metadataFacts(path, infoOf(path), decoded.text);
}

const encode = (s: string) => new TextEncoder().encode(s);

describe('compactedFacts', () => {
  it('reads only by name what a profile reads, and nothing below the root of a layout', () => {
    expect(topLevelRead(infoOf(PROFILE))).toEqual(['userLicense', 'userPermissions', 'custom']);
    expect(topLevelRead(infoOf(LAYOUT))).toEqual([]);
    expect(topLevelRead(infoOf(PERMISSION_SET))).toEqual([
      'label',
      'license',
      'hasActivationRequired',
      'userPermissions',
      'objectPermissions',
    ]);
    expect(topLevelRead(infoOf('/p/force-app/main/default/permissionsets/Ops/x.userPermission-meta.xml'))).toBeUndefined();
  });

  it('leaves out the elements a profile does not read, and gives the facts of the whole file', () => {
    const fields = Array.from(
      { length: 500 },
      (_, i) =>
        `    <fieldPermissions>\n        <editable>false</editable>\n        <field>Account.F${i}__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n`,
    ).join('');
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n${fields}    <!-- iulint-disable-next-line integration-user-license -->\n    <userLicense>Salesforce</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n${fields}</Profile>\n`;
    const bytes = encode(text);
    const compact = compactText(bytes, ['userLicense', 'userPermissions', 'custom']) as string;
    expect(compact.length).toBeLessThan(text.length / 20);
    expect(compact.split('\n').length).toBe(text.split('\n').length);
    // One empty element for each run of them (the run before the licence, the run after), and one
    // more where a piece of about 64 KB ends: 1,000 elements become a handful.
    expect(compact.split('<fieldPermissions>').length - 1).toBeLessThanOrEqual(8);
    const facts = compactedFacts(PROFILE, infoOf(PROFILE), bytes);
    expect(facts).toBeDefined();
    expect(facts).toEqual(whole(PROFILE, bytes));
    expect(facts?.profile?.userLicense?.value).toBe('Salesforce');
    expect(facts?.comments).toHaveLength(1);
  });

  it('goes the usual way for a file with an XML error, a DOCTYPE, a lone carriage return, or bytes that are not UTF-8', () => {
    const body = '    <fieldPermissions><field>A.B</field></fieldPermissions>\n';
    const profile = (inner: string) => `<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}${inner}${body}</Profile>\n`;
    expect(compactedFacts(PROFILE, infoOf(PROFILE), encode(profile('    <custom>true</custom\n')))).toBeUndefined();
    expect(compactedFacts(PROFILE, infoOf(PROFILE), encode(`<!DOCTYPE x>\n${profile('')}`))).toBeUndefined();
    expect(compactedFacts(PROFILE, infoOf(PROFILE), encode(profile('    <custom>true</custom>\r')))).toBeUndefined();
    const latin1 = new Uint8Array([...encode(profile('    <custom>caf')), 0xe9, ...encode('</custom>\n')]);
    expect(compactedFacts(PROFILE, infoOf(PROFILE), latin1)).toBeUndefined();
    expect(compactedFacts(PROFILE, infoOf(PROFILE), encode(profile('    <custom>true</custom>\n')))).toBeDefined();
  });

  // Documents built from pieces that a line-by-line reader could misjudge: comments, CDATA and tags across
  // lines, '>' in attribute values, prefixes, text beside elements, nesting that looks like the top
  // level, mistakes, CRLF, a byte-order mark, non-ASCII text. Whatever compactedFacts answers must be
  // the whole file's facts.
  const piece = fc.constantFrom(
    '    <fieldPermissions>\n        <editable>true</editable>\n        <field>A.B</field>\n    </fieldPermissions>\n',
    '    <classAccesses><apexClass>C</apexClass><enabled>true</enabled></classAccesses>\n',
    '    <loginIpRanges>\n        <startAddress>1.1.1.1</startAddress>\n    </loginIpRanges>\n',
    '    <custom>true</custom>\n',
    '    <custom>false</custom>\n',
    '    <userLicense>Salesforce Integration</userLicense>\n',
    '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n',
    '    <userPermissions><enabled>false</enabled><name>ViewSetup</name></userPermissions>\n',
    '    <!-- a comment -->\n',
    '    <!--\n    <userLicense>Salesforce</userLicense>\n    <fieldPermissions><field>X</field></fieldPermissions>\n    -->\n',
    '    <!-- iulint-disable-next-line -->\n',
    '    <description><![CDATA[\n    <custom>true</custom>\n    ]]></description>\n',
    '    <tabVisibilities a="x>y" b=\'1\'>\n        <tab>T</tab>\n    </tabVisibilities>\n',
    '    <layoutAssignments\n        mode="a/>b">\n        <layout>L</layout>\n    </layoutAssignments>\n',
    '    <x:custom>true</x:custom>\n',
    '    <recordTypeVisibilities>\n        <nested>\n    <custom>true</custom>\n        </nested>\n    </recordTypeVisibilities>\n',
    '    <empty/>\n',
    '    <applicationVisibilities><application>a &amp; b</application></applicationVisibilities>\n',
    '    <fieldPermissions><field>caf\u00e9 \u{1f600}</field></fieldPermissions>\n',
    '    <?pi some data?>\n',
    '    text beside elements\n',
    '    <fieldPermissions><field>A</field></fieldPermissions><custom>true</custom>\n',
    '    <broken><field>A</field>\n',
    '    </stray>\n',
    '    <custom>true<custom>\n',
    '    <fieldPermissions><field>A</field></fieldPermissions>   \n',
    '\n',
    '    <label>L</label>\n',
    '    <license>Salesforce</license>\n',
    '    <hasActivationRequired>true</hasActivationRequired>\n',
    '    <objectPermissions>\n        <allowCreate>true</allowCreate>\n        <object>Account</object>\n    </objectPermissions>\n',
    '    <tabSettings><tab>T</tab><visibility>Visible</visibility></tabSettings>   \n',
    '\t<fieldPermissions><field>B.C</field></fieldPermissions>\n',
    // Read elements whose children a reader that lost its depth would leave out.
    '    <userPermissions>\n        <!-- </x> -->\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n',
    '    <userPermissions>\n        <d><![CDATA[</userPermissions>]]></d>\n        <enabled>true</enabled>\n        <name>A</name>\n    </userPermissions>\n',
    '    <userPermissions>\n        <?pi </userPermissions> ?>\n        <enabled>true</enabled>\n        <name>B</name>\n    </userPermissions>\n',
    '    <userPermissions a="</b>">\n        <enabled>true</enabled>\n        <name>C</name>\n    </userPermissions>\n',
    '    <userPermissions>\n        <e/>\n        <enabled>true</enabled>\n        <name>D</name>\n    </userPermissions>\n',
  );
  const documents = fc
    .record({
      declaration: fc.boolean(),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      root: fc.constantFrom(
        '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
        '<Profile>',
        '<Layout\n  a="1">',
        '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
      ),
      pieces: fc.array(piece, { maxLength: 14 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ declaration, bom, crlf, root, pieces, cut }) => {
      const rootName = (/^<(\w+)/.exec(root) as RegExpExecArray)[1];
      let text = `${declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${root}\n${pieces.join('')}</${rootName}>\n`;
      if (cut !== undefined) text = text.slice(0, cut % (text.length + 1));
      if (crlf) text = text.replace(/\n/g, '\r\n');
      return new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...encode(text)]);
    });

  it('gives the whole file facts, or leaves the file to be read whole (profiles, permission sets and layouts)', () => {
    fc.assert(
      fc.property(documents, fc.constantFrom(PROFILE, LAYOUT, PERMISSION_SET), (bytes, path) => {
        const facts = compactedFacts(path, infoOf(path), bytes);
        if (facts !== undefined) expect(facts).toEqual(whole(path, bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('compacts the well-formed documents of the property test (it does not leave them all whole)', () => {
    const samples = fc.sample(documents, { numRuns: 2000, seed: 7 });
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const wellFormed = samples.filter((bytes) => {
      const facts = whole(PROFILE, bytes);
      return facts !== undefined && facts.xmlError === undefined && !text(bytes).includes('\r');
    });
    expect(wellFormed.length).toBeGreaterThan(40);
    const compacted = wellFormed.filter((bytes) => compactedFacts(PROFILE, infoOf(PROFILE), bytes) !== undefined);
    // Left whole: a document with nothing to leave out (no plain element a profile does not read, alone on its lines).
    expect(compacted.length).toBeGreaterThan(Math.max(10, wellFormed.length / 4));
  });
});
