// `iulint mcp` judged by the MCP SDK's own Client over stdio (StdioClientTransport, as hosts spawn
// servers) against the shipped bundle. The projects are copies of the fixtures; each copy's tree is
// hashed before and after the tool calls, and must be byte-identical.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from './helpers.js';
import { copyProject, type McpSession, startMcp, textOf, treeHash } from './mcpClient.js';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'rules');
const TOOLS = [
  'iulint_check',
  'iulint_check_proposed_change',
  'iulint_explain_user',
  'iulint_explain_rule',
  'iulint_list_rules',
  'iulint_fix_preview',
];
const PIU = 'cloud@00d5e000000abcdeaa';

type Structured = Record<string, unknown> & { findings: Array<Record<string, unknown>> };
const structured = (r: CallToolResult) => r.structuredContent as Structured;
const ok = (r: CallToolResult) => {
  expect(r.isError, textOf(r)).toBeFalsy();
  return r;
};
const refused = (r: CallToolResult, message: RegExp) => {
  expect(r.isError, JSON.stringify(r)).toBe(true);
  expect(textOf(r)).toMatch(message);
};
const ruleIdsIn = (list: Array<Record<string, unknown>>, file: string) =>
  list.filter((f) => f.file === file).map((f) => f.ruleId as string);

describe('iulint mcp: tools on the catalogue, judged by the SDK client', () => {
  let root: string;
  let before: Record<string, string>;
  let mcp: McpSession;

  beforeAll(async () => {
    root = copyProject('catalogue');
    before = treeHash(root);
    mcp = await startMcp({ args: ['--root', root] });
  });
  afterAll(async () => {
    await mcp?.close();
  });

  it('lists the six tools, each read-only with input and output schemas', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    for (const t of tools) {
      expect(t.annotations, t.name).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
      expect(t.inputSchema.type, t.name).toBe('object');
      expect(t.outputSchema?.type, t.name).toBe('object');
      expect(t.description?.length, t.name).toBeGreaterThan(40);
    }
    const init = mcp.client.getInstructions();
    expect(init).toContain('iulint_check_proposed_change');
  });

  it('iulint_check gives exactly what iulint check --format json prints', async () => {
    const cli = runCli(['check', '--format', 'json', '--exit-zero'], root);
    expect(cli.status, cli.stderr).toBe(0);
    const r = ok(await mcp.call('iulint_check'));
    expect(structured(r)).toEqual(JSON.parse(cli.stdout));
    expect(structured(r).findings.length).toBeGreaterThan(10);
    expect(textOf(r)).toMatch(/^\d+ errors?, \d+ warnings?, \d+ infos? in \d+ files? checked\./);
  });

  it('iulint_check with paths gives the findings iulint check --format json prints in those paths, the project read whole', async () => {
    const paths = ['config', 'force-app/main/default/profiles/ERP Integration.profile-meta.xml'];
    const cli = runCli(['check', '--format', 'json', '--exit-zero'], root);
    const inPaths = (file: unknown) => paths.some((p) => file === p || String(file).startsWith(`${p}/`));
    const r = ok(await mcp.call('iulint_check', { paths }));
    expect(structured(r).findings).toEqual((JSON.parse(cli.stdout) as Structured).findings.filter((f) => inPaths(f.file)));
    const whole = structured(ok(await mcp.call('iulint_check')));
    expect(structured(r).findings.length).toBeLessThan(whole.findings.length);
    expect(structured(r).findings.map((f) => f.file)).not.toContain('scripts/setup-org.sh');
  });

  it('iulint_fix_preview gives exactly the diff of iulint check --fix-dry-run, and git applies it', async () => {
    const cli = runCli(['check', '--fix-dry-run'], root);
    const r = ok(await mcp.call('iulint_fix_preview'));
    const preview = r.structuredContent as { diff: string; fixes: number; files: string[] };
    expect(preview.diff).toBe(cli.stdout);
    expect(preview.diff).toMatch(/^--- a\//);
    expect(cli.stderr).toContain(`iulint: ${preview.fixes} fixes in ${preview.files.length} files`);
    expect(textOf(r)).toBe(cli.stdout);
    // Real git judges the diff, in a scratch copy (this copy must stay untouched).
    const scratch = copyProject('catalogue');
    const patch = join(dirname(scratch), 'fix.patch');
    writeFileSync(patch, preview.diff);
    execFileSync('git', ['init', '-q'], { cwd: scratch });
    execFileSync('git', ['apply', '--check', patch], { cwd: scratch, stdio: 'pipe' });
  });

  it('iulint_check_proposed_change: a profile change returns the finding of an unchanged user definition', async () => {
    const profile = 'force-app/main/default/profiles/ERP Integration.profile-meta.xml';
    const text = readFileSync(join(root, profile), 'utf8');
    const general = text.replace('<userLicense>Salesforce Integration</userLicense>', '<userLicense>Salesforce</userLicense>');
    expect(general).not.toBe(text);
    const r = ok(await mcp.call('iulint_check_proposed_change', { changes: [{ path: profile, content: general }] }));
    const s = structured(r) as Structured & { introduced: Structured['findings']; changes: Array<Record<string, unknown>> };
    expect(s.changes).toEqual([expect.objectContaining({ file: profile, change: 'modified', read: 'linted' })]);
    // The user definition did not change; its verdict did, and the change returns it.
    expect(ruleIdsIn(s.introduced, 'config/erp-user-def.json')).toContain('integration-user-license');
    expect(ruleIdsIn(s.findings, 'config/erp-user-def.json')).toContain('integration-user-license');
    // Compared with iulint check on the project as it is: that finding is not there today.
    const today = JSON.parse(runCli(['check', '--format', 'json', '--exit-zero'], root).stdout) as Structured;
    expect(ruleIdsIn(today.findings, 'config/erp-user-def.json')).not.toContain('integration-user-license');
    // Files the change does not touch in any way are not in the answer.
    expect(s.findings.map((f) => f.file)).not.toContain('scripts/setup-org.sh');
    expect(readFileSync(join(root, profile), 'utf8')).toBe(text);
  });

  it('iulint_check_proposed_change: deleting a file (content null) re-judges the files that depend on it', async () => {
    const profile = 'force-app/main/default/profiles/ERP Integration.profile-meta.xml';
    const r = ok(await mcp.call('iulint_check_proposed_change', { changes: [{ path: profile, content: null }] }));
    const s = structured(r) as Structured & { resolved: Structured['findings']; changes: Array<Record<string, unknown>> };
    expect(s.changes).toEqual([expect.objectContaining({ file: profile, change: 'deleted' })]);
    expect(ruleIdsIn(s.resolved, profile).length).toBeGreaterThan(0);
    expect(s.findings.filter((f) => f.file === profile)).toEqual([]);
    expect(existsSync(join(root, profile))).toBe(true);
  });

  it('iulint_check_proposed_change says when a path is ignored by .forceignore or is not a file iulint reads', async () => {
    const ignored = 'force-app/main/default/legacy/dashboards/Ops/New.dashboard-meta.xml';
    const dashboard = readFileSync(join(root, 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml'), 'utf8');
    const r = ok(
      await mcp.call('iulint_check_proposed_change', {
        changes: [
          { path: ignored, content: dashboard },
          { path: 'notes/todo.txt', content: `run as ${PIU}` },
        ],
      }),
    );
    const s = structured(r) as Structured & { changes: Array<{ file: string; change: string; read: string; note: string }> };
    expect(s.changes[0]).toMatchObject({ file: ignored, change: 'created', read: 'ignored' });
    expect(s.changes[0]?.note).toMatch(/\.forceignore/);
    expect(s.changes[1]).toMatchObject({ file: 'notes/todo.txt', change: 'created', read: 'not-linted' });
    expect(s.changes[1]?.note).toMatch(/not a file iulint reads/);
    expect(s.findings.filter((f) => f.file === ignored)).toEqual([]);
    expect(textOf(r)).toMatch(/ignored/);
    expect(existsSync(join(root, 'notes'))).toBe(false);
  });

  it('iulint_explain_user explains the PIU, with files and lines', async () => {
    const r = ok(await mcp.call('iulint_explain_user', { username: PIU }));
    const u = r.structuredContent as {
      systemUser: { kind: string; reason: string } | null;
      integrationUser: unknown;
      definedAt: Array<{ text: string; file: string; line: number }>;
      mentions: Array<{ file: string; what: string }>;
      license: { name: string } | null;
      explanation: string;
    };
    expect(u.systemUser?.kind).toBe('piu');
    expect(u.integrationUser).toBeNull();
    expect(u.license?.name).toBe('Cloud Integration User');
    expect(u.definedAt).toEqual([
      { text: 'a user definition', file: 'config/piu-user-def.json', line: 1, column: 1 },
      { text: 'the org snapshot', file: '.iulint/snapshot/User.json', line: expect.any(Number), column: expect.any(Number) },
    ]);
    expect(u.mentions.map((m) => m.file)).toContain('scripts/setup-org.sh');
    expect(textOf(r)).toContain('is the Platform Integration User');
    expect(textOf(r)).toContain('config/piu-user-def.json:1 (a user definition)');
  });

  it('iulint_explain_user explains an integration user: by what, its licence, profile and permission sets', async () => {
    const r = ok(await mcp.call('iulint_explain_user', { username: 'erp.sync@acme.example.com' }));
    const u = r.structuredContent as {
      systemUser: unknown;
      integrationUser: { byNameOnly: boolean; reasons: Array<{ text: string; file?: string; line?: number }> };
      license: { name: string; from: { file?: string } };
      profile: { name: string; file?: string };
      permissionSets: Array<{ name: string; via: { file?: string; line?: number } }>;
    };
    expect(u.systemUser).toBeNull();
    expect(u.integrationUser.byNameOnly).toBe(false);
    expect(u.integrationUser.reasons[0]).toMatchObject({
      text: expect.stringContaining('enables API Only User'),
      file: 'force-app/main/default/profiles/ERP Integration.profile-meta.xml',
    });
    expect(u.license).toMatchObject({
      name: 'Salesforce Integration',
      from: { file: 'force-app/main/default/profiles/ERP Integration.profile-meta.xml' },
    });
    expect(u.profile.name).toBe('ERP Integration');
    // Each assignment: its own permsets, and the connected app whose client-credentials user it is.
    expect(u.permissionSets.map((p) => [p.name, p.via.file])).toEqual([
      ['ERP_Sync', 'config/erp-user-def.json'],
      ['Legacy_Full_Access', 'config/erp-user-def.json'],
      ['ERP_Sync', 'force-app/main/default/connectedApps/ERP_Sync.connectedApp-meta.xml'],
    ]);
  });

  it('iulint_explain_rule gives the rule page; a near id gets "did you mean"', async () => {
    const r = ok(await mcp.call('iulint_explain_rule', { ruleId: 'piu-no-create' }));
    expect((r.structuredContent as { page: string }).page).toBe(readFileSync(join(DOCS, 'piu-no-create.md'), 'utf8'));
    expect((r.structuredContent as { defaultLevel: string }).defaultLevel).toBe('error');
    refused(
      await mcp.call('iulint_explain_rule', { ruleId: 'piu-no-creat' }),
      /no iulint rule "piu-no-creat"; did you mean "piu-no-create"\?/,
    );
    const far = await mcp.call('iulint_explain_rule', { ruleId: 'completely-unrelated-thing' });
    refused(far, /no iulint rule "completely-unrelated-thing"/);
    expect(textOf(far)).not.toMatch(/did you mean/);
    refused(await mcp.call('iulint_explain_rule', { ruleId: '../../README' }), /no iulint rule/);
  });

  it('iulint_list_rules gives what iulint rules --format json prints', async () => {
    const r = ok(await mcp.call('iulint_list_rules'));
    expect((r.structuredContent as { rules: unknown }).rules).toEqual(JSON.parse(runCli(['rules', '--format', 'json']).stdout));
  });

  it('serves every rule page as a resource iulint://rules/<id>', async () => {
    const { resources } = await mcp.client.listResources();
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as Array<{ id: string }>;
    expect(resources.map((r) => r.uri).sort()).toEqual(rules.map((r) => `iulint://rules/${r.id}`).sort());
    const page = await mcp.client.readResource({ uri: 'iulint://rules/piu-no-login' });
    expect(page.contents[0]).toMatchObject({ mimeType: 'text/markdown', text: readFileSync(join(DOCS, 'piu-no-login.md'), 'utf8') });
  });

  it('refuses every path outside the project with an error result, never a crash', async () => {
    const outside = realDir('iulint-mcp-outside-');
    writeFileSync(join(outside, 'secret-user-def.json'), JSON.stringify({ Username: PIU }));
    symlinkSync(outside, join(root, 'linked-out'));
    try {
      for (const path of [
        '../outside.json',
        '/etc/passwd',
        join(outside, 'secret-user-def.json'),
        'config/../../x.json',
        'linked-out',
        'linked-out/new-user-def.json',
      ]) {
        refused(await mcp.call('iulint_check_proposed_change', { changes: [{ path, content: '{}' }] }), /outside the project/);
        refused(await mcp.call('iulint_check', { paths: [path] }), /outside the project|no such file/);
        refused(await mcp.call('iulint_fix_preview', { paths: [path] }), /outside the project|no such file/);
      }
      // The server is still there.
      ok(await mcp.call('iulint_list_rules'));
    } finally {
      spawnSync('rm', ['-f', join(root, 'linked-out')]);
    }
  });

  it('answers bad input with a clear error result', async () => {
    refused(await mcp.call('iulint_check_proposed_change', {}), /changes/);
    refused(await mcp.call('iulint_check_proposed_change', { changes: [] }), /changes/);
    refused(await mcp.call('iulint_check_proposed_change', { changes: [{ path: 7, content: 'x' }] }), /path/);
    refused(await mcp.call('iulint_check_proposed_change', { changes: [{ path: 'config/a.json' }] }), /content/);
    refused(
      await mcp.call('iulint_check_proposed_change', {
        changes: [
          { path: 'config/a.json', content: '{}' },
          { path: './config/a.json', content: '{}' },
        ],
      }),
      /given twice/,
    );
    refused(await mcp.call('iulint_check_proposed_change', { changes: [{ path: 'config', content: '{}' }] }), /is a folder/);
    refused(
      await mcp.call('iulint_check_proposed_change', { changes: [{ path: 'sfdx-project.json/x.json', content: '{}' }] }),
      /is a file/,
    );
    refused(await mcp.call('iulint_check', { paths: 'config' }), /paths/);
    refused(await mcp.call('iulint_check', { paths: ['no/such/folder'] }), /no such file or folder in the project: no\/such\/folder/);
    refused(await mcp.call('iulint_check', { paths: [''] }), /non-empty/);
    refused(await mcp.call('iulint_explain_user', {}), /username/);
    // Over-long inputs (an answer repeats them; the SDK client closes the connection past 10 MiB): an error result, and the server goes on.
    refused(await mcp.call('iulint_explain_user', { username: 'x'.repeat(5_000_000) }), /username/);
    refused(await mcp.call('iulint_explain_rule', { ruleId: 'x'.repeat(100_000) }), /ruleId/);
    refused(await mcp.call('iulint_check_proposed_change', { changes: [{ path: 'x'.repeat(100_000), content: '{}' }] }), /path/);
    ok(await mcp.call('iulint_explain_user', { username: PIU }));
    refused(await mcp.call('iulint_explain_rule', { ruleId: 3 }), /ruleId/);
    refused(await mcp.call('iulint_no_such_tool'), /iulint_no_such_tool/);
  });

  it('leaves the project byte-identical, and writes nothing but protocol to stdout', () => {
    expect(treeHash(root)).toEqual(before);
    expect(mcp.errors).toEqual([]);
  });
});

describe('iulint mcp: proposed user definitions on the sample project', () => {
  let root: string;
  let before: Record<string, string>;
  let mcp: McpSession;

  beforeAll(async () => {
    root = copyProject('sample');
    before = treeHash(root);
    mcp = await startMcp({ args: ['--root', root] });
  });
  afterAll(async () => {
    await mcp?.close();
  });

  const propose = async (user: Record<string, unknown>) => {
    const path = 'config/piu-user-def.json';
    const r = ok(await mcp.call('iulint_check_proposed_change', { changes: [{ path, content: JSON.stringify(user, null, 2) }] }));
    const s = structured(r) as Structured & { introduced: Structured['findings']; changes: Array<Record<string, unknown>> };
    expect(s.changes).toEqual([expect.objectContaining({ file: path, change: 'created', read: 'linted' })]);
    return { s, inFile: ruleIdsIn(s.findings, path), text: textOf(r) };
  };

  it('flags a proposed user definition of the PIU by its username (piu-no-create)', async () => {
    const { s, inFile, text } = await propose({ Username: PIU, LastName: 'Integration', Email: 'ops@acme.example.com' });
    expect(inFile).toContain('piu-no-create');
    expect(ruleIdsIn(s.introduced, 'config/piu-user-def.json')).toContain('piu-no-create');
    expect(text).toMatch(/error piu-no-create config\/piu-user-def\.json:2:/);
  });

  it('flags a proposed user definition of the PIU by its LastName (piu-no-create)', async () => {
    const { inFile } = await propose({
      Username: 'piu@acme.example.com',
      LastName: 'Platform Integration User',
      Email: 'ops@acme.example.com',
    });
    expect(inFile).toContain('piu-no-create');
  });

  it('does not flag a harmless user definition', async () => {
    const { s, inFile } = await propose({
      Username: 'jane.doe@acme.example.com',
      LastName: 'Doe',
      Email: 'jane.doe@acme.example.com',
      profileName: 'Standard User',
    });
    expect(inFile).toEqual([]);
    expect(s.introduced).toEqual([]);
  });

  it('leaves the project byte-identical (no user definition was written)', () => {
    expect(existsSync(join(root, 'config', 'piu-user-def.json'))).toBe(false);
    expect(treeHash(root)).toEqual(before);
    expect(mcp.errors).toEqual([]);
  });
});

describe('iulint mcp: which project', () => {
  it('takes the project from the client MCP roots when it declares them, and again after roots/list_changed', async () => {
    const catalogue = copyProject('catalogue');
    const sample = copyProject('sample');
    let roots = [{ uri: pathToFileURL(join(catalogue, 'force-app')).href, name: 'catalogue' }];
    const client = new Client({ name: 'iulint-roots-test', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
    client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots }));
    // Started elsewhere, as VS Code and Cursor start servers: the roots must decide.
    const mcp = await startMcp({ cwd: realDir('iulint-mcp-cwd-'), client });
    try {
      const first = ok(await mcp.call('iulint_check'));
      expect(structured(first).root).toBe(catalogue);
      roots = [{ uri: pathToFileURL(sample).href, name: 'sample' }];
      await client.sendRootsListChanged();
      const second = ok(await mcp.call('iulint_check'));
      expect(structured(second).root).toBe(sample);
      expect(structured(second)).toEqual(JSON.parse(runCli(['check', '--format', 'json', '--exit-zero'], sample).stdout));
    } finally {
      await mcp.close();
    }
  });

  it('finds the project from the current folder, as iulint check does, when the client has no roots', async () => {
    const catalogue = copyProject('catalogue');
    const mcp = await startMcp({ cwd: join(catalogue, 'force-app', 'main') });
    try {
      const r = ok(await mcp.call('iulint_check'));
      expect(structured(r).root).toBe(catalogue);
      expect(mcp.errors).toEqual([]);
    } finally {
      await mcp.close();
    }
  });

  it('exits 2 with a message on stderr, and nothing on stdout, for a --root that is not a folder', () => {
    const r = spawnSync(process.execPath, [BIN, 'mcp', '--root', '/no/such/iulint/root'], { encoding: 'utf8', input: '' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('iulint: --root /no/such/iulint/root: no such folder\n');
  });
});

function realDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  return execFileSync('realpath', [dir], { encoding: 'utf8' }).trim();
}
