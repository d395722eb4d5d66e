import { decodeBytes, docsUrl, joinPath, OTHER_CODES, RULES, sourceKind } from '@iulint/core';
import {
  CodeActionKind,
  type CodeActionParams,
  type Connection,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { NodeFileSystem, realCorePath } from './nodeFs.js';
import { COMMANDS, SERVER_INFO_REQUEST, STATUS_CAPABILITY } from './protocol.js';
import { codeActions, FIX_ALL_KIND } from './server/codeActions.js';
import { executeCommand } from './server/commands.js';
import { Diagnostics } from './server/diagnostics.js';
import { hover } from './server/hoverHandler.js';
import { checkCodeAction, documentUri } from './server/params.js';
import { projectRootsOf, Roots } from './server/roots.js';
import { DEFAULT_SETTINGS, normalizeSettings, refuseProjectPaths, type Settings, workspaceOptions } from './server/settings.js';
import { listenToDocuments } from './server/sync.js';
import { VERSION } from './version.js';

/**
 * Wires iulint's core to an LSP connection: the roots and their workspaces (`server/roots.ts`), document
 * synchronisation (`server/sync.ts`), diagnostics pushed or pulled (`server/diagnostics.ts`), code
 * actions, hovers and commands, each in its own module under `server/`.
 */
export function startServer(connection: Connection): void {
  let pull = false;
  let canRefresh = false;
  let canConfigure = false;
  let canWatch = false;
  let canProgress = false;
  let folderEvents = false;
  /** Whether the client lets the user choose among code actions (it honours `isPreferred`). */
  let canPick = false;
  let canShowDocument = false;
  /** Whether the client asked for `iulint/status` (an experimental capability): a plain client gets only standard LSP. */
  let wantsStatus = false;
  /** Settings for clients without workspace/configuration: `initializationOptions`, else the defaults. */
  let initialSettings: Settings = DEFAULT_SETTINGS;
  /** One `workspace/configuration` request per root (and one for files outside every root). */
  const settingsCache = new Map<string, Promise<Settings>>();

  const log = (message: string) => connection.console.log(`[iulint] ${message}`);
  /** Whether an id is a rule's (a suppression comment can name it), not another code's. */
  const isRule = (id: string) => RULES.some((r) => r.meta.id === id);

  function settingsFor(path: string): Promise<Settings> {
    if (!canConfigure) return Promise.resolve(initialSettings);
    const root = roots.rootOf(path);
    const key = root ?? '';
    let s = settingsCache.get(key);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ ...(root === undefined ? {} : { scopeUri: roots.folderUri(root) }), section: 'iulint' })
        .then(
          (v: Partial<Settings> | null) => normalizeSettings(v ?? initialSettings),
          () => initialSettings,
        )
        .then((settings) => (root === undefined ? settings : withoutProjectPaths(root, settings)));
      settingsCache.set(key, s);
    }
    return s;
  }

  /** Drops the path settings that the folder's `.vscode/settings.json` gives and that leave the folder (`refuseProjectPaths`), saying so. */
  async function withoutProjectPaths(root: string, settings: Settings): Promise<Settings> {
    let text: string | undefined;
    try {
      const decoded = decodeBytes(await fs.readFile(joinPath(root, '.vscode/settings.json')));
      text = 'binary' in decoded ? undefined : decoded.text;
    } catch {
      text = undefined;
    }
    const { settings: kept, refused } = refuseProjectPaths(root, settings, text, realCorePath);
    for (const message of refused) {
      log(message);
      // A notification, not a request: nothing waits for the user to close it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `iulint: ${message}` });
    }
    return kept;
  }

  const fs = new NodeFileSystem();
  const roots: Roots = new Roots({
    fs,
    rules: RULES,
    options: async (root) => workspaceOptions(root, await settingsFor(root)),
    log,
    progress: async (root) => {
      if (!canProgress) return undefined;
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin('iulint', 0, `Indexing ${root}`, false);
      return progress;
    },
    // Documents linted from their text alone while the index was built get the whole picture now, and
    // the files that are not open are reported (scope "workspace").
    loaded: (_root, openPaths) => {
      diagnostics.refresh(openPaths);
      diagnostics.workspace.all();
    },
    changed: (paths) => diagnostics.refresh(paths),
  });
  const diagnostics: Diagnostics = new Diagnostics({
    connection,
    roots,
    settings: settingsFor,
    get pull() {
      return pull;
    },
    get canRefresh() {
      return canRefresh;
    },
    get status() {
      return wantsStatus;
    },
  });

  connection.onInitialize(async (params: InitializeParams) => {
    const caps = params?.capabilities ?? {};
    pull = Boolean(caps.textDocument?.diagnostic);
    canRefresh = Boolean(caps.workspace?.diagnostics?.refreshSupport);
    canConfigure = Boolean(caps.workspace?.configuration);
    canWatch = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    canProgress = Boolean(caps.window?.workDoneProgress);
    folderEvents = Boolean(caps.workspace?.workspaceFolders);
    canPick = Boolean(caps.textDocument?.codeAction?.isPreferredSupport);
    canShowDocument = Boolean(caps.window?.showDocument?.support);
    wantsStatus = (caps.experimental as Record<string, unknown> | undefined)?.[STATUS_CAPABILITY] === true;
    const init = params?.initializationOptions as (Partial<Settings> & { iulint?: Partial<Settings> }) | undefined;
    initialSettings = normalizeSettings(init?.iulint ?? init ?? null);
    const folders = Array.isArray(params?.workspaceFolders)
      ? params.workspaceFolders.map((f) => f?.uri)
      : typeof params?.rootUri === 'string'
        ? [params.rootUri]
        : [];
    const uris = folders.filter((u): u is string => typeof u === 'string');
    roots.addFolders(uris, await projectRootsOf(fs, uris));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pull ? { diagnosticProvider: { identifier: 'iulint', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'iulint', version: VERSION },
    };
  });

  async function settingsChanged(): Promise<void> {
    settingsCache.clear();
    diagnostics.workspace.settingsChanged();
    // An index still being built read the settings at its start: it finishes, then they apply.
    for (const root of roots.roots) await roots.reloadSettings(root);
    diagnostics.refreshAll();
  }

  connection.onInitialized(async () => {
    if (canWatch) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    connection.onDidChangeConfiguration(() => void settingsChanged());
    if (folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        roots.removeFolders(e.removed.map((f) => f.uri));
        const added = e.added.map((f) => f.uri);
        void projectRootsOf(fs, added)
          .then((projects) => roots.addFolders(added, projects))
          .then(() => roots.workspaces())
          .then(() => diagnostics.refreshAll());
      });
    await roots.workspaces();
    diagnostics.refreshAll();
  });

  listenToDocuments(connection, roots, diagnostics, settingsFor);

  connection.languages.diagnostics.on((params) => diagnostics.pullDocument(params));
  connection.languages.diagnostics.onWorkspace((params, token) => diagnostics.pullWorkspace(params, token));

  connection.onCodeAction((params: CodeActionParams) => {
    checkCodeAction(params);
    const path = roots.pathOf(documentUri(params));
    const open = path === undefined ? undefined : roots.document(path);
    const kind = path === undefined ? undefined : sourceKind(path, roots.rootOf(path));
    if (path === undefined || !open || !kind) return [];
    // With `run: onSave` the index may hold an older text: the actions are computed on the editor's text.
    diagnostics.update(path);
    const report = roots.report(path, true);
    const findings = report.kind === 'findings' ? report.findings : [];
    const xml = path.endsWith('.xml') || kind.kind === 'metadata';
    return codeActions(params, open.doc, findings, xml, (p) => roots.uriOf(p), { canPick }, isRule);
  });

  connection.onHover((params, token) => hover(roots, params, token, (path) => diagnostics.update(path)));

  /** A rule's (or another code's) page: shown by the client when it can, else its link in a message. */
  async function showRuleDocumentation(ruleId: string): Promise<{ url: string; shown: boolean } | undefined> {
    if (!isRule(ruleId) && !OTHER_CODES.some((c) => c.id === ruleId)) return undefined;
    const url = docsUrl(ruleId);
    if (canShowDocument) {
      const r = await connection.window.showDocument({ uri: url, external: true }).catch(() => ({ success: false }));
      if (r.success) return { url, shown: true };
    }
    // A notification, not window/showMessageRequest: every client shows it and none has to answer.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: `iulint: ${ruleId} is documented at ${url}`,
    });
    return { url, shown: false };
  }

  connection.onExecuteCommand((params) => executeCommand({ diagnostics, showRuleDocumentation }, params));

  /** The server's process id and version, for clients and tests (a crash-recovery test kills it). */
  connection.onRequest(SERVER_INFO_REQUEST, () => ({ pid: process.pid, version: VERSION }));

  connection.listen();
}
