import { CONFIG_FILE, type Config, type ConfigProblem, defaultConfig, parseConfig } from '../config/config.js';
import { FORCEIGNORE_FILE, IgnoreMatcher, ignorePatternError, readForceignore } from '../config/ignore.js';
import { compareFindings, type Finding } from '../diagnostic.js';
import { errorMessage } from '../errors.js';
import { extractFacts, extractFactsFromBytes, sourceKind } from '../facts/extract.js';
import type { FileFacts } from '../facts/facts.js';
import { EditedFiles } from '../facts/incremental.js';
import { childPrefix, type FileSystem, joinPath, normalizePath, relativePath } from '../fs.js';
import { listFiles, readProject } from '../layout/project.js';
import { lintFacts, lintSnapshot, namesCount } from '../lint.js';
import { type Explanation, explanationAt, type UserExplanation, userExplanation } from '../org/explain.js';
import { type DependencyKey, providedKeys } from '../org/keys.js';
import { OrgModel } from '../org/model.js';
import { loadSnapshot, type OrgSnapshot, SNAPSHOT_FILES } from '../org/snapshot.js';
import type { Rule } from '../rules/rule.js';
import { decodeBytes } from '../text/decode.js';
import type { Position } from '../text/positions.js';
import type { SkippedFile, WorkspaceProblem } from './problems.js';

/** What `normalizePath` would change after a root: an empty, `.` or `..` segment, a backslash, a trailing slash. */
const NOT_PLAIN = /\/\/|\/\.\.?(?:\/|$)|\\|\/$/;

/**
 * How many files are read at once while indexing: as many as libuv's default thread pool reads at once
 * (more only wait in its queue). Each holds its bytes until its facts are read, so more would hold more
 * memory: indexing the 453 MB benchmark project peaked at 283 to 293 MB with 16, 210 to 213 MB with 4.
 */
const READ_CONCURRENCY = 4;

export interface WorkspaceOptions {
  /** A configuration file other than `<root>/iulint.config.json`. */
  configPath?: string;
  /** The org snapshot folder; overrides `orgSnapshot` of the configuration. */
  snapshotDir?: string;
  /** Extra ignore patterns (gitignore syntax, relative to the root), after `.forceignore` and `ignore`. */
  ignorePatterns?: string[];
  /** Only these files and folders (absolute); the whole project when absent. */
  only?: string[];
  onProgress?: (done: number, total: number) => void;
  /** Told how many files the walk has found so far (the CLI starts its worker threads early for a large project). */
  onWalk?: (filesFound: number) => void;
  /**
   * Reads and extracts many files at once, for hosts that can use several threads (the CLI's worker
   * threads); by default files are read through the file system interface on this thread.
   */
  extractor?: Extractor;
}

/** One file's outcome: its facts (undefined when iulint has nothing to say about it), or why it was not read. */
export type Extracted = { facts: FileFacts | undefined } | { tooLarge: number } | { error: string };
/**
 * Reads and extracts files of the project at `root` (`extractFactsFromBytes`); a file over
 * `maxFileSize` comes back as `{ tooLarge: <bytes> }`, one that cannot be read as `{ error }`.
 */
export type Extractor = (
  paths: string[],
  onProgress?: (done: number, total: number) => void,
  maxFileSize?: number,
  root?: string,
) => Promise<Extracted[]>;

/**
 * What one path reports (`Workspace.report`): every front end (the CLI, the language server, the MCP
 * server, `--changed-since`) shows a path's report and nothing else.
 */
export type PathReport =
  /** The findings of a file iulint reads (its rules'), of `.forceignore`, or of one of the org snapshot's files. */
  | { kind: 'findings'; findings: Finding[] }
  /** The configuration file (`iulint.config.json` or `--config`): its problems, with their positions. */
  | { kind: 'config'; problems: ConfigProblem[] }
  /** A file iulint reads but skipped: larger than `maxFileSize`, or unreadable (`skippedNote` says so). */
  | { kind: 'skipped'; skipped: SkippedFile }
  /** Nothing: a path iulint does not read, or one that `.forceignore`, `ignore` or `--ignore-pattern` skips. */
  | { kind: 'none' };

const NOTHING: PathReport = { kind: 'none' };

/**
 * The incremental index of a project: the facts of every file iulint reads, the org model built
 * from them, and which file's findings depend on which facts. Built once; then one file at a time
 * is updated, created, deleted or renamed, and only the files that depend on it are re-linted.
 *
 * Two kinds of calls, never mixed: updates (`updateText`, `updateBytes`, `remove`, `rename`,
 * `loadSettings`) change the index and return the files whose reports may have changed; queries
 * (`report`, `reportedFiles`, `lintAll`) change nothing a caller can see and call nobody back.
 */
