import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  applyBaseline,
  BASELINE_FILE,
  type CheckResult,
  checkProject,
  createBaseline,
  describeProblem,
  dirname,
  docsUrl,
  errorMessage,
  escapeControlCharacters,
  type Finding,
  findProjectRoot,
  formatJson,
  formatSarif,
  formatStylish,
  parseBaseline,
  type ReportInput,
  RULES,
  relativePath,
  type Severity,
  severityRank,
} from '@iulint/core';
import { acquireFixLock, type FixLock } from './fixLock.js';
import { NodeFileSystem, resolveCorePath } from './nodeFs.js';
import { ParallelExtractor, WORKER_SCRIPT } from './parallel.js';
import { UsageError } from './usageError.js';
import { VERSION } from './version.js';

export { UsageError } from './usageError.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
}

export const CHECK_HELP = `Usage: iulint check [paths...] [options]

Lints a Salesforce project (found from sfdx-project.json) or the given files and folders.

Output:
  -f, --format <stylish|json|sarif>   output format (default: stylish)
  -o, --output <file>                 write the report to a file instead of stdout
  --quiet                             report errors only
  --no-color                          no colours in stylish output
Gates:
  --severity-threshold <level>        error|warning|info: the lowest severity that fails the run (default: error)
  --max-warnings <n>                  also fail when there are more than n warnings
  --exit-zero                         exit 0 whenever the lint ran, whatever it found
Inputs:
  -c, --config <file>                 the configuration (default: <root>/iulint.config.json)
  --org-snapshot <dir>                an org snapshot folder (see iulint snapshot)
  --ignore-pattern <glob>             ignore files matching the glob (repeatable; .forceignore is always read)
Baseline and fixes:
  --baseline [file.json]              report only findings not in the baseline (default: ${BASELINE_FILE})
  --write-baseline [file.json]        record today's findings as the baseline
  --fix                               apply the quick fixes to the files
  --fix-dry-run                       print the fixes as a diff; write nothing
  -h, --help                          show this help

Exit codes: 0 nothing reached the threshold; 1 something did; 2 usage, configuration or internal error.
`;

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** A progress bar on stderr, only on a terminal and never in CI, for runs longer than a second. */
function progress(io: Io): { tick: (done: number, total: number) => void; clear: () => void } {
  const on = io.stderrIsTTY && !io.env.CI;
  const start = Date.now();
  let shown = false;
  return {
    tick(done, total) {
      if (!on || Date.now() - start < 1000 || (done % 25 !== 0 && done !== total)) return;
      shown = true;
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      io.stderr(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (shown) io.stderr('\r\u001b[2K');
    },
  };
}

/** Runs `iulint check`; returns the exit code. */
/** Flags whose value may be left out: `--baseline` alone means the default file. */
const OPTIONAL_VALUE = ['--baseline', '--write-baseline'];

/** Gives `--baseline` and `--write-baseline` a value (`fill`; empty means the default) when it is left out. */
export function withOptionalValues(args: string[], fill = ''): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    out.push(a);
    const next = args[i + 1];
    if (OPTIONAL_VALUE.includes(a) && (next === undefined || next.startsWith('-') || !next.endsWith('.json'))) out.push(fill);
  }
  return out;
}

