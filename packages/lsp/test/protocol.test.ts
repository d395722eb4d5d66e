import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExpected, projectPath, sortDiagnostics } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { severityName, xmlFiles } from './helpers.js';
import { TestClient } from './lspClient.js';

const SAMPLE = projectPath('sample');
let client: TestClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('iulint lsp --stdio (spawned, as an editor runs it)', () => {
  it('answers initialize with its capabilities and name', async () => {
    client = new TestClient();
    const result = await client.initialize(SAMPLE);
    expect(result.serverInfo?.name).toBe('iulint');
    expect(result.capabilities.textDocumentSync).toEqual({ openClose: true, change: 2, save: { includeText: false } });
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.iulint'] });
    expect(result.capabilities.hoverProvider).toBe(true);
    // A client without pull support gets push diagnostics only.
    expect(result.capabilities.diagnosticProvider).toBeUndefined();
  });

  it('publishes exactly the expected diagnostics for every opened file of the sample project', async () => {
    client = new TestClient();
    await client.initialize(SAMPLE);
    const files = xmlFiles(SAMPLE);
    const uris = new Map<string, string>();
    for (const f of files) uris.set(await client.open(SAMPLE, f), f);
    await client.waitFor((p) => [...uris.keys()].every((u) => p.has(u)));
    const actual = [];
    for (const [uri, file] of uris) {
      for (const d of client.diagnostics(uri) ?? []) {
        expect(d.source).toBe('iulint');
        expect(d.codeDescription?.href).toBe(`https://github.com/iulint/iulint/blob/main/docs/rules/${d.code}.md`);
        actual.push({ rule: String(d.code), file, range: d.range, severity: severityName(d.severity) });
      }
    }
    expect(sortDiagnostics(actual)).toEqual(loadExpected('sample'));
  });

  it('updates diagnostics on change, from the unsaved buffer, and clears them when fixed', async () => {
    client = new TestClient();
    await client.initialize(SAMPLE);
    const file = 'force-app/main/default/dashboards/Ops_Dashboards/Order_Health.dashboard-meta.xml';
    const uri = await client.open(SAMPLE, file);
    await client.waitFor((p) => p.get(uri)?.diagnostics.length === 1);
    const text = readFileSync(join(SAMPLE, file), 'utf8');
    await client.replace(uri, 2, text.replace('cloud@00d5e000000abcdeaa', 'ops.reports@acme.example.com'));
    await client.waitFor((p) => p.get(uri)?.version === 2);
    expect(client.diagnostics(uri)).toEqual([]);
    await client.replace(uri, 3, text.replace('<title>', '<title>R & D '));
    await client.waitFor((p) => p.get(uri)?.version === 3);
    expect(
      client
        .diagnostics(uri)
        ?.map((d) => d.code)
        .sort(),
    ).toEqual(['piu-no-run-as', 'xml-syntax']);
  });

  it('lints the first change of a document opened at version 0 (as eglot numbers them)', async () => {
    client = new TestClient();
    await client.initialize(SAMPLE);
    const file = 'force-app/main/default/dashboards/Ops_Dashboards/Pipeline.dashboard-meta.xml';
    const text = readFileSync(join(SAMPLE, file), 'utf8');
    const uri = URI.file(join(SAMPLE, file)).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 0, text } });
    await client.waitFor((p) => p.has(uri));
    await client.replace(uri, 1, text.replace('sales.ops@acme.example.com', 'cloud@00d5e000000abcdeaa'));
    await client.waitFor((p) => p.get(uri)?.version === 1);
    expect(client.diagnostics(uri)?.map((d) => d.code)).toEqual(['piu-no-run-as']);
  });

  it('writes nothing but protocol messages to stdout', async () => {
    client = new TestClient();
    await client.initialize(SAMPLE);
    const uri = await client.open(SAMPLE, 'x/profiles/Broken.profile-meta.xml', '<Profile><userLicense>Salesforce');
    await client.waitFor((p) => p.has(uri));
    await client.close();
    const raw = Buffer.concat(client.stdout).toString('utf8');
    // Every byte belongs to a framed message: Content-Length header, blank line, then that many bytes.
    let rest = Buffer.from(raw, 'utf8');
    let messages = 0;
    while (rest.length > 0) {
      const head = rest.subarray(0, rest.indexOf('\r\n\r\n')).toString('ascii');
      const length = Number(/^Content-Length: (\d+)$/m.exec(head)?.[1]);
      expect(Number.isInteger(length), `not a message header: ${head.slice(0, 80)}`).toBe(true);
      const body = rest.subarray(head.length + 4, head.length + 4 + length);
      expect(() => JSON.parse(body.toString('utf8'))).not.toThrow();
      rest = rest.subarray(head.length + 4 + length);
      messages++;
    }
    expect(messages).toBeGreaterThan(1);
    client = undefined;
  });

  it('ignores documents that are not Salesforce metadata', async () => {
    client = new TestClient();
    await client.initialize(SAMPLE);
    const readme = await client.open(SAMPLE, 'README.md');
    const uri = await client.open(SAMPLE, 'force-app/main/default/dashboards/Ops_Dashboards/Order_Health.dashboard-meta.xml');
    await client.waitFor((p) => p.has(uri));
    expect(client.published.has(readme)).toBe(false);
  });
});
