import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { agentScriptFacts } from '../src/facts/agentScriptFacts.js';
import { apexFacts } from '../src/facts/apexFacts.js';
import { metadataParseOptions } from '../src/facts/metadataFacts.js';
import { scriptFacts, shellWords } from '../src/facts/scriptFacts.js';
import { parseJson } from '../src/json/parser.js';
import { lintText } from '../src/lint.js';
import { classifyPath } from '../src/metadata/classify.js';
import { RULES } from '../src/rules/index.js';
import { LineIndex } from '../src/text/positions.js';
import { parseXml, type XmlElement } from '../src/xml/parser.js';
import { xml } from './ruleTester.js';

/**
 * Property-based tests: on generated and mutated inputs, nothing throws and every range lies inside the
 * document. `npm test` runs a bounded number of cases; `npm run fuzz` (FUZZ_RUNS=20000) the long run.
 */
const RUNS = Number(process.env.FUZZ_RUNS || 150);

const SEEDS = [
  xml(
    'Profile',
    '    <userLicense>Salesforce</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>',
  ),
  xml(
    'PermissionSet',
    '    <hasActivationRequired>false</hasActivationRequired>\n    <label>C</label>\n    <license>Cloud Integration User</license>',
  ),
  xml('Dashboard', '    <!-- iulint-disable-next-line piu-no-run-as -->\n    <runningUser>cloud@00d5e000000abcdeaa</runningUser>'),
  xml(
    'ConnectedApp',
    '    <oauthConfig>\n        <oauthClientCredentialUser>cloud@00d5e000000abcdeaa</oauthClientCredentialUser>\n    </oauthConfig>',
  ),
  xml('PermissionSetGroup', '    <label>G</label>\n    <permissionSets>sfdcInternalInt__x</permissionSets>'),
];
const PATHS = [
  'force-app/main/default/profiles/P.profile-meta.xml',
  'force-app/main/default/permissionsets/C.permissionset-meta.xml',
  'force-app/main/default/dashboards/F/D.dashboard-meta.xml',
  'force-app/main/default/connectedApps/A.connectedApp-meta.xml',
  'force-app/main/default/permissionsetgroups/G.permissionsetgroup-meta.xml',
];

/** A mutation of a seed document: truncation, shuffled tags, injected markup or random characters. */
const mutated = fc
  .tuple(
    fc.integer({ min: 0, max: SEEDS.length - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('cut', 'insert', 'delete', 'swap')), { maxLength: 6 }),
    fc.array(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '&amp;',
        '&lol;',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '</x>',
        '<a b="c">',
        '"',
        "'",
        '\u0000',
        '\uFEFF',
        '\r\n',
        '<!DOCTYPE a [<!ENTITY x "y">]>',
        'é',
        '😀',
        '<?xml version="1.0"?>',
      ),
      { minLength: 1, maxLength: 6 },
    ),
    fc.string({ maxLength: 20 }),
  )
  .map(([seed, ops, bits, noise]) => {
    let t = SEEDS[seed] as string;
    ops.forEach(([n, op], k) => {
      const at = t.length === 0 ? 0 : n % t.length;
      if (op === 'cut') t = t.slice(0, at);
      else if (op === 'insert') t = t.slice(0, at) + (bits[k % bits.length] ?? noise) + t.slice(at);
      else if (op === 'delete') t = t.slice(0, at) + t.slice(at + 1 + (n % 7));
      else {
        const b = (n * 7919) % Math.max(1, t.length);
        const [lo, hi] = at < b ? [at, b] : [b, at];
        t = t.slice(0, lo) + t.slice(hi, hi + 5) + t.slice(lo + 5, hi) + t.slice(lo, lo + 5) + t.slice(hi + 5);
      }
    });
    return { seed, text: t + noise };
  });

