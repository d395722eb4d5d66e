import { fileURLToPath } from 'node:url';
import { lintText, sourceKind } from '@iulint/core';
import { type Connection, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from './toDiagnostic.js';
import { VERSION } from './version.js';

/** The path the core lints for a document URI; undefined for documents that are not files. */
export function documentPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

/**
 * Wires iulint's core to an LSP connection. Open documents are linted from memory on open and on
 * every change, and their diagnostics published; closing a document clears them.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    },
    serverInfo: { name: 'iulint', version: VERSION },
  }));

  const validate = (document: TextDocument): void => {
    const path = documentPath(document.uri);
    if (!path || !sourceKind(path)) return;
    let diagnostics: ReturnType<typeof toDiagnostic>[];
    try {
      diagnostics = lintText(path, document.getText()).map(toDiagnostic);
    } catch (e) {
      connection.console.error(`iulint: linting ${document.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };

  documents.onDidChangeContent((change) => validate(change.document));
  documents.onDidClose((event) => {
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
