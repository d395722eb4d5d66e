import { createHash } from 'node:crypto';
import {
  CONFIG_CODE,
  type ConfigProblem,
  docsUrl,
  FILE_TOO_LARGE_CODE,
  FILE_UNREADABLE_CODE,
  type PathReport,
  type SkippedFile,
  skippedNote,
} from '@iulint/core';
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
} from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol.js';
import { toDiagnostic } from '../toDiagnostic.js';
import { documentUri, invalid } from './params.js';
import type { Roots } from './roots.js';
import { customize, type Settings } from './settings.js';
import { WorkspaceFindings } from './workspaceFindings.js';

/** What the diagnostics need from the server. */
export interface DiagnosticsHost {
  readonly connection: Connection;
  readonly roots: Roots;
  settings(path: string): Promise<Settings>;
  /** Whether the client pulls diagnostics (`textDocument/diagnostic`) and can be asked to pull again. */
  readonly pull: boolean;
  readonly canRefresh: boolean;
  /** Whether the client declared that it wants `iulint/status` (custom protocol only for clients that ask). */
  readonly status: boolean;
}

/** A report's identity: equal diagnostics, equal id (so a client's previous id says "unchanged"). */
export function resultId(items: Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 20);
}

/** A problem of the configuration file, on that file. */
function configDiagnostic(p: ConfigProblem): Diagnostic {
  return {
    range: p.range,
    severity: DiagnosticSeverity.Error,
    code: CONFIG_CODE,
    codeDescription: { href: docsUrl(CONFIG_CODE) },
    source: 'iulint',
    message: p.message,
  };
}

/** A file iulint skipped (too large, unreadable): one note at its start. */
function skippedDiagnostic(s: SkippedFile): Diagnostic {
  const code = s.kind === 'too-large' ? FILE_TOO_LARGE_CODE : FILE_UNREADABLE_CODE;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code,
    codeDescription: { href: docsUrl(code) },
    source: 'iulint',
    message: skippedNote(s),
  };
}

/**
 * Diagnostics of every kind of client: published to push clients, pulled (with result ids) by pull
 * clients; the files that are not open are `WorkspaceFindings`'.
 */
export class Diagnostics {
  readonly workspace: WorkspaceFindings;

  constructor(private readonly host: DiagnosticsHost) {
    this.workspace = new WorkspaceFindings({
      connection: host.connection,
      roots: host.roots,
      diagnosticsOf: (path) => this.of(path),
      settings: (path) => host.settings(path),
      resultId,
      get pull() {
        return host.pull;
      },
    });
  }

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
    const open = roots.document(path);
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
    if (this.host.status && open) {
      const ws = roots.loadedWorkspaceOf(path);
      const status: StatusParams = {
        uri,
        state: diagnostics.some((d) => d.severity === 1) ? 'error' : diagnostics.length > 0 ? 'warn' : 'ok',
        diagnostics: diagnostics.length,
        validationTimeMs: ms,
        indexed: ws !== undefined,
        configProblems: ws?.configProblems.length ?? 0,
      };
      void this.host.connection.sendNotification(STATUS_NOTIFICATION, status);
    }
    return diagnostics;
  }

  /** Push: sends an open file's diagnostics under the client's own URI (a file that is not open: `WorkspaceFindings`). */
  async publish(path: string): Promise<void> {
    if (this.host.pull) return;
    const open = this.host.roots.document(path);
    if (!open) return this.workspace.changed([path]);
    const diagnostics = await this.of(path);
    await this.host.connection.sendDiagnostics({ uri: open.uri, version: open.doc.version, diagnostics });
  }

  /** Brings the given files' diagnostics up to date: a publish (push) or a refresh request (pull). */
  refresh(paths: string[]): void {
    const unique = [...new Set(paths)];
    this.workspace.changed(unique);
    if (this.host.pull) {
      if (this.host.canRefresh && unique.length > 0) void this.host.connection.sendRequest('workspace/diagnostic/refresh');
      return;
    }
    for (const p of unique) if (this.host.roots.document(p)) void this.publish(p);
  }

  /** Every file again: the open ones, and the workspace's. */
  refreshAll(): void {
    this.workspace.all();
    if (this.host.pull) {
      if (this.host.canRefresh) void this.host.connection.sendRequest('workspace/diagnostic/refresh');
      return;
    }
    for (const p of this.host.roots.openPaths()) void this.publish(p);
  }

  /** A document was opened. */
  opened(path: string): void {
    this.workspace.opened(path);
  }

  /** A document was closed: what the disk holds is reported if its root is covered, else its diagnostics go. */
  closed(uri: string, path: string): void {
    void this.workspace.closed(uri, path);
  }

  /** "Lint Workspace": every file of every root; returns how many. */
  lintWorkspace(): Promise<number> {
    return this.workspace.lintWorkspace();
  }

  /** "Clear Problems": forget the files that are not open. */
  clear(): Promise<void> {
    return this.workspace.clear();
  }

  /** `textDocument/diagnostic`: a full report, or `unchanged` when the client's previous result id still holds. */
  async pullDocument(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = documentUri(params);
    if (params.previousResultId !== undefined && typeof params.previousResultId !== 'string')
      throw invalid('previousResultId must be a string');
    const path = this.host.roots.pathOf(uri);
    const items = path === undefined ? [] : await this.of(path);
    if (path !== undefined) this.workspace.documentPulled(path, uri, items);
    const id = resultId(items);
    if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items };
  }

  /** `workspace/diagnostic`: see `WorkspaceFindings.report`. */
  pullWorkspace(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    return this.workspace.report(params, token);
  }
}
