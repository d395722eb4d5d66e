import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DEFAULT_MAX_FILE_SIZE,
  type Finding,
  FORCEIGNORE_FILE,
  findProjectRoot,
  lintText,
  normalizePath,
  parseConfig,
  type Severity,
  sourceKind,
  Workspace,
} from '@iulint/core';
import {
  type CodeAction,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  type InitializeParams,
  TextDocumentSyncKind,
  TextDocuments,
  type TextEdit,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from './hover.js';
import { NodeFileSystem } from './nodeFs.js';
import { toDiagnostic } from './toDiagnostic.js';
import { VERSION } from './version.js';

export const COMMANDS = { lintWorkspace: 'iulint.lintWorkspace', clearProblems: 'iulint.clearProblems' } as const;
export const FIX_ALL_KIND = 'source.fixAll.iulint';
/** A notification after each validation: `{ uri, state, validationTimeMs }` (as vscode-eslint's status). */
export const STATUS_NOTIFICATION = 'iulint/status';

/** Editor-side settings (section `iulint`), per resource. */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: { customizations: Array<{ rule: string; severity: Severity | 'off' | 'default' }> };
  configFile: string | undefined;
  orgSnapshot: string | undefined;
}

const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: { customizations: [] },
  configFile: undefined,
  orgSnapshot: undefined,
};
const DEBOUNCE_MS = 80;

/** The path the core lints for a document URI; undefined for documents that are not files. */
export function documentPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return normalizePath(fileURLToPath(uri).replace(/\\/g, '/'));
  } catch {
    return undefined;
  }
}

const uriOf = (path: string) => pathToFileURL(path).href;

/** Settings with every field present, from what a client sent (anything it left out keeps its default). */
export function normalizeSettings(v: Partial<Settings> | null): Settings {
  const customizations = Array.isArray(v?.rules?.customizations) ? v.rules.customizations : [];
  return {
    enable: v?.enable !== false,
    run: v?.run === 'onSave' ? 'onSave' : 'onType',
    rules: { customizations },
    configFile: typeof v?.configFile === 'string' && v.configFile ? v.configFile : undefined,
    orgSnapshot: typeof v?.orgSnapshot === 'string' && v.orgSnapshot ? v.orgSnapshot : undefined,
  };
}

