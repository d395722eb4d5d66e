import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  PublishDiagnosticsParams,
  WorkspaceDiagnosticReport,
  WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { TestClient } from './lspClient.js';
import { cliFindings, fileOf, fromServer } from './spelling.js';

/**
 * Every file's findings reach the editor once the project is indexed, with no command (issue 22): pushed
 * for every file with findings and cleared when they go, or in `workspace/diagnostic`; `scope:
 * "openFiles"` keeps them to the open files. Judged against a fresh CLI run.
 */
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function catalogue(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iulint-ws-')), 'catalogue');
  cpSync(projectPath('catalogue'), dir, { recursive: true });
  return dir;
}

/** What the client holds, by file relative to the root: only files with diagnostics. */
function held(root: string, published: Map<string, PublishDiagnosticsParams>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [uri, p] of published) if (p.diagnostics.length > 0) out.set(fileOf(root, uri), fromServer(p.diagnostics));
  return out;
}
const same = (a: Map<string, string[]>, b: Map<string, string[]>) =>
  JSON.stringify([...a].sort(([x], [y]) => (x < y ? -1 : 1))) === JSON.stringify([...b].sort(([x], [y]) => (x < y ? -1 : 1)));

const DASHBOARD = 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml';
const SCRIPT = 'scripts/setup-org.sh';

describe('push: every file with findings is published once the project is indexed, with no command', () => {
  it('the CLI’s findings for every file, under VS Code’s URIs; a finding that goes is cleared, a new one published', async () => {
    const root = catalogue();
    client = new TestClient();
    await client.initialize(root, { window: { workDoneProgress: true } });
    const expected = cliFindings(root);
    expect(expected.size).toBeGreaterThan(15);
    await client.waitFor((p) => same(held(root, p), expected), 20_000);
    expect([...client.published.keys()].every((u) => u === URI.file(URI.parse(u).fsPath).toString())).toBe(true);
    // Indexing was reported as progress.
    expect(
      client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'),
    ).toBe(true);

    // On disk, the dashboard's finding goes and the script gets one more: both reach the client.
    const dashboard = join(root, DASHBOARD);
    writeFileSync(dashboard, readFileSync(dashboard, 'utf8').replace('former.lead@acme.example.com', 'ops.reports@acme.example.com'));
    const clean = join(root, 'scripts/clean.sh');
    writeFileSync(clean, 'sf org login jwt --username cloud@00d5e000000abcdeaa --jwt-key-file server.key --client-id "$CLIENT_ID"\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: URI.file(dashboard).toString(), type: 2 },
        { uri: URI.file(clean).toString(), type: 1 },
      ],
    });
    const now = cliFindings(root);
    expect(now.has(DASHBOARD)).toBe(false);
    expect(now.has('scripts/clean.sh')).toBe(true);
    await client.waitFor((p) => same(held(root, p), now));
    expect(client.diagnostics(URI.file(dashboard).toString())).toEqual([]);
  });

  it('closing a document leaves its findings on disk; with scope "openFiles" they go, and unopened files wait for "Lint Workspace"', async () => {
    const root = catalogue();
    client = new TestClient();
    client.settings = { scope: 'openFiles' };
    await client.initialize(root, { workspace: { configuration: true }, window: { workDoneProgress: true } });
    const uri = await client.open(root, DASHBOARD);
    await client.waitFor((p) => (p.get(uri)?.diagnostics.length ?? 0) > 0);
    await client.waitFor(
      () =>
        client?.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end') ??
        false,
    );
    await sleep(500);
    expect([...held(root, client.published).keys()]).toEqual([DASHBOARD]);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor((p) => p.get(uri)?.diagnostics.length === 0);
    const expected = cliFindings(root); // once: a CLI run inside waitFor would stop this process from reading
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace' });
    await client.waitFor((p) => same(held(root, p), expected));

    // Scope "workspace" (the setting changes): a closed file keeps the findings of its text on disk.
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.clearProblems' });
    await client.waitFor((p) => held(root, p).size === 0);
    client.settings = { scope: 'workspace' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor((p) => same(held(root, p), expected));
    const reopened = await client.open(
      root,
      DASHBOARD,
      readFileSync(join(root, DASHBOARD), 'utf8').replace('former.lead@acme.example.com', 'cloud@00d5e000000abcdeaa'),
    );
    await client.waitFor((p) => (p.get(reopened)?.diagnostics ?? []).some((d) => d.code === 'piu-no-run-as'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: reopened } });
    // The unsaved edit is gone with the editor: the disk's finding is back.
    const disk = JSON.stringify(expected.get(DASHBOARD));
    await client.waitFor((p) => JSON.stringify(fromServer(p.get(reopened)?.diagnostics)) === disk);

    // Back to scope "openFiles": every file that is not open is cleared.
    client.settings = { scope: 'openFiles' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor((p) => held(root, p).size === 0);
  });

  it('a large project is published in batches while requests are still answered', async () => {
    const root = mkdtempSync(join(tmpdir(), 'iulint-ws-many-'));
    writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }));
    const dir = join(root, 'force-app/main/default/dashboards/Ops');
    mkdirSync(dir, { recursive: true });
    const N = 3000;
    for (let i = 0; i < N; i++)
      writeFileSync(
        join(dir, `D${i}.dashboard-meta.xml`),
        `<?xml version="1.0" encoding="UTF-8"?>\n<Dashboard xmlns="http://soap.sforce.com/2006/04/metadata">\n    <runningUser>cloud@00d5e000000abcdeaa</runningUser>\n    <title>T</title>\n</Dashboard>\n`,
      );
    client = new TestClient();
    await client.initialize(root);
    await client.waitFor((p) => p.size > 0, 60_000);
    // A request sent while the files are being published is answered before the last of them.
    const info = await client.connection.sendRequest<{ pid: number }>('iulint/serverInfo');
    const whenAnswered = client.published.size;
    expect(info.pid).toBeGreaterThan(0);
    expect(whenAnswered).toBeLessThan(N);
    await client.waitFor((p) => p.size === N, 120_000);
    expect([...client.published.values()].every((p) => p.diagnostics.map((d) => d.code).join() === 'piu-no-run-as')).toBe(true);
  });
});

