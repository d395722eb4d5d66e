import { generateProfile } from '@iulint/fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../src/facts/extract.js';
import { commonPrefix, commonSuffix, EditedFiles } from '../src/facts/incremental.js';
import { MemoryFileSystem } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import { editLineStarts, LineIndex } from '../src/text/positions.js';
import { Workspace } from '../src/workspace/workspace.js';

/**
 * An edit re-reads only the top-level element it falls in; the facts must be exactly those of a full
 * re-read of the new text (`extractFacts`, the path every file takes when the project is loaded), on
 * random documents and random sequences of edits, well-formed or not.
 */
const RUNS = Number(process.env.FUZZ_RUNS || 150);
const PROFILE = 'force-app/main/default/profiles/P.profile-meta.xml';
const PERMSET = 'force-app/main/default/permissionsets/S.permissionset-meta.xml';

const bool = fc.constantFrom('true', 'false', ' true ', 'TRUE');
const perm = fc.constantFrom('ApiEnabled', 'ApiUserOnly', 'ViewAllData', 'ModifyAllData', 'R&amp;D', '<![CDATA[ViewSetup]]>');
/** Top-level elements of a profile or permission set, as retrieved ones look (and a few oddities). */
const element = fc.oneof(
  fc
    .tuple(bool, perm)
    .map(([e, n]) => `<userPermissions>\n        <enabled>${e}</enabled>\n        <name>${n}</name>\n    </userPermissions>`),
  fc
    .tuple(bool, fc.nat(99))
    .map(([e, i]) => `<fieldPermissions><editable>${e}</editable><field>Account.F_${i}__c</field></fieldPermissions>`),
  fc
    .tuple(bool, bool, fc.constantFrom('Account', 'Case', 'X__c'))
    .map(
      ([c, e, o]) =>
        `<objectPermissions>\n        <allowCreate>${c}</allowCreate>\n        <allowEdit>${e}</allowEdit>\n        <object>${o}</object>\n    </objectPermissions>`,
    ),
  fc.constantFrom(
    '<userLicense>Salesforce Integration</userLicense>',
    '<userLicense>Salesforce</userLicense>',
    '<custom>true</custom>',
    '<license>Cloud Integration User</license>',
    '<label>Ops &amp; Sales</label>',
    '<hasActivationRequired>false</hasActivationRequired>',
    '<description/>',
    '<!-- iulint-disable-next-line piu-no-edit: reviewed -->',
    '<!-- a comment -->',
    '<loginIpRanges a="1" b=\'2\'><startAddress>1.1.1.1</startAddress></loginIpRanges>',
  ),
);
const eol = fc.constantFrom('\n', '\r\n');
const document = fc
  .tuple(fc.constantFrom('Profile', 'PermissionSet'), fc.array(element, { minLength: 1, maxLength: 12 }), eol, fc.boolean())
  .map(([root, kids, nl, minified]) => {
    const sep = minified ? '' : `${nl}    `;
    const body = kids.map((k) => k.replace(/\n/g, nl)).join(sep);
    return {
      path: root === 'Profile' ? PROFILE : PERMSET,
      text: `<?xml version="1.0" encoding="UTF-8"?>${nl}<${root} xmlns="http://soap.sforce.com/2006/04/metadata">${sep}${body}${minified ? '' : nl}</${root}>${nl}`,
    };
  });
/** What an edit writes: characters typed, markup, whole elements, line breaks. */
const inserted = fc.oneof(
  fc.constantFrom('', 'x', 'true', 'false', '<', '>', '&', '&amp;', '</name>', '<name>', '<!-- c -->', '\n', '\r\n', '\r', ' ', '"', 'é😀'),
  element,
  fc.string({ maxLength: 8 }),
);
/** An edit anywhere: replace `length` characters at a position (a fraction of the text) with some text. */
const rawEdit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(6), inserted).map(([at, length, insert]) => (text: string) => {
  const from = Math.min(text.length, Math.floor(at * text.length));
  return text.slice(0, from) + insert + text.slice(Math.min(text.length, from + length));
});
/** An edit of a value, as most edits are: the text between a '>' and the next '<' (the k-th such). */
const valueEdit = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('true', 'false', 'ApiUserOnly', 'ViewAllData', 'Salesforce Integration', 'R&amp;D', '', ' x\ny ', '&', '<'),
  )
  .map(([k, value]) => (text: string) => {
    const values = [...text.matchAll(/>([^<>]*)</g)];
    const m = values[k % Math.max(1, values.length)];
    if (!m || m.index === undefined) return text;
    return `${text.slice(0, m.index + 1)}${value}${text.slice(m.index + m[0].length - 1)}`;
  });
/** A whole element inserted after the k-th element's end. */
const elementEdit = fc.tuple(fc.nat(), element).map(([k, el]) => (text: string) => {
  const ends = [...text.matchAll(/<\/[A-Za-z]+>/g)];
  const m = ends[k % Math.max(1, ends.length)];
  if (!m || m.index === undefined) return text;
  const at = m.index + m[0].length;
  return text.slice(0, at) + el + text.slice(at);
});
/** Thousands of line breaks pasted in the middle. */
const manyLines = fc
  .constantFrom('\n', '\r\n', '\r')
  .map((nl) => (text: string) => text.slice(0, text.length >> 1) + nl.repeat(5000) + text.slice(text.length >> 1));
const edit = fc.oneof({ weight: 4, arbitrary: valueEdit }, { weight: 1, arbitrary: elementEdit }, { weight: 2, arbitrary: rawEdit });

