/**
 * The MCP server's one door into core (and into the CLI's own report and diff functions): loading the
 * project, linting it as it is or as a proposed change would leave it, explaining a user, the rules.
 * Everything the tools need from core goes through here, so a change of core's API stays in this file.
 */
import {
  dirname as coreDirname,
  type Extractor,
  extractFactsFromBytes,
  type Finding,
  findProjectRoot,
  formatJson,
  IgnoreMatcher,
  joinPath,
  listFiles,
  normalizePath,
  PROJECT_FILE,
  type Range,
  type Reason,
  RULES,
  relativePath,
  SYSTEM_USER_LABELS,
  sourceKind,
  summarize,
  Workspace,
  type WorkspaceOptions,
} from '@iulint/core';
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { ruleCatalogue } from '../cli.js';
import { fixDiff, planFixes } from '../fixFiles.js';
import { describeUser } from '../hover.js';
import { NodeFileSystem } from '../nodeFs.js';
import { parallelExtractor } from '../parallel.js';
import { VERSION } from '../version.js';
import { OverlayFileSystem } from './overlay.js';
import { resolveInside, ToolError } from './paths.js';
import { rulePage } from './ruleDocs.js';
import type { findingSchema, fixPreviewSchema, proposedChangeSchema, reportSchema, ruleSchema, userSchema } from './schemas.js';

