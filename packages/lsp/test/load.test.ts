import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProfile } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { CancellationTokenSource, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const codes = (d: Diagnostic[] | undefined) => (d ?? []).map((x) => String(x.code)).sort();
const LAST_EDIT_CODES = ['integration-user-license'];

/** The server's resident memory, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'iulint-load-'));
  writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }));
  mkdirSync(join(root, 'force-app/main/default/profiles'), { recursive: true });
  mkdirSync(join(root, 'force-app/main/default/dashboards/Ops'), { recursive: true });
  return root;
}

describe('reliability under faults and load', () => {
  it('keeps serving after a request fails', async () => {
    const root = project();
    client = new TestClient();
    await client.initialize(root);
    // A request whose handler throws (a URI that is not a string) is answered with an error.
    // Invalid params (a URI that is not a string) are answered -32602, not with a TypeError.
    const failed = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 42 }, position: null }).then(
      (r) => `answered ${JSON.stringify(r)}`,
      (e: { code: number; message: string }) => `error ${e.code}: ${e.message}`,
    );
    expect(failed).toBe('error -32602: textDocument.uri must be a string');
    const unknown = await client.connection.sendRequest('iulint/noSuchMethod', {}).then(
      () => 'answered',
      (e: Error) => `error: ${e.message}`,
    );
    expect(unknown).toMatch(/^error: Unhandled method iulint\/noSuchMethod/);
    const file = 'force-app/main/default/dashboards/Ops/D.dashboard-meta.xml';
    const uri = await client.open(root, file, '<Dashboard><runningUser>cloud@00d5e000000abcdeaa</runningUser></Dashboard>');
    await client.waitFor((p) => (p.get(uri)?.diagnostics.length ?? 0) === 1);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 30 },
    });
    expect(JSON.stringify(hover)).toContain('Platform Integration User');
  });

  it('takes 1,000 rapid edits of a 4 MB profile (with cancellations) and 200 files opened at once, answers correctly, and gives its memory back', async () => {
    const root = project();
    const profilePath = join(root, 'force-app/main/default/profiles/Big.profile-meta.xml');
    const text = generateProfile({ bytes: 4 * 1024 * 1024, seed: 9, license: 'Salesforce Integration', apiOnly: true });
    writeFileSync(profilePath, text);
    client = new TestClient();
    await client.initialize(root);
    const info = await client.connection.sendRequest<{ pid: number }>('iulint/serverInfo');
    const uri = await client.open(root, 'force-app/main/default/profiles/Big.profile-meta.xml', text);
    await client.waitFor((p) => p.has(uri), 30_000);
    const baseline = rssMb(info.pid);
    expect(client.diagnostics(uri)).toEqual([]); // "Salesforce Integration", API-only access: no finding
    const hovers: Array<string | number> = [];

    // 1,000 edits of the licence value, sent as fast as possible, with hovers cancelled midway.
    const at = text.indexOf('<userLicense>') + '<userLicense>'.length;
    const lines = text.slice(0, at).split('\n');
    const pos = { line: lines.length - 1, character: (lines[lines.length - 1] as string).length };
    let licence = 'Salesforce Integration';
    for (let v = 2; v <= 1001; v++) {
      // Alternate between "Salesforce" and "Salesforce Integration", ending on "Salesforce".
      const next = v % 2 ? 'Salesforce' : 'Salesforce Integration';
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + licence.length } }, text: next }],
      });
      licence = next;
      if (v % 100 === 0) {
        const source = new CancellationTokenSource();
        const pending = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos }, source.token).then(
          () => 'answered',
          (e: { code: number }) => e.code,
        );
        source.cancel();
        hovers.push(await pending);
      }
    }
    // The server reads the token: cancelled hovers are answered RequestCancelled (-32800), not with a result.
    expect(hovers).toHaveLength(10);
    expect(hovers.filter((h) => h === -32800).length).toBeGreaterThan(0);
    expect(hovers.every((h) => h === -32800 || h === 'answered')).toBe(true);
    // The last version wins: an API-only profile on the general "Salesforce" licence.
    await client.waitFor((p) => p.get(uri)?.version === 1001, 30_000);
    expect(codes(client.diagnostics(uri))).toEqual(LAST_EDIT_CODES);

    // 200 files at once.
    const uris: string[] = [];
    for (let i = 0; i < 200; i++) {
      uris.push(
        await client.open(
          root,
          `force-app/main/default/dashboards/Ops/D${i}.dashboard-meta.xml`,
          `<Dashboard><runningUser>${i % 2 ? 'cloud@00d5e000000abcdeaa' : 'ops@acme.com'}</runningUser></Dashboard>`,
        ),
      );
    }
    await client.waitFor((p) => uris.every((u) => p.has(u)), 30_000);
    expect(uris.filter((u) => (client?.diagnostics(u)?.length ?? 0) === 1)).toHaveLength(100);
    for (const u of uris) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });

    // Memory returns near where it was before the burst (a few MB of noise allowed for V8's heap).
    await new Promise((r) => setTimeout(r, 1500));
    const after = rssMb(info.pid);
    expect(after, `RSS ${baseline.toFixed(0)} MB before, ${after.toFixed(0)} MB after`).toBeLessThan(baseline + 120);
  }, 120_000);
});
