// The stdio transport of `iulint mcp`: long messages are read (a proposed file up to maxFileSize), a
// message past the limit is answered with an error and the server goes on. Judged by the SDK's own
// client over stdio against the bundle, and the transport alone by the SDK's own message parser.
import { PassThrough } from 'node:stream';
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineTransport, MAX_MESSAGE_BYTES } from '../src/mcp/transport.js';
import { copyProject, type McpSession, startMcp, textOf, treeHash } from './mcpClient.js';

describe('iulint mcp: long messages over stdio (the SDK client)', () => {
  let root: string;
  let before: Record<string, string>;
  let mcp: McpSession;
  beforeAll(async () => {
    root = copyProject('agentforce');
    before = treeHash(root);
    mcp = await startMcp({ args: ['--root', root] });
  });
  afterAll(async () => {
    await mcp?.close();
    expect(treeHash(root)).toEqual(before);
  });

  it('a proposed file of 20 MiB (more than the SDK transport reads: 10 MiB) is linted', async () => {
    const profile = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <description>${'x'.repeat(20 * 1024 * 1024)}</description>\n    <userLicense>Salesforce</userLicense>\n</Profile>\n`;
    const r = await mcp.call('iulint_check_proposed_change', {
      changes: [{ path: 'force-app/main/default/profiles/Big.profile-meta.xml', content: profile }],
    });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect((r.structuredContent as { changes: unknown[] }).changes).toEqual([
      { file: 'force-app/main/default/profiles/Big.profile-meta.xml', change: 'created', read: 'linted', note: expect.any(String) },
    ]);
  }, 120_000);

  it('a message past the limit gets an error answer naming the limit, and the server answers the next call', async () => {
    const content = 'x'.repeat(MAX_MESSAGE_BYTES + 1024);
    await expect(mcp.call('iulint_check_proposed_change', { changes: [{ path: 'config/x.json', content }] })).rejects.toThrow(
      /-32600.*more than iulint mcp reads \(128 MiB\)/,
    );
    const next = await mcp.call('iulint_explain_user', { username: 'ops.admin@acme.example.com' });
    expect(next.isError, textOf(next)).toBeFalsy();
    expect(mcp.stderr()).toContain('more than iulint mcp reads');
  }, 180_000);
});

describe('LineTransport', () => {
  const open = (max?: number) => {
    const input = new PassThrough();
    const output = new PassThrough();
    const t = new LineTransport(input, output, max);
    const messages: JSONRPCMessage[] = [];
    const errors: string[] = [];
    t.onmessage = (m) => messages.push(m);
    t.onerror = (e) => errors.push(e.message);
    let written = '';
    output.on('data', (d: Buffer) => {
      written += d.toString();
    });
    return { t, input, messages, errors, written: () => written };
  };
  const ping = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'ping' });
  const tick = () => new Promise((r) => setImmediate(r));

  it('reads messages split across chunks and several in one chunk, with CRLF, as the SDK parses them', async () => {
    const s = open();
    await s.t.start();
    const text = serializeMessage(ping(1)) + serializeMessage(ping(2)).replace('\n', '\r\n') + serializeMessage(ping(3));
    for (let i = 0; i < text.length; i += 7) s.input.write(text.slice(i, i + 7));
    await tick();
    expect(s.messages).toEqual([ping(1), ping(2), ping(3)]);
  });

  it('a line that is not a JSON-RPC message is reported and skipped', async () => {
    const s = open();
    await s.t.start();
    s.input.write(`not json\n${serializeMessage(ping(4))}`);
    await tick();
    expect(s.errors).toHaveLength(1);
    expect(s.messages).toEqual([ping(4)]);
  });

  it('an oversized request is answered with -32600 for its id, whether the id comes first or last; a notification only reported', async () => {
    const s = open(64);
    await s.t.start();
    const long = 'y'.repeat(200);
    s.input.write(`{"jsonrpc":"2.0","id":"first","method":"tools/call","params":{"x":"${long}"}}\n`);
    s.input.write(`{"method":"tools/call","params":{"x":"${long}"},"jsonrpc":"2.0","id":9}\n`);
    s.input.write(`{"jsonrpc":"2.0","method":"notifications/x","params":{"x":"${long}"}}\n`);
    s.input.write(serializeMessage(ping(5)));
    await tick();
    const answers = s
      .written()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; error: { code: number; message: string } });
    expect(answers.map((a) => [a.id, a.error.code])).toEqual([
      ['first', -32600],
      [9, -32600],
    ]);
    expect(answers[0]?.error.message).toContain('more than iulint mcp reads');
    expect(s.errors).toHaveLength(3);
    expect(s.messages).toEqual([ping(5)]);
  });

  it('closes when its input ends', async () => {
    const s = open();
    let closed = false;
    s.t.onclose = () => {
      closed = true;
    };
    await s.t.start();
    s.input.end();
    await tick();
    expect(closed).toBe(true);
  });
});
