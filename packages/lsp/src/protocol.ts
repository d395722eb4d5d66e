/**
 * iulint's own names on the Language Server Protocol, shared by the server and the VS Code extension
 * (one place, so the two cannot drift). Everything here is optional for a client: a plain LSP client
 * never receives a message it did not ask for.
 */

/** The commands the server executes (`workspace/executeCommand`). */
export const COMMANDS = {
  lintWorkspace: 'iulint.lintWorkspace',
  clearProblems: 'iulint.clearProblems',
  /** `[ruleId]`: opens the rule's page (`window/showDocument`, else a `window/showMessage` with its link). */
  showRuleDocumentation: 'iulint.showRuleDocumentation',
} as const;

/**
 * The experimental client capability that asks for `iulint/status`:
 * `capabilities.experimental.iulintStatus === true`. Without it the server sends no custom notification.
 */
export const STATUS_CAPABILITY = 'iulintStatus';

/** A notification after each validation of an open document (only to clients declaring `STATUS_CAPABILITY`). */
export const STATUS_NOTIFICATION = 'iulint/status';

export interface StatusParams {
  /** The document, as the client spelled its URI. */
  uri: string;
  /** `error` when a finding is an error, `warn` when there are others, `ok` when there are none. */
  state: 'ok' | 'warn' | 'error';
  /** How many diagnostics the document has. */
  diagnostics: number;
  validationTimeMs: number;
  /** Whether the project was indexed: before that a document is linted from its text alone. */
  indexed: boolean;
  /** Problems of the project's configuration file (`iulint.config.json`), when it has any. */
  configProblems: number;
}

/** A request for the server's process id and version (clients and tests; a crash-recovery test kills it). */
export const SERVER_INFO_REQUEST = 'iulint/serverInfo';
