import { SEVERITIES, type Severity } from './diagnostic.js';
import { didYouMean } from './text/suggest.js';

/**
 * The options of a check, declared once: `iulint check` parses its arguments and prints its help from
 * this declaration, `sf iulint check` makes its flags from it, and the MCP server its tool's input.
 * Each option has a key (the property of `CheckOptions`), a kind, a default, a help line and each
 * front end's flag name.
 */

/** The report formats, in the order the help lists them. */
export const REPORT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a check is asked to do: every front end fills one of these. */
export interface CheckOptions {
  /** Files and folders to report on (relative to the current folder); none means the current folder. */
  paths: string[];
  format: ReportFormat;
  /** Report files as given: `FILE` or `FORMAT=FILE` (see `reportTargets`). */
  output: string[];
  severityThreshold: Severity;
  /** More warnings than this fail the run; -1 (ESLint's default) means no limit. */
  maxWarnings: number;
  quiet: boolean;
  exitZero: boolean;
  /** Colours in stylish output: undefined means "on a terminal, unless NO_COLOR". */
  color: boolean | undefined;
  config: string | undefined;
  orgSnapshot: string | undefined;
  ignorePattern: string[];
  /** The baseline file; the empty string means the default file in the project root. */
  baseline: string | undefined;
  writeBaseline: string | undefined;
  pruneBaseline: boolean;
  fix: boolean;
  fixDryRun: boolean;
  fixSuggestions: boolean;
  changedSince: string | undefined;
  /** Print the configuration that applies to this file, and lint nothing. */
  printConfig: string | undefined;
}

export type CheckOptionKey = Exclude<keyof CheckOptions, 'paths'>;

export type OptionKind = 'boolean' | 'string' | 'integer' | 'choice' | 'list';

export type OptionGroup = 'Output' | 'Gates' | 'Inputs' | 'Pull requests' | 'Baseline' | 'Fixes' | 'Configuration';

interface Spec<K extends CheckOptionKey> {
  key: K;
  kind: OptionKind;
  default: CheckOptions[K];
  /** The values a `choice` takes. */
  choices?: readonly string[];
  /** The value's name in the help (`<file>`). */
  value?: string;
  /** The value may be left out (`--baseline` alone means the default file); it is taken only when it ends with `.json`. */
  optionalValue?: boolean;
  help: string;
  group: OptionGroup;
  /** `iulint check`'s flag (ESLint's names). */
  cli: { flag: string; short?: string; negatable?: boolean };
  /** `sf iulint check`'s flag (the Salesforce CLI's names); absent when the option is not offered there. */
  sf?: { flag: string; char?: string };
}

/** One option of a check, typed by its key. */
export type CheckOptionSpec = { [K in CheckOptionKey]: Spec<K> }[CheckOptionKey];

