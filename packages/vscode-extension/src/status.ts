import * as path from 'node:path';
import { STATUS_CAPABILITY, STATUS_NOTIFICATION, type StatusParams } from '@iulint/lsp/protocol';
import { Disposable, type LanguageStatusItem, LanguageStatusSeverity, languages, type TextEditor, window } from 'vscode';
import { type ClientCapabilities, type LanguageClient, State, type StaticFeature } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './selector.js';

/** Declares `experimental.iulintStatus`: the server sends `iulint/status` only to a client that asks. */
export function statusCapability(): StaticFeature {
  return {
    fillClientCapabilities(capabilities: ClientCapabilities) {
      capabilities.experimental = { ...(capabilities.experimental as object | undefined), [STATUS_CAPABILITY]: true };
    },
    initialize() {},
    getState: () => ({ kind: 'static' }),
    clear() {},
  };
}

/** What the language status item shows: the active file's state and the server's health. */
export interface StatusView {
  text: string;
  detail: string;
  severity: LanguageStatusSeverity;
  busy: boolean;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The status of the active file (undefined: no editor, or not one the server lints) with the server's state. */
export function statusView(state: State, file: string | undefined, status: StatusParams | undefined): StatusView {
  if (state === State.Stopped)
    return {
      text: 'iulint: stopped',
      detail: 'the server is not running; see the iulint output',
      severity: LanguageStatusSeverity.Error,
      busy: false,
    };
  if (state === State.Starting)
    return { text: 'iulint: starting', detail: 'the server is starting', severity: LanguageStatusSeverity.Information, busy: true };
  const name = file ? path.basename(file) : 'this file';
  if (!status)
    return { text: 'iulint: waiting', detail: `${name}: not linted yet`, severity: LanguageStatusSeverity.Information, busy: true };
  const problems = status.diagnostics === 0 ? 'no problems' : plural(status.diagnostics, 'problem');
  const how = status.indexed ? 'with the whole project' : 'from its text alone, while the project is indexed';
  const config = status.configProblems > 0 ? `; iulint.config.json has ${plural(status.configProblems, 'problem')}` : '';
  return {
    text: `iulint: ${problems}`,
    detail: `${name}: linted ${how} in ${status.validationTimeMs} ms${config}`,
    severity: status.configProblems > 0 ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information,
    busy: !status.indexed,
  };
}

/**
 * A language status item for the active file (shown by VS Code for the files the server lints): its
 * findings and how they were computed, and the server's health (starting, stopped, configuration
 * problems). Fed by `iulint/status`, kept per file, so it never names another file than the active one.
 */
export function languageStatus(client: LanguageClient, command: string): Disposable {
  const item: LanguageStatusItem = languages.createLanguageStatusItem('iulint.status', DOCUMENT_SELECTOR);
  item.name = 'iulint';
  item.command = { command, title: 'Show Output' };
  const byUri = new Map<string, StatusParams>();
  const render = (editor: TextEditor | undefined = window.activeTextEditor) => {
    const uri = editor?.document.uri;
    const view = statusView(client.state, uri?.fsPath, uri ? byUri.get(uri.toString()) : undefined);
    item.text = view.text;
    item.detail = view.detail;
    item.severity = view.severity;
    item.busy = view.busy;
  };
  render();
  const subscriptions: Disposable[] = [
    item,
    client.onDidChangeState(() => render()),
    window.onDidChangeActiveTextEditor((e) => render(e)),
    client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      byUri.set(client.protocol2CodeConverter.asUri(p.uri).toString(), p);
      render();
    }),
  ];
  return Disposable.from(...subscriptions);
}
