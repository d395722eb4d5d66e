import type { Readable, Writable } from 'node:stream';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * The largest message the server reads: twice the default `maxFileSize` (64 MiB), so that a proposed
 * file iulint would lint fits with the escapes JSON adds.
 */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
/** How much of an oversized message is kept to find its id (the SDK's client writes it last, others first). */
const KEEP = 4096;

/**
 * MCP over stdio, one JSON-RPC message per line (as the SDK's `StdioServerTransport`, whose messages it
 * parses with the SDK's own functions), with two differences: a long message is gathered in linear time
 * (the SDK's read buffer copies everything read so far on each chunk), and a message longer than
 * `MAX_MESSAGE_BYTES` is answered with a JSON-RPC error and skipped, where the SDK's transport closes
 * the connection without a word. A line that is not a JSON-RPC message is reported to `onerror` and
 * skipped, as the SDK does.
 */
export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** The first and last bytes of a message being skipped because it is too long, and its length so far. */
  private skipping: { head: Buffer; tail: Buffer; size: number } | undefined;
  private closed = false;

  constructor(
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
    private readonly max = MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', this.onInputError);
    this.input.on('end', this.onEnd);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((done) => {
      if (this.output.write(serializeMessage(message))) done();
      else this.output.once('drain', done);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('error', this.onInputError);
    this.input.off('end', this.onEnd);
    if (this.input.listenerCount('data') === 0) this.input.pause();
    this.chunks = [];
    this.skipping = undefined;
    this.onclose?.();
  }

  private readonly onInputError = (error: Error) => this.onerror?.(error);
  private readonly onEnd = () => void this.close();

  private readonly onData = (chunk: Buffer) => {
    let from = 0;
    while (from < chunk.length) {
      const newline = chunk.indexOf(10, from);
      const piece = chunk.subarray(from, newline === -1 ? chunk.length : newline);
      this.take(piece);
      if (newline === -1) return;
      this.endOfLine();
      from = newline + 1;
    }
  };

  /** Adds part of the current line: kept, or (past the limit) only its ends kept. */
  private take(piece: Buffer): void {
    if (this.skipping) {
      this.skipping.size += piece.length;
      this.skipping.tail = lastBytes(Buffer.concat([this.skipping.tail, piece]));
      return;
    }
    if (this.size + piece.length <= this.max) {
      this.chunks.push(piece);
      this.size += piece.length;
      return;
    }
    const sofar = Buffer.concat([...this.chunks, piece]);
    this.skipping = { head: sofar.subarray(0, KEEP), tail: lastBytes(sofar), size: sofar.length };
    this.chunks = [];
    this.size = 0;
  }

  private endOfLine(): void {
    const skipped = this.skipping;
    const line = skipped ? undefined : Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    this.skipping = undefined;
    if (skipped) {
      this.refuse(skipped);
      return;
    }
    const text = (line as Buffer).toString('utf8').replace(/\r$/, '');
    if (text.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(text);
    } catch (e) {
      this.onerror?.(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.onmessage?.(message);
  }

  /** Answers a request too long to read with an error, so the client is not left waiting. */
  private refuse(skipped: { head: Buffer; tail: Buffer; size: number }): void {
    const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
    const reason = `a message of ${mib(skipped.size)} is more than iulint mcp reads (${mib(this.max)}); propose fewer or smaller files at once`;
    this.onerror?.(new Error(reason));
    const id = requestId(skipped.head.toString('utf8'), skipped.tail.toString('utf8'));
    if (id !== undefined)
      void this.send({ jsonrpc: '2.0', id, error: { code: -32600, message: `Invalid Request: ${reason}` } } as JSONRPCMessage);
  }
}

function lastBytes(b: Buffer): Buffer {
  return b.length <= KEEP ? b : b.subarray(b.length - KEEP);
}

/**
 * The id of a request from the ends of its text: last (`..."id":7}`, as the SDK's client writes it) or
 * first (`{"jsonrpc":"2.0","id":7,...`); undefined for a notification or when neither end says.
 */
function requestId(head: string, tail: string): string | number | undefined {
  const value = String.raw`("(?:[^"\\]|\\.)*"|-?\d+)`;
  const last = new RegExp(String.raw`"id"\s*:\s*${value}\s*}\s*$`).exec(tail);
  const first = new RegExp(String.raw`^\s*{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${value}`).exec(head);
  const raw = last?.[1] ?? first?.[1];
  if (raw === undefined) return undefined;
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : Number(raw);
}