export const CHECK_OPTIONS: readonly CheckOptionSpec[] = [
  {
    key: 'format',
    kind: 'choice',
    choices: REPORT_FORMATS,
    default: 'stylish',
    value: 'format',
    help: 'the report format: stylish, json, sarif, github (annotations), junit, gitlab (Code Quality)',
    group: 'Output',
    cli: { flag: 'format', short: 'f' },
    sf: { flag: 'result-format', char: 'r' },
  },
  {
    key: 'output',
    kind: 'list',
    default: [],
    value: 'file',
    help: 'write a report to a file (repeatable; FORMAT=FILE names its format; folders are created)',
    group: 'Output',
    cli: { flag: 'output', short: 'o' },
    sf: { flag: 'output-file' },
  },
  {
    key: 'quiet',
    kind: 'boolean',
    default: false,
    help: 'report errors only (warnings still count for --max-warnings)',
    group: 'Output',
    cli: { flag: 'quiet' },
    sf: { flag: 'quiet' },
  },
  {
    key: 'color',
    kind: 'boolean',
    default: undefined,
    help: 'colours in stylish output (default: on a terminal, unless NO_COLOR is set); --no-color turns them off',
    group: 'Output',
    cli: { flag: 'color', negatable: true },
    sf: { flag: 'color' },
  },
  {
    key: 'severityThreshold',
    kind: 'choice',
    choices: SEVERITIES,
    default: 'error',
    value: 'level',
    help: 'the lowest severity that fails the run: error, warning or info',
    group: 'Gates',
    cli: { flag: 'severity-threshold' },
    sf: { flag: 'severity-threshold', char: 's' },
  },
  {
    key: 'maxWarnings',
    kind: 'integer',
    default: -1,
    value: 'n',
    help: 'also fail when more than n warnings are reported (-1: no limit)',
    group: 'Gates',
    cli: { flag: 'max-warnings' },
    sf: { flag: 'max-warnings' },
  },
  {
    key: 'exitZero',
    kind: 'boolean',
    default: false,
    help: 'exit 0 whenever the lint ran, whatever it found',
    group: 'Gates',
    cli: { flag: 'exit-zero' },
    sf: { flag: 'exit-zero' },
  },
  {
    key: 'changedSince',
    kind: 'string',
    default: undefined,
    value: 'git-ref',
    help: 'report the findings in files changed since the merge base with this ref, and in the files whose findings depend on them',
    group: 'Pull requests',
    cli: { flag: 'changed-since' },
    sf: { flag: 'changed-since' },
  },
  {
    key: 'config',
    kind: 'string',
    default: undefined,
    value: 'file',
    help: 'the configuration file (default: iulint.config.json in the project root)',
    group: 'Inputs',
    cli: { flag: 'config', short: 'c' },
    sf: { flag: 'config-file', char: 'c' },
  },
  {
    key: 'orgSnapshot',
    kind: 'string',
    default: undefined,
    value: 'dir',
    help: 'an org snapshot folder (see iulint snapshot); overrides orgSnapshot of the configuration',
    group: 'Inputs',
    cli: { flag: 'org-snapshot' },
    sf: { flag: 'org-snapshot' },
  },
  {
    key: 'ignorePattern',
    kind: 'list',
    default: [],
    value: 'glob',
    help: 'ignore files matching the glob (gitignore syntax, repeatable; .forceignore is always read)',
    group: 'Inputs',
    cli: { flag: 'ignore-pattern' },
    sf: { flag: 'ignore-pattern' },
  },
  {
    key: 'baseline',
    kind: 'string',
    default: undefined,
    value: 'file.json',
    optionalValue: true,
    help: 'report only findings the baseline does not hold (default file: iulint-baseline.json in the project root)',
    group: 'Baseline',
    cli: { flag: 'baseline' },
    sf: { flag: 'baseline' },
  },
  {
    key: 'writeBaseline',
    kind: 'string',
    default: undefined,
    value: 'file.json',
    optionalValue: true,
    help: "record today's findings as the baseline, and exit 0",
    group: 'Baseline',
    cli: { flag: 'write-baseline' },
    sf: { flag: 'write-baseline' },
  },
  {
    key: 'pruneBaseline',
    kind: 'boolean',
    default: false,
    help: 'with --baseline: drop from the baseline what no longer occurs (adds nothing)',
    group: 'Baseline',
    cli: { flag: 'prune-baseline' },
    sf: { flag: 'prune-baseline' },
  },
  {
    key: 'fix',
    kind: 'boolean',
    default: false,
    help: 'apply the quick fixes of the reported findings to the files',
    group: 'Fixes',
    cli: { flag: 'fix' },
    sf: { flag: 'fix' },
  },
  {
    key: 'fixDryRun',
    kind: 'boolean',
    default: false,
    help: 'print the fixes as a unified diff on stdout and write nothing; reports go to the output files',
    group: 'Fixes',
    cli: { flag: 'fix-dry-run' },
    sf: { flag: 'fix-dry-run' },
  },
  {
    key: 'fixSuggestions',
    kind: 'boolean',
    default: false,
    help: 'with --fix or --fix-dry-run: also apply the suggestions (fixes of findings that rest on a name only)',
    group: 'Fixes',
    cli: { flag: 'fix-suggestions' },
    sf: { flag: 'fix-suggestions' },
  },
  {
    key: 'printConfig',
    kind: 'string',
    default: undefined,
    value: 'file',
    help: 'print the configuration that applies to this file (JSON), and lint nothing',
    group: 'Configuration',
    cli: { flag: 'print-config' },
    sf: { flag: 'print-config' },
  },
];

/** The options of a check with every default. */
export function defaultCheckOptions(paths: string[] = []): CheckOptions {
  const out: Record<string, unknown> = { paths };
  for (const o of CHECK_OPTIONS) out[o.key] = Array.isArray(o.default) ? [...o.default] : o.default;
  return out as unknown as CheckOptions;
}

