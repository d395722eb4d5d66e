import { errorMessage } from '@iulint/core';
import {
  AbstractMessageReader,
  createConnection,
  type DataCallback,
  Disposable,
  ErrorCodes,
  Message,
  type MessageReader,
  type MessageWriter,
  ProposedFeatures,
  type ResponseMessage,
  StreamMessageWriter,
} from 'vscode-languageserver/node';

/**
 * Holds back what a client sends before `initialize`, as the protocol says: a request is answered
 * -32002 (ServerNotInitialized), a notification is dropped (except `exit`). Everything after
 * `initialize` passes through. It also notes `shutdown`, for the exit code when stdin closes.
 */
export class InitializeGate implements MessageReader {
  private initialized = false;
  shutdownReceived = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
  ) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (Message.isRequest(message) && message.method === 'shutdown') this.shutdownReceived = true;
      if (this.initialized) return callback(message);
      if (Message.isRequest(message)) {
        if (message.method === 'initialize') {
          this.initialized = true;
          callback(message);
        } else {
          const answer: ResponseMessage = {
            jsonrpc: '2.0',
            id: message.id,
            error: { code: ErrorCodes.ServerNotInitialized, message: `the server is not initialized: ${message.method} before initialize` },
          };
          void this.writer.write(answer);
        }
      } else if (Message.isNotification(message) && message.method === 'exit') callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** The largest message body the server reads (256 MiB: a 64 MB file, the default maxFileSize, escaped as JSON, fits). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** The longest header part of a frame (its lines up to the blank line). */
const MAX_HEADER_BYTES = 8192;
/** After this long waiting for the rest of a frame, stderr says so (and again after each such wait). */
const PARTIAL_MESSAGE_MS = 10_000;

/**
 * Reads JSON-RPC frames (`Content-Length: N`, a blank line, N bytes of UTF-8 JSON) from a stream, in
 * order. A body that is not JSON, or not a JSON object, or an object that is no message, is answered
 * through `reject` (-32700 Parse error or -32600 Invalid Request, id null, as JSON-RPC 2.0 says) and
 * reading goes on. A frame whose header
 * cannot be read (no or a malformed `Content-Length`, a `Content-Length` above MAX_MESSAGE_BYTES, a
 * header longer than MAX_HEADER_BYTES) is an error: nothing after it can be told apart, so the
 * server ends (`onError`). Waiting for the rest of a frame is reported every 10 s (`onPartialMessage`).
 */
