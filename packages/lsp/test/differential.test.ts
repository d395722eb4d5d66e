import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient.js';
import { cliFindings, fromServer, SPELLINGS } from './spelling.js';

// Differential test: seeded random edit sequences sent through didChange, after which the server's
// diagnostics must equal a fresh `iulint check` of the final texts written to disk.

const SEEDS = Number(process.env.DIFFERENTIAL_SEEDS ?? 10);
const EDITS = Number(process.env.DIFFERENTIAL_EDITS ?? 50);

const FILES = [
  'force-app/main/default/profiles/ERP Integration.profile-meta.xml',
  'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml',
  'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml',
  'config/erp-user-def.json',
];
/** Files that depend on the edited ones (their findings read the profile): open, never edited. */
const WATCHED = ['config/etl-user-def.json', 'config/reporting-user-def.json'];

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T };
}

/** The LSP position (UTF-16, any of \n, \r\n, \r ends a line) of an offset, computed here, not by the library. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** An offset a client can point at: not inside a surrogate pair or between \r and \n. */
function safeOffset(text: string, offset: number): number {
  let o = Math.max(0, Math.min(offset, text.length));
  while (o > 0 && o < text.length) {
    const prev = text.charCodeAt(o - 1);
    const here = text.charCodeAt(o);
    if ((prev >= 0xd800 && prev <= 0xdbff && here >= 0xdc00 && here <= 0xdfff) || (prev === 13 && here === 10)) o--;
    else break;
  }
  return o;
}

const INSERTS = [
  'é',
  '😀',
  '\r\n',
  '\n',
  ' ',
  'Integration',
  'Salesforce',
  '&amp;',
  'ü<',
  '>',
  '"',
  'cloud@00d5e000000abcdeaa',
  '—',
  'ß\r\nä',
];
const ELEMENTS = [
  '\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewAllData</name>\n    </userPermissions>',
  '<userPermissions><enabled>false</enabled><name>ApiUserOnly</name></userPermissions>',
  '\r\n    <hasActivationRequired>false</hasActivationRequired>',
  '\n    <runningUser>integration@00d5e000000abcdeaa.com</runningUser>',
  '<!-- iulint-disable-next-line piu-no-run-as -->\n',
];

type Change = { start: number; end: number; text: string };

/** One random edit of a file's text, as offsets into it. */
function randomEdit(r: ReturnType<typeof random>, text: string, original: string): Change {
  const xml = text.trimStart().startsWith('<');
  const kind = r.int(xml ? 10 : 7);
  if (kind <= 3) {
    const at = safeOffset(text, r.int(text.length + 1));
    return { start: at, end: at, text: r.pick(INSERTS) };
  }
  if (kind <= 5) {
    const start = safeOffset(text, r.int(text.length + 1));
    const end = safeOffset(text, start + r.int(12));
    return { start, end: Math.max(start, end), text: '' };
  }
  if (kind === 6) return { start: 0, end: text.length, text: r.next() < 0.5 ? original : original.replace(/\n/g, '\r\n') };
  if (kind === 7 || kind === 8) {
    // Add an element after a closing tag.
    const closes = [...text.matchAll(/<\/[A-Za-z]+>/g)].map((m) => (m.index ?? 0) + m[0].length);
    const at = closes.length > 0 ? r.pick(closes) : text.length;
    return { start: at, end: at, text: r.pick(ELEMENTS) };
  }
  // Remove an element (the first leaf element at a random place).
  const leaves = [...text.matchAll(/<([A-Za-z]+)>[^<]*<\/\1>/g)];
  const m = leaves.length > 0 ? r.pick(leaves) : undefined;
  return m ? { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: '' } : { start: 0, end: 0, text: '' };
}

let clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
});

type Mode = 'push' | 'pull';

