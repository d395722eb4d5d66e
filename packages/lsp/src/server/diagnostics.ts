import { createHash } from 'node:crypto';
import { type ConfigProblem, type PathReport, type SkippedFile, skippedNote } from '@iulint/core';
import {
  type CancellationToken,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { toDiagnostic } from '../toDiagnostic.js';
import { documentUri, invalid, stopIfCancelled } from './params.js';
import type { Roots } from './roots.js';
import { customize, type Settings } from './settings.js';

/** A notification after each validation: `{ uri, state, validationTimeMs }` (as vscode-eslint's status). */
export const STATUS_NOTIFICATION = 'iulint/status';

/** What the diagnostics need from the server. */
export interface DiagnosticsHost {
  readonly connection: Connection;
  readonly roots: Roots;
  settings(path: string): Promise<Settings>;
  /** Whether the client pulls diagnostics (`textDocument/diagnostic`) and can be asked to pull again. */
  readonly pull: boolean;
  readonly canRefresh: boolean;
}

/** A report's identity: equal diagnostics, equal id (so a client's previous id says "unchanged"). */
export function resultId(items: Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 20);
}

const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A problem of the configuration file, on that file. */
function configDiagnostic(p: ConfigProblem): Diagnostic {
  return { range: p.range, severity: DiagnosticSeverity.Error, code: 'config', source: 'iulint', message: p.message };
}

/** A file iulint skipped (too large, unreadable): one note at its start. */
function skippedDiagnostic(s: SkippedFile): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: s.kind === 'too-large' ? 'file-too-large' : 'file-unreadable',
    source: 'iulint',
    message: skippedNote(s),
  };
}

/**
 * Diagnostics of every kind of client: published to push clients, pulled (with result ids) by pull
 * clients, and for the whole workspace after "Lint Workspace".
 */
export class Diagnostics {
  /** Push clients: files published with diagnostics that are not open (after "Lint Workspace"). */
  private readonly published = new Set<string>();
  /** Pull clients: whether workspace diagnostics cover every file, and what they reported. */
  private workspaceMode = false;
  private readonly reportedInWorkspace = new Map<string, string>();
  private workspaceVersion = 0;
  private answeredWorkspaceVersion = -1;
  private readonly workspaceWaiters: Array<() => void> = [];

  constructor(private readonly host: DiagnosticsHost) {}

  get pull(): boolean {
    return this.host.pull;
  }

  /**
   * The explicit update before an answer: the index reads the file's pending edit, and the files that
   * depend on it are refreshed (queries never do this on their own).
   */
  update(path: string): void {
    const dependants = this.host.roots.update(path);
    if (dependants.length > 0) this.refresh(dependants.filter((p) => p !== path));
  }