type Shape<T extends z.ZodRawShape> = z.infer<z.ZodObject<T>>;
export type Report = Shape<typeof reportSchema>;
export type JsonFinding = z.infer<typeof findingSchema>;
export type ProposedChangeReport = Shape<typeof proposedChangeSchema>;
export type UserExplanation = Shape<typeof userSchema>;
export type FixPreview = Shape<typeof fixPreviewSchema>;
export type RuleExplanation = Shape<typeof ruleSchema>;

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
  private readonly fs = new NodeFileSystem();
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
    const script = process.argv[1];
    return script?.endsWith('.cjs') ? parallelExtractor(script) : undefined;
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

  private async load(options: WorkspaceOptions = {}, fs = this.fs): Promise<Workspace> {
    const ws = await Workspace.load(fs, this.root, options);
    if (ws.configProblems.length > 0) {
      const where = this.relative(ws.configPath);
      throw new ToolError(
        `the configuration cannot be read; fix it first: ${ws.configProblems.map((p) => `${where}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`).join('; ')}`,
      );
    }
    return ws;
  }

  /** `iulint check --format json [paths]` run in the root, as an object; and the problems the CLI prints on stderr. */
  async check(paths?: readonly string[]): Promise<{ report: Report; problems: string[] }> {
    const only = await this.targets(paths);
    const extractor = this.extractor();
    const ws = await this.load({ ...(only ? { only } : {}), ...(extractor ? { extractor } : {}) });
    const report = JSON.parse(
      formatJson({ root: ws.root, findings: ws.lintAll(), filesChecked: ws.files.size, toolVersion: VERSION, suppressed: [] }),
    ) as Report;
    return { report, problems: ws.problems };
  }

  /** The diff `iulint check --fix-dry-run [paths]` prints; nothing is written. */
  async fixPreview(paths?: readonly string[]): Promise<FixPreview> {
    const only = await this.targets(paths);
    const extractor = this.extractor();
    const ws = await this.load({ ...(only ? { only } : {}), ...(extractor ? { extractor } : {}) });
    const fixes = planFixes(ws.lintAll());
    return {
      diff: fixes.map((f) => fixDiff(this.relative(f.path), f)).join(''),
      fixes: fixes.reduce((n, f) => n + f.applied, 0),
      files: fixes.map((f) => this.relative(f.path)),
      problems: ws.problems,
    };
  }

  /**
   * The project linted as if the proposed files held that content (nothing is written): the findings
   * in those files and in every other file whose findings change, compared before and after.
   */
  async proposedChange(proposed: readonly ProposedFile[]): Promise<ProposedChangeReport> {
    const changes = new Map<string, Uint8Array | null>();
    const given = new Map<string, string>();
    const encoder = new TextEncoder();
    for (const c of proposed) {
      const path = this.inside(c.path);
      if (changes.has(path)) throw new ToolError(`the path ${c.path} is given twice`);
      if ((await this.fs.stat(path)) === 'directory') throw new ToolError(`${c.path} is a folder: give the files in it`);
      if (c.content !== null)
        for (let dir = coreDirname(path); dir !== this.root && dir !== coreDirname(dir); dir = coreDirname(dir))
          if ((await this.fs.stat(dir)) === 'file') throw new ToolError(`${c.path} cannot be created: ${this.relative(dir)} is a file`);
      changes.set(path, c.content === null ? null : encoder.encode(c.content));
      given.set(path, c.path);
    }
    const extractor = this.extractor();
    const before = await this.load(extractor ? { extractor } : {});
    const beforeFindings = before.lintAll();
    const overlay = new OverlayFileSystem(this.fs, changes, coreDirname);
    const after = await this.load({ extractor: this.reuse(before, changes) }, overlay);
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
    const json = (list: Finding[]) => this.json(list);
    const statuses = [];
    let listed: Set<string> | undefined;
    for (const [path, content] of changes) {
      const existed = (await this.fs.stat(path)) === 'file';
      const change = content === null ? (existed ? 'deleted' : 'absent') : existed ? 'modified' : 'created';
      let status = this.readStatus(after, path, content === null);
      if (status.read === 'not-linted' && content !== null && sourceKind(path)) {
        listed ??= new Set(
          await listFiles(
            overlay,
            [this.root],
            () => {},
            (d) => after.isIgnoredFolder(d),
          ),
        );
        if (!listed.has(path))
          status = {
            read: 'not-linted',
            note: 'iulint never reads files in this folder (node_modules, .git, .turbo, .vscode-test, .localdevserver, or the Salesforce CLI folders other than their config files)',
          };
      }
      statuses.push({ file: this.relative(path), change: change as ProposedChangeReport['changes'][number]['change'], ...status });
    }
    const s = summarize(findings);
    return {
      root: this.root,
      changes: statuses,
      summary: { ...s, files: new Set(findings.map((f) => f.path)).size },
      findings: json(findings),
      introduced: json(introduced),
      resolved: json(resolved),
      problems: after.problems.filter((p) => !before.problems.includes(p)),
    };
  }

  /** How the workspace after the change treats a changed path. */
  private readStatus(
    ws: Workspace,
    path: string,
    deleted: boolean,
  ): { read: ProposedChangeReport['changes'][number]['read']; note: string } {
    const rel = this.relative(path);
    const settings: Record<string, string> = {
      [ws.forceignorePath]:
        '.forceignore: read as the Salesforce CLI reads it; the files it leaves out are not linted, and its own problems are findings on it',
      [ws.configPath]: "iulint's configuration: every file is linted with it",
      [joinPath(this.root, PROJECT_FILE)]: 'the project file: its package directories and replacements are read',
    };
    const setting = settings[path];
    if (setting) return { read: 'settings', note: setting };
    if (ws.snapshot && (path === ws.snapshot.dir || path.startsWith(`${ws.snapshot.dir}/`)))
      return { read: 'snapshot', note: "a file of the org snapshot: read as the org's users and licences" };
    if (deleted) return { read: 'not-linted', note: 'deleted: the other files are linted without it' };
    if (!sourceKind(path))
      return {
        read: 'not-linted',
        note: 'not a file iulint reads (it reads XML metadata, Apex, user definition and tree files, scripts, CI workflows, package.json scripts and .sf/config.json)',
      };
    if (ws.isIgnored(path)) {
      const byConfig = new IgnoreMatcher(undefined, ws.config.ignore).ignoresFile(rel);
      return {
        read: 'ignored',
        note: byConfig
          ? `ignored by "ignore" in ${this.relative(ws.configPath)}: not linted`
          : 'ignored by .forceignore (as the Salesforce CLI reads it, with its defaults for metadata): not deployed, not linted',
      };
    }
    const unread = ws.problems.find((p) => p.includes(path));
    if (unread) return { read: 'not-linted', note: unread };
    if (ws.files.has(path)) return { read: 'linted', note: 'linted with the rest of the project' };
    return {
      read: 'not-linted',
      note: 'read, but it holds nothing iulint checks (not a user definition, tree file, metadata iulint knows, script or Apex with users in it)',
    };
  }

  /**
   * The extractor for the workspace after a change: the changed files from their proposed bytes, the
   * others from the facts read before (the same bytes), and files not read before (newly un-ignored)
   * from disk.
   */
  private reuse(before: Workspace, changes: ReadonlyMap<string, Uint8Array | null>): Extractor {
    const configChanged = changes.has(before.configPath);
    return async (paths, onProgress, maxFileSize = Number.POSITIVE_INFINITY) => {
      const out = [];
      for (const path of paths) {
        const bytes = changes.get(path);
        const known = configChanged ? undefined : before.files.get(path);
        try {
          if (bytes)
            out.push(bytes.length > maxFileSize ? { error: `too large:${bytes.length}` } : { facts: extractFactsFromBytes(path, bytes) });
          else if (known) out.push({ facts: known });
          else {
            const read = await this.fs.readFile(path);
            out.push(read.length > maxFileSize ? { error: `too large:${read.length}` } : { facts: extractFactsFromBytes(path, read) });
          }
        } catch (e) {
          out.push({ error: e instanceof Error ? e.message : String(e) });
        }
        onProgress?.(out.length, paths.length);
      }
      return out;
    };
  }

  /** Findings in the CLI's JSON v1 shape. */
  private json(findings: Finding[]): JsonFinding[] {
    return (JSON.parse(formatJson({ root: this.root, findings, filesChecked: 0, toolVersion: VERSION })) as Report).findings;
  }

  /** What the project and the snapshot know of a user: the hover's explanation, and the same as data with places. */
  async explainUser(username: string): Promise<UserExplanation> {
    const ws = await this.load();
    const org = ws.model();
    const name = username.trim();
    const view = org.viewOf(name);
    const place = (path: string | undefined, range: Range | undefined): { file?: string; line?: number; column?: number } =>
      path ? { file: this.relative(path), ...(range ? { line: range.start.line + 1, column: range.start.character + 1 } : {}) } : {};
    const reason = (r: Reason) => ({ text: r.text, ...(r.byName ? { byName: true as const } : {}), ...place(r.path, r.range) });

    const definedIn: UserExplanation['definedIn'] = [];
    const mentions: UserExplanation['mentions'] = [];
    const same = (v: string | undefined) => v !== undefined && v.trim().toLowerCase() === name.toLowerCase();
    const at = (path: string, range: Range) => ({
      file: this.relative(path),
      line: range.start.line + 1,
      column: range.start.character + 1,
    });
    for (const f of [...ws.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (f.kind === 'userDefinition' || f.kind === 'dataTree') {
        for (const r of f.kind === 'userDefinition' ? [f.user] : f.users)
          if (r.username && same(r.username.value)) definedIn.push(at(f.path, r.username.range));
      } else if (f.kind === 'metadata') {
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

    const system = org.systemUser(view);
    const integration = org.integrationUser(view);
    const licence = org.resolveLicense(view);
    const profileName = org.profileNameOf(view);
    const profileFile = profileName ? org.profile(profileName.value) : undefined;
    const permissionSets = org.permissionSetsOf(view).map((p) => ({ name: p.name, via: reason(p.via) }));
    const snapshot = org.snapshotHas(name);

    const lines = [describeUser(org, view)];
    const where = (p: { file?: string; line?: number }) => (p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : '');
    if (profileName) {
      const p = profileFile ? place(profileFile.file.path, profileFile.facts.userLicense?.range ?? profileFile.file.root?.range) : {};
      lines.push('', `Profile: **${profileName.value}**${profileFile ? where(p) : ' (no profile file in the project)'}.`);
    }
    if (permissionSets.length > 0) {
      lines.push('', 'Permission sets:');
      for (const ps of permissionSets) lines.push(`- **${ps.name}**: ${ps.via.text}${where(ps.via)}`);
    }
    const sourced = [...(integration ?? [])];
    const sameSpot = (a: Reason, b: Reason) => a.path === b.path && JSON.stringify(a.range) === JSON.stringify(b.range);
    if (licence && !sourced.some((r) => sameSpot(r, licence.reason)))
      sourced.push({ ...licence.reason, text: `its licence ${licence.license} comes from ${licence.reason.text}` });
    if (sourced.some((r) => r.path)) {
      lines.push('', 'Where the answers come from:');
      for (const r of sourced) if (r.path) lines.push(`- ${r.text}${where(place(r.path, r.range))}`);
    }
    if (definedIn.length > 0) lines.push('', `Defined in: ${definedIn.map((d) => `${d.file}:${d.line}`).join(', ')}.`);
    if (mentions.length > 0) lines.push('', `Named in: ${mentions.map((m) => `${m.file}:${m.line} (${m.what})`).join(', ')}.`);
    if (definedIn.length === 0 && mentions.length === 0 && snapshot !== 'active' && snapshot !== 'inactive')
      lines.push('', 'No file of the project and no org snapshot names this user.');

    return {
      username: name,
      explanation: lines.join('\n'),
      systemUser: system ? { kind: system.kind, label: SYSTEM_USER_LABELS[system.kind], reason: system.reason } : null,
      integrationUser: integration ? { byNameOnly: integration.every((r) => r.byName), reasons: integration.map(reason) } : null,
      license: licence ? { name: licence.license, from: reason(licence.reason) } : null,
      profile: profileName
        ? {
            name: profileName.value,
            ...(profileFile ? place(profileFile.file.path, profileFile.facts.userLicense?.range ?? profileFile.file.root?.range) : {}),
          }
        : null,
      permissionSets,
      snapshot,
      definedIn,
      mentions,
    };
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
  const ids = ruleIds();
  const guess = closest(id.trim().toLowerCase(), ids);
  const near = distance(id.trim().toLowerCase(), guess) <= Math.max(2, Math.floor(guess.length / 3));
  return { unknown: id, suggestion: near ? guess : undefined };
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