/** A bad command line: the CLI exits 2 with this one-line message. */
export class OptionError extends Error {}

const flagName = (o: CheckOptionSpec) => `--${o.cli.flag}`;

/** Checks and converts one value of an option; throws an OptionError naming the flag. */
export function optionValue(o: CheckOptionSpec, raw: string, flag = flagName(o)): unknown {
  if (o.kind === 'integer') {
    if (!/^-?\d+$/.test(raw.trim())) throw new OptionError(`${flag} takes a whole number (-1 for no limit), not "${raw}"`);
    const n = Number(raw);
    if (n < -1) throw new OptionError(`${flag} takes a whole number (-1 for no limit), not "${raw}"`);
    return n;
  }
  if (o.kind === 'choice') {
    const choices = o.choices ?? [];
    if (!choices.includes(raw))
      throw new OptionError(`${flag} does not take "${raw}" (use ${choices.join(', ')})${didYouMean(raw, choices)}`);
  }
  return raw;
}

/** Every flag `iulint check` knows, for "did you mean". */
function knownFlags(): string[] {
  const out = ['--help', '-h'];
  for (const o of CHECK_OPTIONS) {
    out.push(flagName(o));
    if (o.cli.short) out.push(`-${o.cli.short}`);
    if (o.cli.negatable) out.push(`--no-${o.cli.flag}`);
  }
  return out;
}

/**
 * Parses `iulint check`'s arguments with the declaration: `--flag value`, `--flag=value`, `-f value`,
 * `--no-color`, repeatable lists, optional values (taken only when they end with `.json`, or with `=`),
 * `--` before paths that start with a dash. A value may start with a dash (`--max-warnings -1`).
 * Throws an OptionError with a one-line message, and a suggestion for a mistyped flag.
 */
export function parseCheckArgs(args: readonly string[]): CheckOptions {
  const options = defaultCheckOptions();
  const set = options as unknown as Record<string, unknown>;
  const byFlag = new Map<string, CheckOptionSpec>();
  for (const o of CHECK_OPTIONS) {
    byFlag.set(flagName(o), o);
    if (o.cli.short) byFlag.set(`-${o.cli.short}`, o);
  }
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const spec = byFlag.get(name);
    if (!spec && name.startsWith('--no-')) {
      const negated = byFlag.get(`--${name.slice(5)}`);
      if (negated?.cli.negatable && inline === undefined) {
        set[negated.key] = false;
        continue;
      }
    }
    if (!spec)
      throw new OptionError(
        `unknown option ${name}${
          name.startsWith('--')
            ? didYouMean(
                name,
                knownFlags().filter((f) => f.startsWith('--')),
                '',
              )
            : ''
        }`,
      );
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new OptionError(`${name} takes no value`);
      set[spec.key] = true;
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = args[i + 1];
      if (spec.optionalValue) {
        if (next !== undefined && !next.startsWith('-') && next.endsWith('.json')) {
          raw = next;
          i++;
        } else raw = '';
      } else {
        if (next === undefined || (next.startsWith('--') && spec.kind !== 'integer'))
          throw new OptionError(`${name} needs a value (${name} <${spec.value ?? 'value'}>)`);
        raw = next;
        i++;
      }
    }
    const value = optionValue(spec, raw, name);
    if (spec.kind === 'list') (set[spec.key] as unknown[]).push(value);
    else set[spec.key] = value;
  }
  return options;
}

