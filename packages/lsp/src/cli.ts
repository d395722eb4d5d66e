import { readFileSync } from 'node:fs';
import {
  applyBaseline,
  BASELINE_FILE,
  type CheckOptions,
  type CheckResult,
  checkHelp,
  checkProject,
  createBaseline,
  describeProblem,
  didYouMean,
  dirname,
  docsUrl,
  errorMessage,
  escapeControlCharacters,
  extractFactsFromBytes,
  type FileChange,
  type Finding,
  findProjectRoot,
  isInside,
  makesAnswerWrong,
  OptionError,
  parseBaseline,
  parseCheckArgs,
  pruneBaseline,
  type ReportInput,
  RULES,
  relativePath,
  reportTargets,
  selectChanged,
  severityRank,
  sourceKind,
  staleBaselineEntries,
} from '@iulint/core';
import { type FileFix, fixDiff, planFixes, writeFixes } from './fixFiles.js';
import { acquireFixLock, type FixLock } from './fixLock.js';
import { changedSince, filesAt, gitTopLevel } from './git.js';
import { rebasePatterns } from './ignorePatterns.js';
import type { Io } from './io.js';
import { NodeFileSystem, resolveCorePath } from './nodeFs.js';
import { ParallelExtractor, WORKER_SCRIPT } from './parallel.js';
import { type RenderedReport, renderReports, writeFile, writeReports } from './reports.js';
import { UsageError } from './usageError.js';
import { VERSION } from './version.js';

export { UsageError } from './usageError.js';

export const CHECK_HELP = checkHelp();

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

/** `1 fix`, `2 fixes`: a count and its noun. */
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Runs `iulint check` from its arguments; returns the exit code. */
export async function runCheck(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  let options: CheckOptions;
  try {
    options = parseCheckArgs(args);
  } catch (e) {
    if (e instanceof OptionError) throw new UsageError(`${e.message} (see iulint check --help)`);
    throw e;
  }
  return (await check(options, io)).code;
}

/** What a check ended with: the exit code, and the report when one was made. */
export interface CheckOutcome {
  code: number;
  report?: ReportInput;
  /** The reports as written (format, file or stdout, text). */
  reports?: RenderedReport[];
}