function inside(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean {
  const lines = new LineIndex(text);
  const s = lines.offsetAt(r.start);
  const e = lines.offsetAt(r.end);
  const back = lines.positionAt(s);
  const backEnd = lines.positionAt(e);
  return (
    s >= 0 &&
    e <= text.length &&
    s <= e &&
    back.line === r.start.line &&
    back.character === r.start.character &&
    backEnd.line === r.end.line &&
    backEnd.character === r.end.character
  );
}

/** Whether saxes, a strict XML 1.0 parser, accepts the text (a byte-order mark is not part of the XML). */
function saxesAccepts(text: string): boolean {
  let ok = true;
  const p = new SaxesParser();
  p.on('error', () => {
    ok = false;
  });
  try {
    p.write(text.replace(/^\uFEFF/, '')).close();
  } catch {
    ok = false;
  }
  return ok;
}

/**
 * The pieces of markup a well-formedness fuzzer mixes: every construct a strict parser checks (comments
 * and their dashes, names with non-ASCII characters, the XML declaration, processing instructions,
 * references, forbidden characters). Not `version="1.1"`: saxes then applies XML 1.1's rules, iulint
 * always XML 1.0's (Salesforce metadata is XML 1.0).
 */
const MARKUP = [
  '<',
  '>',
  '&',
  '&amp;',
  '&lol;',
  '&#0;',
  '&#x41;',
  '&#xD800;',
  '&#128512;',
  '<!--',
  '-->',
  '--',
  '--->',
  '-',
  '<![CDATA[',
  ']]>',
  ']]',
  '</x>',
  '<a b="c">',
  '"',
  "'",
  '\u0000',
  '\u0001',
  '\uFEFF',
  '\uFFFE',
  '\r\n',
  '\r',
  ' ',
  '\t',
  'é',
  '😀',
  '\u00B7',
  '\u0300',
  '\u037E',
  '\u2000',
  '\u203F',
  '<?xml version="1.0"?>',
  '<?xml encoding="UTF-8"?>',
  '<?XML version="1.0"?>',
  '<?xml version="1.0" standalone="maybe"?>',
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
  '<?pi x?>',
  '<?xml-stylesheet x?>',
  '<? x?>',
  'a',
  '1',
  '.',
  ':',
  'x:y',
  '=',
  '/',
  '</',
  '/>',
  '<a/>',
  '<b>',
  '</b>',
  'a="1"',
  ' b="2"',
  '<!-- iulint-disable-next-line piu-no-run-as: why -->',
  '<!-- iulint-disable-next-line piu-no-run-as -- why -->',
];
const WELL_FORMED_SEED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <!-- iulint-disable-next-line x: why -->\n    <userLicense a="1" b=\'2\'>Salesforce &amp; co</userLicense>\n    <c/>\n    <d></d>\n    <e><![CDATA[x]]></e>\n    <?pi body?>\n</Profile>\n';
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const markupSoup = fc
  .array(fc.oneof(fc.constantFrom(...MARKUP), fc.string({ maxLength: 3, unit: 'binary' })), { maxLength: 12 })
  .map((a) => a.join(''));
const wellFormedness = fc.oneof(
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('cut', 'insert', 'insert', 'delete', 'swap'), fc.constantFrom(...MARKUP)), {
        maxLength: 4,
      }),
    )
    .map(([ops]) => {
      let t = WELL_FORMED_SEED;
      for (const [n, op, bit] of ops) {
        const at = n % Math.max(1, t.length);
        if (op === 'cut') t = t.slice(0, at);
        else if (op === 'insert') t = t.slice(0, at) + bit + t.slice(at);
        else if (op === 'delete') t = t.slice(0, at) + t.slice(at + 1 + (n % 7));
        else t = t.slice(0, at) + t.slice(at + 5, at + 10) + t.slice(at, at + 5) + t.slice(at + 10);
      }
      return t;
    }),
  markupSoup,
  markupSoup.map((x) => `<a>${x}</a>`),
  markupSoup.map((x) => `<?xml version="1.0"?><a ${x}/>`),
  mutated.map((m) => m.text),
);

/**
 * Profiles and permission sets shaped like retrieved ones (blocks of leaf elements, the elements the
 * facts read among them), with markup mixed in anywhere: what the parser skips whole when it does not
 * build an element must be exactly what it would have checked character by character.
 */
