import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { xmlProblem } from './editors.js';
import { RawServer } from './rawServer.js';
import { cliFindings, fromServer, SPELLINGS } from './spelling.js';
import { STANDARD_SERVER_METHODS } from './standardMethods.js';

/**
 * Kate 22.12 (Debian 12's), replayed message for message from its source (addons/lspclient,
 * lspclientserver.cpp and lspclientpluginview.cpp at v22.12.3): its `initialize`, its URIs (QUrl's
 * literal spelling), and its two ways to ask for code actions:
 * - Quick Fix (Ctrl+.): the whole document as the range (the selection when there is one), the
 *   diagnostic under the cursor as the only one in `context.diagnostics`, no `only`; then every action
 *   of the answer is executed, in order: its edit applied (moved along the edits before it), its command sent.
 * - Code Action menu (Alt+Return): the cursor's line as the range, no diagnostic; the user picks one.
 * Kate itself has no headless mode that shows diagnostics (it runs under xvfb, driven by xdotool): a
 * replay of what it sends keeps CI fast and judges the result with a fresh CLI run.
 */
const KATE_CAPABILITIES = {
  textDocument: {
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
    semanticTokens: {
      requests: { range: true, full: { delta: true } },
      tokenTypes: ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property'],
      tokenModifiers: [],
      formats: ['relative'],
    },
    synchronization: { didSave: true },
    selectionRange: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true },
};

/** A diagnostic as Kate sends it back (`to_json(LSPDiagnostic)`): what it parsed from the publish, nothing else. */
function asKateSends(d: Diagnostic): Record<string, unknown> {
  return {
    range: d.range,
    message: d.message,
    ...(d.code !== undefined ? { code: String(d.code) } : {}),
    ...(d.severity !== undefined ? { severity: d.severity } : {}),
    ...(d.source ? { source: d.source } : {}),
    relatedInformation: (d.relatedInformation ?? []).map((r) => ({ location: r.location, message: r.message })),
  };
}

let kate: RawServer | undefined;
afterEach(async () => {
  await kate?.close();
  kate = undefined;
});

async function startKate(root: string): Promise<RawServer> {
  const k = new RawServer();
  await k.request('initialize', {
    processId: process.pid,
    rootPath: root,
    rootUri: SPELLINGS.kate(root),
    capabilities: KATE_CAPABILITIES,
    initializationOptions: null,
  });
  k.notify('initialized', {});
  return k;
}

function project(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'iulint-kate-')), 'my project (é)');
  cpSync(projectPath('catalogue'), root, { recursive: true });
  return root;
}

/** Opens a file as Kate does and waits for the CLI's diagnostics on it. */
async function open(k: RawServer, root: string, rel: string): Promise<{ uri: string; text: string; diagnostics: Diagnostic[] }> {
  const uri = SPELLINGS.kate(join(root, rel));
  const text = readFileSync(join(root, rel), 'utf8');
  k.notify('textDocument/didOpen', { textDocument: { uri, version: 0, languageId: 'xml', text } });
  const expected = JSON.stringify(cliFindings(root).get(rel) ?? []);
  await k.waitFor(`the CLI's diagnostics on ${rel}`, () => JSON.stringify(fromServer(k.published(uri) as never)) === expected);
  return { uri, text, diagnostics: k.published(uri) as unknown as Diagnostic[] };
}

/** Kate's Quick Fix: every action executed in order, each edit in the coordinates of the text it asked about. */
async function quickFix(k: RawServer, uri: string, text: string, diagnostic: Diagnostic) {
  const lines = text.split('\n');
  const actions = await k.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: (lines.at(-1) as string).length } },
    context: { diagnostics: [asKateSends(diagnostic)] },
  });
  const edits = actions.flatMap((a) => (a.edit?.changes?.[uri] ?? []) as TextEdit[]);
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'xml', 0, text), edits);
  const oneByOne = actions.reduce(
    (t, a) => TextDocument.applyEdits(TextDocument.create(uri, 'xml', 0, t), (a.edit?.changes?.[uri] ?? []) as TextEdit[]),
    text,
  );
  for (const a of actions)
    if (a.command) await k.request('workspace/executeCommand', { command: a.command.command, arguments: a.command.arguments });
  return { actions, fixed, oneByOne };
}

