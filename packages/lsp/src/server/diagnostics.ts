import { createHash } from 'node:crypto';
import { CONFIG_CODE, DEFAULT_MAX_FILE_SIZE, docsUrl, FILE_TOO_LARGE_CODE, type Finding, parseConfig, sourceKind } from '@iulint/core';
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

  /** Problems of a workspace's configuration file, as diagnostics on that file. */
  private configDiagnostics(path: string): Diagnostic[] | undefined {
    const ws = this.host.roots.loadedWorkspaceOf(path);
    if (!ws || ws.configPath !== path) return undefined;
    const open = this.host.roots.document(path);
    const problems = open ? parseConfig(open.doc.getText()).problems : ws.configProblems;
    return problems.map((p) => ({
      range: p.range,
      severity: DiagnosticSeverity.Error,
      code: CONFIG_CODE,
      codeDescription: { href: docsUrl(CONFIG_CODE) },
      source: 'iulint',
      message: p.message,
    }));
  }

  /** The diagnostics of a file (the CLI's findings, with the editor's customizations). */
  async of(path: string): Promise<Diagnostic[]> {
    const { roots } = this.host;
    const config = this.configDiagnostics(path);
    if (config) return config;
    if (!sourceKind(path) && !roots.inSnapshot(path) && !roots.isForceignore(path)) return [];
    const settings = await this.host.settings(path);
    if (!settings.enable) return [];
    const t0 = performance.now();
    const limit = roots.loadedWorkspaceOf(path)?.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const open = roots.document(path);
    if (open && open.doc.getText().length > limit) {
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: FILE_TOO_LARGE_CODE,
          codeDescription: { href: docsUrl(FILE_TOO_LARGE_CODE) },
          source: 'iulint',
          message: `iulint skipped this file: it is larger than maxFileSize (${(limit / 1048576).toFixed(0)} MB); raise "maxFileSize" in iulint.config.json to lint it.`,
        },
      ];
    }
    const uri = roots.uriOf(path);
    let findings: Finding[];
    try {
      findings = roots.findings(path);
    } catch (e) {
      this.host.connection.console.error(`iulint: linting ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return [];
    }
    const diagnostics = customize(
      findings.map((f) => toDiagnostic(f, (p) => roots.uriOf(p))),
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
