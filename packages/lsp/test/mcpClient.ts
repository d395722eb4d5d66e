import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BIN } from './helpers.js';

/** A session of the SDK's own client with `node dist/iulint.cjs mcp`, spawned as hosts spawn servers. */
export interface McpSession {
  client: Client;
  /** What the server wrote to stderr so far. */
  stderr: () => string;
  /** Errors the client's transport saw: a line on stdout that is not protocol shows up here. */
  errors: Error[];
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  close: () => Promise<void>;
}

export async function startMcp(options: { args?: string[]; cwd?: string; client?: Client } = {}): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...(options.args ?? [])],
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: '1' } as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const client = options.client ?? new Client({ name: 'iulint-test', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (e) => errors.push(e);
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    errors,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

/** A fresh copy of a fixture project in a temporary folder (its real path: no symbolic link on the way). */
export function copyProject(name: string): string {
  const root = join(realpathSync(mkdtempSync(join(tmpdir(), `iulint-mcp-${name}-`))), name);
  cpSync(projectPath(name), root, { recursive: true });
  return root;
}

/** Every file, folder and link under a folder with a hash of its bytes (or target): equal when nothing changed. */
export function treeHash(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const rel = relative(root, p);
      const s = lstatSync(p);
      if (s.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
      else if (s.isDirectory()) {
        out[rel] = `dir ${s.mode}`;
        walk(p);
      } else out[rel] = `file ${s.mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk(root);
  return out;
}

/** The text of a tool result's first content item. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}
