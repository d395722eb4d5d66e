// `iulint mcp` judged by MCP clients this project did not write, on Node 22:
// - the MCP Inspector's command-line mode (`inspector --cli`) lists and calls the tools of the bundle
//   over stdio, and its --strict check of the tool schemas finds nothing;
// - the MCP conformance suite drives the same server over Streamable HTTP. The HTTP transport exists
//   only in this test (the product speaks stdio): the conformance suite speaks HTTP only.
// .ci/run installs both (scripts/install-mcp-tools.sh) and Node 22 (IULINT_NODE22); by hand, without
// them, these tests are skipped saying why; in CI they fail.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../src/mcp/project.js';
import { createMcpServer } from '../src/mcp/server.js';
import { skipUnless } from './editors.js';
import { BIN } from './helpers.js';
import { copyProject, treeHash } from './mcpClient.js';

const NODE22 = process.env.IULINT_NODE22;
const TOOLS = process.env.IULINT_MCP_TOOLS || join(homedir(), '.cache', 'iulint', 'mcp-tools');
const INSPECTOR = join(TOOLS, 'node_modules', '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js');
const CONFORMANCE = join(TOOLS, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const BASELINE = fileURLToPath(new URL('./mcp-conformance-baseline.yml', import.meta.url));
const PIU = 'cloud@00d5e000000abcdeaa';

const node22 = (): boolean => {
  if (!NODE22 || !existsSync(NODE22)) return false;
  const v = spawnSync(NODE22, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return Number(/^v(\d+)/.exec(v)?.[1] ?? 0) >= 22;
};
const HINT = 'IULINT_NODE22 and scripts/install-mcp-tools.sh; .ci/run installs both';

/** Runs a client on Node 22, asynchronously (the HTTP server answers from this process meanwhile). */
function run22(args: string[], cwd = tmpdir()): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(NODE22 as string, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the MCP Inspector (--cli, Node 22) lists and calls the tools of the bundle', () => {
  const skip = skipUnless(node22() && existsSync(INSPECTOR), 'the MCP Inspector test: Node 22 or the Inspector is missing', HINT);
  let root: string;
  let before: Record<string, string>;
  const inspector = (...args: string[]) => run22([INSPECTOR, '--cli', ...args, '--', NODE22 as string, BIN, 'mcp', '--root', root]);

  beforeAll(() => {
    root = copyProject('sample');
    before = treeHash(root);
  });

  it.skipIf(skip)('tools/list: the six tools, read-only, and --strict finds no schema problem', async () => {
    const r = await inspector('--method', 'tools/list', '--strict');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/warning|error/i);
    const { tools } = JSON.parse(r.stdout) as { tools: Array<{ name: string; annotations: unknown; outputSchema?: unknown }> };
    expect(tools.map((t) => t.name).sort()).toEqual([
      'iulint_check',
      'iulint_check_proposed_change',
      'iulint_explain_rule',
      'iulint_explain_user',
      'iulint_fix_preview',
      'iulint_list_rules',
    ]);
    for (const t of tools) {
      expect(t.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
      expect(t.outputSchema).toBeDefined();
    }
  });

  it.skipIf(skip)('tools/call: a proposed PIU user definition is flagged by piu-no-create, and nothing is written', async () => {
    const changes = JSON.stringify([
      { path: 'config/piu-user-def.json', content: JSON.stringify({ Username: PIU, LastName: 'Integration' }) },
    ]);
    const r = await inspector('--method', 'tools/call', '--tool-name', 'iulint_check_proposed_change', '--tool-arg', `changes=${changes}`);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { structuredContent: { introduced: Array<{ ruleId: string; file: string }> } };
    expect(result.structuredContent.introduced).toContainEqual(
      expect.objectContaining({ ruleId: 'piu-no-create', file: 'config/piu-user-def.json' }),
    );
  });

  it.skipIf(skip)('tools/call: the PIU explained; a path outside the project is an error result', async () => {
    const user = await inspector('--method', 'tools/call', '--tool-name', 'iulint_explain_user', '--tool-arg', `username=${PIU}`);
    expect(user.status, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout).structuredContent.systemUser.kind).toBe('piu');
    const outside = await inspector('--method', 'tools/call', '--tool-name', 'iulint_check', '--tool-arg', 'paths=["../.."]');
    // The Inspector exits non-zero for a tool result with isError, and prints the result.
    expect(outside.status).not.toBe(0);
    expect(outside.stdout).toMatch(/outside the project/);
    expect(JSON.parse(outside.stdout.slice(0, outside.stdout.lastIndexOf('}\n') + 1)).isError).toBe(true);
  });

  it.skipIf(skip)('resources/read: a rule page', async () => {
    const r = await inspector('--method', 'resources/read', '--uri', 'iulint://rules/piu-no-create');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).contents[0].text).toMatch(/^# piu-no-create/);
  });

  it.skipIf(skip)('leaves the project byte-identical', () => {
    expect(treeHash(root)).toEqual(before);
  });
});

describe('the MCP conformance suite (Node 22) drives the server over Streamable HTTP', () => {
  const skip = skipUnless(node22() && existsSync(CONFORMANCE), 'the MCP conformance test: Node 22 or the suite is missing', HINT);
  let root: string;
  let before: Record<string, string>;
  let http: Server;
  let url: string;

  beforeAll(async () => {
    if (skip) return;
    root = copyProject('catalogue');
    before = treeHash(root);
    http = createServer(async (req, res) => {
      // Stateless: a server and transport per request, as the SDK does it for Streamable HTTP without sessions.
      const port = (http.address() as { port: number }).port;
      const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableDnsRebindingProtection: true,
        allowedHosts: hosts,
        allowedOrigins: hosts.map((h) => `http://${h}`),
      });
      const server = createMcpServer(async () => new Project(root));
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res);
    });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}/mcp`;
  });
  afterAll(async () => {
    if (http) await new Promise((done) => http.close(done));
  });

  it.skipIf(skip)('passes every scenario that applies to it (the baseline lists the ones that need the suite fixture server)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'iulint-conformance-'));
    const r = await run22([CONFORMANCE, 'server', '--url', url, '--expected-failures', BASELINE, '--output-dir', out]);
    // Exit 0: nothing outside the baseline failed, and nothing in it passed (a stale entry fails too).
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const checks = readdirSync(out).flatMap((dir) => {
      const file = join(out, dir, 'checks.json');
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; status: string }>) : [];
    });
    const status = (id: string) => checks.filter((c) => c.id === id).map((c) => c.status);
    for (const id of [
      'server-initialize',
      'ping',
      'tools-list',
      'logging-set-level',
      'resources-list',
      'localhost-host-rebinding-rejected',
      'localhost-host-valid-accepted',
    ])
      expect(status(id), id).toEqual(['SUCCESS']);
  });

  it.skipIf(skip)('leaves the project byte-identical', () => {
    expect(treeHash(root)).toEqual(before);
  });
});