export class Workspace {
  readonly files = new Map<string, FileFacts>();
  private readonly dependencies = new Map<string, Set<DependencyKey>>();
  private org: OrgModel | undefined;
  /** The findings of the snapshot's files, for the current model. */
  private snapshotFindings: Finding[] | undefined;
  /** Files updated from their text (editor buffers), re-read incrementally. */
  private readonly edited = new EditedFiles();
  /** The files iulint reads but does not lint now, and why. */
  private readonly skipped = new Map<string, SkippedFile>();
  config: Config = defaultConfig();
  configProblems: ConfigProblem[] = [];
  configPath: string;
  snapshot: OrgSnapshot | undefined;
  placeholders: string[] = [];
  ignore = new IgnoreMatcher(undefined);
  /** Set when `ignore` has no pattern at all, so no path need be matched. */
  private ignoresNothing = true;
  /** `<root>/.forceignore`, and what the Salesforce CLI would warn about in it or cannot read. */
  readonly forceignorePath: string;
  forceignoreFindings: Finding[] = [];
  /** What went wrong while the workspace was read: files and folders that could not be read, `sfdx-project.json`, the snapshot. */
  problems: WorkspaceProblem[] = [];

  constructor(
    readonly fs: FileSystem,
    readonly root: string,
    /** The rules this workspace runs, handed down by its caller (the built-in `RULES` at the top). */
    readonly rules: readonly Rule[],
  ) {
    this.configPath = joinPath(root, CONFIG_FILE);
    this.forceignorePath = joinPath(root, FORCEIGNORE_FILE);
  }