const BLOCKS = [
  '    <fieldPermissions>\n        <editable>false</editable>\n        <field>Account.Field__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n',
  '    <classAccesses>\n        <apexClass>Generated_Class</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n',
  '    <layoutAssignments>\n        <layout>Account-Account Layout</layout>\n        <recordType>Account.Business</recordType>\n    </layoutAssignments>\n',
  '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n',
  '    <userLicense>Salesforce</userLicense>\n',
  '    <custom>true</custom>\n',
  '    <description>R&amp;D é 😀</description>\n',
  '    <loginIpRanges>\n        <endAddress>10.0.0.255</endAddress>\n        <startAddress>10.0.0.0</startAddress>\n    </loginIpRanges>\n',
  '    <label>x</label>\n',
  '    <objectPermissions><allowCreate>true</allowCreate><object>Account</object></objectPermissions>\n',
];
const shapedMetadata = fc
  .tuple(
    fc.constantFrom('Profile', 'PermissionSet'),
    fc.array(fc.constantFrom(...BLOCKS), { minLength: 1, maxLength: 8 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'cut'), fc.constantFrom(...MARKUP, '\uD800', '\uDC00', '\u0008')), {
      maxLength: 3,
    }),
  )
  .map(([root, blocks, ops]) => {
    let t = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://soap.sforce.com/2006/04/metadata">\n${blocks.join('')}</${root}>\n`;
    for (const [n, op, bit] of ops) {
      const at = n % Math.max(1, t.length);
      if (op === 'cut') t = t.slice(0, at);
      else if (op === 'insert') t = t.slice(0, at) + bit + t.slice(at);
      else t = t.slice(0, at) + t.slice(at + 1 + (n % 7));
    }
    return { root, text: t };
  });

/** The elements built, with their offsets, in document order. */
function builtElements(root: XmlElement | undefined): string[] {
  const out: string[] = [];
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const e = stack.pop() as XmlElement;
    out.push(`${e.name} ${e.start} ${e.nameEnd} ${e.openEnd} ${e.closeStart} ${e.end} ${e.selfClosing}`);
    for (let k = e.children.length - 1; k >= 0; k--) stack.push(e.children[k] as XmlElement);
  }
  return out;
}

