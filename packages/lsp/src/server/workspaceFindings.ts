import type { Workspace } from '@iulint/core';
import {
  type CancellationToken,
  type Connection,
  type Diagnostic,
  DocumentDiagnosticReportKind,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { invalid, stopIfCancelled } from './params.js';
import type { Roots } from './roots.js';
import type { Settings } from './settings.js';

/** What the workspace's findings need from the server. */
export interface WorkspaceFindingsHost {
  readonly connection: Connection;
  readonly roots: Roots;
  /** The diagnostics of a file (the CLI's findings with the editor's customizations). */
  diagnosticsOf(path: string): Promise<Diagnostic[]>;
  /** A root's settings (its `scope`). */
  settings(path: string): Promise<Settings>;
  /** An identity of a report: equal diagnostics, equal id. */
  resultId(items: Diagnostic[]): string;
  /** Whether the client pulls diagnostics; else they are pushed. */
  readonly pull: boolean;
}

/**
 * Linting many files yields to the message loop every few milliseconds, so that requests, edits and
 * cancellations are read in between: returns the function to call between two files.
 */
function yielder(sliceMs = 8): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/**
 * The findings of files that are not open: every file of a root whose `scope` is `workspace` (the
 * default) once it is indexed, or of every root after "Lint Workspace" (until "Clear Problems"). Push
 * clients get `publishDiagnostics` for each file that has findings, a time slice at a time so that the
 * server stays free to answer, and an empty one when they go; pull clients get them in `workspace/diagnostic`, with
 * result ids, only files with findings (and empty reports for those that had some), answered again
 * only when something changed.
 */
export class WorkspaceFindings {
  /** `settings`: each root's `scope`; `all`: every root ("Lint Workspace"); `none`: open files only ("Clear Problems"). */
  private mode: 'settings' | 'all' | 'none' = 'settings';
  /** Files that are not open whose findings the client was sent, with the URI they went under and their result id. */
  private readonly sent = new Map<string, { uri: string; id: string }>();
  /** The URI the client last used for a file (its own spelling, kept after it closes the file). */
  private readonly clientUris = new Map<string, string>();
  /** Diagnostics computed for files that are not open, until something they depend on changes. */
  private readonly cache = new Map<string, Diagnostic[]>();
  /** A push run in progress stops when a newer one starts. */
  private generation = 0;
  /** Pull: the long-poll of `workspace/diagnostic` (answered again only when something changed). */
  private version = 0;
  private answered = -1;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly host: WorkspaceFindingsHost) {}

  private uriOf(path: string): string {
    const open = this.host.roots.document(path);
    if (open) this.clientUris.set(path, open.uri);
    return open?.uri ?? this.clientUris.get(path) ?? this.host.roots.uriOf(path);
  }

  /** Whether a root's files that are not open are reported. */
  private async covers(root: string): Promise<boolean> {
    if (this.mode !== 'settings') return this.mode === 'all';
    return (await this.host.settings(root)).scope === 'workspace';
  }

  /** Every path a workspace reports on (core's `reportedFiles`). */
  private reported(ws: Workspace): string[] {
    return ws.reportedFiles();
  }

  private async diagnostics(path: string): Promise<Diagnostic[]> {
    const cached = this.cache.get(path);
    if (cached) return cached;
    const d = await this.host.diagnosticsOf(path);
    if (!this.host.roots.document(path)) this.cache.set(path, d);
    return d;
  }

  // Changes.

  /** These files' findings may have changed (edits, dependants, files on disk). */
  changed(paths: Iterable<string>): void {
    const list = [...paths];
    for (const p of list) this.cache.delete(p);
    if (this.host.pull) this.wake();
    else void this.publishEach(list.filter((p) => !this.host.roots.document(p)));
  }

  /** Anything may have changed (settings, configuration, a root indexed): every covered file again. */
  all(): void {
    this.cache.clear();
    if (this.host.pull) this.wake();
    else void this.publishRoots();
  }

  /** A document was opened: its diagnostics now come from the editor's text (pushed with it, or pulled). */
  opened(path: string): void {
    this.cache.delete(path);
    if (!this.host.pull) this.sent.delete(path);
    this.uriOf(path);
  }

  /**
   * Pull: a document's own report. The client may later hide its tab and keep those diagnostics until a
   * workspace report replaces them (VS Code does): what had findings is in the next workspace reports.
   */
  documentPulled(path: string, uri: string, items: Diagnostic[]): void {
    if (items.length > 0 && !this.sent.has(path)) this.sent.set(path, { uri, id: '' });
  }

  /** A document was closed: its findings on disk stay when its root is covered, else they go. */
  async closed(uri: string, path: string): Promise<void> {
    this.clientUris.set(path, uri);
    this.cache.delete(path);
    if (this.host.pull) {
      // The client pulls the closed file once more, then keeps what the workspace report says.
      this.sent.set(path, { uri, id: '' });
      this.wake();
      return;
    }
    // The client still shows what the editor's text had (maybe unsaved): always say what the disk has.
    const root = this.host.roots.rootOf(path);
    if (root !== undefined && (await this.covers(root))) await this.publish(path, true);
    else {
      this.sent.delete(path);
      await this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** "Lint Workspace": every file of every root; returns how many files the roots report on. */
  async lintWorkspace(): Promise<number> {
    this.mode = 'all';
    let count = 0;
    for (const [, ws] of await this.host.roots.workspaces()) count += this.reported(ws).length;
    this.all();
    return count;
  }

  /** "Clear Problems": the files that are not open are forgotten (until "Lint Workspace" or a change of `scope`). */
  async clear(): Promise<void> {
    this.mode = 'none';
    this.generation++;
    if (this.host.pull) return this.wake();
    for (const [path, { uri }] of [...this.sent]) {
      if (this.host.roots.document(path)) continue;
      this.sent.delete(path);
      await this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** The settings changed: `scope` decides again (after "Lint Workspace" or "Clear Problems" too). */
  settingsChanged(): void {
    this.mode = 'settings';
  }

  // Push.

  /** Sends a file's diagnostics when they changed (`force`: in any case): when it has findings, or had some that went. */
  private async publish(path: string, force = false): Promise<void> {
    if (this.host.roots.document(path)) return;
    const diagnostics = await this.diagnostics(path);
    if (this.host.roots.document(path)) return; // opened meanwhile: its own publish wins
    const before = this.sent.get(path);
    const uri = this.uriOf(path);
    if (diagnostics.length === 0) {
      if (!before && !force) return;
      this.sent.delete(path);
    } else {
      const id = this.host.resultId(diagnostics);
      if (before?.id === id && before.uri === uri && !force) return;
      this.sent.set(path, { uri, id });
    }
    await this.host.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Clears a file the client was sent that is no longer covered. */
  private async unpublish(path: string): Promise<void> {
    const before = this.sent.get(path);
    if (!before || this.host.roots.document(path)) return;
    this.sent.delete(path);
    await this.host.connection.sendDiagnostics({ uri: before.uri, diagnostics: [] });
  }

  /** Whether a file's root is covered. */
  private async coveredPath(path: string): Promise<boolean> {
    const root = this.host.roots.rootOf(path);
    return root !== undefined && (await this.covers(root));
  }

  /** Publishes changed files that are covered, and clears those sent before that no longer are. */
  private async publishEach(paths: string[]): Promise<void> {
    for (const path of paths) {
      if (await this.coveredPath(path)) await this.publish(path);
      else await this.unpublish(path);
    }
  }

  /** Every covered file of every root, a time slice at a time; files of roots no longer covered are cleared. */
  private async publishRoots(): Promise<void> {
    const generation = ++this.generation;
    const seen = new Set<string>();
    const pause = yielder();
    for (const [root, ws] of await this.host.roots.workspaces()) {
      if (generation !== this.generation) return;
      if (!(await this.covers(root))) continue;
      for (const path of this.reported(ws)) {
        seen.add(path);
        await pause();
        if (generation !== this.generation) return;
        await this.publish(path);
      }
    }
    // What was sent and is no longer reported: a root not covered any more, a file gone.
    for (const path of [...this.sent.keys()]) {
      if (seen.has(path) || generation !== this.generation) continue;
      if (await this.coveredPath(path)) await this.publish(path);
      else await this.unpublish(path);
    }
  }

  // Pull.

  private wake(): void {
    this.version++;
    for (const w of this.waiters.splice(0)) w();
  }

  /**
   * `workspace/diagnostic`. Clients ask again as soon as they get an answer: a request is answered at
   * once the first time, then only when something changed. A cancelled request stops (read between files).
   */
  async report(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const previous = Array.isArray(params?.previousResultIds) ? params.previousResultIds : undefined;
    if (!previous) throw invalid('previousResultIds must be an array');
    if (this.answered === this.version) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
      stopIfCancelled(token);
    }
    // Answered only once the report is complete: a request cancelled half-way leaves the next one to answer at once.
    const answering = this.version;
    const { roots } = this.host;
    const before = new Map<string, string>();
    for (const p of previous) {
      const path = typeof p?.uri === 'string' ? roots.pathOf(p.uri) : undefined;
      if (path !== undefined && typeof p.value === 'string') before.set(path, p.value);
    }
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const seen = new Set<string>();
    const pause = yielder();
    const add = async (path: string, covered: boolean) => {
      await pause();
      stopIfCancelled(token);
      // Open documents too, from the editor's text: VS Code keeps a document open after its tab closes,
      // and from then on shows what the workspace report says of it (it prefers its own pulls while the tab is there).
      const diagnostics = covered || roots.document(path) ? await this.diagnostics(path) : [];
      if (diagnostics.length === 0 && !this.sent.has(path)) return;
      seen.add(path);
      const uri = this.uriOf(path);
      const version = roots.document(path)?.doc.version ?? null;
      const id = this.host.resultId(diagnostics);
      items.push(
        before.get(path) === id
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: id }
          : { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: id, items: diagnostics },
      );
    };
    for (const [root, ws] of await roots.workspaces()) {
      if (!(await this.covers(root))) continue;
      for (const path of this.reported(ws)) await add(path, true);
    }
    // What the client was told before and is not covered (a closed file, "Clear Problems"): empty, or for
    // an open document what its text has now.
    for (const path of [...this.sent.keys()]) if (!seen.has(path)) await add(path, false);
    // What the client now holds (entries added meanwhile by a document's pull or a close stay for the next report).
    for (const item of items) {
      const path = roots.pathOf(item.uri);
      if (path === undefined) continue;
      if (item.kind === 'unchanged' || item.items.length > 0) this.sent.set(path, { uri: item.uri, id: item.resultId ?? '' });
      else this.sent.delete(path);
    }
    this.answered = answering;
    return { items };
  }
}
