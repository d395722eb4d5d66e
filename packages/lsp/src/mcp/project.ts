/**
 * The MCP server's one door into core (and into the CLI's own report and diff functions): loading the
 * project, linting it as it is or as a proposed change would leave it, explaining a user, the rules.
 * Everything the tools need from core goes through here, so a change of core's API stays in this file.
 */
import {
  closest,
  dirname as coreDirname,
  defaultCheckOptions,
  describeProblem,
  type Extracted,
  type Extractor,
  errorMessage,
  extractFactsFromBytes,
  type FileSystem,
  type Finding,
  findProjectRoot,
  formatJson,
  isInside,
  normalizePath,
  type Range,
  type Reason,
  RULES,
  relativePath,
  skippedNote,
  sourceKind,
  userMarkdown,
  Workspace,
  type WorkspaceOptions,
} from '@iulint/core';
import type { z } from 'zod';
import { ruleCatalogue, check as runCheck } from '../cli.js';
import { fixDiff, planFixes } from '../fixFiles.js';
import type { Io } from '../io.js';
import { NodeFileSystem } from '../nodeFs.js';
import { ParallelExtractor, WORKER_SCRIPT } from '../parallel.js';
import { UsageError } from '../usageError.js';
import { VERSION } from '../version.js';
import { OverlayFileSystem } from './overlay.js';
import { resolveInside, ToolError } from './paths.js';
import { rulePage } from './ruleDocs.js';
import type { fixPreviewSchema, proposedChangeSchema, reportSchema, ruleSchema, userSchema } from './schemas.js';

type Shape<T extends z.ZodRawShape> = z.infer<z.ZodObject<T>>;
export type Report = Shape<typeof reportSchema>;
export type ProposedChangeReport = Shape<typeof proposedChangeSchema>;
export type UserAnswer = Shape<typeof userSchema>;
export type FixPreview = Shape<typeof fixPreviewSchema>;
export type RuleExplanation = Shape<typeof ruleSchema>;

/** How a thrown value reads (core's one way), for the server's messages. */
export { errorMessage };

/** A change an agent proposes: the whole new text of a file, or null to delete it. */
export interface ProposedFile {
  path: string;
  content: string | null;
}

/** The Salesforce project a folder lies in, as `iulint check` finds it: the nearest folder with sfdx-project.json, at or above it. */
export function findProject(start: string): Promise<string | undefined> {
  return findProjectRoot(new NodeFileSystem(), normalizePath(start));
}

/** One project on disk, as the MCP tools see it: every call reads the files afresh (an agent writes between calls). */
export class Project {
  private readonly fs: FileSystem = new NodeFileSystem();
  /** The root as core spells it. */
  private readonly root: string;

  constructor(
    /** The project root, absolute, as Node spells it. */
    readonly nativeRoot: string,
  ) {
    this.root = normalizePath(nativeRoot);
  }

  /** A path of a tool's input as a core path inside the root; a ToolError when it is not. */
  private inside(given: unknown): string {
    return normalizePath(resolveInside(this.nativeRoot, given));
  }

  private relative(path: string): string {
    return relativePath(this.root, path);
  }

  /** The CLI's extractor: worker threads when this runs as the bundle, as `iulint check` does. */
  private extractor(): Extractor | undefined {
    return WORKER_SCRIPT ? new ParallelExtractor(WORKER_SCRIPT).extract : undefined;
  }

  /** Existing files or folders of the input, as core paths; the whole project when none. */
  private async targets(paths: readonly string[] | undefined): Promise<string[] | undefined> {
    if (!paths || paths.length === 0) return undefined;
    const out: string[] = [];
    for (const p of paths) {
      const path = this.inside(p);
      if (!(await this.fs.stat(path))) throw new ToolError(`no such file or folder in the project: ${p}`);
      out.push(path);
    }
    return out;
  }