describe('properties (fast-check)', () => {
  it('the XML parser never throws and keeps every error range inside the document', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutated.map((m) => m.text),
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        (text) => {
          const doc = parseXml(text);
          for (const e of doc.errors) {
            expect(e.start).toBeGreaterThanOrEqual(0);
            expect(e.end).toBeLessThanOrEqual(text.length);
            expect(e.start).toBeLessThanOrEqual(e.end);
          }
          for (const c of doc.comments) expect(c.end).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });

  it('the XML parser and saxes agree on well-formedness over fuzzed inputs', () => {
    // Two deliberate differences, tested in xml-parser.test.ts: iulint reports any DOCTYPE (Salesforce
    // metadata has none, and iulint expands no entity), and an unpaired surrogate in a comment (XML 1.0
    // forbids it; saxes lets it through there). A file decoded from disk never holds an unpaired surrogate.
    const answers = { wellFormed: 0, malformed: 0 };
    fc.assert(
      fc.property(
        wellFormedness.filter((t) => !t.includes('<!DOCTYPE') && !UNPAIRED_SURROGATE.test(t)),
        (text) => {
          const ours = parseXml(text).errors;
          const strict = saxesAccepts(text);
          answers[strict ? 'wellFormed' : 'malformed']++;
          expect(ours.length === 0, `iulint: ${ours[0]?.message ?? 'well-formed'}; saxes: ${strict ? 'well-formed' : 'malformed'}`).toBe(
            strict,
          );
        },
      ),
      { numRuns: RUNS * 20 },
    );
    // The inputs exercise both answers.
    expect(answers.malformed).toBeGreaterThan(RUNS);
    expect(answers.wellFormed).toBeGreaterThan(RUNS / 2);
  });

  it('the parser reports the same errors and comments whether it builds every element or only what the facts read', () => {
    const profile = metadataParseOptions(classifyPath('force-app/main/default/profiles/P.profile-meta.xml')!);
    const permissionSet = metadataParseOptions(classifyPath('force-app/main/default/permissionsets/P.permissionset-meta.xml')!);
    const profileTopLevel = metadataParseOptions(classifyPath('force-app/main/default/profiles/P.profile-meta.xml')!, 'topLevel');
    const nothing = { keep: () => false };
    let malformed = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          shapedMetadata,
          wellFormedness.map((text) => ({ root: 'Profile', text })),
        ),
        ({ root, text }) => {
          const full = parseXml(text);
          if (full.errors.length > 0) malformed++;
          const facts = parseXml(text, root === 'Profile' ? profile : permissionSet);
          const bare = parseXml(text, nothing);
          const topLevel = parseXml(text, profileTopLevel);
          for (const doc of [facts, bare, topLevel]) {
            expect(doc.errors).toEqual(full.errors);
            expect(doc.comments).toEqual(full.comments);
          }
          // What is built is built alike: every element of the smaller trees is in the full tree, as it is there.
          const all = new Set(builtElements(full.root));
          for (const e of [facts, bare, topLevel].flatMap((doc) => builtElements(doc.root))) expect(all.has(e), e).toBe(true);
        },
      ),
      { numRuns: RUNS * 20 },
    );
    expect(malformed).toBeGreaterThan(RUNS);
  });

  it('every rule, on mutated metadata, never throws and reports ranges inside the document', () => {
    fc.assert(
      fc.property(mutated, ({ seed, text }) => {
        const findings = lintText(PATHS[seed] as string, text, RULES);
        for (const f of findings) {
          expect(f.message).not.toMatch(/failed on this file/); // no rule crashed
          expect(inside(text, f.range), `${f.ruleId} ${JSON.stringify(f.range)}`).toBe(true);
        }
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('the JSON parser never throws; user definition and tree files never crash the rules', () => {
    const jsonish = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.string({ maxLength: 200 }),
      fc.json().map((j) => `{"Username": "cloud@00d5e000000abcdeaa", "x": ${j}`),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((v) => JSON.stringify({ records: [{ attributes: { type: 'User', referenceId: 'R' }, Username: v }] })),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        const r = parseJson(text);
        if (r.error) expect(r.error.offset).toBeLessThanOrEqual(text.length);
        for (const path of ['config/user-def.json', 'data/users.json', '.sf/config.json', 'package.json']) {
          for (const f of lintText(path, text, RULES)) expect(inside(text, f.range)).toBe(true);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('the shell and Apex tokenizers never throw, and their ranges stay inside the text', () => {
    const shellish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'sf',
            'sfdx',
            'org',
            'login',
            'jwt',
            '-o',
            '--username',
            'cloud@00d5e000000abcdeaa',
            '"',
            "'",
            '\\\n',
            '&&',
            '|',
            ';',
            '#',
            '\n',
            'force:auth:jwt:grant',
            '--on-behalf-of',
            'assign',
            'permset',
            '=',
            '`\n',
          ),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(' '));
    const apexish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'User u = ',
            "[SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser']",
            'System.runAs(u) {',
            '}',
            'update u;',
            'Database.update(',
            ')',
            "'",
            '/*',
            '*/',
            '//',
            '\n',
            '[',
            ']',
            'setPassword(u.Id, ',
            ';',
          ),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(shellish, apexish, (sh, apex) => {
        for (const w of shellWords(sh)) {
          expect(w.start).toBeGreaterThanOrEqual(0);
          expect(w.end).toBeLessThanOrEqual(sh.length);
        }
        for (const c of scriptFacts('s.sh', sh).commands) expect(inside(sh, c.range)).toBe(true);
        for (const u of apexFacts('A.cls', apex).uses) expect(inside(apex, u.range)).toBe(true);
        for (const f of [...lintText('scripts/s.sh', sh, RULES), ...lintText('classes/A.cls', apex, RULES)])
          expect(inside(f.path.endsWith('.sh') ? sh : apex, f.range)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('the Agent Script reader never throws, and its ranges stay inside the text', () => {
    const agentish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'access:',
            'config:',
            'topic orders:',
            '\n',
            '\r\n',
            '    ',
            '\t',
            '  ',
            'default_agent_user:',
            'agent_type:',
            '"',
            "'",
            '#',
            'ops@acme.com',
            '<placeholder>',
            '|',
            '->',
          ),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(agentish, (text) => {
        const facts = agentScriptFacts('aiAuthoringBundles/A/A.agent', text);
        for (const u of facts.userReferences) {
          expect(inside(text, u.username.range)).toBe(true);
          expect(u.username.value).toMatch(/^[^\s@]+@[^\s@]+$/);
        }
        for (const f of lintText('aiAuthoringBundles/A/A.agent', text, RULES)) expect(inside(text, f.range)).toBe(true);
      }),
      { numRuns: RUNS * 4 },
    );
  });
});