  /** The diagnostics of a file: core's report of it, with the editor's customizations. */
  async of(path: string): Promise<Diagnostic[]> {
    const { roots } = this.host;
    this.update(path);
    const uri = roots.uriOf(path);
    let report: PathReport;
    const t0 = performance.now();
    try {
      report = roots.report(path);
    } catch (e) {
      this.host.connection.console.error(`iulint: linting ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return [];
    }
    if (report.kind === 'config') return report.problems.map(configDiagnostic);
    if (report.kind === 'none') return [];
    const settings = await this.host.settings(path);
    if (!settings.enable) return [];
    if (report.kind === 'skipped') return [skippedDiagnostic(report.skipped)];
    const diagnostics = customize(
      report.findings.map((f) => toDiagnostic(f, (p) => roots.uriOf(p))),
      settings,
    );
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    this.host.connection.tracer.log(`iulint: validated ${uri} in ${ms} ms (${diagnostics.length} diagnostics)`);
    void this.host.connection.sendNotification(STATUS_NOTIFICATION, {
      uri,
      state: diagnostics.some((d) => d.severity === 1) ? 'error' : diagnostics.length > 0 ? 'warn' : 'ok',
      validationTimeMs: ms,
    });
    return diagnostics;
  }

  /** Push: sends a file's diagnostics, under the client's own URI when it is open. */
  async publish(path: string): Promise<void> {
    if (this.host.pull) return;
    const diagnostics = await this.of(path);
    const open = this.host.roots.document(path);
    if (!open) this.published.add(path);
    await this.host.connection.sendDiagnostics({
      uri: this.host.roots.uriOf(path),
      ...(open ? { version: open.doc.version } : {}),
      diagnostics,
    });
  }

  /** Something changed that workspace diagnostics may show: wake the waiting request. */
  private workspaceChanged(): void {
    this.workspaceVersion++;
    for (const w of this.workspaceWaiters.splice(0)) w();
  }

  /** Brings the given files' diagnostics up to date: a publish (push) or a refresh request (pull). */
  refresh(paths: string[]): void {
    if (this.host.pull) {
      if (this.workspaceMode) this.workspaceChanged();
      if (this.host.canRefresh && paths.length > 0) void this.host.connection.sendRequest('workspace/diagnostic/refresh');
      return;
    }
    for (const p of new Set(paths)) if (this.host.roots.document(p) || this.published.has(p)) void this.publish(p);
  }

  refreshAll(): void {
    if (this.host.pull) {
      if (this.workspaceMode) this.workspaceChanged();
      if (this.host.canRefresh) void this.host.connection.sendRequest('workspace/diagnostic/refresh');
      return;
    }
    for (const p of new Set([...this.host.roots.openPaths(), ...this.published])) void this.publish(p);
  }

  /** A document was closed: a push client's diagnostics for it go (unless "Lint Workspace" covers it). */
  closed(uri: string, path: string): void {
    if (this.host.pull) return;
    this.published.delete(path);
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** "Lint Workspace": every file of every root; returns how many. */
  async lintWorkspace(): Promise<number> {
    let count = 0;
    for (const [, ws] of await this.host.roots.workspaces()) {
      for (const path of ws.reportedFiles()) {
        count++;
        if (this.host.pull) continue;
        this.published.add(path);
        await this.publish(path);
      }
    }
    if (this.host.pull) {
      this.workspaceMode = true;
      this.workspaceChanged();
    }
    return count;
  }

  /** "Clear Problems": forget the files that are not open. */
  async clear(): Promise<void> {
    if (this.host.pull) {
      this.workspaceMode = false;
      this.workspaceChanged();
    }
    for (const path of [...this.published]) {
      if (this.host.roots.document(path)) continue;
      this.published.delete(path);
      await this.host.connection.sendDiagnostics({ uri: this.host.roots.uriOf(path), diagnostics: [] });
    }
  }

  /** `textDocument/diagnostic`: a full report, or `unchanged` when the client's previous result id still holds. */
  async pullDocument(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = documentUri(params);
    if (params.previousResultId !== undefined && typeof params.previousResultId !== 'string')
      throw invalid('previousResultId must be a string');
    const path = this.host.roots.pathOf(uri);
    const items = path === undefined ? [] : await this.of(path);
    const id = resultId(items);
    if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items };
  }

  /**
   * `workspace/diagnostic`. Files that are not open are reported after "Lint Workspace" only (as ESLint
   * does), until "Clear Problems". Clients ask again as soon as they get an answer: a request is answered
   * at once the first time, then only when something changed. A cancelled request stops (read between files).
   */
  async pullWorkspace(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const previous = Array.isArray(params?.previousResultIds) ? params.previousResultIds : undefined;
    if (!previous) throw invalid('previousResultIds must be an array');
    if (this.answeredWorkspaceVersion === this.workspaceVersion) {
      await new Promise<void>((resolve) => {
        this.workspaceWaiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
      stopIfCancelled(token);
    }
    // Answered only once the report is complete: a request cancelled half-way leaves the next one to answer at once.
    const answering = this.workspaceVersion;
    const { roots } = this.host;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    if (!this.workspaceMode) {
      // Empty reports for what was reported before, so the client drops it.
      for (const uri of this.reportedInWorkspace.values()) items.push({ kind: 'full', uri, version: null, items: [] });
      this.reportedInWorkspace.clear();
      this.answeredWorkspaceVersion = answering;
      return { items };
    }
    const before = new Map<string, string>();
    for (const p of previous) {
      const path = typeof p?.uri === 'string' ? roots.pathOf(p.uri) : undefined;
      if (path !== undefined && typeof p.value === 'string') before.set(path, p.value);
    }
    for (const [, ws] of await roots.workspaces()) {
      for (const path of ws.reportedFiles()) {
        await yieldToMessages();
        stopIfCancelled(token);
        const uri = roots.uriOf(path);
        const version = roots.document(path)?.doc.version ?? null;
        const diagnostics = await this.of(path);
        const id = resultId(diagnostics);
        this.reportedInWorkspace.set(path, uri);
        items.push(
          before.get(path) === id
            ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: id }
            : { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: id, items: diagnostics },
        );
      }
    }
    this.answeredWorkspaceVersion = answering;
    return { items };
  }
}
