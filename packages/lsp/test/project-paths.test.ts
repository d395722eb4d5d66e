import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { PATH_SETTINGS } from '../src/server/settings.js';
import { runCli } from './helpers.js';
import { TestClient } from './lspClient.js';

/**
 * Paths that come with a cloned project never lead out of it (docs/security.md): `orgSnapshot` of
 * `iulint.config.json`, and `iulint.configFile`/`iulint.orgSnapshot` of the folder's `.vscode/settings.json`.
 * What the user gives (`--org-snapshot`, user settings) is followed anywhere. Judged on the built CLI and
 * server with the catalogue, whose org snapshot moved out of the project: its `unknown-user` finding on
 * the Escalations dashboard appears only when the snapshot is read.
 */
const DASHBOARD = 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml';

/** The catalogue in `<tmp>/project`, its snapshot moved to `<tmp>/elsewhere`, its configuration without `orgSnapshot`. */
function cloned(config: Record<string, unknown> = {}): { root: string; elsewhere: string } {
  const base = mkdtempSync(join(tmpdir(), 'iulint-paths-'));
  const root = join(base, 'project');
  cpSync(projectPath('catalogue'), root, { recursive: true });
  const elsewhere = join(base, 'elsewhere');
  renameSync(join(root, '.iulint/snapshot'), elsewhere);
  writeFileSync(join(root, 'iulint.config.json'), JSON.stringify({ integrationUsers: ['svc.*@acme.example.com'], ...config }, null, 2));
  return { root, elsewhere };
}

const unknownUser = (root: string, ...args: string[]) => {
  const r = runCli(['check', root, '--format', 'json', '--exit-zero', ...args]);
  return {
    ...r,
    found:
      r.stdout !== '' &&
      JSON.parse(r.stdout).findings.some((f: { ruleId: string; file: string }) => f.ruleId === 'unknown-user' && f.file === DASHBOARD),
  };
};

describe('orgSnapshot of iulint.config.json', () => {
  it('"../elsewhere" is refused at its key (exit code 2), never read', () => {
    const { root } = cloned({ orgSnapshot: '../elsewhere' });
    const r = runCli(['check', root, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/iulint\.config\.json:\d+:\d+: "orgSnapshot" must stay inside the project: "\.\.\/elsewhere" leaves it/);
    expect(r.stdout).toBe('');
  });

  it('a folder inside the project reached through a symbolic link is not read, and a message says so', () => {
    const { root, elsewhere } = cloned({ orgSnapshot: '.iulint/snapshot' });
    symlinkSync(elsewhere, join(root, '.iulint/snapshot'));
    const r = unknownUser(root);
    expect(r.stderr).toContain('the org snapshot folder ".iulint/snapshot" of iulint.config.json is reached through a symbolic link');
    expect(r.found).toBe(false);
  });

  it('the same folder given on the command line is the user’s choice, and is read', () => {
    const { root, elsewhere } = cloned();
    expect(unknownUser(root).found).toBe(false);
    expect(unknownUser(root, '--org-snapshot', elsewhere).found).toBe(true);
  });
});

describe('the folder’s .vscode/settings.json in the server', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  async function dashboardCodes(root: string, settings: Record<string, unknown>): Promise<{ codes: string[]; client: TestClient }> {
    client = new TestClient();
    client.settings = settings;
    await client.initialize(root, { workspace: { configuration: true } });
    // Lint Workspace waits for the whole index (read with the settings); a file without findings is not
    // published unless it is open, so the dashboard is opened: it is published with or without findings.
    await client.connection.sendRequest('workspace/executeCommand', { command: 'iulint.lintWorkspace', arguments: [] });
    const u = await client.open(root, DASHBOARD);
    await client.waitFor((p) => p.has(u), 30_000);
    const diagnostics: Diagnostic[] = client.diagnostics(u) ?? [];
    return { codes: diagnostics.map((d) => String(d.code)), client };
  }

  it('a path that leaves the folder is ignored, with a warning at its line; from user settings it is followed', async () => {
    const { root } = cloned();
    // User settings only: followed.
    expect((await dashboardCodes(root, { orgSnapshot: '../elsewhere' })).codes).toContain('unknown-user');
    await client?.close();

    mkdirSync(join(root, '.vscode'));
    writeFileSync(join(root, '.vscode/settings.json'), '{\n  // the folder\'s own settings\n  "iulint.orgSnapshot": "../elsewhere"\n}\n');
    const refused = await dashboardCodes(root, { orgSnapshot: '../elsewhere' });
    expect(refused.codes).not.toContain('unknown-user');
    const said = refused.client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as { message: string }).message)
      .join('\n');
    expect(said).toContain('.vscode/settings.json:3:3: "iulint.orgSnapshot" ("../elsewhere") leaves the workspace folder');
  }, 120_000);

  it('a path inside the folder that leads out through a symbolic link is ignored, as the CLI ignores it', async () => {
    const { root, elsewhere } = cloned();
    // git checks a committed symbolic link out as one: `snap` inside the folder, its target elsewhere.
    symlinkSync(elsewhere, join(root, 'snap'));
    mkdirSync(join(root, '.vscode'));
    writeFileSync(join(root, '.vscode/settings.json'), '{\n  "iulint.orgSnapshot": "snap"\n}\n');
    const refused = await dashboardCodes(root, { orgSnapshot: 'snap' });
    expect(refused.codes).not.toContain('unknown-user');
    const said = refused.client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as { message: string }).message)
      .join('\n');
    expect(said).toContain('.vscode/settings.json:2:3: "iulint.orgSnapshot" ("snap") leaves the workspace folder');
  }, 120_000);

  it('a path inside the folder from .vscode/settings.json is followed', async () => {
    const { root, elsewhere } = cloned();
    renameSync(elsewhere, join(root, 'snapshot-here'));
    mkdirSync(join(root, '.vscode'));
    writeFileSync(join(root, '.vscode/settings.json'), JSON.stringify({ iulint: { orgSnapshot: 'snapshot-here' } }));
    expect((await dashboardCodes(root, { orgSnapshot: 'snapshot-here' })).codes).toContain('unknown-user');
  }, 120_000);
});

describe('the VS Code extension in an untrusted workspace', () => {
  it('declares limited support, restricting exactly the path settings the server reads', () => {
    const pkg = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../vscode-extension/package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    expect(untrusted.supported).toBe('limited');
    expect([...untrusted.restrictedConfigurations].sort()).toEqual(PATH_SETTINGS.map((s) => `iulint.${s}`).sort());
    for (const s of untrusted.restrictedConfigurations) expect(Object.keys(pkg.contributes.configuration.properties)).toContain(s);
  });
});