/** The options that do not go together, and the values that need the file system; throws a UsageError. */
function validate(o: CheckOptions): void {
  if (o.fix && o.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (o.fixSuggestions && !o.fix && !o.fixDryRun) throw new UsageError('--fix-suggestions goes with --fix or --fix-dry-run');
  if (o.pruneBaseline && o.baseline === undefined) throw new UsageError('--prune-baseline goes with --baseline');
  if (o.writeBaseline !== undefined && o.baseline !== undefined) throw new UsageError('--write-baseline and --baseline exclude each other');
}

/**
 * Runs a check from typed options: `iulint check` and `sf iulint check` both call it. Writes the report
 * (or the fixes' diff) to `io.stdout` and the `-o` files, messages to `io.stderr`; throws a UsageError
 * (exit code 2) with a one-line reason. Every relative path is read from `io.cwd`, as ESLint reads them.
 */
export async function check(options: CheckOptions, io: Io): Promise<CheckOutcome> {
  validate(options);
  let targets_: ReturnType<typeof reportTargets>;
  try {
    targets_ = reportTargets(options);
  } catch (e) {
    throw e instanceof OptionError ? new UsageError(e.message) : e;
  }
  const outputs = targets_;
  if (options.fixDryRun && outputs.stdout && options.format !== 'stylish')
    throw new UsageError(
      `--fix-dry-run prints the fixes as a diff on stdout; write the ${options.format} report to a file with -o ${options.format}=FILE`,
    );
  if (options.printConfig !== undefined) return printConfig(options, io);

  const fs = new NodeFileSystem({ blocking: true });
  const targets = (options.paths.length > 0 ? options.paths : ['.']).map((p) => resolveCorePath(io.cwd, p));
  for (const t of targets) if (!(await fs.stat(t))) throw new UsageError(`no such file or folder: ${t}`);
  const first = targets[0] as string;
  const startDir = (await fs.stat(first)) === 'directory' ? first : dirname(first);
  const root = (await findProjectRoot(fs, startDir)) ?? startDir;
  const whole = targets.includes(root);
  const inScope = (path: string) => whole || targets.some((t) => isInside(t, path));

  const configPath = options.config === undefined ? undefined : resolveCorePath(io.cwd, options.config);
  if (configPath !== undefined) {
    const kind = await fs.stat(configPath);
    if (kind === 'directory')
      throw new UsageError(`${options.config} is a folder: -c takes the configuration file (such as ${options.config}/iulint.config.json)`);
    if (kind === undefined) throw new UsageError(`no configuration file ${configPath} (-c names an existing file)`);
  }
  const snapshotDir = options.orgSnapshot ? resolveCorePath(io.cwd, options.orgSnapshot) : undefined;
  if (snapshotDir && (await fs.stat(snapshotDir)) !== 'directory')
    throw new UsageError(`the org snapshot folder ${snapshotDir} does not exist (record one with "iulint snapshot --target-org <org>")`);
  const baselineFile =
    options.baseline === undefined ? undefined : options.baseline ? resolveCorePath(io.cwd, options.baseline) : `${root}/${BASELINE_FILE}`;
  const baseline = baselineFile === undefined ? undefined : readBaseline(baselineFile);
  const git = options.changedSince === undefined ? undefined : changedSince(root, options.changedSince);

  // One --fix at a time per project, from before its lint to after its writes (a second run waits, then lints afresh).
  let lock: FixLock | undefined;
  if (options.fix) {
    try {
      lock = await acquireFixLock(root, (m) => io.stderr(`iulint: ${m}\n`));
    } catch (e) {
      throw new UsageError(errorMessage(e));
    }
  }
  try {
    return await checkUnderLock(options, io, {
      root,
      whole,
      inScope,
      targets,
      configPath,
      snapshotDir,
      baseline,
      baselineFile,
      git,
      outputs,
      lock,
    });
  } finally {
    lock?.release();
  }
}

interface Resolved {
  root: string;
  whole: boolean;
  inScope: (path: string) => boolean;
  targets: string[];
  configPath: string | undefined;
  snapshotDir: string | undefined;
  baseline: ReturnType<typeof readBaseline> | undefined;
  baselineFile: string | undefined;
  git: ReturnType<typeof changedSince> | undefined;
  outputs: ReturnType<typeof reportTargets>;
  lock: FixLock | undefined;
}

/** Worker threads for a check from the bundle: they start as soon as the walk finds a large project. */
function parallelOptions(): Pick<Parameters<typeof checkProject>[2] & object, 'extractor' | 'onWalk'> {
  if (!WORKER_SCRIPT) return {};
  const parallel = new ParallelExtractor(WORKER_SCRIPT);
  return { extractor: parallel.extract, onWalk: parallel.found };
}

async function checkUnderLock(options: CheckOptions, io: Io, r: Resolved): Promise<CheckOutcome> {
  const { root, whole, inScope, targets, configPath, snapshotDir, baseline, baselineFile, git, outputs, lock } = r;
  const fs = new NodeFileSystem({ blocking: true });
  const bar = progress(io);
  const result: CheckResult = await checkProject(fs, root, {
    ...(configPath ? { configPath } : {}),
    ...(snapshotDir ? { snapshotDir } : {}),
    ignorePatterns: rebasePatterns(options.ignorePattern, root, resolveCorePath(io.cwd, '.'), io),
    // The whole project, to resolve users, profiles and licences; and each file named, as it is (a
    // symbolic link the walk does not follow is read when named, and never written through).
    ...(whole ? {} : { only: [root, ...targets] }),
    // The bundle's worker threads (dist/worker.cjs); when run from source (tests), one thread does it all.
    ...parallelOptions(),
    onProgress: bar.tick,
  });
  bar.clear();
  if (result.configProblems.length > 0) {
    for (const p of result.configProblems) {
      io.stderr(
        `iulint: ${escapeControlCharacters(`${relativePath(io.cwd, result.configPath)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`)}\n`,
      );
    }
    return { code: 2 };
  }
  // An sfdx-project.json or snapshot that cannot be read makes the answer wrong, not partial: exit 2 on it alone.
  const wrong = result.problems.find(makesAnswerWrong);
  if (wrong) throw new UsageError(escapeControlCharacters(describeProblem(wrong)));
  for (const problem of result.problems) io.stderr(`iulint: ${escapeControlCharacters(describeProblem(problem))}\n`);

  const ws = result.workspace;
  const scopeFiles = [...ws.files.keys()].filter(inScope).sort();
  // Nothing to lint: no file iulint reads, and nothing else to report (.forceignore, the snapshot, skipped files).
  if (scopeFiles.length === 0 && !ws.reportedFiles().some(inScope)) throw new UsageError(nothingToLint(targets, root, io, ws));
  for (const t of targets)
    if ((await fs.stat(t)) === 'file' && !ws.files.has(t) && t !== ws.forceignorePath)
      io.stderr(
        `iulint: ${escapeControlCharacters(relativePath(io.cwd, t))} is ${sourceKind(t, ws.root) ? 'ignored' : 'not a file iulint reads'}; skipped\n`,
      );

  const changes = git ? gitChanges(git, ws.root) : undefined;
  /** The findings in scope, and of those the ones a --changed-since report shows. */
  const selectReported = (all: readonly Finding[]) => {
    const scoped = all.filter((f) => inScope(f.path));
    return { scoped, shown: changes ? selectChanged(ws, scoped, changes) : scoped };
  };
  let { scoped, shown } = selectReported(result.findings);

  let suppressed: Finding[] = [];
  const baselined = (list: Finding[]) => {
    if (!baseline) return list;
    const split = applyBaseline(root, baseline, list);
    suppressed = split.known;
    return split.reported;
  };
  let reported = baselined(shown);

  /** The findings in scope of the files as they are on disk before any fix. */
  const scopedOnDisk = scoped;
  let notFixed = 0;
  if (options.fix || options.fixDryRun) {
    // Only what is reported is fixed; a suggestion only with --fix-suggestions. The same choice is made
    // of a file's findings when it changed on disk during the run and is linted again.
    const fixable = (list: readonly Finding[]) =>
      list.flatMap((f) => {
        const fix = f.fix ?? (options.fixSuggestions ? f.suggestions?.[0] : undefined);
        return fix ? [{ ...f, fix }] : [];
      });
    const select = (fresh: readonly Finding[]) => {
      const { shown: relinted } = selectReported(fresh);
      return fixable(baseline ? applyBaseline(root, baseline, relinted).reported : relinted);
    };
    const planned = { ...result, findings: fixable(reported), select };
    let fixed: FileFix[] = [];
    if (options.fixDryRun) {
      fixed = planFixes(planned);
      for (const f of fixed) io.stdout(fixDiff(relativePath(root, f.path), f));
      const applied = fixed.reduce((n, f) => n + f.applied, 0);
      io.stderr(`iulint: ${plural(applied, 'fix', 'fixes')} in ${plural(fixed.length, 'file')} (dry run: nothing written)\n`);
    } else if (lock) {
      const outcome = writeFixes(planned, lock);
      lock.release();
      fixed = outcome.fixed;
      const shownPath = (p: string) => escapeControlCharacters(relativePath(root, p));
      for (const f of fixed) io.stderr(`iulint: fixed ${plural(f.applied, 'problem')} in ${shownPath(f.path)}\n`);
      for (const n of outcome.notFixed) io.stderr(`iulint: could not fix ${shownPath(n.path)}: ${escapeControlCharacters(n.reason)}\n`);
      notFixed = outcome.notFixed.length;
      if (notFixed > 0) io.stderr(`iulint: ${notFixed} ${notFixed === 1 ? 'file was' : 'files were'} not fixed (exit code 2)\n`);
    }
    if (fixed.length > 0) {
      // What remains once the fixes are in: the files' fixed text, linted again with the whole model.
      for (const f of fixed) ws.updateText(f.path, f.after);
      ({ scoped, shown } = selectReported(ws.lintAll()));
      reported = baselined(shown);
    }
  }

  // After the fixes: the baseline records, or keeps, what remains on disk (the findings --fix removed are
  // gone; --fix-dry-run wrote nothing).
  const remaining = options.fixDryRun ? scopedOnDisk : scoped;
  if (options.writeBaseline !== undefined) {
    const file = options.writeBaseline ? resolveCorePath(io.cwd, options.writeBaseline) : `${root}/${BASELINE_FILE}`;
    writeText(file, `${JSON.stringify(createBaseline(root, remaining), null, 2)}\n`);
    io.stderr(`iulint: wrote ${plural(remaining.length, 'finding')} to ${relativePath(io.cwd, file)}\n`);
  }

  if (baseline && baselineFile) {
    const stale = staleBaselineEntries(root, baseline, remaining);
    if (options.pruneBaseline) {
      writeText(baselineFile, `${JSON.stringify(pruneBaseline(root, baseline, remaining), null, 2)}\n`);
      io.stderr(`iulint: pruned ${plural(stale, 'stale entry', 'stale entries')} from ${relativePath(io.cwd, baselineFile)}\n`);
    } else if (stale > 0)
      io.stderr(
        `iulint: ${plural(stale, 'baseline entry', 'baseline entries')} of ${relativePath(io.cwd, baselineFile)} no longer ${stale === 1 ? 'occurs' : 'occur'}: drop ${stale === 1 ? 'it' : 'them'} with --baseline --prune-baseline\n`,
      );
    io.stderr(`iulint: the baseline hid ${plural(suppressed.length, 'finding')} (${relativePath(io.cwd, baselineFile)})\n`);
  }

  const warnings = reported.filter((f) => f.severity === 'warning').length;
  const listed = options.quiet ? reported.filter((f) => f.severity === 'error') : reported;
  const repositoryRoot =
    outputs.files.some((t) => t.format === 'github' || t.format === 'gitlab') || ['github', 'gitlab'].includes(options.format)
      ? repositoryRootOf(root, io)
      : undefined;
  const report: ReportInput = {
    root,
    findings: listed,
    filesChecked: scopeFiles.length,
    toolVersion: VERSION,
    suppressed,
    rules: RULES,
    files: changes ? [...new Set(reported.map((f) => f.path))] : scopeFiles,
    ...(repositoryRoot ? { repositoryRoot } : {}),
    ...(options.changedSince ? { changedSince: options.changedSince } : {}),
  };
  const color = options.color ?? (io.isTTY && outputs.stdout && !options.fixDryRun && !io.env.NO_COLOR && io.env.FORCE_COLOR !== '0');
  const rendered = renderReports(report, {
    stdout: outputs.stdout && !options.fixDryRun ? options.format : undefined,
    files: outputs.files.map((t) => ({ format: t.format, path: resolveCorePath(io.cwd, t.file) })),
    color,
    ...(io.env.GITHUB_STEP_SUMMARY ? { stepSummary: io.env.GITHUB_STEP_SUMMARY } : {}),
  });
  writeReports(rendered, io);

  const outcome = (code: number): CheckOutcome => ({ code, report, reports: rendered });
  // Files --fix could not fix: exit code 2 whatever the findings, --exit-zero included (the run did not do what it was asked).
  if (notFixed > 0) return outcome(2);
  if (options.exitZero || options.writeBaseline !== undefined) return outcome(0);
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr(`iulint: ${plural(warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}\n`);
    return outcome(1);
  }
  const threshold = severityRank(options.severityThreshold);
  return outcome(reported.some((f) => severityRank(f.severity) >= threshold) ? 1 : 0);
}

/** Reads a baseline file; a UsageError when it is missing or not one. */
function readBaseline(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`no baseline file ${file} (write one with --write-baseline)`);
  }
  try {
    return parseBaseline(text);
  } catch (e) {
    throw new UsageError(`${file}: ${errorMessage(e)}`);
  }
}

