import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './helpers.js';

/**
 * The server spoken to in raw frames, where a library client would hide what the server does: every
 * message it writes is kept in `messages`, in order. Requests from the server are answered by `answer`
 * (null unless a test says otherwise), as a client answers them.
 */
export class RawServer {
  readonly process: ChildProcess;
  readonly messages: Array<Record<string, unknown>> = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1000;
  exit: Promise<number | null>;
  answer: (method: string, params: unknown) => unknown = () => null;

  constructor() {
    this.process = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.process.stdout?.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
        if (this.buffer.length < end + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
        this.messages.push(message);
        this.buffer = this.buffer.subarray(end + 4 + length);
        if (typeof message.method === 'string' && 'id' in message)
          this.send({ id: message.id, result: this.answer(message.method, message.params) ?? null });
      }
    });
    this.exit = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  frame(body: string, header = `Content-Length: ${Buffer.byteLength(body, 'utf8')}`): void {
    this.process.stdin?.write(`${header}\r\n\r\n${body}`);
  }

  send(message: Record<string, unknown>): void {
    this.frame(JSON.stringify({ jsonrpc: '2.0', ...message }));
  }

  async response(id: number, ms = 10_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = this.messages.find((x) => x.id === id && !('method' in x));
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`no response ${id}; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends a request; resolves with its result (rejects with its error). */
  async request<T = unknown>(method: string, params: unknown, ms = 10_000): Promise<T> {
    const id = this.nextId++;
    this.send({ id, method, params });
    const r = await this.response(id, ms);
    if ('error' in r) throw Object.assign(new Error(JSON.stringify(r.error)), { data: r.error });
    return r.result as T;
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Waits until `check` holds, or fails after `ms`. */
  async waitFor(what: string, check: () => boolean, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The diagnostics last published for a URI (undefined when none were). */
  published(uri: string): Array<Record<string, unknown>> | undefined {
    const last = this.messages
      .filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri)
      .at(-1);
    return last ? ((last.params as { diagnostics: Array<Record<string, unknown>> }).diagnostics ?? []) : undefined;
  }

  /** Every method the server sent (notifications and requests), in order. */
  methods(): string[] {
    return this.messages.filter((m) => typeof m.method === 'string').map((m) => m.method as string);
  }

  async close(): Promise<void> {
    if (this.process.exitCode === null) {
      await this.request('shutdown', null).catch(() => undefined);
      this.notify('exit', null);
    }
    await Promise.race([this.exit, new Promise((r) => setTimeout(r, 3000))]);
    this.process.kill();
  }
}