/**
 * As VS Code's client pulls: a request, and another as soon as it is answered (with the result ids it
 * holds), until an answer passes `check`; returns that answer.
 */
async function pullUntil(
  c: TestClient,
  check: (r: WorkspaceDiagnosticReport) => boolean,
  ids: Array<{ uri: string; value: string }> = [],
  ms = 20_000,
): Promise<WorkspaceDiagnosticReport> {
  const deadline = Date.now() + ms;
  const held = new Map(ids.map((i) => [i.uri, i.value]));
  for (;;) {
    const r = await c.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', {
      previousResultIds: [...held].map(([uri, value]) => ({ uri, value })),
    });
    if (check(r)) return r;
    for (const i of r.items) if (i.resultId) held.set(i.uri, i.resultId);
    if (Date.now() > deadline) throw new Error(`no workspace report passed the check: last ${JSON.stringify(r).slice(0, 1000)}`);
  }
}

describe('pull: workspace/diagnostic reports every file with findings, with no command', () => {
  it('with result ids; a configuration error on disk appears and is cleared when fixed on disk, with no editor open on it', async () => {
    const root = catalogue();
    client = new TestClient();
    await client.initialize(root, { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } });
    const expected = cliFindings(root);
    const byFile = (r: WorkspaceDiagnosticReport) =>
      new Map(r.items.map((i) => [fileOf(root, i.uri), fromServer((i as WorkspaceFullDocumentDiagnosticReport).items)]));
    const first = await pullUntil(client, (r) => same(byFile(r), expected));
    expect(first.items.every((i) => typeof i.resultId === 'string' && i.version === null)).toBe(true);
    const ids = first.items.map((i) => ({ uri: i.uri, value: i.resultId as string }));

    // The configuration breaks on disk: an answer has its error; what did not change is "unchanged".
    const config = join(root, 'iulint.config.json');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, good.replace('"orgSnapshot"', '"colour": true,\n  "orgSnapshot"'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: URI.file(config).toString(), type: 2 }],
    });
    const configItem = (r: WorkspaceDiagnosticReport) => r.items.find((i) => fileOf(root, i.uri) === 'iulint.config.json');
    const broken = await pullUntil(client, (r) => configItem(r) !== undefined, ids);
    const error = configItem(broken) as WorkspaceFullDocumentDiagnosticReport;
    expect(error.items.map((d) => [d.code, d.message])).toEqual([['config', expect.stringContaining('Unknown setting "colour"')]]);
    expect(broken.items.filter((i) => i.kind === 'unchanged').length).toBeGreaterThan(10);

    // Fixed on disk, with no editor open on it: an empty report clears it.
    writeFileSync(config, good);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: URI.file(config).toString(), type: 2 }],
    });
    const fixed = await pullUntil(client, (r) => configItem(r) !== undefined, [
      ...ids,
      { uri: error.uri, value: error.resultId as string },
    ]);
    expect(configItem(fixed)).toMatchObject({ kind: 'full', items: [] });
  });

  it('a document pulled with findings is in the workspace report: cleared there when closed (scope "openFiles"), its disk’s findings (scope "workspace")', async () => {
    const root = catalogue();
    client = new TestClient();
    client.settings = { scope: 'openFiles' };
    await client.initialize(root, { textDocument: { diagnostic: {} }, workspace: { configuration: true } });
    const uri = await client.open(root, SCRIPT);
    const doc = await client.connection.sendRequest<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(doc.items.length).toBe(2);
    // What the document's pull reported stays in the workspace report while it is open (VS Code shows that
    // when the tab is hidden), from the editor's text, with its version.
    const open = await client.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    expect(open.items.map((i) => [i.uri, i.version, (i as WorkspaceFullDocumentDiagnosticReport).items.length])).toEqual([[uri, 1, 2]]);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const closed = await pullUntil(client, (r) => r.items.length > 0);
    expect(closed.items).toEqual([{ kind: 'full', uri, version: null, resultId: expect.any(String), items: [] }]);
    // Scope "workspace": the closed file's findings on disk.
    client.settings = { scope: 'workspace' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const covered = await pullUntil(client, (r) => r.items.some((i) => i.uri === uri));
    expect(fromServer((covered.items.find((i) => i.uri === uri) as WorkspaceFullDocumentDiagnosticReport).items)).toEqual(
      cliFindings(root).get(SCRIPT),
    );
  });
});