function writeText(file: string, text: string): void {
  writeFile(file, text);
}

/** The changes git reported, as core reads them: absolute paths, and the base's facts of files that changed or went. */
function gitChanges(set: ReturnType<typeof changedSince>, root: string): FileChange[] {
  const olds = set.changes.map((c) => {
    const rel = c.from ?? c.path;
    const old = c.change === 'added' || c.change === 'untracked' ? undefined : resolveCorePath(set.top, rel);
    return old && sourceKind(old, root) ? { old, rel } : undefined;
  });
  // The base's bytes of every file iulint reads that changed or went, read at once, in the same order.
  const read = filesAt(
    set.top,
    set.base,
    olds.flatMap((o) => (o ? [o.rel] : [])),
  );
  let next = 0;
  return set.changes.map((c, i) => {
    const path = resolveCorePath(set.top, c.path);
    const o = olds[i];
    const bytes = o ? read[next++] : undefined;
    const before = o && bytes ? extractFactsFromBytes(o.old, bytes, { root }) : undefined;
    return {
      path,
      change: c.change,
      ...(c.from ? { from: resolveCorePath(set.top, c.from) } : {}),
      ...(before ? { before } : {}),
    };
  });
}

/** Where the CI system's paths start: `GITHUB_WORKSPACE`, `CI_PROJECT_DIR`, else git's top level. */
function repositoryRootOf(root: string, io: Io): string | undefined {
  const given = io.env.GITHUB_WORKSPACE || io.env.CI_PROJECT_DIR;
  if (given) return resolveCorePath(io.cwd, given);
  const top = gitTopLevel(root);
  return top === undefined ? undefined : resolveCorePath(io.cwd, top);
}

