import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Hover, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { TestClient } from './lspClient.js';

const PROFILE = 'force-app/main/default/profiles/ERP Integration.profile-meta.xml';
const USER = 'config/erp-user-def.json';
const APP = 'force-app/main/default/connectedApps/ERP_Sync.connectedApp-meta.xml';
const CONNECTOR = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
const DASHBOARD = 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** A fresh copy of the catalogue project, so tests may change files on disk. */
function copyCatalogue(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iulint-lsp-')), 'catalogue');
  cpSync(projectPath('catalogue'), dir, { recursive: true });
  return dir;
}

const uri = (root: string, rel: string) => URI.file(join(root, rel)).toString();
const codes = (d: Diagnostic[] | undefined) => (d ?? []).map((x) => String(x.code)).sort();
const withSalesforceLicence = (root: string) =>
  readFileSync(join(root, PROFILE), 'utf8').replace(
    '<userLicense>Salesforce Integration</userLicense>',
    '<userLicense>Salesforce</userLicense>',
  );

describe('cross-file changes refresh dependants', () => {
  it('push client: editing a profile licence updates an open user definition without reopening it', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root);
    const userUri = await client.open(root, USER);
    const profileUri = await client.open(root, PROFILE);
    await client.waitFor((p) => p.has(userUri) && p.has(profileUri));
    expect(codes(client.diagnostics(userUri))).toEqual([]);
    await client.replace(profileUri, 2, withSalesforceLicence(root));
    await client.waitFor((p) => codes(p.get(userUri)?.diagnostics).includes('integration-user-license'));
    expect(codes(client.diagnostics(userUri))).toEqual(['integration-user-license']);
    expect(client.diagnostics(userUri)?.[0]?.relatedInformation?.[0]?.location.uri).toBe(profileUri);
  });

  it('pull client: the server asks for a refresh and the pulled report is new', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    const init = await client.initialize(root, {
      textDocument: { diagnostic: { dynamicRegistration: false } },
      workspace: { diagnostics: { refreshSupport: true } },
    });
    expect(init.capabilities.diagnosticProvider).toEqual({ identifier: 'iulint', interFileDependencies: true, workspaceDiagnostics: true });
    const userUri = await client.open(root, USER);
    const profileUri = await client.open(root, PROFILE);
    const pullUser = () =>
      client?.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: userUri } });
    await client.waitFor(() => client?.requests.some((r) => r.method === 'workspace/diagnostic/refresh') ?? false);
    const first = (await pullUser()) as { kind: string; items: Diagnostic[] };
    expect(first.kind).toBe('full');
    expect(codes(first.items)).toEqual([]);
    const before = client.requests.length;
    await client.replace(profileUri, 2, withSalesforceLicence(root));
    await client.waitFor(() => client?.requests.slice(before).some((r) => r.method === 'workspace/diagnostic/refresh') ?? false);
    const report = (await pullUser()) as { kind: string; items: Diagnostic[] };
    expect(report.kind).toBe('full');
    expect(codes(report.items)).toEqual(['integration-user-license']);
    expect(client.published.size).toBe(0); // a pull client gets no pushed diagnostics
  });

  it('a file changed on disk (watched files) refreshes its open dependants', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const appUri = await client.open(root, APP);
    await client.waitFor((p) => p.has(appUri));
    await client.waitFor(() => client?.requests.some((r) => r.method === 'client/registerCapability') ?? false);
    expect(codes(client.diagnostics(appUri))).toEqual([]);
    writeFileSync(join(root, USER), readFileSync(join(root, USER), 'utf8').replace('"ERP Integration"', '"System Administrator"'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(root, USER), type: 2 }] });
    await client.waitFor((p) => codes(p.get(appUri)?.diagnostics).includes('integration-user-license'));
  });
});