describe('every code a diagnostic carries links to a page that exists', () => {
  it('rules, unused-disable, forceignore, config and file-too-large: each codeDescription is a docs/rules page with its sections', async () => {
    const root = catalogue();
    // Each kind of code: the catalogue's rules and .forceignore, an unused suppression, a configuration
    // problem and a file over maxFileSize.
    const config = JSON.parse(readFileSync(join(root, 'iulint.config.json'), 'utf8'));
    writeFileSync(join(root, 'iulint.config.json'), JSON.stringify({ ...config, maxFileSize: 100_000, colour: true }, null, 2));
    const dashboard = join(root, DASHBOARD);
    writeFileSync(
      dashboard,
      readFileSync(dashboard, 'utf8').replace('    <textColor>', '    <!-- iulint-disable-next-line reserved-user -->\n    <textColor>'),
    );
    writeFileSync(
      join(root, 'force-app/main/default/dashboards/Ops/Big.dashboard-meta.xml'),
      readFileSync(dashboard, 'utf8').replace('</Dashboard>', `<!--${'x'.repeat(200_000)}--></Dashboard>`),
    );
    client = new TestClient();
    await client.initialize(root);
    const codesSeen = () => new Set([...client!.published.values()].flatMap((p) => p.diagnostics.map((d) => String(d.code))));
    await client.waitFor(() =>
      ['unused-disable', 'forceignore', 'config', 'file-too-large', 'piu-session-based'].every((c) => codesSeen().has(c)),
    );
    const docs = new URL('../../../docs/rules/', import.meta.url);
    for (const p of client.published.values())
      for (const d of p.diagnostics) {
        const href = d.codeDescription?.href ?? '';
        expect(href, `${d.code} has a link`).toBe(`https://github.com/iulint/iulint/blob/main/docs/rules/${d.code}.md`);
        const page = readFileSync(new URL(`${d.code}.md`, docs), 'utf8');
        expect(page.startsWith(`# ${d.code}\n`), String(d.code)).toBe(true);
        expect(page).toContain('\n## What it flags\n');
      }
    expect(codesSeen().size).toBeGreaterThan(12);
  });
});