  /** Reads the configuration, `.forceignore`, `sfdx-project.json`, the snapshot and every file. */
  static async load(fs: FileSystem, root: string, rules: readonly Rule[], options: WorkspaceOptions = {}): Promise<Workspace> {
    const ws = new Workspace(fs, normalizePath(root), rules);
    if (options.configPath) ws.configPath = normalizePath(options.configPath);
    await ws.loadSettings(options);
    const files = await listFiles(
      fs,
      options.only ?? [ws.root],
      (path, reason) => ws.problems.push({ kind: 'unreadable-folder', path, reason }),
      (dir) => ws.isIgnoredFolder(dir),
      options.onWalk,
    );
    const wanted = files.filter((p) => ws.wants(p));
    if (options.extractor) {
      const extracted = await options.extractor(wanted, options.onProgress, ws.config.maxFileSize, ws.root);
      extracted.forEach((x, i) => {
        const path = wanted[i] as string;
        if ('tooLarge' in x) ws.skip(ws.tooLarge(path, x.tooLarge));
        else if ('error' in x) ws.skip({ kind: 'unreadable', path, reason: x.error });
        else if (x.facts) ws.files.set(x.facts.path, x.facts);
      });
      return ws;
    }
    // Reads run a few at a time (file I/O waits, parsing does not); facts are kept in path order.
    const results: Array<FileFacts | undefined> = new Array(wanted.length);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < wanted.length) {
        const i = next++;
        const path = wanted[i] as string;
        try {
          // Measured first where the file system can: a file of gigabytes is never read only to be skipped.
          const size = await fs.size?.(path);
          const bytes = size !== undefined && size > ws.config.maxFileSize ? undefined : await fs.readFile(path);
          if (bytes === undefined || bytes.length > ws.config.maxFileSize) ws.skip(ws.tooLarge(path, bytes?.length ?? (size as number)));
          else results[i] = extractFactsFromBytes(path, bytes, { root: ws.root });
        } catch (e) {
          ws.skip({ kind: 'unreadable', path, reason: errorMessage(e) });
        }
        options.onProgress?.(++done, wanted.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, wanted.length) }, worker));
    for (const facts of results) if (facts) ws.files.set(facts.path, facts);
    return ws;
  }

  /** (Re)reads the configuration, ignore files, project file and snapshot; all facts stay. */
  async loadSettings(options: WorkspaceOptions = {}): Promise<void> {
    this.problems = [];
    const text = await this.readText(this.configPath);
    if (text !== undefined) {
      const parsed = parseConfig(text, this.rules);
      this.config = parsed.config;
      this.configProblems = parsed.problems;
    } else {
      this.config = defaultConfig();
      this.configProblems = options.configPath
        ? [
            {
              message: `the configuration file ${this.configPath} does not exist`,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            },
          ]
        : [];
    }
    const project = await readProject(this.fs, this.root);
    this.problems.push(...project.problems.map((message) => ({ kind: 'project' as const, message })));
    if (project.unreadable) this.problems.push({ kind: 'project', message: project.unreadable, unreadable: true });
    this.placeholders = project.replacements;
    await this.loadIgnore(options.ignorePatterns ?? []);
    let snapshotDir = options.snapshotDir ?? (this.config.orgSnapshot ? joinPath(this.root, this.config.orgSnapshot) : undefined);
    // A folder named by the project (not by the user) must not lead out of it through a symbolic link.
    if (!options.snapshotDir && snapshotDir && (await this.throughLink(snapshotDir))) {
      this.problems.push({
        kind: 'snapshot',
        message: `the org snapshot folder "${this.config.orgSnapshot}" of ${CONFIG_FILE} is reached through a symbolic link, which may lead out of the project: not read (give it with --org-snapshot)`,
      });
      snapshotDir = undefined;
    }
    this.snapshot = snapshotDir ? await loadSnapshot(this.fs, normalizePath(snapshotDir)) : undefined;
    if (this.snapshot) this.problems.push(...this.snapshot.problems.map((message) => ({ kind: 'snapshot' as const, message })));
    this.modelChanged();
  }

  /** Whether a path below the root passes through a symbolic link (a folder on the way, or the path itself). */
  private async throughLink(path: string): Promise<boolean> {
    const rel = relativePath(this.root, normalizePath(path));
    let dir = this.root;
    for (const name of rel.split('/').filter((n) => n !== '' && n !== '.')) {
      let kind: string | undefined;
      try {
        kind = (await this.fs.readDirectory(dir)).find((e) => e.name === name)?.kind;
      } catch {
        return false; // nothing there: the snapshot reports the missing folder
      }
      if (kind === 'symlink') return true;
      if (kind === undefined) return false;
      dir = joinPath(dir, name);
    }
    return false;
  }

  /** `.forceignore` as the Salesforce CLI reads it (UTF-8, a byte order mark kept), then `ignore` and the extra patterns. */
  private async loadIgnore(patterns: string[]): Promise<void> {
    let forceignore: ReturnType<typeof readForceignore> | undefined;
    try {
      if ((await this.fs.stat(this.forceignorePath)) === 'file') {
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await this.fs.readFile(this.forceignorePath));
        forceignore = readForceignore(this.forceignorePath, text);
      }
    } catch (e) {
      this.problems.push({ kind: 'unreadable', path: this.forceignorePath, reason: errorMessage(e) });
    }
    this.forceignoreFindings = forceignore?.findings ?? [];
    const extra = patterns.filter((p) => {
      const error = ignorePatternError(p);
      if (error !== undefined) this.problems.push({ kind: 'ignore-pattern', pattern: p, reason: error });
      return error === undefined;
    });
    this.ignore = new IgnoreMatcher(forceignore?.patterns, [...this.config.ignore, ...extra]);
    // No .forceignore applied (none, or one the CLI cannot read) and no pattern: nothing is ignored.
    this.ignoresNothing = forceignore?.patterns === undefined && this.config.ignore.length === 0 && extra.length === 0;
  }

  private async readText(path: string): Promise<string | undefined> {
    if ((await this.fs.stat(path)) !== 'file') return undefined;
    try {
      const decoded = decodeBytes(await this.fs.readFile(path));
      return 'binary' in decoded ? undefined : decoded.text;
    } catch {
      return undefined;
    }
  }

  /** A file too large to lint, as `maxFileSize` says now. */
  private tooLarge(path: string, size: number): SkippedFile {
    return { kind: 'too-large', path, size, maxFileSize: this.config.maxFileSize };
  }

  /** A file read at load that is not linted: a problem of the load, and the file's report until it is read again. */
  private skip(skipped: SkippedFile): void {
    this.problems.push(skipped);
    this.skipped.set(skipped.path, skipped);
  }

  /** Whether a file is skipped by `.forceignore` (as the Salesforce CLI reads it), `ignore` or `--ignore-pattern`. */
  isIgnored(path: string, deployable?: boolean): boolean {
    if (this.ignoresNothing) return false;
    const rel = this.inside(path);
    return rel !== undefined && this.ignore.ignoresFile(rel, deployable);
  }

  /** Whether everything in a folder is skipped, so the walk need not enter it. */
  isIgnoredFolder(path: string): boolean {
    if (this.ignoresNothing) return false;
    const rel = this.inside(path);
    return rel !== undefined && this.ignore.ignoresFolder(rel);
  }

  /** A path's `/`-separated path relative to the root; undefined for the root itself and paths outside it. */
  private inside(path: string): string | undefined {
    // A path the walk made (the root, then plain names) is the root and its relative path: cut it.
    const prefix = childPrefix(this.root);
    if (path.length > prefix.length && path.startsWith(prefix) && !NOT_PLAIN.test(path.slice(prefix.length - 1))) {
      return path.slice(prefix.length);
    }
    const rel = relativePath(this.root, path);
    return rel.startsWith('..') || rel === '.' || rel === '' ? undefined : rel;
  }

  private inSnapshot(path: string): boolean {
    return this.snapshot !== undefined && (path === this.snapshot.dir || path.startsWith(`${this.snapshot.dir}/`));
  }

  /** Whether iulint reads this path as part of this workspace. */
  wants(path: string): boolean {
    const kind = sourceKind(path, this.root);
    return kind !== undefined && !this.isIgnored(path, kind.deployable) && !this.inSnapshot(path);
  }

  /** The org model of the current facts, snapshot and configuration (built again after a change). */
  model(): OrgModel {
    this.org ??= OrgModel.build(this.files, this.snapshot, this.config, this.placeholders);
    return this.org;
  }

  private modelChanged(): void {
    this.org = undefined;
    this.snapshotFindings = undefined;
  }

  /** The org snapshot's files (whether they exist or not); none without a snapshot. */
  snapshotFiles(): readonly string[] {
    const dir = this.snapshot?.dir;
    // Asked for every path a check reports: made once for each snapshot folder.
    let made = this.snapshotPaths;
    if (made === undefined || made.dir !== dir) {
      made = { dir, paths: dir === undefined ? [] : SNAPSHOT_FILES.map((name) => joinPath(dir, name)) };
      this.snapshotPaths = made;
    }
    return made.paths;
  }
  private snapshotPaths: { dir: string | undefined; paths: readonly string[] } | undefined;

  // ---- updates: they change the index and return the files whose reports may have changed ----

  /**
   * Sets (or, with undefined, removes) a file's facts; returns the other files whose findings
   * depend on what changed, so the caller re-lints exactly those: the files whose last lint read a
   * key the file provided or provides now (`org/keys.ts`), and the snapshot's files, whose findings
   * read the whole model.
   */
  setFacts(path: string, facts: FileFacts | undefined): string[] {
    const before = providedKeys(this.files.get(path));
    if (facts) this.files.set(path, facts);
    else {
      this.files.delete(path);
      this.dependencies.delete(path);
    }
    this.modelChanged();
    const changed = new Set([...before, ...providedKeys(facts)]);
    const out = new Set<string>();
    if (changed.size > 0) {
      for (const [other, keys] of this.dependencies) {
        if (other === path || !this.files.has(other)) continue;
        for (const k of keys) {
          if (changed.has(k)) {
            out.add(other);
            break;
          }
        }
      }
    }
    return [...[...out].sort(), ...this.snapshotFiles().filter((p) => p !== path && !out.has(p))];
  }

  /**
   * Updates a file from its text (an editor buffer or a file changed on disk). An edit inside one
   * top-level element of a large profile or permission set re-reads only that element (`EditedFiles`).
   */
  updateText(path: string, text: string): string[] {
    this.skipped.delete(path);
    if (!this.wants(path) || text.length > this.config.maxFileSize) {
      this.edited.forget(path);
      if (this.wants(path)) this.skipped.set(path, this.tooLarge(path, text.length));
      return this.setFacts(path, undefined);
    }
    return this.setFacts(path, this.edited.facts(path, text, this.root));
  }

  /** Updates a file from its bytes on disk. */
  updateBytes(path: string, bytes: Uint8Array): string[] {
    this.edited.forget(path);
    this.skipped.delete(path);
    if (!this.wants(path)) return this.setFacts(path, undefined);
    if (bytes.length > this.config.maxFileSize) {
      this.skipped.set(path, this.tooLarge(path, bytes.length));
      return this.setFacts(path, undefined);
    }
    return this.setFacts(path, extractFactsFromBytes(path, bytes, { root: this.root }));
  }

  /** A file was deleted (or can no longer be read). */
  remove(path: string): string[] {
    this.edited.forget(path);
    this.skipped.delete(path);
    return this.setFacts(path, undefined);
  }

  rename(from: string, to: string, bytes: Uint8Array): string[] {
    return [...new Set([...this.remove(from), ...this.updateBytes(to, bytes)])].filter((p) => p !== to).sort();
  }

  // ---- queries: they change nothing a caller can see ----

  /**
   * What a path reports, the one answer every front end shows:
   * - the configuration file: its problems (of `openText` when given: an editor's unsaved text);
   * - one of the org snapshot's files: the findings of the snapshot's rules in it;
   * - `.forceignore`: what the Salesforce CLI warns about in it or cannot read;
   * - a file iulint reads: its rules' findings; with `openText` (an editor's text the index has not
   *   read, such as unsaved text with `run: onSave`, or any open text before the project is indexed),
   *   the findings of that text against the model with it in place of the file, stored nowhere;
   * - a file skipped for its size (`openText` counts too) or because it could not be read: why;
   * - anything else (not a source iulint reads, or ignored): nothing.
   * Never updates the index: apply an edit with `updateText` first to make it the index's.
   */
  report(path: string, openText?: string): PathReport {
    if (path === this.configPath)
      return { kind: 'config', problems: openText === undefined ? this.configProblems : parseConfig(openText, this.rules).problems };
    if (this.snapshotFiles().includes(path)) return { kind: 'findings', findings: this.snapshotReport().filter((f) => f.path === path) };
    if (path === this.forceignorePath) return { kind: 'findings', findings: this.forceignoreFindings };
    if (openText !== undefined) {
      if (!this.wants(path)) return NOTHING;
      if (openText.length > this.config.maxFileSize) return { kind: 'skipped', skipped: this.tooLarge(path, openText.length) };
      return { kind: 'findings', findings: this.lintUnsaved(path, openText) };
    }
    const skipped = this.skipped.get(path);
    if (skipped) return { kind: 'skipped', skipped };
    return this.files.has(path) ? { kind: 'findings', findings: this.lint(path) } : NOTHING;
  }

  /**
   * Every path that has something to report, sorted: the files iulint reads (with findings or
   * not), the skipped ones, the snapshot's files and `.forceignore` when they have findings, and the
   * configuration file when it has problems. `report` of each is the whole picture of the workspace.
   */
  reportedFiles(): string[] {
    const out = new Set([...this.files.keys(), ...this.skipped.keys()]);
    for (const f of this.snapshotReport()) out.add(f.path);
    if (this.forceignoreFindings.length > 0) out.add(this.forceignorePath);
    if (this.configProblems.length > 0) out.add(this.configPath);
    return [...out].sort();
  }

  /**
   * Why a user is what it is, by username: the Platform Integration User or a reserved user and why,
   * an integration user and by what, its licence and where it comes from, its profile and permission
   * sets, each with the file and range that make it so (`userMarkdown` renders it). The answer of
   * `iulint_explain_user`; the hover's is `explainAt`.
   */
  explainUser(username: string): UserExplanation {
    const org = this.model();
    return userExplanation(org, org.viewOf(username), { byName: namesCount(this.config, this.rules) });
  }

  /**
   * What iulint explains at a position of a file the index holds (a hover): a user named there, a
   * licence, a permission, `hasActivationRequired`, an Apex query of a reserved user; undefined where
   * it has nothing to say (`explanationMarkdown` renders it).
   */
  explainAt(path: string, at: Position): Explanation | undefined {
    const facts = this.files.get(path);
    return facts ? explanationAt(this.model(), facts, at, { byName: namesCount(this.config, this.rules) }) : undefined;
  }

  /** The findings of one file's rules; remembers what they depend on. */
  lint(path: string): Finding[] {
    if (path === this.forceignorePath) return this.forceignoreFindings;
    const facts = this.files.get(path);
    if (!facts) return [];
    const result = lintFacts(facts, this.model(), this.config, this.rules);
    this.dependencies.set(path, result.dependencies);
    return result.findings;
  }

  /** The findings of a text the index has not read, against the model with it in place of the file's facts. */
  private lintUnsaved(path: string, text: string): Finding[] {
    const facts = extractFacts(path, text, this.root);
    if (!facts) return [];
    const files = new Map(this.files).set(path, facts);
    return lintFacts(facts, OrgModel.build(files, this.snapshot, this.config, this.placeholders), this.config, this.rules).findings;
  }

  /** The findings of the snapshot's files (the rules' `snapshot` visitors), kept until the model changes. */
  private snapshotReport(): Finding[] {
    this.snapshotFindings ??= lintSnapshot(this.model(), this.config, this.rules);
    return this.snapshotFindings;
  }

  /** The keys a file's last lint read (for tests and hovers). */
  dependenciesOf(path: string): ReadonlySet<DependencyKey> {
    return this.dependencies.get(path) ?? new Set();
  }

  /** The findings of every file, `.forceignore` and the snapshot's files (what `iulint check` prints), sorted. */
  lintAll(): Finding[] {
    const out: Finding[] = [];
    for (const path of this.reportedFiles()) {
      const report = this.report(path);
      if (report.kind === 'findings') out.push(...report.findings);
    }
    return out.sort(compareFindings);
  }
}
