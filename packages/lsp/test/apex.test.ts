import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient.js';

/** Anonymous Apex of the catalogue, where `sf project generate` puts it. */
const SCRIPT = 'scripts/apex/freeze-system-users.apex';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('anonymous Apex in the editor (scripts/apex/*.apex)', () => {
  it('is linted when opened, and hovers explain the usernames it selects users by', async () => {
    const root = projectPath('catalogue');
    client = new TestClient();
    await client.initialize(root);
    const u = await client.open(root, SCRIPT);
    await client.waitFor((p) => (p.get(u)?.diagnostics.length ?? 0) >= 2);
    expect(
      client
        .diagnostics(u)
        ?.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character])
        .sort(),
    ).toEqual([
      ['piu-no-edit', 11, 0, 29],
      ['reserved-user', 11, 0, 29],
    ]);
    const hoverAt = async (line: number, character: number) => {
      const h = await client?.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri: u },
        position: { line, character },
      });
      return h ? (h.contents as { value: string }).value : undefined;
    };
    // Inside 'cloud@00d5e000000abcdeaa' of the list initialiser (line 5), and 'autoproc@…' added on line 7.
    expect(await hoverAt(4, 12)).toContain('**cloud@00d5e000000abcdeaa** is the Platform Integration User');
    expect(await hoverAt(6, 20)).toContain('**autoproc@00d5e000000abcdeaa** is the Automated Process user');
    expect(await hoverAt(3, 10)).toContain('**ops.reports@acme.example.com** is an ordinary user');
    // Nothing to say on a keyword.
    expect(await hoverAt(11, 3)).toBeUndefined();
  });

  it('a test class: hover on the condition that selects a system user', async () => {
    const root = projectPath('catalogue');
    client = new TestClient();
    await client.initialize(root);
    const u = await client.open(root, 'force-app/main/default/classes/ConnectorTest.cls');
    await client.waitFor((p) => (p.get(u)?.diagnostics.length ?? 0) >= 1);
    const h = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: u },
      position: { line: 5, character: 50 },
    });
    expect((h?.contents as { value: string } | undefined)?.value).toContain(
      "This query selects the Platform Integration User (`UserType = 'CloudIntegrationUser'`).",
    );
  });
});
