import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORCEIGNORE_DEFAULTS, IgnoreMatcher, readForceignore } from '../src/config/ignore.js';
import { guardRules, linearRegex, MAX_PATTERN_LENGTH, rulesOf, translateToRe2 } from '../src/config/ignoreGuard.js';
import { MemoryFileSystem } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import { matchesValueGlob } from '../src/text/glob.js';
import { Workspace } from '../src/workspace/workspace.js';
import { parseXml } from '../src/xml/parser.js';

/**
 * No input hangs (docs/security.md): value globs, `.forceignore` patterns and XML attributes are matched
 * without backtracking, and still mean what they meant. Each matcher is held to an independent judge on
 * generated inputs (a regular expression for globs, the `ignore` package itself for `.forceignore`),
 * then given the inputs that made the former code run for minutes. The spawned-CLI versions of these
 * inputs, with a time-out that kills a hang, are in packages/lsp/test/hangs.test.ts.
 */
const RUNS = Number(process.env.FUZZ_RUNS || 300);

/** The former matcher, as the judge of meaning: every `*` a `.*`, every `?` a `.`, case-insensitive (no line terminators in the inputs). */
function regexGlob(glob: string, value: string): boolean {
  const source = glob
    .split('')
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}

describe('value globs (integrationUsers, integrationNames)', () => {
  it('mean what a regular expression of them means, on generated globs and values', () => {
    const alphabet = fc.constantFrom('a', 'A', 'b', '.', '@', '*', '?', 'é', 'É', 'ſ', 'K', 'k', '\u212a', '\uD83D\uDE00');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 10 }), fc.array(alphabet, { maxLength: 12 }), (g, v) => {
        const glob = g.join('');
        const value = v.join('').replace(/[*?]/g, 'x');
        expect(matchesValueGlob(glob, value), `${JSON.stringify(glob)} ~ ${JSON.stringify(value)}`).toBe(regexGlob(glob, value));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('match many stars against a long name at once (a regular expression took 58 s on *a*a*b)', () => {
    const name = `${'a'.repeat(4000)}@acme.com`;
    for (const glob of ['*a*a*b', '*a*a*a*a*a*a*a*a*b', `${'*a'.repeat(200)}*b`, '*?*?*?*?*?*?*?*?*x'])
      expect(matchesValueGlob(glob, name)).toBe(false);
    expect(matchesValueGlob(`${'*a'.repeat(200)}*@acme.com`, name)).toBe(true);
    expect(matchesValueGlob('*a*a*b', `${'a'.repeat(4000)}b`)).toBe(true);
  }, 60_000);
});

describe('.forceignore through the guarded ignore package', () => {
  const ignore5 = createRequire(import.meta.url)('ignore') as () => { add(p: string | string[]): { ignores(p: string): boolean } };

  it('the linear-time engine reads every expression the ignore package makes as JavaScript does', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      'A',
      '*',
      '**',
      '?',
      '/',
      '[',
      ']',
      '!',
      '-',
      '.',
      '\\',
      ' ',
      'z-a',
      'a-z',
      '^',
      '$',
      '(',
      '|',
      '{',
      '#',
      'é',
    );
    const path = fc.array(fc.constantFrom('a', 'b', 'A', '/', '.', '-', ']', '[', '$', 'é', ' ', '\\'), { minLength: 1, maxLength: 10 });
    let compared = 0;
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 8 }), fc.array(path, { maxLength: 6 }), (tokens, paths) => {
        const pattern = tokens.join('');
        let rule: { regex: RegExp } | undefined;
        try {
          rule = (ignore5().add(pattern) as unknown as { _rules: Array<{ regex: RegExp }> })._rules[0];
        } catch {
          return; // the CLI cannot read it either (reported as such)
        }
        if (!rule) return;
        const linear = linearRegex(rule.regex.source);
        if (!linear) return; // not translatable: such a rule is never left to backtrack (matches nothing, and is reported)
        for (const p of paths) {
          const candidate = p.join('');
          compared++;
          expect(linear.test(candidate), `${JSON.stringify(pattern)} -> /${rule.regex.source}/i on ${JSON.stringify(candidate)}`).toBe(
            rule.regex.test(candidate),
          );
        }
      }),
      { numRuns: RUNS * 10 },
    );
    expect(compared).toBeGreaterThan(RUNS);
  });

  it('the guarded matcher decides every file as the plain ignore package does (on names short enough for it to finish)', () => {
    const segment = fc.array(fc.constantFrom('a', 'b', '*', '?', '.', '[ab]', '**'), { minLength: 1, maxLength: 6 }).map((x) => x.join(''));
    const name = fc.array(fc.constantFrom('a', 'b', '.', 'x'), { minLength: 1, maxLength: 8 }).map((x) => x.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(name, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (rules, files) => {
          const lines = rules.map(([neg, segs]) => `${neg ? '!' : ''}${segs.join('/')}`);
          const guarded = new IgnoreMatcher(lines);
          for (const f of files) {
            const path = `${f.join('/')}.profile-meta.xml`.replace(/^(?!force-app)/, 'force-app/main/default/profiles/');
            let expected: boolean;
            try {
              expected = ignore5()
                .add([
                  ...'**/*.dup,**/.*,!.sf,**/.sf/**,!**/.sf/orgs,!**/.sf/orgs/**,**/.sf/orgs/*/**,!**/.sf/orgs/*/remoteMetadata,!**/.sf/orgs/*/remoteMetadata/**,**/package2-descriptor.json,**/package2-manifest.json'.split(
                    ',',
                  ),
                  ...lines,
                ])
                .ignores(path);
            } catch {
              continue;
            }
            expect(guarded.ignoresFile(path), `${JSON.stringify(lines)} on ${path}`).toBe(expected);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a line with many wildcards against a long name finishes, and still matches (5.3.2 alone: over a minute)', async () => {
    const fs = new MemoryFileSystem({
      '/p/sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}',
      '/p/.forceignore': '*a*a*a*a*a*a*b.profile-meta.xml\n**/x*a*a*a*a*a*a*c*/**\n',
      [`/p/force-app/profiles/${'a'.repeat(200)}.profile-meta.xml`]: '<Profile/>',
      [`/p/force-app/profiles/${'a'.repeat(200)}b.profile-meta.xml`]: '<Profile/>',
      [`/p/force-app/x${'a'.repeat(200)}c/profiles/In.profile-meta.xml`]: '<Profile/>',
    });
    const ws = await Workspace.load(fs, '/p', RULES);
    expect([...ws.files.keys()]).toEqual([`/p/force-app/profiles/${'a'.repeat(200)}.profile-meta.xml`]);
    expect(ws.forceignoreFindings).toEqual([]);
  }, 60_000);

  it("iulint's own defaults keep the ignore package's expressions, and finish on hostile paths as the package decides them", () => {
    const guarded = rulesOf(guardRules(ignore5().add([...FORCEIGNORE_DEFAULTS]) as never, new Set(FORCEIGNORE_DEFAULTS)));
    expect(guarded).toHaveLength(FORCEIGNORE_DEFAULTS.length);
    for (const rule of guarded) expect(rule.regex).toBeInstanceOf(RegExp);
    // Without the trust, two of them would go to the linear-time engine.
    const withoutTrust = rulesOf(guardRules(ignore5().add([...FORCEIGNORE_DEFAULTS]) as never));
    expect(withoutTrust.filter((r) => !(r.regex instanceof RegExp))).toHaveLength(2);
    const matcher = new IgnoreMatcher([]);
    const plain = ignore5().add([...FORCEIGNORE_DEFAULTS]);
    const paths = [
      `${'.sf/orgs/'.repeat(450)}x`,
      `${'.sf/orgs/a'.repeat(400)}/remoteMetadata`,
      `force-app/${'.sf/orgs/x/'.repeat(370)}remoteMetadata/y.xml`,
      `${'a/'.repeat(2000)}.sf/orgs/${'b'.repeat(3000)}/remoteMetadata/c`,
      `.sf/orgs/${'/'.repeat(4000)}x`,
    ];
    for (const path of paths) expect(matcher.ignoresFile(path, true), path.slice(0, 40)).toBe(plain.ignores(path));
  });

  it('a leading **/ counts among the wildcards: **/a/**/b against a folder 3,000 levels deep finishes (5.3.2: minutes)', () => {
    // `^(?:.*\/)?a(?:\/[^\/]+)*\/b`: the leading globstar tries every `/`, the inner one every count of
    // levels after it, and `ignore` tests each parent folder too: cubic and more in the depth.
    const deep = `force-app/${'a/'.repeat(3000)}`;
    for (const line of ['**/a/**/b', '**/a/**/a/b']) {
      const matcher = new IgnoreMatcher([line]);
      expect(matcher.ignoresFile(`${deep}c.profile-meta.xml`), line).toBe(false);
      expect(matcher.ignoresFile(`${deep}b/c.profile-meta.xml`), line).toBe(true);
    }
  }, 60_000);

  it('a line longer than any path is not compiled (5.3.2 compiles a 20,000-character line in 0.7 s, a megabyte in hours): a finding, the other lines apply', () => {
    const long = `${'a '.repeat(500_000)}x`;
    const read = readForceignore('/p/.forceignore', `**/legacy/**\n${long}\n`);
    expect(read.findings).toEqual([
      expect.objectContaining({
        ruleId: 'forceignore',
        severity: 'error',
        message: expect.stringMatching(/^iulint does not apply this line: it is longer than 4096 characters/),
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: MAX_PATTERN_LENGTH } },
      }),
    ]);
    expect(new IgnoreMatcher(read.patterns).ignoresFile('force-app/legacy/profiles/A.profile-meta.xml')).toBe(true);
  }, 60_000);

  it('a rule the linear-time engine cannot read the same way is reported and not applied, never left to backtrack', () => {
    expect(translateToRe2('(?:^|\\/)\\d[^\\/]*a[^\\/]*a[^\\/]*b(?=$|\\/$)')).toBeUndefined();
    const read = readForceignore('/p/.forceignore', '*a*a*a*\\d\n');
    expect(read.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^iulint does not apply this line: it has many wildcards/),
    );
    expect(read.patterns).toEqual(['', '']);
  });
});

describe('XML attributes', () => {
  it('duplicates among 200,000 attributes are found at once (was quadratic: 40,000 took 4.7 s)', () => {
    const attrs = Array.from({ length: 200_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    const doc = parseXml(`<Profile ${attrs} a7="again" a199999="again"/>`);
    expect(doc.errors.map((e) => e.message)).toEqual(['Duplicate attribute a7', 'Duplicate attribute a199999']);
    expect(doc.root?.attributes).toHaveLength(200_002);
  }, 60_000);

  it('a megabyte of & in text and in an attribute value finishes (the search for ";" stops after 40 characters)', () => {
    for (const text of [`<a>${'&'.repeat(1 << 20)}</a>`, `<a b="${'&'.repeat(1 << 20)}"/>`, `<a>${'&x'.repeat(1 << 19)}</a>`]) {
      const doc = parseXml(text);
      expect(doc.errors[0]?.message).toBe("'&' must be written as &amp;");
      expect(doc.errors).toHaveLength(100);
    }
  }, 60_000);
});
