import fc from 'fast-check';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { FastIgnore, requiredLiteral } from '../src/config/fastIgnore.js';
import { FORCEIGNORE_DEFAULTS } from '../src/config/ignore.js';
import { guardRules } from '../src/config/ignoreGuard.js';

const RUNS = Number(process.env.FUZZ_RUNS || 300);

/**
 * The `ignore` package's own answer, or the error it throws; its risky rules guarded as iulint always
 * runs them (`ignoreGuard.ts`, judged in backtracking.test.ts), which is what FastIgnore must not change.
 */
function judged(patterns: readonly string[], path: string): boolean | string {
  return answer(() => guardRules(ignore().add([...patterns])).ignores(path));
}

/** What a matcher answers for a path, or the error it throws. */
function answer(ignores: () => boolean): boolean | string {
  try {
    return ignores();
  } catch (e) {
    return `throws: ${(e as Error).constructor.name}`;
  }
}

describe('requiredLiteral', () => {
  it.each([
    ['^(?:.*\\/)?__tests__\\/.+(?=$|\\/$)', '__tests__/'],
    ['^(?:.*\\/)?\\.sf\\/orgs\\/[^\\/]*\\/.+(?=$|\\/$)', '.sf/orgs/'],
    ['(?:^|\\/)package\\.xml(?=$|\\/$)', 'package.xml'],
    ['^(?:.*\\/)?[^\\/]*\\.dup(?=$|\\/$)', '.dup'],
    ['^(?:.*\\/)?Jsconfig\\.JSON(?=$|\\/$)', 'jsconfig.json'],
  ])('%s holds %s', (source, literal) => {
    expect(requiredLiteral(source)).toBe(literal);
  });

  it.each<[string, string | undefined, string]>([
    ['^(?:.*\\/)?\\.[^/]*(?=$|\\/$)', undefined, 'one character is no filter'],
    ['^ab*c$', undefined, 'a repeated letter is not required, and a and c alone are too short'],
    ['^abc|def$', undefined, 'an alternation at the top level'],
    ['^(?:.*\\/)?caf\u00e9s(?=$|\\/$)', undefined, 'a non-ASCII letter'],
    ['^a\\dbc$', 'bc', 'a letter escape ends a run'],
  ])('%s holds %s (%s)', (source, literal) => {
    expect(requiredLiteral(source)).toBe(literal);
  });

  it('drops a character a quantifier makes optional', () => {
    expect(requiredLiteral('^abcx?yz$')).toBe('abc');
    expect(requiredLiteral('^abcx*yzw$')).toBe('abc');
  });
});

describe('FastIgnore', () => {
  const piece = fc.constantFrom(
    'a',
    'B',
    'x.xml',
    '.sf',
    'orgs',
    'remoteMetadata',
    '__tests__',
    'Pkg',
    '\u212a',
    '\u017f',
    'caf\u00e9',
    'k',
    's',
    '*',
    '**',
    '?',
    '[ab]',
    '.*',
    '*.dup',
  );
  const pattern = fc
    .tuple(fc.constantFrom('', '!', '/', '**/'), fc.array(piece, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/', '/**'))
    .map(([head, parts, tail]) => `${head}${parts.join('/')}${tail}`);
  const segment = fc.constantFrom(
    'a',
    'A',
    'b',
    'x.xml',
    'X.XML',
    '.sf',
    '.SF',
    'orgs',
    'remotemetadata',
    '__tests__',
    'pkg',
    'K',
    'k',
    '\u212a',
    'S',
    '\u017f',
    'caf\u00e9',
    'CAF\u00c9',
    'f.dup',
    '..',
    '.',
  );
  const path = fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '/'))
    .map(([parts, tail]) => `${parts.join('/')}${tail}`);

  it('answers as the ignore package does, for files and folders, ASCII or not', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 6 }), fc.array(path, { minLength: 1, maxLength: 8 }), (patterns, paths) => {
        const matcher = new FastIgnore(patterns);
        for (const p of paths) {
          expect(
            answer(() => matcher.ignores(p)),
            `${JSON.stringify(patterns)} ${p}`,
          ).toEqual(judged(patterns, p));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('answers as the ignore package does with the Salesforce CLI defaults, asked in any order', () => {
    const patterns = [...FORCEIGNORE_DEFAULTS, '**/__tests__/**', 'package.xml', '**/jsconfig.json'];
    const paths = [
      'force-app/main/default/lwc/c/__tests__/c.test.js',
      'force-app/main/default/lwc/c/__TESTS__/c.test.js',
      '.sf/orgs/x/remoteMetadata/a.xml',
      '.sf/orgs/x/other/a.xml',
      '.SF/ORGS/x/other/a.xml',
      'a/.sf/orgs/x/y',
      'a/.sf/orgs/x/y/',
      'src/package.xml',
      'package.xml',
      'x.dup',
      'a/b/.hidden/c.xml',
      'force-app/main/default/classes/A.cls',
      '',
      '..',
      './a',
    ];
    const matcher = new FastIgnore(patterns);
    for (const p of [...paths, ...[...paths].reverse()])
      expect(
        answer(() => new FastIgnore(patterns).ignores(p)),
        p,
      ).toEqual(judged(patterns, p));
    for (const p of paths)
      expect(
        answer(() => matcher.ignores(p)),
        p,
      ).toEqual(judged(patterns, p));
  });
});
