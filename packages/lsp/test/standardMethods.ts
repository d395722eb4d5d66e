import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  LogMessageNotification,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  TelemetryEventNotification,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
} from 'vscode-languageserver-protocol';

/**
 * Every method the LSP specification lets a server send to a client that the server could use, taken
 * from the protocol library's own message types (never written by hand): anything else is custom
 * protocol, which a plain client must never receive.
 */
export const STANDARD_SERVER_METHODS: ReadonlySet<string> = new Set([
  PublishDiagnosticsNotification.method,
  LogMessageNotification.method,
  ShowMessageNotification.method,
  LogTraceNotification.type.method,
  TelemetryEventNotification.method,
  // `$/progress` and `$/cancelRequest` are the base protocol's (vscode-jsonrpc), not typed messages here.
  '$/progress',
  '$/cancelRequest',
  WorkDoneProgressCreateRequest.method,
  RegistrationRequest.method,
  UnregistrationRequest.method,
  ConfigurationRequest.method,
  WorkspaceFoldersRequest.method,
  DiagnosticRefreshRequest.method,
  ShowDocumentRequest.method,
  ShowMessageRequest.method,
  ApplyWorkspaceEditRequest.method,
]);
