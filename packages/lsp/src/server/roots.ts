import {
  describeProblem,
  dirname,
  errorMessage,
  type FileKind,
  type FileSystem,
  findProjectRoot,
  type PathReport,
  pathToUri,
  type Rule,
  uriToPath,
  Workspace,
  type WorkspaceOptions,
} from '@iulint/core';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** A document the client opened: the URI exactly as the client spelled it, and its text. */
export interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  doc: TextDocument;
}

/** What the roots need from their host (the LSP connection, or a test). */
export interface RootsHost {
  /** The Node file system (or a memory one in tests). */
  readonly fs: FileSystem;
  /** The rules every root runs (the server hands down the built-in `RULES`). */
  readonly rules: readonly Rule[];
  /** The workspace options of a root, from its settings. */
  options(root: string): Promise<WorkspaceOptions>;
  log(message: string): void;
  /** Progress of a root's first indexing (optional). */
  progress?(root: string): Promise<{ report(pct: number, message: string): void; done(): void } | undefined>;
  /** A root finished loading: the given open files now get the whole picture. */
  loaded(root: string, openPaths: string[]): void;
  /** Files changed on disk while a root was loading were read: these paths' reports may have changed. */
  changed(paths: string[]): void;
}

/**
 * The project root above each folder the client names that is inside a Salesforce project but not its
 * root (the nearest folder with `sfdx-project.json`): eglot roots a project without `.git` at the opened
 * file's folder, and a user may open a sub-folder. Folders that are roots, or in no project, are left out.
 */
export async function projectRootsOf(fs: FileSystem, uris: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const uri of uris) {
    const folder = uriToPath(uri);
    const root = folder === undefined ? undefined : await findProjectRoot(fs, folder).catch(() => undefined);
    if (folder !== undefined && root !== undefined && root !== folder) out.set(uri, root);
  }
  return out;
}

export const within = (root: string, path: string) => path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);

/**
 * The server's state, without a connection: the roots and their workspaces (loaded in the background,
 * loaded again after a failure), the table of open documents keyed by path (two spellings of a URI are
 * one file; answers use the client's own spelling), and edits the index has not read yet. What a path
 * reports is core's answer (`Workspace.report`); bringing the index up to date (`update`, `fromDisk`,
 * `didClose`) is a separate step the server drives, which returns the files that depend on the change.
 */
export class Roots {
  private list: string[] = [];
  /** The client's own URI of each root folder (for `workspace/configuration` scopes). */
  private readonly folderUris = new Map<string, string>();
  private readonly ready = new Map<string, Workspace>();
  /** A root's index before a rebuild: it keeps answering until the new one is ready (no empty report in between). */
  private readonly previous = new Map<string, Workspace>();
  private readonly loading = new Map<string, Promise<Workspace>>();
  private readonly open = new Map<string, OpenDocument>();
  /** Open documents whose latest text the index has not read yet. */
  private readonly pending = new Set<string>();
  /** Files changed on disk while their root was being indexed: read again when the index is ready. */
  private readonly changedDuringLoad = new Map<string, Set<string>>();
  /** The version of each open document the index holds. */
  private readonly indexed = new Map<string, number>();
  /** Reads the open documents' texts instead of the disk: open buffers win (a snapshot file being edited, too). */
  readonly fs: FileSystem;

  constructor(private readonly host: RootsHost) {
    const disk = host.fs;
    const open = this.open;
    this.fs = {
      readFile: async (path) => {
        const d = open.get(path);
        return d ? new TextEncoder().encode(d.doc.getText()) : disk.readFile(path);
      },
      // An open document's text is what is read; a file on disk is measured first (a file over maxFileSize is never read).
      size: async (path) => (open.has(path) ? undefined : disk.size?.(path)),
      readDirectory: (path) => disk.readDirectory(path),
      stat: async (path): Promise<FileKind | undefined> => (open.has(path) ? 'file' : disk.stat(path)),
    };
  }

  // Roots.

  get roots(): readonly string[] {
    return this.list;
  }

  /**
   * Adds root folders (by the client's URIs); returns the new roots. Non-file URIs are left out. A folder
   * inside a project is rooted at the project (`projectRoots`, by the folder's URI: see `projectRootsOf`).
   */
  addFolders(uris: string[], projectRoots: ReadonlyMap<string, string> = new Map()): string[] {
    const added: string[] = [];
    for (const uri of uris) {
      const folder = uriToPath(uri);
      const root = folder === undefined ? undefined : (projectRoots.get(uri) ?? folder);
      if (root === undefined || this.list.includes(root)) continue;
      this.list.push(root);
      this.folderUris.set(root, uri);
      added.push(root);
    }
    return added;
  }

  removeFolders(uris: string[]): void {
    for (const uri of uris) {
      const root = [...this.folderUris].find(([, u]) => u === uri)?.[0] ?? uriToPath(uri);
      if (root === undefined) continue;
      this.list = this.list.filter((r) => r !== root);
      this.folderUris.delete(root);
      this.ready.delete(root);
      this.previous.delete(root);
      this.loading.delete(root);
    }
  }