/** `iulint check --help`: every option of the declaration, by group. */
export function checkHelp(): string {
  const lines = [
    'Usage: iulint check [paths...] [options]',
    '',
    'Lints a Salesforce project (found from sfdx-project.json) and reports on it, or on the given files and folders.',
    'Every relative path (paths, -o, -c, --org-snapshot, --baseline, --write-baseline, --ignore-pattern,',
    '--print-config) is read from the current folder, as ESLint reads them.',
  ];
  const groups = [...new Set(CHECK_OPTIONS.map((o) => o.group))];
  const shown = (o: CheckOptionSpec) => {
    const short = o.cli.short ? `-${o.cli.short}, ` : '';
    const long = o.cli.negatable ? `--[no-]${o.cli.flag}` : `--${o.cli.flag}`;
    const value = o.kind === 'boolean' ? '' : o.optionalValue ? ` [${o.value}]` : ` <${o.value}>`;
    return `${short}${long}${value}`;
  };
  const width = Math.max(...CHECK_OPTIONS.map((o) => shown(o).length)) + 2;
  for (const g of groups) {
    lines.push('', `${g}:`);
    for (const o of CHECK_OPTIONS.filter((x) => x.group === g)) lines.push(`  ${shown(o).padEnd(width)}${o.help}`);
  }
  lines.push(`  ${'-h, --help'.padEnd(width)}show this help`);
  lines.push(
    '',
    'Several reports: -o may be repeated, each as -o FILE or -o FORMAT=FILE. With one -o FILE, --format names its',
    'format and nothing is printed; otherwise a bare FILE takes its format from its extension (.sarif, .json,',
    '.xml for junit) and stdout shows the --format report.',
    '',
    'Exit codes (as ESLint): 0 nothing reached the threshold (or --exit-zero, or --write-baseline wrote);',
    '1 something did, or more warnings than --max-warnings; 2 a usage, configuration or git error, nothing to',
    'lint, an unreadable snapshot or sfdx-project.json, or an internal error (one line on stderr says why).',
    '',
  );
  return lines.join('\n');
}

/** A report to write: its format and file (as given, relative to the current folder). */
export interface ReportTarget {
  format: ReportFormat;
  file: string;
}

const BY_EXTENSION: Record<string, ReportFormat> = { '.sarif': 'sarif', '.json': 'json', '.xml': 'junit' };

/**
 * Where the reports go. With one `-o FILE`, `--format` names its format and stdout shows nothing (the
 * report went to the file). `-o FORMAT=FILE` names its own format. With several, a bare FILE takes its
 * format from its extension (`.sarif`, `.json`, `.xml` for JUnit) and any other is an OptionError.
 * stdout shows the `--format` report unless a lone `-o FILE` took it.
 */
export function reportTargets(options: Pick<CheckOptions, 'format' | 'output'>): { files: ReportTarget[]; stdout: boolean } {
  const named = /^([a-z]+)=(.+)$/;
  const files: ReportTarget[] = [];
  const lone = options.output.length === 1;
  let stdout = true;
  for (const given of options.output) {
    const m = named.exec(given);
    if (m && (REPORT_FORMATS as readonly string[]).includes(m[1] as string)) {
      files.push({ format: m[1] as ReportFormat, file: m[2] as string });
      continue;
    }
    if (lone) {
      files.push({ format: options.format, file: given });
      stdout = false;
      continue;
    }
    const ext = /\.[^./\\]+$/.exec(given)?.[0]?.toLowerCase() ?? '';
    const format = BY_EXTENSION[ext];
    if (!format)
      throw new OptionError(`-o ${given}: with several reports, name the format (-o FORMAT=${given}) or use .sarif, .json or .xml (junit)`);
    files.push({ format, file: given });
  }
  return { files, stdout };
}

/**
 * Gives an optional-valued flag (`--baseline`, `--write-baseline`) the value `fill` when it is left
 * out, for parsers that need every string flag to have one (the Salesforce CLI's), with the same rule
 * as `parseCheckArgs`: a following word is the value only when it ends with `.json`.
 */
export function withOptionalValues(args: readonly string[], flags: readonly string[], fill: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    out.push(a);
    const next = args[i + 1];
    if (flags.includes(a) && (next === undefined || next.startsWith('-') || !next.endsWith('.json'))) out.push(fill);
  }
  return out;
}

/**
 * The check's options as a JSON Schema (draft 2020-12) object, keyed by `CheckOptions`' property names,
 * with each option's help as its description: what a program driving iulint (the MCP server's tool)
 * offers as its input. `paths` is the list of files and folders.
 */
export function checkOptionsSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    paths: { type: 'array', items: { type: 'string' }, description: 'files and folders to report on; none means the current folder' },
  };
  for (const o of CHECK_OPTIONS) {
    const description = o.help;
    const base =
      o.kind === 'boolean'
        ? { type: 'boolean' }
        : o.kind === 'integer'
          ? { type: 'integer', minimum: -1 }
          : o.kind === 'choice'
            ? { type: 'string', enum: [...(o.choices ?? [])] }
            : o.kind === 'list'
              ? { type: 'array', items: { type: 'string' } }
              : { type: 'string' };
    properties[o.key] = { ...base, description, ...(o.default === undefined ? {} : { default: o.default }) };
  }
  return { type: 'object', properties, additionalProperties: false };
}
