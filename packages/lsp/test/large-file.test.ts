import { spawn, spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProfile } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { BIN, SFDX_PROJECT, writeFiles } from './helpers.js';

/**
 * A file within maxFileSize (64 MB) never takes the process down: a 60 MB profile and 60 MB of open tags
 * (over a gigabyte of memory to read today; cutting that is the performance work's), linted by the built
 * CLI. With Node's heap held to 300 MB, as a small CI runner or NODE_OPTIONS may hold it, iulint 0.1 ended
 * with "FATAL ERROR: Reached heap limit" (SIGABRT); now such a file is read in a child process of its own
 * and, if that runs out of memory, skipped with a message, and the rest of the project is still linted.
 */
const D = 'force-app/main/default';
const MB = 1024 * 1024;

function project(files: Record<string, string>): string {
  return writeFiles('iulint-large-', { 'sfdx-project.json': SFDX_PROJECT, ...files });
}

function check(root: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'check', root, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 600_000,
    maxBuffer: 1 << 26,
  });
  expect(r.signal, `killed: ${r.stderr.slice(0, 400)}`).toBeNull();
  expect([0, 1], r.stderr.slice(0, 2000)).toContain(r.status);
  return {
    report: JSON.parse(r.stdout) as { summary: { filesChecked: number }; findings: Array<{ ruleId: string; file: string }> },
    stderr: r.stderr,
  };
}

describe('a file within maxFileSize never takes the process down', () => {
  it('a 60 MB profile is linted', () => {
    const root = project({
      [`${D}/profiles/Big.profile-meta.xml`]: generateProfile({ bytes: 60 * MB, license: 'Salesforce Integration', apiOnly: true }),
    });
    const { report } = check(root);
    expect(report.summary.filesChecked).toBe(1);
  }, 600_000);

  it('with a 300 MB heap, 60 MB of open tags is skipped with a message and the rest is still linted', () => {
    const root = project({
      [`${D}/profiles/Big.profile-meta.xml`]: generateProfile({ bytes: 60 * MB }),
      [`${D}/permissionsets/Open.permissionset-meta.xml`]: `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">${'<a>'.repeat(20 * MB)}`,
      [`${D}/profiles/Small.profile-meta.xml`]:
        '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true <bad</custom>\n</Profile>\n',
    });
    const { report, stderr } = check(root, { NODE_OPTIONS: '--max-old-space-size=300' });
    expect(stderr).not.toContain('FATAL ERROR');
    // Each file is linted, or named on stderr as skipped for memory: none is lost, none ends the run.
    const skipped = ['permissionsets/Open.permissionset-meta.xml', 'profiles/Big.profile-meta.xml'].filter((name) =>
      stderr.includes(`${name}: iulint ran out of memory reading it (60.0 MB); it is skipped`),
    );
    expect(report.summary.filesChecked + skipped.length, stderr.slice(0, 1000)).toBe(3);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}`)).toContain(`xml-syntax ${D}/profiles/Small.profile-meta.xml`);
  }, 600_000);
});

describe('a file over maxFileSize is never read', () => {
  it('by the language server indexing the project (its bytes read, from /proc/<pid>/io, stay far below the file)', async () => {
    if (process.platform !== 'linux') return; // /proc is Linux's; CI runs on Linux
    const root = project({
      [`${D}/profiles/Small.profile-meta.xml`]:
        '<Profile xmlns="http://soap.sforce.com/2006/04/metadata"><custom>true <bad</custom></Profile>\n',
    });
    // Sparse: 1.9 GB to read, no disk used. iulint 0.1's server read it whole (11.7 GB for six of them) only to skip it.
    const fd = openSync(join(root, `${D}/profiles/Huge.profile-meta.xml`), 'w');
    ftruncateSync(fd, 1900 * MB);
    closeSync(fd);
    const server = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString('latin1');
      });
      const send = (m: Record<string, unknown>) => {
        const body = JSON.stringify({ jsonrpc: '2.0', ...m });
        server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      };
      send({ id: 1, method: 'initialize', params: { processId: null, rootUri: URI.file(root).toString(), capabilities: {} } });
      // As a client does: nothing more until the server has answered initialize (sent at once, a request
      // could be handled before the roots are known, and answer for none of them).
      const answered = Date.now() + 60_000;
      while (!out.includes('"id":1,') && Date.now() < answered) await new Promise((r) => setTimeout(r, 20));
      send({ method: 'initialized', params: {} });
      // Lint Workspace answers once the whole index is read.
      send({ id: 2, method: 'workspace/executeCommand', params: { command: 'iulint.lintWorkspace', arguments: [] } });
      const deadline = Date.now() + 300_000;
      while (!out.includes('"id":2,') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('"id":2,"result":{"files":2}');
      const rchar = Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${server.pid}/io`, 'utf8'))?.[1]);
      expect(rchar).toBeGreaterThan(0);
      expect(rchar).toBeLessThan(200 * MB);
    } finally {
      server.kill('SIGKILL');
    }
  }, 360_000);
});