/** Applies the editor's severity customizations (`iulint.rules.customizations`) to diagnostics. */
export function customize(diagnostics: Diagnostic[], settings: Settings): Diagnostic[] {
  if (settings.rules.customizations.length === 0) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const c = [...settings.rules.customizations]
      .reverse()
      .find((x) => new RegExp(`^${x.rule.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(String(d.code)));
    if (!c || c.severity === 'default') out.push(d);
    else if (c.severity !== 'off')
      out.push({
        ...d,
        severity:
          c.severity === 'error'
            ? DiagnosticSeverity.Error
            : c.severity === 'warning'
              ? DiagnosticSeverity.Warning
              : DiagnosticSeverity.Information,
      });
  }
  return out;
}

/**
 * Wires iulint's core to an LSP connection: a workspace index per root (built in the background, with
 * progress), documents linted from their unsaved buffers, dependants refreshed on every change, push
 * or pull diagnostics as the client supports, quick fixes, suppression actions, fix-all, and hovers.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const fs = new NodeFileSystem();
  const workspaces = new Map<string, Workspace>();
  const loading = new Map<string, Promise<Workspace>>();
  const published = new Set<string>();
  /** Pull clients: whether workspace diagnostics cover every file ("Lint Workspace"), and what they reported. */
  let workspaceMode = false;
  const reportedInWorkspace = new Set<string>();
  let workspaceVersion = 0;
  let answeredWorkspaceVersion = -1;
  const workspaceWaiters: Array<() => void> = [];
  /** Something changed that workspace diagnostics may show: wake the waiting request. */
  const workspaceChanged = () => {
    workspaceVersion++;
    for (const w of workspaceWaiters.splice(0)) w();
  };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const settingsCache = new Map<string, Promise<Settings>>();
  let roots: string[] = [];
  let pull = false;
  let canRefresh = false;
  let canConfigure = false;
  let canWatch = false;
  let canProgress = false;
  let folderEvents = false;
  /** Settings for clients without workspace/configuration: `initializationOptions`, else the defaults. */
  let initialSettings: Settings = DEFAULT_SETTINGS;

  const log = (message: string) => connection.console.log(`[iulint] ${message}`);

  connection.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    pull = Boolean(caps.textDocument?.diagnostic);
    canRefresh = Boolean(caps.workspace?.diagnostics?.refreshSupport);
    canConfigure = Boolean(caps.workspace?.configuration);
    canWatch = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    canProgress = Boolean(caps.window?.workDoneProgress);
    folderEvents = Boolean(caps.workspace?.workspaceFolders);
    const init = params.initializationOptions as (Partial<Settings> & { iulint?: Partial<Settings> }) | undefined;
    initialSettings = normalizeSettings(init?.iulint ?? init ?? null);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map(documentPath).filter((p): p is string => p !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [COMMANDS.lintWorkspace, COMMANDS.clearProblems] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pull ? { diagnosticProvider: { identifier: 'iulint', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'iulint', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (canWatch) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*' }],
      });
    }
    connection.onDidChangeConfiguration(() => void settingsChanged());
    if (folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) {
          const p = documentPath(f.uri);
          if (p) workspaces.delete(p);
        }
        roots = [
          ...roots.filter((r) => !e.removed.some((f) => documentPath(f.uri) === r)),
          ...e.added.map((f) => documentPath(f.uri)).filter((p): p is string => !!p),
        ];
        void Promise.all(roots.map((r) => workspaceFor(r))).then(() => refreshAll());
      });
    await Promise.all(roots.map((r) => workspaceFor(r)));
    refreshAll();
  });

  async function settingsFor(uri: string): Promise<Settings> {
    if (!canConfigure) return initialSettings;
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'iulint' }).then(
        (v: Partial<Settings> | null) => normalizeSettings(v ?? initialSettings),
        () => initialSettings,
      );
      settingsCache.set(uri, s);
    }
    return s;
  }

  async function settingsChanged(): Promise<void> {
    settingsCache.clear();
    for (const root of roots) {
      // An index still being built read the settings at its start: let it finish, then apply them.
      await loading.get(root)?.catch(() => undefined);
      const ws = workspaces.get(root);
      if (!ws) continue;
      const s = await settingsFor(uriOf(root));
      await ws.loadSettings(optionsFrom(root, s));
    }
    refreshAll();
  }

  function optionsFrom(root: string, s: Settings) {
    const resolve = (p: string) => (p.startsWith('/') ? p : normalizePath(`${root}/${p}`));
    return {
      ...(s.configFile ? { configPath: resolve(s.configFile) } : {}),
      ...(s.orgSnapshot ? { snapshotDir: resolve(s.orgSnapshot) } : {}),
    };
  }

  /** The workspace a root's files belong to; loads it (with progress) the first time. */
  function workspaceFor(root: string): Promise<Workspace> {
    const ready = workspaces.get(root);
    if (ready) return Promise.resolve(ready);
    let p = loading.get(root);
    if (!p) {
      p = (async () => {
        const t0 = Date.now();
        const settings = await settingsFor(uriOf(root));
        const progress = canProgress ? await connection.window.createWorkDoneProgress() : undefined;
        progress?.begin('iulint', 0, `Indexing ${root}`, false);
        let last = 0;
        const ws = await Workspace.load(fs, root, {
          ...optionsFrom(root, settings),
          onProgress: (done, total) => {
            const pct = Math.floor((done / Math.max(total, 1)) * 100);
            if (pct !== last) {
              last = pct;
              progress?.report(pct, `${done}/${total} files`);
            }
          },
        });
        // Open documents win over the disk.
        for (const doc of documents.all()) {
          const path = documentPath(doc.uri);
          if (path && within(root, path)) ws.updateText(path, doc.getText());
        }
        progress?.done();
        workspaces.set(root, ws);
        loading.delete(root);
        for (const p of ws.configProblems) log(`${ws.configPath}:${p.range.start.line + 1}: ${p.message}`);
        for (const p of ws.problems) log(p);
        log(`indexed ${ws.files.size} files of ${root} in ${Date.now() - t0} ms`);
        // Documents linted from their text alone while the index was built get the full picture now.
        refresh(
          documents
            .all()
            .map((d) => documentPath(d.uri))
            .filter((p): p is string => p !== undefined && within(root, p)),
        );
        return ws;
      })();
      loading.set(root, p);
    }
    return p;
  }

  const within = (root: string, path: string) => path === root || path.startsWith(`${root}/`);

  /** The loaded workspace of a path, if any; starts loading the project of a file outside every root. */
  function loadedWorkspaceOf(path: string): Workspace | undefined {
    const root = roots.filter((r) => within(r, path)).sort((a, b) => b.length - a.length)[0];
    if (root) {
      const ws = workspaces.get(root);
      if (!ws) void workspaceFor(root);
      return ws;
    }
    void findProjectRoot(fs, path.slice(0, path.lastIndexOf('/'))).then((r) => {
      if (r && !roots.includes(r)) {
        roots.push(r);
        void workspaceFor(r).then(() => refresh([path]));
      }
    });
    return undefined;
  }

  /** The findings of a file: from its workspace, or (before the index is ready) from its text alone. */
  function findingsOf(path: string): Finding[] {
    if (pendingUpdates.has(path)) {
      const dependents = flush(path);
      if (dependents.length > 0) refresh(dependents);
    }
    const ws = loadedWorkspaceOf(path);
    if (ws && (ws.files.has(path) || path === ws.forceignorePath)) return ws.lint(path);
    if (ws && !ws.wants(path)) return []; // ignored (.forceignore, ignore) or over maxFileSize
    const doc = documents.get(uriOf(path));
    if (doc) return lintText(path, doc.getText());
    return [];
  }

  /** Problems of a workspace's configuration file, as diagnostics on that file. */
  function configDiagnostics(path: string): Diagnostic[] | undefined {
    const ws = loadedWorkspaceOf(path);
    if (!ws || ws.configPath !== path) return undefined;
    const open = documents.get(uriOf(path));
    const problems = open ? parseConfig(open.getText()).problems : ws.configProblems;
    return problems.map((p) => ({
      range: p.range,
      severity: DiagnosticSeverity.Error,
      code: 'config',
      source: 'iulint',
      message: p.message,
    }));
  }

  async function diagnosticsOf(uri: string): Promise<Diagnostic[]> {
    const path = documentPath(uri);
    const config = path ? configDiagnostics(path) : undefined;
    if (config) return config;
    if (!path || (!sourceKind(path) && !path.endsWith(`/${FORCEIGNORE_FILE}`))) return [];
    const settings = await settingsFor(uri);
    if (!settings.enable) return [];
    const t0 = performance.now();
    const limit = loadedWorkspaceOf(path)?.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const open = documents.get(uri);
    if (open && open.getText().length > limit) {
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: 'file-too-large',
          source: 'iulint',
          message: `iulint skipped this file: it is larger than maxFileSize (${(limit / 1048576).toFixed(0)} MB); raise "maxFileSize" in iulint.config.json to lint it.`,
        },
      ];
    }
    let findings: Finding[];
    try {
      findings = findingsOf(path);
    } catch (e) {
      connection.console.error(`iulint: linting ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return [];
    }
    const diagnostics = customize(findings.map(toDiagnostic), settings);
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    connection.tracer.log(`iulint: validated ${uri} in ${ms} ms (${diagnostics.length} diagnostics)`);
    void connection.sendNotification(STATUS_NOTIFICATION, {
      uri,
      state: diagnostics.some((d) => d.severity === 1) ? 'error' : diagnostics.length > 0 ? 'warn' : 'ok',
      validationTimeMs: ms,
    });
    return diagnostics;
  }

  async function publish(uri: string): Promise<void> {
    if (pull) return;
    const doc = documents.get(uri);
    const diagnostics = await diagnosticsOf(uri);
    published.add(uri);
    await connection.sendDiagnostics({ uri, ...(doc ? { version: doc.version } : {}), diagnostics });
  }

  /** Brings the given files' diagnostics up to date: a publish (push) or a refresh request (pull). */
  function refresh(paths: string[]): void {
    if (pull) {
      if (workspaceMode) workspaceChanged();
      if (canRefresh && paths.length > 0) void connection.sendRequest('workspace/diagnostic/refresh');
      return;
    }
    for (const p of paths) {
      const uri = uriOf(p);
      if (documents.get(uri) || published.has(uri)) void publish(uri);
    }
  }

  function refreshAll(): void {
    if (pull) {
      if (workspaceMode) workspaceChanged();
      if (canRefresh) void connection.sendRequest('workspace/diagnostic/refresh');
      return;
    }
    for (const d of documents.all()) void publish(d.uri);
    for (const uri of published) if (!documents.get(uri)) void publish(uri);
  }

  /** A document changed: update the index now, lint it (debounced) and its dependants. */
  /** Documents changed in the editor whose text the index has not read yet. */
  const pendingUpdates = new Map<string, TextDocument>();

  /** Brings the index up to date with a document's latest text; returns the files that depend on it. */
  function flush(path: string): string[] {
    const doc = pendingUpdates.get(path);
    if (!doc) return [];
    pendingUpdates.delete(path);
    const ws = loadedWorkspaceOf(path);
    return ws ? ws.updateText(path, doc.getText()) : [];
  }

  function changed(doc: TextDocument, immediate: boolean): void {
    const path = documentPath(doc.uri);
    if (path && workspaces.get(roots.find((r) => within(r, path)) ?? '')?.configPath === path) {
      void publish(doc.uri);
      return;
    }
    if (!path || !sourceKind(path)) return;
    // The index is updated when the debounce fires, or sooner when a request needs this file.
    pendingUpdates.set(path, doc);
    const run = () => {
      timers.delete(doc.uri);
      const dependents = flush(path);
      // A pull client asks for the edited file itself; it is told only about the others.
      refresh(pull ? dependents : [path, ...dependents]);
    };
    clearTimeout(timers.get(doc.uri));
    if (immediate) run();
    else timers.set(doc.uri, setTimeout(run, DEBOUNCE_MS));
  }

  // TextDocuments reports an open as a content change too: the open already linted it.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    changed(e.document, true);
  });
  documents.onDidChangeContent(async (e) => {
    if (justOpened.delete(e.document.uri)) return;
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onType') changed(e.document, false);
  });
  documents.onDidSave(async (e) => {
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onSave') changed(e.document, true);
  });
  documents.onDidClose((e) => {
    const path = documentPath(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    if (!path) return;
    pendingUpdates.delete(path);
    // The buffer is gone: the file on disk is the truth again.
    const ws = loadedWorkspaceOf(path);
    let dependents: string[] = [];
    if (ws) {
      try {
        dependents = ws.updateBytes(path, readFileSync(path));
      } catch {
        dependents = ws.remove(path);
      }
    }
    if (!pull) {
      published.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
    refresh(dependents);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const touched = new Set<string>();
    let settings = false;
    for (const change of params.changes) {
      const path = documentPath(change.uri);
      if (!path) continue;
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (name === 'iulint.config.json' || name === '.forceignore' || name === 'sfdx-project.json') {
        settings = true;
        continue;
      }
      const ws = loadedWorkspaceOf(path);
      if (!ws || documents.get(change.uri)) continue; // an open buffer wins over the disk
      let dependents: string[] = [];
      if (change.type === FileChangeType.Deleted) dependents = ws.remove(path);
      else {
        try {
          dependents = ws.updateBytes(path, readFileSync(path));
        } catch {
          dependents = ws.remove(path);
        }
      }
      for (const d of [path, ...dependents]) touched.add(d);
    }
    if (settings) {
      // The configuration, .forceignore or sfdx-project.json changed: which files count may have
      // changed too, so the index is built again (open documents keep their text).
      // An index still being built may have read the old files: let it finish, then build again.
      for (const root of roots) {
        await loading.get(root)?.catch(() => undefined);
        workspaces.delete(root);
      }
      await Promise.all(roots.map((root) => workspaceFor(root)));
      refreshAll();
    } else refresh([...touched]);
  });

  // Pull diagnostics.
  connection.languages.diagnostics.on(async (params) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: await diagnosticsOf(params.textDocument.uri),
  }));
  // Files that are not open are reported after "Lint Workspace" only (as ESLint does), until "Clear Problems".
  // Clients re-request workspace diagnostics as soon as they get an answer: a request is answered at
  // once the first time, then only when something changed (or when the client cancels it).
  connection.languages.diagnostics.onWorkspace(async (_params, token) => {
    if (answeredWorkspaceVersion === workspaceVersion) {
      await new Promise<void>((resolve) => {
        workspaceWaiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
    }
    answeredWorkspaceVersion = workspaceVersion;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    if (!workspaceMode) {
      // Empty reports for what was reported before, so the client drops it.
      for (const uri of reportedInWorkspace) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
      reportedInWorkspace.clear();
      return { items };
    }
    for (const root of roots) {
      const ws = await workspaceFor(root);
      for (const path of [...ws.files.keys()].sort()) {
        const uri = uriOf(path);
        const doc = documents.get(uri);
        reportedInWorkspace.add(uri);
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: doc ? doc.version : null, items: await diagnosticsOf(uri) });
      }
    }
    return { items };
  });

  connection.onCodeAction(async (params) => {
    const path = documentPath(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!path || !doc || !sourceKind(path)) return [];
    const findings = findingsOf(path);
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const wantQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
    const wantFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k));
    // Some clients leave out the range: then every finding of the file is in it.
    const range = params.range ?? { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } };
    const overlaps = (f: Finding) => !(f.range.end.line < range.start.line || f.range.start.line > range.end.line);
    const edit = (edits: TextEdit[]) => ({ changes: { [params.textDocument.uri]: edits } });
    if (wantQuickFix) {
      for (const f of findings.filter(overlaps)) {
        const diagnostic = toDiagnostic(f);
        if (f.fix)
          actions.push({
            title: f.fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: edit(f.fix.edits),
          });
        if (path.endsWith('.xml') || sourceKind(path)?.kind === 'metadata') {
          const text = doc.getText();
          const lineStart = doc.offsetAt({ line: f.range.start.line, character: 0 });
          const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
          const eol = text.includes('\r\n') ? '\r\n' : '\n';
          actions.push({
            title: `Disable ${f.ruleId} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: edit([
              {
                range: { start: { line: f.range.start.line, character: 0 }, end: { line: f.range.start.line, character: 0 } },
                newText: `${indent}<!-- iulint-disable-next-line ${f.ruleId} -->${eol}`,
              },
            ]),
          });
          const decl = /^\uFEFF?<\?xml[^>]*\?>/.exec(text);
          const at = decl ? doc.positionAt(decl[0].length) : { line: 0, character: 0 };
          actions.push({
            title: `Disable ${f.ruleId} for this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: edit([
              {
                range: { start: at, end: at },
                newText: decl ? `${eol}<!-- iulint-disable-file ${f.ruleId} -->` : `<!-- iulint-disable-file ${f.ruleId} -->${eol}`,
              },
            ]),
          });
        }
      }
    }
    if (wantFixAll) {
      const fixable = findings.filter((f) => f.fix);
      if (fixable.length > 0)
        actions.push({ title: 'Fix all iulint problems', kind: FIX_ALL_KIND, edit: edit(fixable.flatMap((f) => f.fix?.edits ?? [])) });
    }
    return actions;
  });

  connection.onHover(async (params) => {
    const path = documentPath(params.textDocument.uri);
    if (!path) return null;
    const root = roots.filter((r) => within(r, path)).sort((a, b) => b.length - a.length)[0];
    const ws = root ? await workspaceFor(root) : loadedWorkspaceOf(path);
    if (pendingUpdates.has(path)) refresh(flush(path));
    const facts = ws?.files.get(path);
    if (!ws || !facts) return null;
    const text = hoverAt(ws.model(), facts, params.position);
    return text ? { contents: { kind: 'markdown', value: text } } : null;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === COMMANDS.lintWorkspace) {
      let count = 0;
      for (const root of roots) {
        const ws = await workspaceFor(root);
        for (const path of ws.files.keys()) {
          const uri = uriOf(path);
          if (pull) continue;
          published.add(uri);
          await publish(uri);
          count++;
        }
      }
      if (pull) {
        workspaceMode = true;
        workspaceChanged();
      }
      return { files: count };
    }
    if (params.command === COMMANDS.clearProblems) {
      if (pull) {
        workspaceMode = false;
        workspaceChanged();
      }
      for (const uri of [...published]) {
        if (documents.get(uri)) continue;
        published.delete(uri);
        await connection.sendDiagnostics({ uri, diagnostics: [] });
      }
      return {};
    }
    return undefined;
  });

  /** The server's process id and version, for clients and tests (a crash-recovery test kills it). */
  connection.onRequest('iulint/serverInfo', () => ({ pid: process.pid, version: VERSION }));

  documents.listen(connection);
  connection.listen();
}