export async function runCheck(rawArgs: string[], io: Io): Promise<number> {
  const args = withOptionalValues(rawArgs);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      output: { type: 'string', short: 'o' },
      'severity-threshold': { type: 'string', default: 'error' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'exit-zero': { type: 'boolean', default: false },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'org-snapshot': { type: 'string' },
      'ignore-pattern': { type: 'string', multiple: true },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  return (await check({ ...values, paths: positionals }, io)).code;
}

/** The options of `iulint check`, named as its flags (values as parsed: strings), and its paths. */
export interface CheckOptions {
  paths: string[];
  format: string;
  output?: string | undefined;
  'severity-threshold': string;
  'max-warnings'?: string | undefined;
  quiet?: boolean | undefined;
  'exit-zero'?: boolean | undefined;
  color?: boolean | undefined;
  'no-color'?: boolean | undefined;
  config?: string | undefined;
  'org-snapshot'?: string | undefined;
  'ignore-pattern'?: string[] | undefined;
  baseline?: string | undefined;
  'write-baseline'?: string | undefined;
  fix?: boolean | undefined;
  'fix-dry-run'?: boolean | undefined;
}

/** What a check ended with: the exit code, and the report when one was made. */
export interface CheckOutcome {
  code: number;
  report?: ReportInput;
}

/**
 * Runs a check from parsed options: `iulint check` and `sf iulint check` both call it. Writes the report
 * (or the fixes' diff) to `io.stdout` or `--output`, messages to `io.stderr`; throws a UsageError.
 */
export async function check(values: CheckOptions, io: Io): Promise<CheckOutcome> {
  const positionals = values.paths;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (use ${FORMATS.join(', ')})`);
  const threshold = values['severity-threshold'] as Severity;
  if (!['error', 'warning', 'info'].includes(threshold))
    throw new UsageError(`unknown severity threshold "${threshold}" (use error, warning or info)`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0))
    throw new UsageError('--max-warnings takes a whole number');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');

  const fs = new NodeFileSystem({ blocking: true });
  const targets = (positionals.length > 0 ? positionals : ['.']).map((p) => resolveCorePath(io.cwd, p));
  for (const t of targets) if (!(await fs.stat(t))) throw new UsageError(`no such file or folder: ${t}`);
  const first = targets[0] as string;
  const startDir = (await fs.stat(first)) === 'directory' ? first : dirname(first);
  const root = (await findProjectRoot(fs, startDir)) ?? startDir;
  const whole = targets.length === 1 && targets[0] === root;
  const snapshotDir = values['org-snapshot'] ? resolveCorePath(io.cwd, values['org-snapshot']) : undefined;
  if (snapshotDir && (await fs.stat(snapshotDir)) !== 'directory')
    throw new UsageError(`the org snapshot folder ${snapshotDir} does not exist`);

  // One --fix at a time per project, from before its lint to after its writes (a second run waits, then lints afresh).
  let lock: FixLock | undefined;
  if (values.fix) {
    try {
      lock = await acquireFixLock(root, (m) => io.stderr(`iulint: ${m}\n`));
    } catch (e) {
      throw new UsageError(errorMessage(e));
    }
  }
  try {
    return await checkUnderLock(values, io, { root, whole, targets, snapshotDir, format, threshold, maxWarnings, lock });
  } finally {
    lock?.release();
  }
}

interface Resolved {
  root: string;
  whole: boolean;
  targets: string[];
  snapshotDir: string | undefined;
  format: Format;
  threshold: Severity;
  maxWarnings: number | undefined;
  lock: FixLock | undefined;
}

async function checkUnderLock(values: CheckOptions, io: Io, r: Resolved): Promise<CheckOutcome> {
  const { root, whole, targets, snapshotDir, format, threshold, maxWarnings, lock } = r;
  const fs = new NodeFileSystem({ blocking: true });
  const bar = progress(io);
  const run = () => {
    const parallel = WORKER_SCRIPT ? new ParallelExtractor(WORKER_SCRIPT) : undefined;
    return checkProject(fs, root, {
      ...(values.config ? { configPath: resolveCorePath(io.cwd, values.config) } : {}),
      ...(snapshotDir ? { snapshotDir } : {}),
      ...(values['ignore-pattern'] ? { ignorePatterns: values['ignore-pattern'] } : {}),
      ...(whole ? {} : { only: targets }),
      ...(parallel ? { extractor: parallel.extract, onWalk: parallel.found } : {}),
      onProgress: bar.tick,
    });
  };
  let result: CheckResult = await run();
  bar.clear();
  if (result.configProblems.length > 0) {
    for (const p of result.configProblems) {
      io.stderr(
        `iulint: ${escapeControlCharacters(`${relativePath(io.cwd, result.configPath)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`)}\n`,
      );
    }
    return { code: 2 };
  }
  for (const problem of result.problems) io.stderr(`iulint: ${escapeControlCharacters(describeProblem(problem))}\n`);

  let notFixed = 0;
  if (values.fix || values['fix-dry-run']) {
    // Only a run that fixes loads the fixing module (and node:crypto with it).
    const { fixDiff, planFixes, writeFixes } = await import('./fixFiles.js');
    if (values['fix-dry-run']) {
      const fixes = planFixes(result);
      for (const f of fixes) io.stdout(fixDiff(relativePath(root, f.path), f));
      io.stderr(`iulint: ${fixes.reduce((n, f) => n + f.applied, 0)} fixes in ${fixes.length} files (dry run: nothing written)\n`);
      return { code: 0 };
    }
    if (lock) {
      const outcome = writeFixes(result, lock);
      lock.release();
      for (const f of outcome.fixed)
        io.stderr(
          `iulint: fixed ${f.applied} ${f.applied === 1 ? 'problem' : 'problems'} in ${escapeControlCharacters(relativePath(root, f.path))}\n`,
        );
      for (const n of outcome.notFixed)
        io.stderr(`iulint: could not fix ${escapeControlCharacters(relativePath(root, n.path))}: ${escapeControlCharacters(n.reason)}\n`);
      notFixed = outcome.notFixed.length;
      if (notFixed > 0) io.stderr(`iulint: ${notFixed} ${notFixed === 1 ? 'file was' : 'files were'} not fixed (exit code 2)\n`);
      if (outcome.fixed.length > 0) result = await run();
    }
  }

  if (values['write-baseline'] !== undefined) {
    const file = resolve(root, values['write-baseline'] || BASELINE_FILE);
    writeFileSync(file, `${JSON.stringify(createBaseline(root, result.findings), null, 2)}\n`);
    io.stderr(`iulint: wrote ${result.findings.length} findings to ${relativePath(io.cwd, file)}\n`);
  }

  let findings: Finding[] = result.findings;
  let suppressed: Finding[] = [];
  if (values.baseline !== undefined) {
    const file = resolve(root, values.baseline || BASELINE_FILE);
    if (!existsSync(file)) throw new UsageError(`no baseline file ${file} (write one with --write-baseline)`);
    let baseline: ReturnType<typeof parseBaseline>;
    try {
      baseline = parseBaseline(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`${file}: ${errorMessage(e)}`);
    }
    const split = applyBaseline(root, baseline, findings);
    findings = split.reported;
    suppressed = split.known;
  }
  if (values.quiet) findings = findings.filter((f) => f.severity === 'error');

  const report: ReportInput = { root, findings, filesChecked: result.filesChecked, toolVersion: VERSION, suppressed, rules: RULES };
  const color = values['no-color'] ? false : (values.color ?? (io.isTTY && !values.output && !io.env.NO_COLOR));
  // On a terminal, stylish output shows each finding's line under it (a code frame).
  const source = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const frames = format === 'stylish' && color;
  const text =
    format === 'json'
      ? formatJson(report)
      : format === 'sarif'
        ? formatSarif(report)
        : formatStylish(report, { color, ...(frames ? { source } : {}) });
  if (values.output) writeFileSync(resolve(io.cwd, values.output), text);
  else io.stdout(text);

  // Files --fix could not fix: exit code 2 whatever the findings, --exit-zero included (the run did not do what it was asked).
  if (notFixed > 0) return { code: 2, report };
  if (values['exit-zero']) return { code: 0, report };
  const failing = findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`iulint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return { code: 1, report };
  }
  return { code: failing ? 1 : 0, report };
}

/** `iulint rules`: the catalogue. */
export function runRules(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { format: { type: 'string', short: 'f', default: 'text' } } });
  const rows = ruleCatalogue();
  if (values.format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (values.format !== 'text') throw new UsageError(`unknown format "${values.format}" (use text or json)`);
  io.stdout(ruleCatalogueText(rows));
  return 0;
}

export interface RuleRow {
  id: string;
  defaultLevel: string;
  fixable: boolean;
  description: string;
  docs: string;
}

/** The rule catalogue, one row a rule (what `iulint rules --format json` prints). */
export function ruleCatalogue(): RuleRow[] {
  return RULES.map((r) => ({
    id: r.meta.id,
    defaultLevel: r.meta.defaultLevel,
    fixable: r.meta.fixable,
    description: r.meta.description,
    docs: docsUrl(r.meta.id),
  }));
}

/** The catalogue as `iulint rules` prints it: id, level, "fix", description. */
export function ruleCatalogueText(rows: RuleRow[]): string {
  const width = Math.max(...rows.map((r) => r.id.length));
  return rows.map((r) => `${r.id.padEnd(width)}  ${r.defaultLevel.padEnd(7)}  ${r.fixable ? 'fix' : '   '}  ${r.description}\n`).join('');
}
