import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextEdit,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { xmlProblem } from './editors.js';
import { TestClient } from './lspClient.js';
import { RawServer } from './rawServer.js';
import { cliFindings, fileOf, fromServer } from './spelling.js';
import { STANDARD_SERVER_METHODS } from './standardMethods.js';

let client: TestClient | undefined;
let raw: RawServer | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  raw?.process.kill();
  raw = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DASHBOARD = (user: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Dashboard xmlns="http://soap.sforce.com/2006/04/metadata">\n    <dashboardType>SpecifiedUser</dashboardType>\n    <runningUser>${user}</runningUser>\n    <title>T</title>\n</Dashboard>\n`;

function copyCatalogue(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iulint-hygiene-')), 'catalogue');
  cpSync(projectPath('catalogue'), dir, { recursive: true });
  return dir;
}

/** A project with many dashboards (enough for a request to be cancelled midway). */
function manyDashboards(n: number): string {
  const root = mkdtempSync(join(tmpdir(), 'iulint-many-'));
  writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }));
  const dir = join(root, 'force-app/main/default/dashboards/Ops');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++)
    writeFileSync(join(dir, `D${i}.dashboard-meta.xml`), DASHBOARD(i % 2 ? 'cloud@00d5e000000abcdeaa' : 'ops@acme.com'));
  return root;
}

describe('before initialize, and broken frames (raw stdio)', () => {
  it('answers a request before initialize with -32002 and drops notifications before it', async () => {
    raw = new RawServer();
    const root = manyDashboards(1);
    const early = URI.file(join(root, 'force-app/main/default/dashboards/Ops/D0.dashboard-meta.xml')).toString();
    raw.send({ id: 1, method: 'textDocument/hover', params: { textDocument: { uri: early }, position: { line: 0, character: 0 } } });
    raw.send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: early, languageId: 'xml', version: 1, text: DASHBOARD('cloud@00d5e000000abcdeaa') } },
    });
    const refused = await raw.response(1);
    expect((refused.error as { code: number }).code).toBe(-32002);
    raw.send({ id: 2, method: 'initialize', params: { processId: null, rootUri: URI.file(root).toString(), capabilities: {} } });
    expect((await raw.response(2)).result).toBeDefined();
    raw.send({ method: 'initialized', params: {} });
    const late = URI.file(join(root, 'force-app/main/default/dashboards/Ops/Late.dashboard-meta.xml')).toString();
    raw.send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: late, languageId: 'xml', version: 1, text: DASHBOARD('cloud@00d5e000000abcdeaa') } },
    });
    const published = () =>
      raw?.messages.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => (m.params as { uri: string }).uri) ?? [];
    for (let i = 0; i < 200 && !published().includes(late); i++) await sleep(25);
    expect(published()).toContain(late);
    await sleep(300);
    expect(published()).not.toContain(early); // the open before initialize was dropped
  });

  it.each([
    ['a Content-Length that is not a number', 'Content-Length: abc'],
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8'],
  ])('exits non-zero with a message on stderr for %s (never a silent hang)', async (_name, header) => {
    raw = new RawServer();
    raw.frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}', header);
    const code = await Promise.race([raw.exit, sleep(5000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(raw.stderr).toMatch(/iulint: cannot read a message from the client \(.*Content-Length.*\); exiting/);
  });

  it('exits non-zero with a message for a Content-Length over the limit (256 MiB), instead of swallowing every later frame', async () => {
    raw = new RawServer();
    raw.frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}', `Content-Length: ${1e12}`);
    const code = await Promise.race([raw.exit, sleep(5000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(raw.stderr).toMatch(
      /iulint: cannot read a message from the client \(a Content-Length of 1000000000000 bytes is over the limit of 268435456 bytes \(256 MiB\)\); exiting/,
    );
  });

  it('exits non-zero with a message for a header that never ends (no blank line within 8 KiB)', async () => {
    raw = new RawServer();
    raw.process.stdin?.write(`Content-Length: 10\r\nX-Padding: ${'x'.repeat(9000)}`);
    const code = await Promise.race([raw.exit, sleep(5000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(raw.stderr).toContain('iulint: cannot read a message from the client (a message header longer than 8192 bytes); exiting');
  });

  it('answers a body that is not JSON with -32700 (id null) and goes on serving', async () => {
    raw = new RawServer();
    raw.frame('{not json}');
    raw.frame('[1, 2]');
    raw.frame('42');
    raw.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    expect((await raw.response(1)).result).toBeDefined();
    const errors = raw.messages.filter((m) => m.id === null).map((m) => (m.error as { code: number }).code);
    expect(errors).toEqual([-32700, -32600, -32600]);
    raw.frame('{"jsonrpc": oops');
    raw.send({ id: 2, method: 'iulint/serverInfo' });
    expect((await raw.response(2)).result).toMatchObject({ pid: raw.process.pid });
    expect(raw.messages.filter((m) => m.id === null)).toHaveLength(4);
    expect(raw.stderr).toContain('iulint: Parse error: the message is not JSON in UTF-8');
    expect(raw.process.exitCode).toBeNull();
  });

  it('answers a JSON object that is no message with -32600 (id null), as JSON-RPC 2.0 does, and goes on serving', async () => {
    raw = new RawServer();
    raw.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    expect((await raw.response(1)).result).toBeDefined();
    raw.frame('{}');
    raw.frame('{"jsonrpc": "2.0", "method": 1, "params": "bar"}'); // the JSON-RPC 2.0 specification's own example
    raw.frame('{"jsonrpc": "2.0", "id": {"a": 1}, "method": "iulint/serverInfo"}');
    raw.send({ id: 2, method: 'iulint/serverInfo' });
    expect((await raw.response(2)).result).toMatchObject({ pid: raw.process.pid });
    const errors = raw.messages.filter((m) => m.id === null).map((m) => (m.error as { code: number }).code);
    expect(errors).toEqual([-32600, -32600, -32600]);
    expect(raw.stderr).toContain('iulint: Invalid Request: its method must be a string; answered -32600 and went on');
  });

  it('reads frames split at every byte and frames packed together, in order', async () => {
    raw = new RawServer();
    const one = (id: number, method: string, params: unknown) => {
      const body = JSON.stringify({ jsonrpc: '2.0', id, method, params });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const init = one(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
    for (const ch of Buffer.from(init)) {
      raw.process.stdin?.write(Buffer.from([ch]));
    }
    expect((await raw.response(1)).result).toBeDefined();
    raw.process.stdin?.write(one(2, 'iulint/serverInfo', null) + one(3, 'iulint/serverInfo', null));
    expect((await raw.response(3)).result).toBeDefined();
    expect(raw.messages.findIndex((m) => m.id === 2)).toBeLessThan(raw.messages.findIndex((m) => m.id === 3));
  });
});

describe('invalid params', () => {
  it('answers -32602, not -32603 with a TypeError', async () => {
    client = new TestClient();
    await client.initialize(copyCatalogue(), { textDocument: { diagnostic: {} } });
    const code = (method: string, params: unknown) =>
      client?.connection.sendRequest(method, params).then(
        () => 'answered',
        (e: { code: number }) => e.code,
      );
    expect(await code('textDocument/codeAction', { textDocument: { uri: 'file:///x.xml' }, range: 'everything', context: {} })).toBe(
      -32602,
    );
    expect(
      await code('textDocument/codeAction', {
        textDocument: { uri: 'file:///x.xml' },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: 'all' },
      }),
    ).toBe(-32602);
    // A diagnostic whose range lacks its start (once a TypeError in the code-action handler).
    expect(
      await code('textDocument/codeAction', {
        textDocument: { uri: 'file:///x.xml' },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [{ range: { end: { line: 0, character: 1 } }, message: 'm' }] },
      }),
    ).toBe(-32602);
    expect(await code('textDocument/hover', { textDocument: {}, position: { line: 0, character: 0 } })).toBe(-32602);
    expect(await code('textDocument/hover', { textDocument: { uri: 'file:///x.xml' }, position: { line: -1, character: 'a' } })).toBe(
      -32602,
    );
    expect(await code('textDocument/diagnostic', { textDocument: null })).toBe(-32602);
    expect(await code('workspace/diagnostic', { previousResultIds: 'none' })).toBe(-32602);
    expect(await code('workspace/executeCommand', { command: 42 })).toBe(-32602);
  });
});

describe('pull mode', () => {
  it('iulint.lintWorkspace answers the real file count, the same as in push mode and as the report', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, { textDocument: { diagnostic: {} } });
    const pulled = await client.connection.sendRequest<{ files: number }>('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    const report = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    // The report holds the files with findings: as many as the CLI's, plus the snapshot file and .forceignore.
    expect(new Set(report.items.map((i) => fileOf(root, i.uri)))).toEqual(new Set(cliFindings(root).keys()));
    await client.close();
    client = new TestClient();
    await client.initialize(root);
    const pushed = await client.connection.sendRequest<{ files: number }>('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    expect(pushed.files).toBe(pulled.files);
    // The CLI's files plus the two it reports on without counting them: the snapshot file and .forceignore.
    const cli = JSON.parse((await import('./helpers.js')).runCli(['check', root, '--format', 'json']).stdout) as {
      summary: { filesChecked: number };
    };
    expect(pulled.files).toBe(cli.summary.filesChecked + 2);
  });

  it('a cancelled workspace/diagnostic stops linting', async () => {
    const root = manyDashboards(600);
    client = new TestClient();
    // Each file linted is traced (`$/logTrace`, standard protocol): how far the request went.
    let traced = 0;
    client.connection.onNotification('$/logTrace', (p: { message: string }) => {
      if (p.message.startsWith('iulint: validated')) traced++;
    });
    await client.initialize(root, { textDocument: { diagnostic: {} } });
    await client.connection.sendNotification('$/setTrace', { value: 'messages' });
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    const validated = () => traced;
    const source = new CancellationTokenSource();
    const answer = client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] }, source.token).then(
      () => 'answered',
      (e: { code: number }) => e.code,
    );
    for (let i = 0; i < 400 && validated() === 0; i++) await sleep(5);
    source.cancel();
    expect(await answer).toBe(-32800);
    const atCancel = validated();
    await sleep(1000);
    expect(validated()).toBeLessThan(600);
    expect(validated() - atCancel).toBeLessThan(50); // it stopped soon after the cancellation
    // The next request is answered at once, in full: the cancelled one did not count as an answer.
    const next = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    expect(next.items.length).toBe(300); // the files with a finding
  });

  it('answers unchanged reports by result id', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, { textDocument: { diagnostic: {} } });
    const CONNECTOR = join(root, 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml');
    const uri = await client.openUri(URI.file(CONNECTOR).toString(), readFileSync(CONNECTOR, 'utf8'));
    const first = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    expect(first.kind).toBe('full');
    const id = (first as { resultId: string }).resultId;
    expect(typeof id).toBe('string');
    const again = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: id,
    });
    expect(again).toEqual({ kind: 'unchanged', resultId: id });
    await client.replace(uri, 2, readFileSync(CONNECTOR, 'utf8').replace('<hasActivationRequired>false', '<hasActivationRequired>true'));
    const changed = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: id,
    });
    expect(changed.kind).toBe('full');

    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    const all = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const ids = all.items.map((i) => ({ uri: i.uri, value: (i as { resultId: string }).resultId }));
    expect(ids.every((i) => typeof i.value === 'string')).toBe(true);
    // Something changes (a file on disk): the next answer repeats only what changed.
    const appPath = join(root, 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml');
    writeFileSync(appPath, readFileSync(appPath, 'utf8').replace('former.lead@acme.example.com', 'cloud@00d5e000000abcdeaa'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: URI.file(appPath).toString(), type: 2 }],
    });
    // As a client does: asks again as soon as it is answered, until the change is there.
    let report: WorkspaceDiagnosticReport;
    for (;;) {
      report = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: ids });
      if (report.items.some((i) => i.kind === 'full')) break;
    }
    const full = report.items.filter((i) => i.kind === 'full').map((i) => fileOf(root, i.uri));
    expect(full).toEqual(['force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml']);
    expect(report.items.filter((i) => i.kind === 'unchanged').length).toBe(all.items.length - 1);
  });
});

describe('settings and races', () => {
  it('fetches settings once per root, not once per file', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, { workspace: { configuration: true } });
    for (const rel of [
      'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml',
      'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml',
      'config/erp-user-def.json',
    ])
      await client.open(root, rel);
    await client.waitFor((p) => p.size === 3);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    const asked = client.requests.filter((r) => r.method === 'workspace/configuration');
    expect(asked).toHaveLength(1);
    expect((asked[0] as { params: { items: Array<{ scopeUri: string }> } }).params.items).toEqual([
      { scopeUri: URI.file(root).toString(), section: 'iulint' },
    ]);
  });

  it('a change waiting for settings does not bring back a closed document’s text', async () => {
    const root = copyCatalogue();
    const rel = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
    client = new TestClient();
    await client.initialize(root, { workspace: { configuration: true } });
    const uri = await client.open(root, rel);
    await client.waitFor((p) => p.has(uri));
    client.configurationDelayMs = 400;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // The edit waits for the settings; the document is closed meanwhile: the disk is the truth again.
    await client.replace(
      uri,
      2,
      readFileSync(join(root, rel), 'utf8').replace('<hasActivationRequired>false', '<hasActivationRequired>true'),
    );
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await sleep(900);
    // Closed, the file's findings are the disk's (scope "workspace" keeps them), also after "Lint Workspace".
    expect(fromServer(client.diagnostics(uri))).toEqual(cliFindings(root).get(rel));
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    await sleep(300);
    expect(fromServer(client.diagnostics(uri))).toEqual(cliFindings(root).get(rel));
    expect(fromServer(client.diagnostics(uri)).some((l) => l.startsWith('piu-session-based'))).toBe(true);
  });

  it('with run: onSave, code actions use the current text, not the facts of the last save', async () => {
    const root = copyCatalogue();
    const rel = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
    const text = readFileSync(join(root, rel), 'utf8');
    client = new TestClient();
    client.settings = { run: 'onSave' };
    await client.initialize(root, { workspace: { configuration: true }, window: { workDoneProgress: true } });
    const uri = await client.open(root, rel);
    await client.waitFor((p) => p.has(uri));
    // The index is ready (it holds the opened text) before the unsaved edit.
    await client.waitFor(
      () =>
        client?.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end') ??
        false,
    );
    const diagnostic = client.diagnostics(uri)?.find((d) => d.code === 'piu-session-based') as Diagnostic;
    // An unsaved edit moves the finding two lines down; the editor moves its marker with it.
    const edited = text.replace('<description>', '<!-- a -->\n    <!-- b -->\n    <description>');
    await client.replace(uri, 2, edited);
    const moved = {
      ...diagnostic,
      range: {
        start: { ...diagnostic.range.start, line: diagnostic.range.start.line + 2 },
        end: { ...diagnostic.range.end, line: diagnostic.range.end.line + 2 },
      },
    };
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: moved.range,
      context: { diagnostics: [moved], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.isPreferred);
    expect(fix?.edit?.changes?.[uri]).toEqual([{ range: moved.range, newText: 'true' }]);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'xml', 2, edited), fix?.edit?.changes?.[uri] as TextEdit[]);
    expect(xmlProblem(fixed)).toBeUndefined();
    expect(fixed).toContain('<hasActivationRequired>true</hasActivationRequired>');
  });
});

describe('org snapshot findings in the editor', () => {
  const SNAPSHOT = '.iulint/snapshot/User.json';

  it('push: an open snapshot file gets the CLI’s findings, and an edit of its buffer is read', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root);
    const text = readFileSync(join(root, SNAPSHOT), 'utf8');
    const uri = await client.open(root, SNAPSHOT);
    const expected = cliFindings(root).get(SNAPSHOT);
    expect(expected?.[0]).toMatch(/^integration-deprecated-profile/);
    await client.waitFor((p) => JSON.stringify(fromServer(p.get(uri)?.diagnostics)) === JSON.stringify(expected));
    await client.replace(uri, 2, text.replace('Salesforce API Only System Integrations', 'Minimum Access - API Only Integrations'));
    await client.waitFor((p) => p.get(uri)?.version === 2 && p.get(uri)?.diagnostics.length === 0);
  });

  it('pull and workspace mode report the snapshot file too', async () => {
    const root = copyCatalogue();
    const expected = cliFindings(root).get(SNAPSHOT);
    client = new TestClient();
    await client.initialize(root, { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } });
    const uri = await client.open(root, SNAPSHOT);
    // As a pull client does: it pulls again when the server asks (the index is ready).
    await client.waitFor(() => client?.requests.some((r) => r.method === 'workspace/diagnostic/refresh') ?? false);
    const report = (await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri },
    })) as {
      items: Diagnostic[];
    };
    expect(fromServer(report.items)).toEqual(expected);
    // Closed, the snapshot file is in the workspace report (open documents are pulled one by one).
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const all = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const item = all.items.find((i) => fileOf(root, i.uri) === SNAPSHOT) as { items: Diagnostic[] } | undefined;
    expect(fromServer(item?.items)).toEqual(expected);
    await client.close();
    client = new TestClient();
    await client.initialize(root);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    await client.waitFor((p) => p.has(URI.file(join(root, SNAPSHOT)).toString()));
    expect(fromServer(client.diagnostics(URI.file(join(root, SNAPSHOT)).toString()))).toEqual(expected);
  });
});

describe('a plain client: rooted anywhere in the project, and only standard protocol', () => {
  /** A copy of the catalogue project, with no .git (eglot then roots a workspace at the opened file's folder). */
  function catalogue(): string {
    const root = join(mkdtempSync(join(tmpdir(), 'iulint-plain-')), 'catalogue');
    cpSync(projectPath('catalogue'), root, { recursive: true });
    return root;
  }
  const USERS = ['config/erp-user-def.json', 'config/boomi-user-def.json', 'config/reporting-user-def.json', 'config/piu-user-def.json'];

  /** Opens the user definitions and waits until each has the CLI's findings; then hovers on the ERP user's profile. */
  async function session(r: RawServer, root: string): Promise<string> {
    const expected = cliFindings(root);
    for (const rel of USERS) {
      const uri = URI.file(join(root, rel)).toString();
      r.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'json', version: 0, text: readFileSync(join(root, rel), 'utf8') },
      });
    }
    for (const rel of USERS) {
      const uri = URI.file(join(root, rel)).toString();
      const want = JSON.stringify(expected.get(rel) ?? []);
      await r.waitFor(`the CLI's findings on ${rel}`, () => JSON.stringify(fromServer(r.published(uri) as never)) === want);
    }
    expect(expected.get('config/boomi-user-def.json')?.length).toBeGreaterThan(0); // some need the profiles of force-app/
    const hover = await r.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: URI.file(join(root, USERS[0] as string)).toString() },
      position: { line: 9, character: 20 },
    });
    return hover?.contents.value ?? '';
  }

  it('rooted in a sub-folder of a project without .git (as eglot roots it): the CLI’s findings and the project’s licences', async () => {
    const root = catalogue();
    raw = new RawServer();
    const folder = URI.file(join(root, 'config')).toString();
    await raw.request('initialize', {
      processId: null,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'config' }],
      capabilities: {},
    });
    raw.notify('initialized', {});
    expect(await session(raw, root)).toContain('Licence: **Salesforce Integration**');
  });

  it('with no root at all: the project is found upward from the file', async () => {
    const root = catalogue();
    raw = new RawServer();
    await raw.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    raw.notify('initialized', {});
    expect(await session(raw, root)).toContain('Licence: **Salesforce Integration**');
  });

  it('receives only standard LSP messages through a whole session; a client that declares iulintStatus gets iulint/status too', async () => {
    const root = catalogue();
    const rel = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
    const uri = URI.file(join(root, rel)).toString();
    const text = readFileSync(join(root, rel), 'utf8');
    const run = async (capabilities: Record<string, unknown>) => {
      const r = new RawServer();
      await r.request('initialize', { processId: null, rootUri: URI.file(root).toString(), capabilities });
      r.notify('initialized', {});
      r.notify('$/setTrace', { value: 'verbose' });
      r.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 0, text } });
      await r.waitFor('diagnostics', () => (r.published(uri)?.length ?? 0) > 0);
      r.notify('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: text.replace('false', 'true') }] });
      await r.waitFor('the edit', () => !(r.published(uri) ?? []).some((d) => d.code === 'piu-session-based'));
      await r.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 30 } });
      await r.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } },
        context: { diagnostics: [] },
      });
      await r.request('workspace/executeCommand', { command: 'iulint.showRuleDocumentation', arguments: ['piu-session-based'] });
      await r.request('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
      await sleep(300);
      await r.close();
      return r.methods();
    };
    const plain = await run({ window: { workDoneProgress: true } });
    expect(plain).toContain('textDocument/publishDiagnostics');
    expect(plain.filter((m) => !STANDARD_SERVER_METHODS.has(m))).toEqual([]);
    const asking = await run({ experimental: { iulintStatus: true } });
    expect(asking).toContain('iulint/status');
  });
});