describe('incremental re-reading of an edited file', () => {
  it('gives exactly the facts of a full re-read, after every edit of a random sequence', () => {
    let partial = 0;
    let total = 0;
    fc.assert(
      fc.property(document, fc.array(edit, { minLength: 1, maxLength: 12 }), ({ path, text }, edits) => {
        const files = new EditedFiles(0);
        let t = text;
        expect(files.facts(path, t)).toEqual(extractFacts(path, t));
        for (const e of edits) {
          t = e(t);
          expect(files.facts(path, t)).toEqual(extractFacts(path, t));
        }
        partial += files.counts.partial;
        total += files.counts.partial + files.counts.full;
      }),
      { numRuns: RUNS },
    );
    // The property is about the incremental path: many of the reads must have taken it (an edit that
    // breaks well-formedness sends every later read of that sequence to the full path).
    expect(partial).toBeGreaterThan(total / 20);
  });

  it('re-reads one element for edits of values inside a large profile, and gives the full read', () => {
    const text = generateProfile({ bytes: 400 * 1024, seed: 21, license: 'Salesforce Integration', apiOnly: true });
    const files = new EditedFiles();
    let t = text;
    files.facts(PROFILE, t);
    const steps: Array<(s: string) => string> = [
      (s) =>
        s.replace(
          '<enabled>true</enabled>\n        <name>ApiUserOnly</name>',
          '<enabled>false</enabled>\n        <name>ApiUserOnly</name>',
        ),
      (s) => s.replace('<userLicense>Salesforce Integration</userLicense>', '<userLicense>Salesforce</userLicense>'),
      (s) => s.replace('<readable>true</readable>', '<readable>false</readable>\n        <readable>x</readable>'),
      (s) =>
        s.replace(
          '</userPermissions>',
          '</userPermissions>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewAllData</name>\n    </userPermissions>',
        ),
      (s) => s.replace('<name>ViewAllData</name>', '<name>ModifyAllData</name>'),
    ];
    for (const step of steps) {
      const next = step(t);
      expect(next).not.toBe(t);
      t = next;
      expect(files.facts(PROFILE, t)).toEqual(extractFacts(PROFILE, t));
    }
    // The fourth inserts an element between two others: read in full, as is the first read.
    expect(files.counts).toEqual({ full: 2, partial: 4 });
  });

  it('reads a file with a well-formedness error in full, and again in part once it is fixed', () => {
    const text = generateProfile({ bytes: 200 * 1024, seed: 22 });
    const files = new EditedFiles();
    files.facts(PROFILE, text);
    const broken = text.replace('<readable>true</readable>', '<readable>R & D</readable>');
    expect(files.facts(PROFILE, broken)).toEqual(extractFacts(PROFILE, broken));
    expect(extractFacts(PROFILE, broken)).toMatchObject({ xmlError: { message: "'&' must be written as &amp;" } });
    const fixed = broken.replace('R & D', 'R &amp; D');
    expect(files.facts(PROFILE, fixed)).toEqual(extractFacts(PROFILE, fixed)); // full: the last read had an error
    const again = fixed.replace('R &amp; D', 'true');
    expect(files.facts(PROFILE, again)).toEqual(extractFacts(PROFILE, again));
    expect(files.counts).toEqual({ full: 3, partial: 1 });
  });

  it('the workspace lints an edited large profile as a freshly loaded one', async () => {
    const text = generateProfile({ bytes: 300 * 1024, seed: 23, license: 'Salesforce Integration', apiOnly: true });
    const path = '/p/force-app/main/default/profiles/Integration.profile-meta.xml';
    const fs = new MemoryFileSystem({ '/p/sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}', [path]: text });
    const ws = await Workspace.load(fs, '/p', RULES);
    let t = text;
    for (const [from, to] of [
      ['<enabled>false</enabled>\n        <name>ViewAllData</name>', '<enabled>true</enabled>\n        <name>ViewAllData</name>'],
      ['<enabled>false</enabled>\n        <name>ModifyAllData</name>', '<enabled>true</enabled>\n        <name>ModifyAllData</name>'],
      ['<enabled>true</enabled>\n        <name>ViewAllData</name>', '<enabled>false</enabled>\n        <name>ViewAllData</name>'],
    ] as const) {
      t = t.replace(from, to);
      ws.updateText(path, t);
      const fresh = await Workspace.load(
        new MemoryFileSystem({ '/p/sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}', [path]: t }),
        '/p',
        RULES,
      );
      expect(ws.lint(path)).toEqual(fresh.lint(path));
      expect(ws.lint(path).length).toBeGreaterThan(0);
    }
  });

  it('patches the table of line starts as a new one would be built', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', 'b'), maxLength: 30 }), fc.oneof(rawEdit, manyLines), (text, e) => {
        const next = e(text);
        const from = commonPrefix(text, next);
        const suffix = commonSuffix(text, next, Math.min(text.length, next.length) - from);
        const patched = editLineStarts(new LineIndex(text).lineStarts(), next, from, text.length - suffix, next.length - suffix);
        expect(patched).toEqual(new LineIndex(next).lineStarts());
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('finds the common prefix and suffix across blocks', () => {
    const a = `${'x'.repeat(10_000)}abc${'y'.repeat(9000)}`;
    const b = `${'x'.repeat(10_000)}aXc${'y'.repeat(9000)}`;
    expect(commonPrefix(a, b)).toBe(10_001);
    expect(commonSuffix(a, b)).toBe(9001);
    expect(commonPrefix(a, a)).toBe(a.length);
  });
});
