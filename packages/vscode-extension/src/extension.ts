import * as path from 'node:path';
import { docsUrl, RULES } from '@iulint/core';
import {
  commands,
  type Disposable,
  type ExtensionContext,
  env,
  type LanguageStatusItem,
  LanguageStatusSeverity,
  languages,
  Uri,
  window,
  workspace,
} from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { type McpRegistration, registerMcpServer } from './mcp.js';
import { DOCUMENT_SELECTOR } from './selector.js';

/** What the extension gives other extensions and its tests. */
export interface IulintApi {
  client: LanguageClient;
  /** How often the server was restarted after a crash. */
  restarts(): number;
  /** The MCP server registered with VS Code (1.101 and later); undefined where VS Code has no MCP API. */
  mcp: McpRegistration | undefined;
}

const STATUS_NOTIFICATION = 'iulint/status';
const MAX_RESTARTS = 5;

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<IulintApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const output = window.createOutputChannel('iulint', { log: true });
  let restarts = 0;
  let told = false;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'] },
    debug: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'iulint' },
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      // A crashed server comes back, and the user is told once, not at every restart.
      closed: (): CloseHandlerResult => {
        restarts++;
        if (restarts > MAX_RESTARTS) {
          void window
            .showErrorMessage(
              `The iulint server stopped ${restarts} times and will not be restarted. See the iulint output.`,
              'Show Output',
            )
            .then((a) => a && output.show());
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        if (!told) {
          told = true;
          void window
            .showWarningMessage('The iulint server stopped unexpectedly and was restarted.', 'Show Output')
            .then((a) => a && output.show());
        }
        output.appendLine(`[iulint] the server stopped; restart ${restarts} of ${MAX_RESTARTS}`);
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  client = new LanguageClient('iulint', 'iulint', serverOptions, clientOptions);

  const status: LanguageStatusItem = languages.createLanguageStatusItem('iulint.status', DOCUMENT_SELECTOR);
  status.name = 'iulint';
  status.text = 'iulint: starting';
  status.command = { command: 'iulint.showOutput', title: 'Show Output' };
  const disposables: Disposable[] = [status, output];
  client.onDidChangeState((e) => {
    status.text = e.newState === State.Running ? 'iulint: ready' : e.newState === State.Starting ? 'iulint: starting' : 'iulint: stopped';
    status.severity = e.newState === State.Stopped ? LanguageStatusSeverity.Error : LanguageStatusSeverity.Information;
    status.busy = e.newState === State.Starting;
  });

  disposables.push(
    commands.registerCommand('iulint.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('iulint.showOutput', () => output.show(true)),
    commands.registerCommand('iulint.openRuleDocumentation', async (ruleId?: string) => {
      let id = typeof ruleId === 'string' ? ruleId : undefined;
      const editor = window.activeTextEditor;
      if (!id && editor) {
        const here = languages
          .getDiagnostics(editor.document.uri)
          .find((d) => d.source === 'iulint' && d.range.contains(editor.selection.active));
        id = here ? String(typeof here.code === 'object' ? here.code.value : here.code) : undefined;
      }
      if (!id) {
        const pick = await window.showQuickPick(
          RULES.map((r) => ({ label: r.meta.id, description: r.meta.defaultLevel, detail: r.meta.description })),
          { placeHolder: 'Open the documentation of an iulint rule' },
        );
        id = pick?.label;
      }
      if (!id) return undefined;
      const url = docsUrl(id);
      output.appendLine(`[iulint] opening ${url}`);
      // Opening a browser may be refused (a remote or test window): the link is in the output then.
      const opened = await Promise.resolve(env.openExternal(Uri.parse(url))).catch((e: unknown) => {
        output.appendLine(`[iulint] could not open ${url}: ${String(e)}`);
        return false;
      });
      return { ruleId: id, url, opened };
    }),
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('iulint.enable') && client && !workspace.getConfiguration('iulint').get<boolean>('enable', true)) {
        output.appendLine('[iulint] disabled by iulint.enable');
      }
    }),
  );
  context.subscriptions.push(...disposables);
  const mcp = registerMcpServer(context, serverModule, String(context.extension.packageJSON.version));
  output.appendLine(
    mcp
      ? '[iulint] MCP server registered for agent mode (iulint mcp)'
      : '[iulint] no MCP API in this VS Code: the MCP server is not registered',
  );

  await client.start();
  client.onNotification(STATUS_NOTIFICATION, (p: { uri: string; state: string; validationTimeMs: number }) => {
    status.text = `iulint: ${p.validationTimeMs} ms`;
    status.detail = `last validation of ${path.basename(Uri.parse(p.uri).fsPath)}`;
  });
  const started = client;
  return { client: started, restarts: () => restarts, mcp };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
