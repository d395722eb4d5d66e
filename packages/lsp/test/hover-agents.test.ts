import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient.js';

/** Agentforce agents (rules v3) in the editor: an Agent Script file's diagnostic and hover over the protocol. */
const AGENT = 'force-app/main/default/aiAuthoringBundles/Order_Help/Order_Help.agent';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('agents over the protocol', () => {
  it('an Agent Script file gets its agent-user-privilege diagnostic, and the hover explains the agent user', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'iulint-agents-')), 'catalogue');
    cpSync(projectPath('catalogue'), root, { recursive: true });
    client = new TestClient();
    await client.initialize(root);
    const uri = await client.open(root, AGENT);
    await client.waitFor((x) => (x.get(uri)?.diagnostics.length ?? 0) > 0);
    const diagnostics: Diagnostic[] = client.published.get(uri)?.diagnostics ?? [];
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['agent-user-privilege', 13, 22]]);
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 13, character: 30 },
    });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain('`access.default_agent_user` is an agent running-user element');
    expect(text).toContain('**ops.reports@acme.example.com** is an ordinary user');
    expect(text).toContain('A service agent should run as a dedicated agent user on the Einstein Agent User profile');
  });
});
