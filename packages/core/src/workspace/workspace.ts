import { CONFIG_FILE, type Config, type ConfigProblem, defaultConfig, parseConfig } from '../config/config.js';
import { FORCEIGNORE_FILE, IgnoreMatcher, ignorePatternError, readForceignore } from '../config/ignore.js';
import { compareFindings, type Finding } from '../diagnostic.js';
import { extractFacts, extractFactsFromBytes, sourceKind } from '../facts/extract.js';
import type { FileFacts } from '../facts/facts.js';
import { EditedFiles } from '../facts/incremental.js';
import { type FileSystem, joinPath, normalizePath, relativePath } from '../fs.js';
import { listFiles, readProject } from '../layout/project.js';
import { lintFacts, lintSnapshot } from '../lint.js';
import { OrgModel } from '../org/model.js';
import { loadSnapshot, type OrgSnapshot } from '../org/snapshot.js';
import { decodeBytes } from '../text/decode.js';

/** The keys of facts a file gives the org model; other files' findings depend on them. */
export function providedKeys(f: FileFacts | undefined): Set<string> {
  const keys = new Set<string>();
  if (!f) return keys;
  const low = (s: string) => s.trim().toLowerCase();
  if (f.kind === 'metadata') {
    if (f.profile) keys.add(`profile:${low(f.profile.name)}`);
    if (f.permissionSet) keys.add(`permset:${low(f.permissionSet.name)}`);
    if (f.permissionSetGroup) keys.add('psg');
    for (const ps of f.connectedApp?.permissionSetNames ?? []) keys.add(`assign:${low(ps.value)}`);
    if (f.connectedApp) keys.add('users');
    if (f.userReferences.some((r) => r.kind === 'login')) keys.add('logins');
  } else if (f.kind === 'userDefinition' || f.kind === 'dataTree') {
    keys.add('users');
    const records = f.kind === 'userDefinition' ? [f.user] : f.users;
    for (const u of records) {
      if (u.username) keys.add(`user:${low(u.username.value)}`);
      for (const ps of u.permsets) keys.add(`assign:${low(ps.value)}`);
    }
    if (f.kind === 'dataTree') for (const a of f.assignments) if (a.permissionSetName) keys.add(`assign:${low(a.permissionSetName.value)}`);
  } else if ((f.kind === 'script' && f.commands.some((c) => c.command === 'org login jwt')) || f.kind === 'sfConfig') {
    keys.add('logins');
  }
  return keys;
}

/** What `normalizePath` would change after a root: an empty, `.` or `..` segment, a backslash, a trailing slash. */
const NOT_PLAIN = /\/\/|\/\.\.?(?:\/|$)|\\|\/$/;

/** How many files are read at once while indexing. */
const READ_CONCURRENCY = 16;

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

/** One file's outcome: its facts (undefined when iulint has nothing to say about it) or why it could not be read. */
export type Extracted = { facts: FileFacts | undefined } | { error: string };
/** A file over `maxFileSize` comes back as `{ error: 'too large:<bytes>' }`. */
export type Extractor = (paths: string[], onProgress?: (done: number, total: number) => void, maxFileSize?: number) => Promise<Extracted[]>;

/**
 * The incremental index of a project: the facts of every file iulint reads, the org model built
 * from them, and which file's findings depend on which facts. Built once; then one file at a time
 * is updated, created, deleted or renamed, and only the files that depend on it are re-linted.
 */
export class Workspace {
  readonly files = new Map<string, FileFacts>();
  private readonly dependencies = new Map<string, Set<string>>();
  private org: OrgModel | undefined;
  /** Files updated from their text (editor buffers), re-read incrementally. */
  private readonly edited = new EditedFiles();
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
  /** Files and folders that could not be read, and problems with sfdx-project.json or the snapshot. */
  problems: string[] = [];

  constructor(
    readonly fs: FileSystem,
    readonly root: string,
  ) {
    this.configPath = joinPath(root, CONFIG_FILE);
    this.forceignorePath = joinPath(root, FORCEIGNORE_FILE);
  }

