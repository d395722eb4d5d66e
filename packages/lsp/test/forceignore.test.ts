import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';
import { TestClient } from './lspClient.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const ARCHIVED = 'force-app/main/default/.archive/dashboards/Ops/Archived.dashboard-meta.xml';

describe('.forceignore in the editor', () => {
  it('its problems are diagnostics on it; a line the CLI cannot read neither kills the root nor hides the rest', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'iulint-forceignore-')), 'catalogue');
    cpSync(projectPath('catalogue'), root, { recursive: true });
    client = new TestClient();
    await client.initialize(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const file = await client.open(root, '.forceignore');
    const archived = await client.open(root, ARCHIVED);
    // Before the index is ready an open file is linted from its text alone; then the ignore files apply.
    await client.waitFor((p) => (p.get(file)?.diagnostics.length ?? 0) > 0 && p.get(archived)?.diagnostics.length === 0);
    expect(client.diagnostics(file)?.map((d) => [d.code, d.severity, d.range])).toEqual([
      ['forceignore', 2, { start: { line: 5, character: 9 }, end: { line: 5, character: 10 } }],
    ]);
    // The CLI's defaults keep dot-folders out of a deploy: no diagnostics there.
    expect(client.diagnostics(archived)).toEqual([]);

    // Changed on disk under an open, unmodified buffer: the editor reloads the buffer (didChange), then the
    // watcher reports the file. (An open buffer wins over the disk, so the reload is what carries the text.)
    writeFileSync(join(root, '.forceignore'), '**/legacy/\n+-[$/-\n');
    await client.replace(file, 2, '**/legacy/\n+-[$/-\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(root, '.forceignore')).href, type: 2 }],
    });
    await client.waitFor((p) => p.get(file)?.diagnostics[0]?.severity === 1);
    expect(client.diagnostics(file)?.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['forceignore', 1, 0]]);
    // As the CLI, which then applies none of the file: the archived dashboard would be deployed.
    await client.waitFor((p) => (p.get(archived)?.diagnostics.length ?? 0) > 0);
    expect(client.diagnostics(archived)?.map((d) => d.code)).toEqual(['piu-no-run-as']);
  });
});

describe('.forceignore in the CLI', () => {
  it('"[z-a]" (once exit 2, "internal error") and a line the CLI cannot read: findings with line and column, never exit 2', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'iulint-forceignore-cli-')), 'catalogue');
    cpSync(projectPath('catalogue'), root, { recursive: true });
    writeFileSync(join(root, '.forceignore'), '[z-a]\n**/legacy/\n');
    const clean = runCli(['check', root, '--format', 'json']);
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(1);
    expect(JSON.parse(clean.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'forceignore')).toEqual([]);
    writeFileSync(join(root, '.forceignore'), '[z-a]\n**/legacy/\n+-[$/-\n');
    const bad = runCli(['check', root, '--format', 'json']);
    expect(bad.stderr).toBe('');
    expect(bad.status).toBe(1);
    const findings = JSON.parse(bad.stdout).findings as Array<{
      ruleId: string;
      file: string;
      line: number;
      column: number;
      severity: string;
    }>;
    expect(findings.filter((f) => f.ruleId === 'forceignore').map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['.forceignore', 3, 1, 'error'],
    ]);
    // The CLI applies none of the file then: legacy/ and the dot-folder are deployed, so linted.
    expect(findings.some((f) => f.file.includes('/legacy/'))).toBe(true);
    expect(findings.some((f) => f.file.includes('/.archive/'))).toBe(true);
    const stylish = runCli(['check', root]);
    expect(stylish.stdout).toMatch(/\.forceignore\n\s+3:1\s+error\s+The Salesforce CLI cannot read this line/);
  });
});
