import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config.js';
import { IgnoreMatcher } from '../src/config/ignore.js';
import { RULES } from '../src/rules/index.js';
import { matchesValueGlob } from '../src/text/glob.js';

describe('iulint.config.json', () => {
  it('reads every setting', () => {
    const { config, problems } = parseConfig(
      JSON.stringify({
        rules: { 'piu-no-run-as': 'warning', 'integration-least-privilege': ['error', { byName: false }] },
        ignore: ['legacy/**'],
        integrationUsers: ['svc.*@acme.com'],
        orgSnapshot: '.iulint/snapshot',
        highRiskPermissions: ['ModifyAllData'],
        generalPurposeLicenses: ['Identity'],
      }),
      RULES,
    );
    expect(problems).toEqual([]);
    expect(config.rules['piu-no-run-as']).toEqual({ level: 'warning', options: {} });
    expect(config.rules['integration-least-privilege']).toEqual({ level: 'error', options: { byName: false } });
    expect(config.ignore).toEqual(['legacy/**']);
    expect(config.orgSnapshot).toBe('.iulint/snapshot');
    expect(config.highRiskPermissions).toEqual(['ModifyAllData']);
    expect(config.generalPurposeLicenses).toEqual(['Identity']);
  });

  it('reports problems with their positions and keeps what is valid', () => {
    const text =
      '{\n  "rules": {\n    "no-such-rule": "error",\n    "piu-no-run-as": "loud",\n    "xml-syntax": "off"\n  },\n  "ignore": "x",\n  "colour": true\n}';
    const { config, problems } = parseConfig(text, RULES);
    expect(problems.map((p) => [p.message.split(' (')[0], p.range.start.line, p.range.start.character])).toEqual([
      ['Unknown rule "no-such-rule"', 2, 4],
      ['The level of "piu-no-run-as" must be one of error, warning, info, off', 3, 21],
      ['"ignore" must be an array of strings', 6, 12],
      ['Unknown setting "colour"', 7, 2],
    ]);
    expect(config.rules['xml-syntax']?.level).toBe('off');
  });

  it('knows the rules its caller hands it, and no others', () => {
    const mine = [{ meta: { id: 'my-rule', options: { strict: { type: 'boolean' as const, default: false, description: 'x' } } } }];
    const text = '{ "rules": { "my-rule": ["warning", { "strict": "yes" }], "piu-no-run-as": "off" } }';
    const { config, problems } = parseConfig(text, mine);
    expect(problems.map((p) => p.message)).toEqual([
      'The option "strict" of "my-rule" must be true or false',
      'Unknown rule "piu-no-run-as" (known: my-rule)',
    ]);
    expect(config.rules).toEqual({ 'my-rule': { level: 'warning', options: {} } });
    expect(parseConfig(text, RULES).problems.map((p) => p.message.split(' (')[0])).toEqual(['Unknown rule "my-rule"']);
  });

  it('reports broken JSON at its position, never throws', () => {
    const { problems } = parseConfig('{ "rules": { "a": }', RULES);
    expect(problems[0]?.message).toMatch(/^iulint.config.json is not valid JSON/);
    expect(problems[0]?.range.start.character).toBe(18);
  });
});

describe('ignore patterns (.forceignore syntax, through the ignore package)', () => {
  it('matches as .gitignore does, metadata with the Salesforce CLI defaults first', () => {
    const m = new IgnoreMatcher(
      '# comment\n**/jsconfig.json\npackage.xml\n/force-app/main/default/staticresources/\n**/__tests__/**\n!keep/package.xml\n'.split(
        '\n',
      ),
    );
    expect(m.ignoresFile('force-app/lwc/x/jsconfig.json')).toBe(true);
    expect(m.ignoresFile('src/package.xml')).toBe(true);
    expect(m.ignoresFile('keep/package.xml')).toBe(false);
    expect(m.ignoresFile('force-app/main/default/staticresources/a.resource-meta.xml')).toBe(true);
    expect(m.ignoresFile('other/force-app/main/default/staticresources/a.resource-meta.xml')).toBe(false);
    expect(m.ignoresFile('force-app/lwc/c/__tests__/c.test.js')).toBe(true);
    expect(m.ignoresFile('force-app/main/default/profiles/Admin.profile-meta.xml')).toBe(false);
    // The CLI's defaults: dot-folders hidden from a deploy, for metadata only.
    expect(m.ignoresFile('force-app/.old/profiles/Admin.profile-meta.xml')).toBe(true);
    expect(m.ignoresFile('.github/workflows/ci.yml')).toBe(false);
    expect(m.ignoresFolder('.github')).toBe(false);
    expect(new IgnoreMatcher(undefined).ignoresFile('force-app/.old/profiles/Admin.profile-meta.xml')).toBe(false);
  });

  it('matches username globs', () => {
    expect(matchesValueGlob('svc.*@acme.com', 'SVC.erp@acme.com')).toBe(true);
    expect(matchesValueGlob('svc.*@acme.com', 'svc.erp@acme.co')).toBe(false);
  });
});

describe('orgSnapshot stays inside the project', () => {
  it('refuses a path that climbs out, with / or \\ as separators, at its key', () => {
    for (const out of ['../elsewhere', '..', 'a/../../b', '..\\elsewhere', 'a\\..\\..\\b', './../x']) {
      const text = JSON.stringify({ orgSnapshot: out });
      const { config, problems } = parseConfig(text, RULES);
      expect(config.orgSnapshot, out).toBeUndefined();
      expect(problems, out).toEqual([
        {
          message: expect.stringMatching(/^"orgSnapshot" must stay inside the project/),
          range: { start: { line: 0, character: 1 }, end: { line: 0, character: 14 } },
        },
      ]);
    }
    for (const inside of ['.iulint/snapshot', 'a/../b', './snap', '/abs/under/root', 'a\\b\\..\\c']) {
      const { config, problems } = parseConfig(JSON.stringify({ orgSnapshot: inside }), RULES);
      expect(problems, inside).toEqual([]);
      expect(config.orgSnapshot).toBe(inside);
    }
  });
});