export class FrameReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** The length of the body being read; -1 while reading a header. */
  private length = -1;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private token = 0;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly reject: (code: number, message: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (data: Buffer) => this.onData(data, callback);
    const onError = (e: Error) => this.fireError(e);
    const onEnd = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onEnd);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onEnd);
    });
  }

  /** The first `n` bytes (at most what there is), without taking them. */
  private peek(n: number): Buffer {
    // Only the chunks that hold the first n bytes are merged (a header is small; a body may be large).
    let count = 0;
    for (let bytes = 0; count < this.chunks.length && bytes < n; count++) bytes += (this.chunks[count] as Buffer).length;
    if (count > 1) this.chunks.splice(0, count, Buffer.concat(this.chunks.slice(0, count)));
    return (this.chunks[0] ?? Buffer.alloc(0)).subarray(0, n);
  }

  /** Takes the first `n` bytes (there are at least that many). */
  private take(n: number): Buffer {
    const parts: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = this.chunks[0] as Buffer;
      if (c.length <= left) {
        parts.push(c);
        this.chunks.shift();
        left -= c.length;
      } else {
        parts.push(c.subarray(0, left));
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.size -= n;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  private stop(message: string): void {
    this.stopped = true;
    this.chunks = [];
    this.size = 0;
    this.clearTimer();
    this.fireError(new Error(message));
  }

  private onData(data: Buffer, callback: DataCallback): void {
    if (this.stopped) return;
    this.chunks.push(data);
    this.size += data.length;
    for (;;) {
      if (this.length < 0) {
        const head = this.peek(MAX_HEADER_BYTES + 4);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.size > MAX_HEADER_BYTES) this.stop(`a message header longer than ${MAX_HEADER_BYTES} bytes`);
          else this.waiting();
          return;
        }
        const length = contentLength(head.subarray(0, end).toString('latin1'));
        if (typeof length === 'string') {
          this.stop(length);
          return;
        }
        this.take(end + 4);
        this.length = length;
      }
      if (this.size < this.length) {
        this.waiting();
        return;
      }
      const body = this.take(this.length);
      this.length = -1;
      this.clearTimer();
      this.deliver(body, callback);
      if (this.size === 0) return;
    }
  }

  private deliver(body: Buffer, callback: DataCallback): void {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (e) {
      this.reject(ErrorCodes.ParseError, `Parse error: the message is not JSON in UTF-8 (${errorMessage(e)})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.reject(ErrorCodes.InvalidRequest, 'Invalid Request: a message must be a JSON object (batches are not supported)');
      return;
    }
    const why = notAMessage(value as Record<string, unknown>);
    if (why) {
      this.reject(ErrorCodes.InvalidRequest, `Invalid Request: ${why}`);
      return;
    }
    callback(value as Message);
  }

  private waiting(): void {
    if (this.timer) return;
    const token = ++this.token;
    const started = Date.now();
    const tick = () => {
      this.firePartialMessage({ messageToken: token, waitingTime: Date.now() - started });
      this.timer = setTimeout(tick, PARTIAL_MESSAGE_MS);
      this.timer.unref?.();
    };
    this.timer = setTimeout(tick, PARTIAL_MESSAGE_MS);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Why a JSON object is no JSON-RPC message at all (answered -32600, id null, as JSON-RPC 2.0 answers
 * `{"method": 1}`), or undefined: a method that is not a string, an id that is not a string, a number or
 * null, neither a method nor an id. Anything else (a response without its result, say) is the library's.
 */
function notAMessage(v: Record<string, unknown>): string | undefined {
  if ('method' in v && typeof v.method !== 'string') return 'its method must be a string';
  if (!('method' in v) && !('id' in v)) return 'a message has a method or an id';
  if ('id' in v && v.id !== null && typeof v.id !== 'string' && typeof v.id !== 'number')
    return 'its id must be a string, a number or null';
  return undefined;
}

/** The body length a header gives, or why it cannot be read. */
function contentLength(header: string): number | string {
  let length: number | string = 'a message header without Content-Length';
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `a message header line without ':' (${JSON.stringify(line.slice(0, 80))})`;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^[0-9]+$/.test(value)) return `Content-Length must be a number, not ${JSON.stringify(value.slice(0, 80))}`;
      const n = Number(value);
      // A number too large for a double is over the limit all the same.
      if (n > MAX_MESSAGE_BYTES)
        return `a Content-Length of ${value.length > 20 ? `${value.slice(0, 20)}...` : value} bytes is over the limit of ${MAX_MESSAGE_BYTES} bytes (256 MiB)`;
      length = n;
    } else if (name === 'content-type') {
      const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') return `the charset ${charset} is not supported (only utf-8)`;
    }
  }
  return length;
}

/**
 * The connection of `iulint lsp --stdio` (`FrameReader`). A body that is not JSON is answered -32700
 * (id null), logged to stderr, and the server goes on. A frame whose header cannot be read (a missing or
 * malformed `Content-Length`, one above 256 MiB, a header above 8 KiB) is logged to stderr and ends the
 * server with exit code 1, so the client sees it stop and can restart it; a frame that stays incomplete is
 * logged every 10 s, never a silent hang.
 */
export function stdioConnection() {
  const writer = new StreamMessageWriter(process.stdout);
  const frames = new FrameReader(process.stdin, (code, message) => {
    process.stderr.write(`iulint: ${message}; answered ${code} and went on\n`);
    const answer: ResponseMessage = { jsonrpc: '2.0', id: null, error: { code, message } };
    void writer.write(answer);
  });
  const reader = new InitializeGate(frames, writer);
  reader.onError((e) => {
    process.stderr.write(`iulint: cannot read a message from the client (${e.message.split('\n')[0]}); exiting\n`);
    process.exit(1);
  });
  reader.onPartialMessage((info) => {
    process.stderr.write(`iulint: waited ${info.waitingTime} ms for the rest of a message (an incomplete frame)\n`);
  });
  reader.onClose(() => process.exit(reader.shutdownReceived ? 0 : 1));
  return createConnection(ProposedFeatures.all, reader, writer);
}