/** One seed: the same edits to a push client (VS Code URIs) and a pull client (Kate's), then one CLI run judges both. */
async function run(seed: number): Promise<void> {
  const root = join(mkdtempSync(join(tmpdir(), `iulint-diff-${seed}-`)), 'catalogue');
  cpSync(projectPath('catalogue'), root, { recursive: true });
  const r = random(seed * 7919);
  const modes: Mode[] = ['push', 'pull'];
  const spell = (mode: Mode) => (mode === 'push' ? SPELLINGS.vscode : SPELLINGS.kate);
  const started = modes.map((mode) => {
    const c = new TestClient();
    clients.push(c);
    return c.initialize(root, mode === 'pull' ? { textDocument: { diagnostic: {} } } : {}, undefined, spell(mode)(root)).then(() => c);
  });
  const [push, pull] = (await Promise.all(started)) as [TestClient, TestClient];
  const each = (f: (c: TestClient, mode: Mode) => Promise<unknown>) => Promise.all([f(push, 'push'), f(pull, 'pull')]);
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  const versions = new Map<string, number>();
  const uri = (mode: Mode, rel: string) => spell(mode)(join(root, rel));
  for (const rel of [...FILES, ...WATCHED]) {
    const text = readFileSync(join(root, rel), 'utf8');
    texts.set(rel, text);
    originals.set(rel, text);
    await each((c, mode) => c.openUri(uri(mode, rel), text));
  }
  for (const rel of FILES) versions.set(rel, 1);
  const log: string[] = [];
  for (let i = 0; i < EDITS; i++) {
    const rel = r.pick(FILES);
    const text = texts.get(rel) as string;
    const change = randomEdit(r, text, originals.get(rel) as string);
    const next = text.slice(0, change.start) + change.text + text.slice(change.end);
    const version = (versions.get(rel) as number) + 1;
    const range = { start: positionAt(text, change.start), end: positionAt(text, change.end) };
    log.push(`${rel} v${version} ${JSON.stringify(range)} ${JSON.stringify(change.text.slice(0, 40))}`);
    const whole = change.start === 0 && change.end === text.length;
    await each((c, mode) =>
      c.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: uri(mode, rel), version },
        contentChanges: whole ? [{ text: next }] : [{ range, text: change.text }],
      }),
    );
    texts.set(rel, next);
    versions.set(rel, version);
    // Now and then the client asks for something midway (a pull, a hover), as editors do.
    const other = r.pick(FILES);
    if (r.next() < 0.2) await pull.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri('pull', other) } });
    if (r.next() < 0.05)
      await each((c, mode) =>
        c.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(mode, rel) }, position: range.start }),
      );
    if (r.next() < 0.1) await new Promise((resolve) => setTimeout(resolve, 100)); // past the debounce now and then
  }
  for (const [rel, text] of texts) writeFileSync(join(root, rel), text);
  const expected = cliFindings(root);
  const rels = [...FILES, ...WATCHED];
  const same = (rel: string, d: Diagnostic[] | undefined) => JSON.stringify(fromServer(d)) === JSON.stringify(expected.get(rel) ?? []);
  await push
    .waitFor(
      (p) =>
        rels.every(
          (rel) =>
            (!versions.has(rel) || p.get(uri('push', rel))?.version === versions.get(rel)) &&
            same(rel, p.get(uri('push', rel))?.diagnostics),
        ),
      15_000,
    )
    .catch(() => undefined); // the comparison below says what differs
  for (const rel of rels) {
    const context = `seed ${seed}, ${rel}; edits:\n${log.join('\n')}`;
    expect(fromServer(push.diagnostics(uri('push', rel))), `push, ${context}`).toEqual(expected.get(rel) ?? []);
    const report = await pull.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: uri('pull', rel) },
    });
    expect(fromServer((report as { items: Diagnostic[] }).items), `pull, ${context}`).toEqual(expected.get(rel) ?? []);
  }
}

describe('differential: the server after random edits equals a fresh CLI run', () => {
  for (let seed = 1; seed <= SEEDS; seed++) it(`seed ${seed}: ${EDITS} edits, push and pull`, () => run(seed), 60_000);
});