describe('configuration and ignore files are picked up without a restart', () => {
  it('a changed iulint.config.json and .forceignore, reported as watched files, apply at once', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const u = await client.open(root, CONNECTOR);
    await client.waitFor((p) => codes(p.get(u)?.diagnostics).includes('piu-consent-scope'));
    writeFileSync(
      join(root, 'iulint.config.json'),
      JSON.stringify({ orgSnapshot: '.iulint/snapshot', rules: { 'piu-consent-scope': 'off' } }),
    );
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri(root, 'iulint.config.json'), type: 2 }],
    });
    await client.waitFor((p) => !codes(p.get(u)?.diagnostics).includes('piu-consent-scope'));
    expect(codes(client.diagnostics(u))).toEqual(['piu-session-based']);
    const app = await client.open(root, 'force-app/main/default/permissionsets/Legacy_Full_Access.permissionset-meta.xml');
    await client.waitFor((p) => codes(p.get(app)?.diagnostics).includes('integration-permission-set-license'));
    writeFileSync(join(root, '.forceignore'), '**/permissionsets/**\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(root, '.forceignore'), type: 1 }] });
    // An ignored file gets no diagnostics (it had integration-permission-set-license before).
    await client.waitFor((p) => p.has(app) && codes(p.get(app)?.diagnostics).length === 0);
    expect(codes(client.diagnostics(app))).toEqual([]);
  });
});

describe('workspace diagnostics and commands', () => {
  it('workspace/diagnostic reports files that are not open', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, { textDocument: { diagnostic: {} } });
    const before = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    expect(before.items).toEqual([]); // files that are not open wait for "Lint Workspace"
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace', arguments: [] });
    const report = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const byFile = new Map(report.items.map((i) => [i.uri, codes((i as { items: Diagnostic[] }).items)]));
    expect(byFile.get(uri(root, CONNECTOR))).toEqual(['piu-consent-scope', 'piu-session-based']);
    expect(byFile.get(uri(root, 'scripts/setup-org.sh'))).toEqual(['piu-no-edit', 'piu-no-login']);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.clearProblems', arguments: [] });
    const cleared = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    expect(cleared.items.length).toBe(report.items.length);
    expect(cleared.items.every((i) => (i as { items: Diagnostic[] }).items.length === 0)).toBe(true);
  });

  it("a file over maxFileSize and the configuration's problems are reported on those files, open or not (core's report)", async () => {
    const root = copyCatalogue();
    const config = { orgSnapshot: '.iulint/snapshot', integrationUsers: ['svc.*@acme.example.com'], maxFileSize: 100_000, colour: true };
    writeFileSync(join(root, 'iulint.config.json'), JSON.stringify(config, null, 2));
    const big = 'force-app/main/default/dashboards/Ops/Big.dashboard-meta.xml';
    writeFileSync(
      join(root, big),
      readFileSync(join(root, DASHBOARD), 'utf8').replace('</Dashboard>', `<!--${'x'.repeat(200_000)}--></Dashboard>`),
    );
    client = new TestClient();
    await client.initialize(root);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace', arguments: [] });
    const configUri = uri(root, 'iulint.config.json');
    await client.waitFor((p) => p.has(uri(root, big)) && p.has(configUri));
    expect(client.diagnostics(uri(root, big))).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 3,
        code: 'file-too-large',
        source: 'iulint',
        message: 'iulint skipped this file: it is larger than maxFileSize (0 MB); raise "maxFileSize" in iulint.config.json to lint it.',
      },
    ]);
    expect(client.diagnostics(configUri)?.map((d) => [d.code, d.severity, String(d.message).split(' (')[0], d.range.start.line])).toEqual([
      ['config', 1, 'Unknown setting "colour"', 6],
    ]);
  });

  it('iulint.lintWorkspace publishes every file, iulint.clearProblems clears the unopened ones', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace', arguments: [] });
    await client.waitFor((p) => p.has(uri(root, CONNECTOR)) && p.has(uri(root, 'data/system-users.json')));
    expect(codes(client.diagnostics(uri(root, 'data/system-users.json')))).toEqual(['piu-no-edit', 'reserved-user']);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.clearProblems', arguments: [] });
    await client.waitFor((p) => p.get(uri(root, CONNECTOR))?.diagnostics.length === 0);
  });

  it('traces each validation through $/logTrace when the client asks for a trace', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    const traces: string[] = [];
    client.connection.onNotification('$/logTrace', (p: { message: string }) => {
      traces.push(p.message);
    });
    await client.initialize(root);
    await client.connection.sendNotification('$/setTrace', { value: 'messages' });
    const u = await client.open(root, CONNECTOR);
    await client.waitFor((p) => p.has(u));
    await client.waitFor(() => traces.some((t) => t.includes('validated') && t.includes('Data_Cloud_Connector')));
    expect(traces.find((t) => t.includes('validated'))).toMatch(/^iulint: validated file:\/\/.* in [\d.]+ ms \(\d+ diagnostics\)$/);
  });

  it('reports indexing progress and a status with the validation time', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, { window: { workDoneProgress: true } });
    const u = await client.open(root, CONNECTOR);
    await client.waitFor((p) => p.has(u));
    await client.waitFor(
      () =>
        client?.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end') ??
        false,
    );
    expect(client.requests.some((r) => r.method === 'window/workDoneProgress/create')).toBe(true);
    const status = client.notifications.find((n) => n.method === 'iulint/status')?.params as {
      uri: string;
      state: string;
      validationTimeMs: number;
    };
    expect(status.state).toBe('error');
    expect(typeof status.validationTimeMs).toBe('number');
  });
});

