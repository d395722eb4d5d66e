import {
  createConnection,
  type DataCallback,
  type Disposable,
  ErrorCodes,
  Message,
  type MessageReader,
  type MessageWriter,
  ProposedFeatures,
  type ResponseMessage,
  StreamMessageReader,
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

/**
 * The connection of `iulint lsp --stdio`. A frame the server cannot read (a malformed `Content-Length`,
 * a body that is not JSON) is logged to stderr and ends the server with exit code 1, so the client sees
 * it stop and can restart it; a frame that stays incomplete is logged, never a silent hang.
 */
export function stdioConnection() {
  const writer = new StreamMessageWriter(process.stdout);
  const reader = new InitializeGate(new StreamMessageReader(process.stdin), writer);
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