  /** The URI of a root as the client named it (VS Code's spelling for a root found from a file). */
  folderUri(root: string): string {
    return this.folderUris.get(root) ?? pathToUri(root);
  }

  /** The innermost root holding a path. */
  rootOf(path: string): string | undefined {
    return this.list.filter((r) => within(r, path)).sort((a, b) => b.length - a.length)[0];
  }

  // Workspaces.

  /** A root's workspace; loads it the first time, and again after a load that failed. */
  workspace(root: string): Promise<Workspace> {
    const ready = this.ready.get(root);
    if (ready) return Promise.resolve(ready);
    let p = this.loading.get(root);
    if (!p) {
      p = this.load(root).then(
        (ws) => {
          if (this.loading.get(root) === p) {
            this.loading.delete(root);
            this.previous.delete(root);
            if (this.list.includes(root)) this.ready.set(root, ws);
          }
          // Changes on disk that came after the index read its list of changes.
          const late = this.changedDuringLoad.get(root);
          this.changedDuringLoad.delete(root);
          for (const path of late ?? []) void this.fromDisk(path, false).then((d) => this.host.changed([path, ...d]));
          const openPaths = this.openPaths().filter((x) => within(root, x));
          this.host.loaded(root, openPaths);
          return ws;
        },
        (e: unknown) => {
          // Not kept: the next request or change for this root loads it again.
          if (this.loading.get(root) === p) {
            this.loading.delete(root);
            this.previous.delete(root);
          }
          this.host.log(`indexing ${root} failed: ${errorMessage(e)}`);
          throw e;
        },
      );
      this.loading.set(root, p);
    }
    return p;
  }

  /** Every root's workspace; roots that fail to load are left out (and retried on the next call). */
  async workspaces(): Promise<Array<[string, Workspace]>> {
    const out: Array<[string, Workspace]> = [];
    for (const root of [...this.list]) {
      const ws = await this.workspace(root).catch(() => undefined);
      if (ws) out.push([root, ws]);
    }
    return out;
  }

  private async load(root: string): Promise<Workspace> {
    const t0 = Date.now();
    const options = await this.host.options(root);
    const progress = await this.host.progress?.(root);
    let last = -1;
    try {
      const ws = await Workspace.load(this.fs, root, this.host.rules, {
        ...options,
        onProgress: (done, total) => {
          const pct = Math.floor((done / Math.max(total, 1)) * 100);
          if (pct !== last) {
            last = pct;
            progress?.report(pct, `${done}/${total} files`);
          }
        },
      });
      // Files changed on disk while the index was read (it may have read them half-written): read again.
      const changed = this.changedDuringLoad.get(root) ?? new Set();
      this.changedDuringLoad.delete(root);
      for (const path of changed) {
        try {
          ws.updateBytes(path, await this.host.fs.readFile(path));
        } catch {
          ws.remove(path);
        }
      }
      // Documents opened or edited while the index was read: their latest text wins.
      for (const d of this.open.values()) {
        if (!within(root, d.path)) continue;
        ws.updateText(d.path, d.doc.getText());
        this.pending.delete(d.path);
        this.indexed.set(d.path, d.doc.version);
      }
      for (const p of ws.configProblems) this.host.log(`${ws.configPath}:${p.range.start.line + 1}: ${p.message}`);
      for (const p of ws.problems) this.host.log(describeProblem(p));
      this.host.log(`indexed ${ws.files.size} files of ${root} in ${Date.now() - t0} ms`);
      return ws;
    } finally {
      progress?.done();
    }
  }

  /**
   * The loaded workspace of a path, if any (while a root is rebuilt, its previous index); starts loading
   * it (or finding the project of a file outside every root).
   */
  loadedWorkspaceOf(path: string): Workspace | undefined {
    const root = this.rootOf(path);
    if (root) {
      const ws = this.ready.get(root);
      if (!ws) void this.workspace(root).catch(() => undefined);
      return ws ?? this.previous.get(root);
    }
    void findProjectRoot(this.host.fs, dirname(path)).then((r) => {
      if (r && !this.list.includes(r)) {
        this.list.push(r);
        void this.workspace(r).catch(() => undefined);
      }
    });
    return undefined;
  }

  /** Builds a root's index again (the configuration, `.forceignore` or `sfdx-project.json` changed). */
  async rebuild(root: string): Promise<Workspace | undefined> {
    // An index still being built may have read the old files: let it finish, then build again.
    await this.loading.get(root)?.catch(() => undefined);
    const before = this.ready.get(root);
    this.ready.delete(root);
    const next = this.workspace(root).catch(() => undefined);
    // Until the new index is ready, the old one answers (reports, edits): the new one reads the open documents' texts.
    if (before && this.loading.has(root)) this.previous.set(root, before);
    return next;
  }