describe('code actions, hover and settings', () => {
  it('offers the quick fix, disable comments and fix-all', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root);
    const u = await client.open(root, CONNECTOR);
    await client.waitFor((p) => (p.get(u)?.diagnostics.length ?? 0) > 0);
    const diag = client.diagnostics(u)?.find((d) => d.code === 'piu-session-based') as Diagnostic;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    expect(actions.map((a) => a.title)).toEqual([
      'Make it session-based (hasActivationRequired true)',
      'Disable piu-session-based for this line',
      'Disable piu-session-based for this file',
    ]); // fix-all would repeat the quick fix's edit, so it is left out of this answer
    expect(actions[0]?.edit?.changes?.[u]).toEqual([{ range: diag.range, newText: 'true' }]);
    expect(actions[1]?.edit?.changes?.[u]?.[0]?.newText).toBe('    <!-- iulint-disable-next-line piu-session-based -->\n');
    expect(actions[2]?.edit?.changes?.[u]?.[0]).toEqual({
      range: { start: { line: 0, character: 38 }, end: { line: 0, character: 38 } },
      newText: '\n<!-- iulint-disable-file piu-session-based -->',
    });
    const only = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: diag.range,
      context: { diagnostics: [], only: ['source.fixAll.iulint'] },
    });
    expect(only.map((a) => a.kind)).toEqual(['source.fixAll.iulint']);
    expect(only[0]?.edit?.changes?.[u]).toEqual([{ range: diag.range, newText: 'true' }]);
  });

  it('explains users and licences on hover', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root);
    const u = await client.open(root, DASHBOARD);
    await client.waitFor((p) => p.has(u));
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: u },
      position: { line: 6, character: 22 },
    });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain('`Dashboard.runningUser` is a run-as element');
    expect(text).toContain('**former.lead@acme.example.com** is an ordinary user');
    expect(text).toContain('Licence: **Salesforce**, from the org snapshot');
    expect(text).toContain('Org snapshot: inactive');
    const p = await client.open(root, PROFILE);
    await client.waitFor((x) => x.has(p));
    const licence = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: p },
      position: { line: 4, character: 20 },
    });
    expect((licence.contents as { value: string }).value).toContain('**Salesforce Integration**: the API-only, least-privilege licence');
    const user = await client.open(root, USER);
    await client.waitFor((x) => x.has(user));
    const who = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: user },
      position: { line: 1, character: 20 },
    });
    expect((who.contents as { value: string }).value).toContain('**erp.sync@acme.example.com** is an integration user:');
  });

  it('takes settings from initializationOptions when the client has no workspace/configuration', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    await client.initialize(root, {}, { rules: { customizations: [{ rule: '*', severity: 'warning' }] } });
    const u = await client.open(root, CONNECTOR);
    await client.waitFor((p) => (p.get(u)?.diagnostics.length ?? 0) > 0);
    expect(client.diagnostics(u)?.map((d) => d.severity)).toEqual([2, 2]);
  });

  it('applies severity customizations from workspace/configuration in the editor only', async () => {
    const root = copyCatalogue();
    client = new TestClient();
    client.settings = {
      rules: {
        customizations: [
          { rule: 'piu-consent-scope', severity: 'off' },
          { rule: 'piu-session-*', severity: 'info' },
        ],
      },
    };
    await client.initialize(root, { workspace: { configuration: true } });
    const u = await client.open(root, CONNECTOR);
    await client.waitFor((p) => (p.get(u)?.diagnostics.length ?? 0) > 0);
    expect(client.diagnostics(u)?.map((d) => [d.code, d.severity])).toEqual([['piu-session-based', 3]]);
  });
});