function nothingToLint(targets: string[], root: string, io: Io, ws: CheckResult['workspace']): string {
  const t = targets[0] as string;
  const shown = relativePath(io.cwd, t) || '.';
  if (targets.length === 1 && sourceKind(t, ws.root) && ws.isIgnored(t))
    return `nothing to lint: ${shown} is ignored (.forceignore, "ignore" of iulint.config.json or --ignore-pattern)`;
  if (targets.length === 1 && !sourceKind(t, ws.root) && t !== root && !t.endsWith('/'))
    return `nothing to lint: ${shown} is not a file iulint reads (Salesforce metadata, user definitions, tree files, scripts, CI workflows, .sf/config.json, Apex)`;
  return `nothing to lint in ${shown}: no Salesforce metadata, user definitions, tree files, scripts or Apex there (is it a Salesforce project? sfdx-project.json marks one)`;
}

/** `--print-config FILE`: the configuration that applies to a file, as JSON; lints nothing. */
async function printConfig(options: CheckOptions, io: Io): Promise<CheckOutcome> {
  const { effectiveConfig } = await import('./printConfig.js');
  const out = await effectiveConfig(resolveCorePath(io.cwd, options.printConfig as string), {
    ...(options.config === undefined ? {} : { configPath: resolveCorePath(io.cwd, options.config) }),
    ignorePatterns: options.ignorePattern,
    cwd: resolveCorePath(io.cwd, '.'),
  });
  if (out.problems.length > 0) {
    for (const p of out.problems) io.stderr(`iulint: ${p}\n`);
    return { code: 2 };
  }
  io.stdout(`${JSON.stringify(out.config, null, 2)}\n`);
  return { code: 0 };
}

/** `iulint rules`: the catalogue. */
export function runRules(args: string[], io: Io): number {
  let format = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-h' || a === '--help') {
      io.stdout('Usage: iulint rules [--format text|json]\n\nPrints the rule catalogue: id, default level, "fix", what it flags.\n');
      return 0;
    }
    if (a === '-f' || a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else throw new UsageError(`unknown option ${a} for iulint rules (it takes --format text|json)`);
  }
  const rows = ruleCatalogue();
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (format !== 'text')
    throw new UsageError(`iulint rules --format takes text or json, not "${format}"${didYouMean(format, ['text', 'json'])}`);
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