/** The project's findings by the CLI, as lines, without the file's fixed one. */
const allFindings = (root: string) => [...cliFindings(root)].flatMap(([file, lines]) => lines.map((l) => `${file}: ${l}`)).sort();

describe('Kate 22.12, replayed as it sends its requests', () => {
  it('Quick Fix (Ctrl+.) on a finding with a fix: the preferred fix alone; applying every action leaves no new finding', async () => {
    const root = project();
    const rel = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
    kate = await startKate(root);
    const { uri, text, diagnostics } = await open(kate, root, rel);
    const target = diagnostics.find((d) => d.code === 'piu-session-based') as Diagnostic;
    const before = allFindings(root);
    const { actions, fixed, oneByOne } = await quickFix(kate, uri, text, target);
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([['Make it session-based (hasActivationRequired true)', true]]);
    expect(oneByOne).toBe(fixed);
    expect(xmlProblem(fixed)).toBeUndefined();
    writeFileSync(join(root, rel), fixed);
    const after = allFindings(root);
    expect(after.filter((l) => !before.includes(l))).toEqual([]); // nothing new
    expect(before.filter((l) => !after.includes(l)).map((l) => l.split(' ')[1])).toEqual(['piu-session-based']); // the one fixed
    // Kate sends the edited text; the server then says what the CLI says.
    kate.notify('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: fixed }] });
    const expected = JSON.stringify(cliFindings(root).get(rel) ?? []);
    await kate.waitFor('the fixed file’s diagnostics', () => JSON.stringify(fromServer(kate?.published(uri) as never)) === expected);
  });

  it('Quick Fix on a finding without a fix: one "disable for this line" comment, which suppresses it and nothing else', async () => {
    const root = project();
    const rel = 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml';
    kate = await startKate(root);
    const { uri, text, diagnostics } = await open(kate, root, rel);
    const target = diagnostics.find((d) => d.code === 'unknown-user') as Diagnostic;
    const before = allFindings(root);
    const { actions, fixed } = await quickFix(kate, uri, text, target);
    expect(actions.map((a) => a.title)).toEqual(['Disable unknown-user for this line']);
    expect(xmlProblem(fixed)).toBeUndefined();
    writeFileSync(join(root, rel), fixed);
    const after = allFindings(root);
    expect(after.filter((l) => !before.includes(l))).toEqual([]); // no unused-disable, no other
    expect(before.filter((l) => !after.includes(l)).map((l) => l.split(' ')[1])).toEqual(['unknown-user']);
  });

  it('Quick Fix on unused-disable removes the comment', async () => {
    const root = project();
    const rel = 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml';
    const original = readFileSync(join(root, rel), 'utf8');
    writeFileSync(
      join(root, rel),
      original.replace('    <textColor>', '    <!-- iulint-disable-next-line piu-no-run-as -->\n    <textColor>'),
    );
    kate = await startKate(root);
    const { uri, text, diagnostics } = await open(kate, root, rel);
    const target = diagnostics.find((d) => d.code === 'unused-disable') as Diagnostic;
    const { actions, fixed } = await quickFix(kate, uri, text, target);
    expect(actions.map((a) => a.title)).toEqual(['Remove unused suppression']);
    expect(fixed).toBe(original);
  });

  it('the Code Action menu (Alt+Return) offers the actions of the cursor’s line, not only "Fix all"', async () => {
    const root = project();
    const rel = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
    kate = await startKate(root);
    const { uri, diagnostics } = await open(kate, root, rel);
    const line = (diagnostics.find((d) => d.code === 'piu-session-based') as Diagnostic).range.start.line;
    const actions = await kate.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(actions.map((a) => a.title)).toEqual(['Make it session-based (hasActivationRequired true)']);
  });

  it('Kate receives only standard LSP messages', async () => {
    const root = project();
    kate = await startKate(root);
    await open(kate, root, 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml');
    await kate.waitFor(
      'indexing to end',
      () =>
        kate?.messages.some((m) => m.method === '$/progress' && (m.params as { value: { kind: string } }).value.kind === 'end') ?? false,
    );
    expect(kate.methods().filter((m) => !STANDARD_SERVER_METHODS.has(m))).toEqual([]);
  });
});
