import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClientCapabilities,
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { BIN } from './helpers.js';

/**
 * A minimal LSP client over a spawned `iulint lsp --stdio`, as an editor would run it. It records
 * every byte the server writes to stdout, so tests can check that nothing but protocol goes there.
 */
export class TestClient {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly stdout: Buffer[] = [];
  stderr = '';
  private waiters: Array<() => void> = [];

  constructor() {
    this.process = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout?.on('data', (d: Buffer) => this.stdout.push(d));
    this.process.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(this.process.stdin as NodeJS.WritableStream),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.listen();
  }

  /** Requests the server sent to the client, by method. */
  readonly requests: Array<{ method: string; params: unknown }> = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** What `workspace/configuration` answers for the `iulint` section. */
  settings: Record<string, unknown> | null = null;
  /** How long `workspace/configuration` takes to answer (a slow client). */
  configurationDelayMs = 0;

  /** Initializes with one root folder, spelled as VS Code does unless `rootUri` says otherwise. */
  async initialize(
    rootPath: string,
    capabilities: ClientCapabilities = {},
    initializationOptions?: unknown,
    rootUri = URI.file(rootPath).toString(),
  ): Promise<InitializeResult> {
    for (const method of ['workspace/diagnostic/refresh', 'window/workDoneProgress/create', 'client/registerCapability']) {
      this.connection.onRequest(method, (params: unknown) => {
        this.requests.push({ method, params });
        for (const w of this.waiters.splice(0)) w();
        return null;
      });
    }
    this.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      this.requests.push({ method: 'workspace/configuration', params });
      if (this.configurationDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.configurationDelayMs));
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest('window/showDocument', (params: unknown) => {
      this.requests.push({ method: 'window/showDocument', params });
      for (const w of this.waiters.splice(0)) w();
      return { success: true };
    });
    for (const method of ['iulint/status', '$/progress', 'window/logMessage', 'window/showMessage']) {
      this.connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
        for (const w of this.waiters.splice(0)) w();
      });
    }
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: [{ uri: rootUri, name: 'project' }],
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Opens a file under its VS Code URI. */
  async open(root: string, file: string, text = readFileSync(join(root, file), 'utf8')): Promise<string> {
    return this.openUri(URI.file(join(root, file)).toString(), text);
  }

  /** Opens a document under exactly this URI (any client's spelling). */
  async openUri(uri: string, text: string, version = 1): Promise<string> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'xml', version, text },
    });
    return uri;
  }

  async replace(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** Waits until `check` holds (checked on every message from the server), or fails after `ms`. */
  async waitFor(check: (published: Map<string, PublishDiagnosticsParams>) => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check(this.published)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out; published: ${JSON.stringify([...this.published.values()], null, 1).slice(0, 2000)}\nstderr: ${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  diagnostics(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.diagnostics;
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the server may be gone already
    }
    this.connection.dispose();
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else {
        const t = setTimeout(() => {
          this.process.kill();
          resolve();
        }, 3000);
        this.process.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      }
    });
  }
}