  /** Reads a root's settings, configuration and snapshot again; the facts stay. */
  async reloadSettings(root: string): Promise<void> {
    await this.loading.get(root)?.catch(() => undefined);
    const ws = this.ready.get(root);
    if (!ws) return;
    try {
      await ws.loadSettings(await this.host.options(root));
    } catch (e) {
      // Half-read settings are no index: the next request or change loads the root again.
      this.ready.delete(root);
      this.host.log(`reading the settings of ${root} failed: ${errorMessage(e)}`);
    }
  }

  // The URI/path table.

  /** The path of a URI in any client's spelling; undefined for URIs that are not files. */
  pathOf(uri: string): string | undefined {
    return uriToPath(uri);
  }

  /** The URI to answer with for a path: the client's own for an open document, else VS Code's spelling. */
  uriOf(path: string): string {
    return this.open.get(path)?.uri ?? pathToUri(path);
  }

  document(path: string): OpenDocument | undefined {
    return this.open.get(path);
  }

  documentOfUri(uri: string): OpenDocument | undefined {
    const path = uriToPath(uri);
    return path === undefined ? undefined : this.open.get(path);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  /** `textDocument/didOpen`; undefined for a URI that is not a file. */
  didOpen(uri: string, languageId: string, version: number, text: string): OpenDocument | undefined {
    const path = uriToPath(uri);
    if (path === undefined) return undefined;
    const d: OpenDocument = { uri, path, doc: TextDocument.create(uri, languageId, version, text) };
    this.open.set(path, d);
    return d;
  }

  /** `textDocument/didChange`; undefined when the document is not open. */
  didChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const d = this.documentOfUri(uri);
    if (!d) return undefined;
    d.doc = TextDocument.update(d.doc, changes, version);
    return d;
  }

  /** `textDocument/didClose`: the file on disk is the truth again; returns the files that depend on it. */
  async didClose(uri: string): Promise<{ closed: OpenDocument | undefined; dependants: string[] }> {
    const d = this.documentOfUri(uri);
    if (!d) return { closed: undefined, dependants: [] };
    this.open.delete(d.path);
    this.pending.delete(d.path);
    this.indexed.delete(d.path);
    return { closed: d, dependants: await this.fromDisk(d.path, false) };
  }

  // Updates: they bring the index up to date and return the files whose reports may have changed.

  /** An open document changed: the index reads it when `update` is called (the debounce, or a request). */
  edited(path: string): void {
    if (this.open.has(path)) this.pending.add(path);
  }

  /** Whether the index holds an older text of an open document than the editor. */
  isStale(path: string): boolean {
    const d = this.open.get(path);
    return d !== undefined && this.indexed.has(path) && this.indexed.get(path) !== d.doc.version;
  }

  /** Brings the index up to date with a document's latest text; returns the files that depend on it. */
  update(path: string): string[] {
    if (!this.pending.delete(path)) return [];
    const d = this.open.get(path);
    const ws = this.loadedWorkspaceOf(path);
    if (!d || !ws) return [];
    this.indexed.set(path, d.doc.version);
    return ws.updateText(path, d.doc.getText());
  }

  /** A file changed (or was deleted) on disk; an open document wins over the disk. Returns the files that depend on it. */
  async fromDisk(path: string, deleted: boolean): Promise<string[]> {
    const ws = this.loadedWorkspaceOf(path);
    const root = this.rootOf(path);
    if (root !== undefined && this.loading.has(root)) {
      const set = this.changedDuringLoad.get(root) ?? new Set<string>();
      this.changedDuringLoad.set(root, set.add(path));
    }
    if (!ws || this.open.has(path)) return [];
    if (deleted) return ws.remove(path);
    try {
      return ws.updateBytes(path, await this.host.fs.readFile(path));
    } catch {
      return ws.remove(path);
    }
  }

  // Queries: they change nothing and call nobody back.

  /** Whether a path is one of a loaded workspace's snapshot files (a change to it reads the snapshot again). */
  inSnapshot(path: string): boolean {
    return this.loadedWorkspaceOf(path)?.snapshotFiles().includes(path) ?? false;
  }

  /**
   * What a path reports (core's `Workspace.report`), as the index holds it: an open document the index
   * has not read (before its root is indexed, or a configuration file) is reported from its text;
   * `current` also reports an open document from its text when the index holds an older version
   * (`run: onSave`: the editor's unsaved text, for code actions). Never updates the index: call
   * `update` first for the latest text to be the index's.
   */
  report(path: string, current = false): PathReport {
    const d = this.open.get(path);
    const ws = this.loadedWorkspaceOf(path) ?? (d ? this.scratch(path) : undefined);
    if (!ws) return { kind: 'none' };
    const fromText = d !== undefined && (!this.indexed.has(path) || (current && this.isStale(path)));
    return ws.report(path, fromText ? d.doc.getText() : undefined);
  }

  /** Before its root is indexed, an open document is reported from its text alone, as in a project of its own. */
  private scratch(path: string): Workspace {
    return new Workspace(this.fs, this.rootOf(path) ?? dirname(path), this.host.rules);
  }
}