  /** The project loaded; `proposed` when `fs` shows a proposed change (its configuration is the proposal's). */
  private async load(options: WorkspaceOptions = {}, fs = this.fs, proposed = false): Promise<Workspace> {
    const ws = await Workspace.load(fs, this.root, RULES, options);
    if (ws.configProblems.length > 0) {
      const where = this.relative(ws.configPath);
      const problems = ws.configProblems.map((p) => `${where}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
      throw new ToolError(
        proposed
          ? `the proposed configuration is not valid, so nothing was linted (iulint check would stop with exit code 2): ${problems.join('; ')}`
          : `the configuration cannot be read; fix it first: ${problems.join('; ')}`,
      );
    }
    return ws;
  }

  /**
   * The whole project loaded (users, profiles, permission sets and licences are resolved across it, so
   * a file's findings do not depend on which files are asked for), and whether a path is in the scope
   * of the given files and folders (everything when none).
   */
  private async scoped(paths: readonly string[] | undefined): Promise<{ ws: Workspace; inScope: (path: string) => boolean }> {
    const targets = await this.targets(paths);
    const extractor = this.extractor();
    const ws = await this.load(extractor ? { extractor } : {});
    return { ws, inScope: (path) => !targets || targets.some((t) => isInside(t, path)) };
  }

  /**
   * `iulint check --format json [paths]` run in the root, as an object, and the problems the CLI prints
   * on stderr: it is the CLI's own `check`, so the tool and the command cannot disagree.
   */
  async check(paths?: readonly string[]): Promise<{ report: Report; problems: string[] }> {
    const given = (await this.targets(paths))?.map((p) => resolveInside(this.nativeRoot, this.relative(p))) ?? [];
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      cwd: this.nativeRoot,
      isTTY: false,
      stderrIsTTY: false,
      env: {},
    };
    let code: number;
    try {
      ({ code } = await runCheck({ ...defaultCheckOptions(given), format: 'json', exitZero: true, color: false }, io));
    } catch (e) {
      throw e instanceof UsageError ? new ToolError(e.message) : e;
    }
    const problems = err
      .join('')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.replace(/^iulint: /, ''));
    if (code !== 0) throw new ToolError(problems.join('; ') || 'the check could not run');
    return { report: JSON.parse(out.join('')) as Report, problems };
  }

  /** The diff `iulint check --fix-dry-run [paths]` prints; nothing is written. */
  async fixPreview(paths?: readonly string[]): Promise<FixPreview> {
    const { ws, inScope } = await this.scoped(paths);
    const fixes = planFixes({ findings: ws.lintAll().filter((f) => inScope(f.path)), workspace: ws });
    return {
      diff: fixes.map((f) => fixDiff(this.relative(f.path), f)).join(''),
      fixes: fixes.reduce((n, f) => n + f.applied, 0),
      files: fixes.map((f) => this.relative(f.path)),
      problems: ws.problems.map(describeProblem),
    };
  }

  /**
   * The project linted as if the proposed files held that content (nothing is written): the findings
   * in those files and in every other file whose findings change, compared before and after.
   */
  async proposedChange(proposed: readonly ProposedFile[]): Promise<ProposedChangeReport> {
    const changes = new Map<string, Uint8Array | null>();
    const encoder = new TextEncoder();
    for (const c of proposed) {
      const path = this.inside(c.path);
      if (changes.has(path)) throw new ToolError(`the path ${c.path} is given twice`);
      if ((await this.fs.stat(path)) === 'directory') throw new ToolError(`${c.path} is a folder: give the files in it`);
      if (c.content !== null)
        for (let dir = coreDirname(path); dir !== this.root && dir !== coreDirname(dir); dir = coreDirname(dir))
          if ((await this.fs.stat(dir)) === 'file') throw new ToolError(`${c.path} cannot be created: ${this.relative(dir)} is a file`);
      changes.set(path, c.content === null ? null : encoder.encode(c.content));
    }
    const extractor = this.extractor();
    const before = await this.load(extractor ? { extractor } : {});
    const beforeFindings = before.lintAll();
    const overlay = new OverlayFileSystem(this.fs, changes, coreDirname);
    const read = new Set<string>();
    const after = await this.load({ extractor: this.reuse(before, changes, read) }, overlay, true);
    const afterFindings = after.lintAll();

    const byFile = (list: Finding[]) => {
      const m = new Map<string, Finding[]>();
      for (const f of list) m.set(f.path, [...(m.get(f.path) ?? []), f]);
      return m;
    };
    const was = byFile(beforeFindings);
    const now = byFile(afterFindings);
    const shown = new Set<string>(changes.keys());
    for (const path of new Set([...was.keys(), ...now.keys()]))
      if (!sameFindings(was.get(path) ?? [], now.get(path) ?? [])) shown.add(path);
    const findings = afterFindings.filter((f) => shown.has(f.path));
    const introduced = difference(findings, beforeFindings);
    const resolved = difference(
      beforeFindings.filter((f) => shown.has(f.path)),
      afterFindings,
    );
    const statuses: ProposedChangeReport['changes'] = [];
    for (const [path, content] of changes) {
      const existed = (await this.fs.stat(path)) === 'file';
      const change = content === null ? (existed ? 'deleted' : 'absent') : existed ? 'modified' : 'created';
      statuses.push({ file: this.relative(path), change, ...this.readStatus(after, path, content === null, read.has(path)) });
    }
    const report = this.json(findings);
    const problems = new Set(before.problems.map(describeProblem));
    return {
      root: this.root,
      changes: statuses,
      summary: {
        errors: report.summary.errors,
        warnings: report.summary.warnings,
        infos: report.summary.infos,
        files: new Set(findings.map((f) => f.path)).size,
      },
      findings: report.findings,
      introduced: this.json(introduced).findings,
      resolved: this.json(resolved).findings,
      problems: after.problems.map(describeProblem).filter((p) => !problems.has(p)),
    };
  }

  /** How the workspace after the change treats a changed path (`read`: whether the load read the file). */
  private readStatus(
    ws: Workspace,
    path: string,
    deleted: boolean,
    read: boolean,
  ): Pick<ProposedChangeReport['changes'][number], 'read' | 'note'> {
    const rel = this.relative(path);
    if (path === ws.forceignorePath)
      return {
        read: 'settings',
        note: '.forceignore: read as the Salesforce CLI reads it; the files it leaves out are not linted, and its own problems are findings on it',
      };
    if (path === ws.configPath) return { read: 'settings', note: "iulint's configuration: every file is linted with it" };
    if (rel === 'sfdx-project.json')
      return { read: 'settings', note: 'the project file: its package directories and replacements are read' };
    if (ws.snapshotFiles().includes(path))
      return { read: 'snapshot', note: "a file of the org snapshot: read as the org's users and licences" };
    if (deleted) return { read: 'not-linted', note: 'deleted: the other files are linted without it' };
    if (!sourceKind(path, ws.root))
      return {
        read: 'not-linted',
        note: 'not a file iulint reads (it reads XML metadata, Apex, Agent Script (aiAuthoringBundles/<Name>/<Name>.agent), user definition and tree files, scripts, CI workflows, package.json scripts and .sf/config.json)',
      };
    if (ws.isIgnored(path))
      return {
        read: 'ignored',
        note: `ignored by .forceignore (as the Salesforce CLI reads it, with its defaults for metadata) or by "ignore" in ${this.relative(ws.configPath)}: not linted`,
      };
    const report = ws.report(path);
    if (report.kind === 'skipped') return { read: 'not-linted', note: skippedNote(report.skipped) };
    if (report.kind === 'findings') return { read: 'linted', note: 'linted with the rest of the project' };
    if (!read)
      return {
        read: 'not-linted',
        note: 'iulint never reads files in this folder (node_modules, .git, .turbo, .vscode-test, .localdevserver, or the Salesforce CLI folders other than their config files)',
      };
    return {
      read: 'not-linted',
      note: 'read, but it holds nothing iulint checks (not a user definition, tree file, metadata iulint knows, script or Apex with users in it)',
    };
  }

  /**
   * The extractor for the workspace after a change: the changed files from their proposed bytes, the
   * others from the facts read before (the same bytes), and files not read before (newly un-ignored)
   * from disk. Every path the load asks for is added to `read`.
   */
  private reuse(before: Workspace, changes: ReadonlyMap<string, Uint8Array | null>, read: Set<string>): Extractor {
    const configChanged = changes.has(before.configPath);
    return async (paths, onProgress, maxFileSize = Number.POSITIVE_INFINITY, root) => {
      const out: Extracted[] = [];
      for (const path of paths) {
        read.add(path);
        const known = configChanged ? undefined : before.files.get(path);
        try {
          const bytes = changes.get(path) ?? (known ? undefined : await this.fs.readFile(path));
          if (!bytes) out.push({ facts: known });
          else out.push(bytes.length > maxFileSize ? { tooLarge: bytes.length } : { facts: extractFactsFromBytes(path, bytes, { root }) });
        } catch (e) {
          out.push({ error: errorMessage(e) });
        }
        onProgress?.(out.length, paths.length);
      }
      return out;
    };
  }

  /** Findings in the CLI's JSON v1 shape, with their summary. */
  private json(findings: Finding[]): Report {
    return JSON.parse(formatJson({ root: this.root, findings, filesChecked: 0, toolVersion: VERSION, rules: RULES })) as Report;
  }

  /**
   * What the project and the snapshot know of a user: core's explanation (the hover's, as Markdown and
   * as data with files and lines), and every other place of the project that names the username.
   */
  async explainUser(username: string): Promise<UserAnswer> {
    const ws = await this.load();
    const name = username.trim();
    const e = ws.explainUser(name);
    const at = (path: string, range: Range) => ({
      file: this.relative(path),
      line: range.start.line + 1,
      column: range.start.character + 1,
    });
    const place = (path: string | undefined, range: Range | undefined) =>
      path ? (range ? at(path, range) : { file: this.relative(path) }) : {};
    const reason = (r: Reason) => ({ text: r.text, ...(r.byName ? { byName: true as const } : {}), ...place(r.path, r.range) });

    const mentions: UserAnswer['mentions'] = [];
    const same = (v: string | undefined) => v !== undefined && v.trim().toLowerCase() === name.toLowerCase();
    for (const f of [...ws.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (f.kind === 'metadata' || f.kind === 'agentScript') {
        for (const ref of f.userReferences)
          if (same(ref.username.value)) mentions.push({ what: `${ref.element} (${ref.kind})`, ...at(f.path, ref.username.range) });
      } else if (f.kind === 'script') {
        for (const c of f.commands)
          for (const [flag, v] of Object.entries(c.flags))
            if (v && same(v.value)) mentions.push({ what: `sf ${c.command} --${flag}`, ...at(f.path, v.range) });
      } else if (f.kind === 'sfConfig') {
        if (f.targetOrg && same(f.targetOrg.value)) mentions.push({ what: 'target-org', ...at(f.path, f.targetOrg.range) });
      } else if (f.kind === 'apex') {
        for (const u of f.usernames) if (same(u.value)) mentions.push({ what: 'Apex string literal', ...at(f.path, u.range) });
      }
    }

    const answer: Omit<UserAnswer, 'explanation'> = {
      username: name,
      systemUser: e.system ? { kind: e.system.kind, label: e.system.label, reason: e.system.reason } : null,
      integrationUser: e.integration ? { byNameOnly: e.integration.byNameOnly, reasons: e.integration.reasons.map(reason) } : null,
      license: e.license ? { name: e.license.license, from: reason(e.license.reason) } : null,
      profile: e.profile
        ? {
            name: e.profile.name,
            ...place(e.profile.path, e.profile.range),
            ...(e.profile.file ? { profileFile: this.relative(e.profile.file) } : {}),
          }
        : null,
      permissionSets: e.permissionSets.map((p) => ({ name: p.name, via: reason(p.via) })),
      snapshot: e.snapshot,
      definedAt: e.definedAt.map((d) => ({ text: d.text, ...at(d.path, d.range) })),
      mentions,
    };

    // The hover's Markdown, then the places it rests on.
    const where = (p: { file?: string; line?: number }) => (p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : '');
    const lines = [userMarkdown(e)];
    const sourced = [
      ...(answer.integrationUser?.reasons ?? []),
      ...(answer.license
        ? [{ ...answer.license.from, text: `its licence ${answer.license.name} comes from ${answer.license.from.text}` }]
        : []),
      ...(answer.profile?.file ? [{ ...answer.profile, text: `its profile is ${answer.profile.name}` }] : []),
      ...answer.permissionSets.map((p) => ({ ...p.via, text: `${p.name}: ${p.via.text}` })),
    ].filter((r, i, all) => r.file && all.findIndex((o) => o.file === r.file && o.line === r.line && o.column === r.column) === i);
    if (sourced.length > 0) {
      lines.push('', 'Where the answers come from:');
      for (const r of sourced) lines.push(`- ${r.text}${where(r)}`);
    }
    if (answer.definedAt.length > 0)
      lines.push('', `Defined in: ${answer.definedAt.map((d) => `${d.file}:${d.line} (${d.text})`).join(', ')}.`);
    if (mentions.length > 0) lines.push('', `Named in: ${mentions.map((m) => `${m.file}:${m.line} (${m.what})`).join(', ')}.`);
    if (answer.definedAt.length === 0 && mentions.length === 0)
      lines.push('', 'No file of the project and no org snapshot record names this user.');
    return { ...answer, explanation: lines.join('\n') };
  }
}

/** The rule catalogue, as `iulint rules --format json` prints it. */
export function listRules(): ReturnType<typeof ruleCatalogue> {
  return ruleCatalogue();
}

/** Every rule id. */
export function ruleIds(): string[] {
  return RULES.map((r) => r.meta.id);
}

/** A rule with its documentation page; for an unknown id, the nearest id when one is near. */
export async function explainRule(id: string): Promise<RuleExplanation | { unknown: string; suggestion: string | undefined }> {
  const row = ruleCatalogue().find((r) => r.id === id.trim());
  const page = row ? await rulePage(row.id) : undefined;
  if (row && page !== undefined) return { ...row, page };
  return { unknown: id, suggestion: closest(id.trim(), ruleIds()) };
}

/** Whether two files' findings are the same, in any order. */
function sameFindings(a: Finding[], b: Finding[]): boolean {
  if (a.length !== b.length) return false;
  return difference(a, b).length === 0 && difference(b, a).length === 0;
}

/** The findings of `a` that `b` does not hold (as many times as `a` has them more). */
function difference(a: Finding[], b: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of b) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of a) {
    const n = counts.get(key(f)) ?? 0;
    if (n > 0) counts.set(key(f), n - 1);
    else out.push(f);
  }
  return out;
}

function key(f: Finding): string {
  return JSON.stringify([f.path, f.ruleId, f.severity, f.message, f.range, f.related.map((r) => [r.path, r.range, r.message])]);
}
