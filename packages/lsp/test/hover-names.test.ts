import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient.js';

/** Integration by name (docs/integration-names.md) in the editor: the hover and the diagnostics of the catalogue's "API User" scenario. */
const PROFILE = 'force-app/main/default/profiles/API User.profile-meta.xml';
const USER = 'config/boomi-user-def.json';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('integration by name over the protocol', () => {
  it('says in the hover and the diagnostic that a profile and a user are integration ones by name', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'iulint-names-')), 'catalogue');
    cpSync(projectPath('catalogue'), root, { recursive: true });
    client = new TestClient();
    await client.initialize(root);
    const p = await client.open(root, PROFILE);
    await client.waitFor((x) => (x.get(p)?.diagnostics.length ?? 0) > 0);
    const diagnostics: Diagnostic[] = client.published.get(p)?.diagnostics ?? [];
    expect(diagnostics.map((d) => d.message).join('\n')).toContain("named like an integration profile: 'API User'");
    const licence = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: p },
      position: { line: 4, character: 20 },
    });
    expect((licence.contents as { value: string }).value).toContain(
      "This profile is an integration profile by its name only: named like an integration profile: 'API User'.",
    );
    const u = await client.open(root, USER);
    await client.waitFor((x) => x.has(u));
    const who = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: u },
      position: { line: 1, character: 20 },
    });
    const text = (who.contents as { value: string }).value;
    expect(text).toContain('**boomi.orders@acme.example.com** is an integration user by its name only');
    expect(text).toContain("- named like an integration user: 'boomi.orders@acme.example.com' (its username)");
    expect(text).toContain("- its profile is named like an integration profile: 'API User'");
  });

  it('says nothing of names when every rule that reads them has byName off, as the findings', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'iulint-names-off-')), 'catalogue');
    cpSync(projectPath('catalogue'), root, { recursive: true });
    const configPath = join(root, 'iulint.config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    const off = { byName: false };
    config.rules = {
      'integration-user-license': ['warning', off],
      'integration-least-privilege': ['warning', off],
      'integration-permission-set-license': ['error', off],
    };
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    client = new TestClient();
    await client.initialize(root);
    const p = await client.open(root, PROFILE);
    // Linted from its text alone first (default settings), then with the project's configuration.
    await client.waitFor((x) => x.has(p) && !(x.get(p)?.diagnostics ?? []).some((d) => String(d.message).includes('named like')));
    const licence = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: p },
      position: { line: 4, character: 20 },
    });
    expect((licence.contents as { value: string }).value).not.toContain('integration profile');
  });
});
