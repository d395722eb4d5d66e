import { describe, expect, it } from 'vitest';
import {
  CHECK_OPTIONS,
  checkHelp,
  checkOptionsSchema,
  defaultCheckOptions,
  OptionError,
  parseCheckArgs,
  reportTargets,
} from '../src/options.js';

describe('the check options, declared once', () => {
  it('parses as the help documents: values, lists, optional values, --no-color, -- before paths', () => {
    const o = parseCheckArgs([
      'force-app',
      '-f',
      'junit',
      '--output=a.sarif',
      '-o',
      'gitlab=b.json',
      '--max-warnings',
      '-1',
      '--ignore-pattern',
      'x/',
      '--ignore-pattern',
      'y/',
      '--baseline',
      'force-app/x.xml',
      '--no-color',
      '--',
      '--odd-path',
    ]);
    expect(o.paths).toEqual(['force-app', 'force-app/x.xml', '--odd-path']); // --baseline takes only a .json file
    expect(o.format).toBe('junit');
    expect(o.output).toEqual(['a.sarif', 'gitlab=b.json']);
    expect(o.maxWarnings).toBe(-1);
    expect(o.ignorePattern).toEqual(['x/', 'y/']);
    expect(o.baseline).toBe('');
    expect(o.color).toBe(false);
    expect(parseCheckArgs(['--baseline', 'old.json']).baseline).toBe('old.json');
    // The defaults, written out (the CLI's help and README say them): not taken from the code under test.
    const defaults = {
      paths: [],
      format: 'stylish',
      output: [],
      quiet: false,
      severityThreshold: 'error',
      maxWarnings: -1,
      exitZero: false,
      ignorePattern: [],
      pruneBaseline: false,
      fix: false,
      fixDryRun: false,
      fixSuggestions: false,
    };
    expect(parseCheckArgs([])).toEqual(defaults);
    expect(defaultCheckOptions()).toEqual(defaults);
  });

  it('refuses with one line and a suggestion', () => {
    const message = (args: string[]) => {
      try {
        parseCheckArgs(args);
      } catch (e) {
        expect(e).toBeInstanceOf(OptionError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(message(['--formt', 'json'])).toBe('unknown option --formt; did you mean --format?');
    expect(message(['--format'])).toBe('--format needs a value (--format <format>)');
    expect(message(['--max-warnings', '-2'])).toContain('takes a whole number');
    expect(message(['--quiet=yes'])).toBe('--quiet takes no value');
    expect(message(['-s', 'warning'])).toBe('unknown option -s');
  });

  it('-o: a lone FILE takes --format; FORMAT=FILE its own; several bare files by extension', () => {
    expect(reportTargets({ format: 'json', output: ['r.txt'] })).toEqual({ files: [{ format: 'json', file: 'r.txt' }], stdout: false });
    expect(reportTargets({ format: 'json', output: ['sarif=r.txt'] })).toEqual({
      files: [{ format: 'sarif', file: 'r.txt' }],
      stdout: true,
    });
    expect(reportTargets({ format: 'stylish', output: ['a.sarif', 'b.XML', 'c.json'] }).files.map((f) => f.format)).toEqual([
      'sarif',
      'junit',
      'json',
    ]);
    expect(() => reportTargets({ format: 'stylish', output: ['a.sarif', 'b.txt'] })).toThrow(OptionError);
  });

  it('the help lists every option; the JSON schema has every option under its key', () => {
    const help = checkHelp();
    for (const o of CHECK_OPTIONS) expect(help).toContain(`--${o.cli.negatable ? '[no-]' : ''}${o.cli.flag}`);
    const schema = checkOptionsSchema() as { properties: Record<string, { type: string; default?: unknown }> };
    expect(Object.keys(schema.properties).sort()).toEqual(['paths', ...CHECK_OPTIONS.map((o) => o.key)].sort());
    expect(schema.properties.format?.default).toBe('stylish');
    expect(schema.properties.maxWarnings?.type).toBe('integer');
  });
});
