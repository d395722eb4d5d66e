import { sourceKind } from '@iulint/core';
import {
  type Connection,
  type DidChangeTextDocumentParams,
  type DidChangeWatchedFilesParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type DidSaveTextDocumentParams,
  FileChangeType,
} from 'vscode-languageserver';
import type { Diagnostics } from './diagnostics.js';
import type { OpenDocument, Roots } from './roots.js';
import type { Settings } from './settings.js';

const DEBOUNCE_MS = 80;
/** Files whose change makes the index be built again: which files count may have changed. */
const PROJECT_FILES = new Set(['iulint.config.json', '.forceignore', 'sfdx-project.json']);

/**
 * Text document synchronisation and watched files: the open documents' texts (in `Roots`), the index
 * updated when the debounce fires (or sooner when a request needs the file), dependants refreshed.
 */
export function listenToDocuments(
  connection: Connection,
  roots: Roots,
  diagnostics: Diagnostics,
  settings: (path: string) => Promise<Settings>,
): void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const isConfig = (path: string) => roots.loadedWorkspaceOf(path)?.configPath === path;

  /** A snapshot file changed (in the editor or on disk): its root reads the snapshot again. */
  async function snapshotChanged(path: string): Promise<void> {
    const root = roots.rootOf(path);
    if (root) await roots.reloadSettings(root);
    diagnostics.refreshAll();
  }

  function changed(d: OpenDocument, immediate: boolean): void {
    const { path } = d;
    if (isConfig(path)) {
      diagnostics.refresh([path]);
      return;
    }
    if (roots.inSnapshot(path)) {
      void snapshotChanged(path);
      return;
    }
    if (!sourceKind(path, roots.rootOf(path))) return;
    roots.edited(path);
    const run = () => {
      timers.delete(path);
      const dependants = roots.update(path);
      // A pull client asks for the edited file itself; it is told only about the others.
      diagnostics.refresh(diagnostics.pull ? dependants : [path, ...dependants]);
    };
    clearTimeout(timers.get(path));
    if (immediate) run();
    else timers.set(path, setTimeout(run, DEBOUNCE_MS));
  }

  connection.onDidOpenTextDocument((p: DidOpenTextDocumentParams) => {
    const td = p?.textDocument;
    if (typeof td?.uri !== 'string' || typeof td.text !== 'string') return;
    const d = roots.didOpen(td.uri, String(td.languageId), Number(td.version) || 0, td.text);
    if (!d) return;
    diagnostics.opened(d.path);
    changed(d, true);
  });

  connection.onDidChangeTextDocument(async (p: DidChangeTextDocumentParams) => {
    if (typeof p?.textDocument?.uri !== 'string' || !Array.isArray(p.contentChanges)) return;
    const d = roots.didChange(p.textDocument.uri, p.textDocument.version, p.contentChanges);
    if (!d) return;
    const version = d.doc.version;
    const s = await settings(d.path);
    // Closed, or changed again, while the settings were read: nothing to queue (the newer change does it).
    if (roots.document(d.path) !== d || d.doc.version !== version) return;
    if (s.run === 'onType') changed(d, false);
  });

  connection.onDidSaveTextDocument(async (p: DidSaveTextDocumentParams) => {
    if (typeof p?.textDocument?.uri !== 'string') return;
    const d = roots.documentOfUri(p.textDocument.uri);
    if (!d) return;
    const s = await settings(d.path);
    if (roots.document(d.path) === d && s.run === 'onSave') changed(d, true);
  });

  connection.onDidCloseTextDocument(async (p: DidCloseTextDocumentParams) => {
    if (typeof p?.textDocument?.uri !== 'string') return;
    const path = roots.pathOf(p.textDocument.uri);
    if (path === undefined) return;
    clearTimeout(timers.get(path));
    timers.delete(path);
    const { closed, dependants } = await roots.didClose(p.textDocument.uri);
    if (!closed) return;
    diagnostics.closed(closed.uri, path);
    if (roots.inSnapshot(path)) await snapshotChanged(path);
    else diagnostics.refresh(dependants);
  });

  connection.onDidChangeWatchedFiles(async (params: DidChangeWatchedFilesParams) => {
    const touched = new Set<string>();
    let rebuild = false;
    let snapshot = false;
    for (const change of Array.isArray(params?.changes) ? params.changes : []) {
      const path = typeof change?.uri === 'string' ? roots.pathOf(change.uri) : undefined;
      if (path === undefined) continue;
      if (PROJECT_FILES.has(path.slice(path.lastIndexOf('/') + 1))) rebuild = true;
      else if (roots.inSnapshot(path)) snapshot = true;
      else for (const p of [path, ...(await roots.fromDisk(path, change.type === FileChangeType.Deleted))]) touched.add(p);
    }
    if (rebuild) {
      // Open documents keep their text.
      await Promise.all(roots.roots.map((root) => roots.rebuild(root)));
      diagnostics.refreshAll();
    } else if (snapshot) {
      for (const root of roots.roots) await roots.reloadSettings(root);
      diagnostics.refreshAll();
    } else diagnostics.refresh([...touched]);
  });
}