  /** Reads the configuration, `.forceignore`, `sfdx-project.json`, the snapshot and every file. */
  static async load(fs: FileSystem, root: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    const ws = new Workspace(fs, normalizePath(root));
    if (options.configPath) ws.configPath = normalizePath(options.configPath);
    await ws.loadSettings(options);
    const files = await listFiles(
      fs,
      options.only ?? [ws.root],
      (m) => ws.problems.push(m),
      (dir) => ws.isIgnoredFolder(dir),
      options.onWalk,
    );
    const wanted = files.filter((p) => sourceKind(p) && !ws.isIgnored(p) && !ws.inSnapshot(p));
    if (options.extractor) {
      const extracted = await options.extractor(wanted, options.onProgress, ws.config.maxFileSize);
      extracted.forEach((x, i) => {
        if ('error' in x)
          ws.problems.push(
            x.error.startsWith('too large:')
              ? ws.tooLarge(wanted[i] as string, Number(x.error.slice(10)))
              : `cannot read ${wanted[i]}: ${x.error}`,
          );
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
          const bytes = await fs.readFile(path);
          if (bytes.length > ws.config.maxFileSize) ws.problems.push(ws.tooLarge(path, bytes.length));
          else results[i] = extractFactsFromBytes(path, bytes);
        } catch (e) {
          ws.problems.push(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
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
      const parsed = parseConfig(text);
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
    this.problems.push(...project.problems);
    this.placeholders = project.replacements;
    await this.loadIgnore(options.ignorePatterns ?? []);
    const snapshotDir = options.snapshotDir ?? (this.config.orgSnapshot ? joinPath(this.root, this.config.orgSnapshot) : undefined);
    this.snapshot = snapshotDir ? await loadSnapshot(this.fs, normalizePath(snapshotDir)) : undefined;
    if (this.snapshot) this.problems.push(...this.snapshot.problems);
    this.org = undefined;
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
      this.problems.push(`cannot read ${this.forceignorePath}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.forceignoreFindings = forceignore?.findings ?? [];
    const extra = patterns.filter((p) => {
      const error = ignorePatternError(p);
      if (error !== undefined) this.problems.push(`the ignore pattern "${p}" cannot be read (${error}); skipped`);
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

  /** The message for a file skipped for its size. */
  tooLarge(path: string, size: number): string {
    return `skipped ${path}: ${(size / 1048576).toFixed(1)} MB is more than maxFileSize (${(this.config.maxFileSize / 1048576).toFixed(1)} MB); raise "maxFileSize" in ${CONFIG_FILE} to lint it`;
  }

  /** Whether a file is skipped by `.forceignore` (as the Salesforce CLI reads it), `ignore` or `--ignore-pattern`. */
  isIgnored(path: string): boolean {
    if (this.ignoresNothing) return false;
    const rel = this.inside(path);
    return rel !== undefined && this.ignore.ignoresFile(rel);
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
    const prefix = this.root.endsWith('/') ? this.root : `${this.root}/`;
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
    return sourceKind(path) !== undefined && !this.isIgnored(path) && !this.inSnapshot(path);
  }

  model(): OrgModel {
    this.org ??= new OrgModel(this.files, this.snapshot, this.config, this.placeholders);
    return this.org;
  }

  /**
   * Sets (or, with undefined, removes) a file's facts; returns the other files whose findings
   * depend on what changed, so the caller re-lints exactly those.
   */
  setFacts(path: string, facts: FileFacts | undefined): string[] {
    const before = providedKeys(this.files.get(path));
    if (facts) this.files.set(path, facts);
    else {
      this.files.delete(path);
      this.dependencies.delete(path);
    }
    this.org = undefined;
    const changed = new Set([...before, ...providedKeys(facts)]);
    if (changed.size === 0) return [];
    const out: string[] = [];
    for (const [other, keys] of this.dependencies) {
      if (other === path || !this.files.has(other)) continue;
      for (const k of keys) {
        if (changed.has(k)) {
          out.push(other);
          break;
        }
      }
    }
    return out.sort();
  }

  /**
   * Updates a file from its text (an editor buffer or a file changed on disk). An edit inside one
   * top-level element of a large profile or permission set re-reads only that element (`EditedFiles`).
   */
  updateText(path: string, text: string): string[] {
    if (text.length > this.config.maxFileSize || !this.wants(path)) {
      this.edited.forget(path);
      return this.setFacts(path, undefined);
    }
    return this.setFacts(path, this.edited.facts(path, text));
  }

  updateBytes(path: string, bytes: Uint8Array): string[] {
    this.edited.forget(path);
    if (bytes.length > this.config.maxFileSize) return this.setFacts(path, undefined);
    return this.setFacts(path, this.wants(path) ? extractFactsFromBytes(path, bytes) : undefined);
  }

  remove(path: string): string[] {
    this.edited.forget(path);
    return this.setFacts(path, undefined);
  }

  rename(from: string, to: string, bytes: Uint8Array): string[] {
    return [...new Set([...this.remove(from), ...this.updateBytes(to, bytes)])].filter((p) => p !== to).sort();
  }

  /** The findings of one file; remembers what they depend on. */
  lint(path: string): Finding[] {
    if (path === this.forceignorePath) return this.forceignoreFindings;
    const facts = this.files.get(path);
    if (!facts) return [];
    const result = lintFacts(facts, this.model(), this.config);
    this.dependencies.set(path, result.dependencies);
    return result.findings;
  }

  /**
   * The findings of a file's text that the index has not read (an editor's unsaved text with `run:
   * onSave`), against the model with that text in place of the file's facts; nothing is stored.
   */
  lintUnsaved(path: string, text: string): Finding[] {
    if (text.length > this.config.maxFileSize || !this.wants(path)) return [];
    const facts = extractFacts(path, text);
    if (!facts) return [];
    const files = new Map(this.files).set(path, facts);
    return lintFacts(facts, new OrgModel(files, this.snapshot, this.config, this.placeholders), this.config).findings;
  }

  /** The keys a file's last lint read (for tests and hovers). */
  dependenciesOf(path: string): ReadonlySet<string> {
    return this.dependencies.get(path) ?? new Set();
  }

  /** The findings of every file, and of the snapshot. */
  lintAll(): Finding[] {
    const out: Finding[] = [];
    for (const path of [...this.files.keys()].sort()) out.push(...this.lint(path));
    out.push(...this.forceignoreFindings);
    out.push(...lintSnapshot(this.model(), this.config));
    return out.sort(compareFindings);
  }
}
