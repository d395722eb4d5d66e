import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFactsFromBytes } from '../src/facts/extract.js';
import { type FileSystem, MemoryFileSystem } from '../src/fs.js';
import { lintText } from '../src/lint.js';
import { RULES } from '../src/rules/index.js';
import { describeProblem, type WorkspaceProblem } from '../src/workspace/problems.js';
import { Workspace } from '../src/workspace/workspace.js';
import { parseXml } from '../src/xml/parser.js';
import { nodeFs } from './nodeFs.js';
import { xml } from './ruleTester.js';

/** The catalogue of hostile inputs (docs/security.md lists them): each ends in a clear message, never a crash. */
const PROFILE = 'force-app/main/default/profiles/P.profile-meta.xml';
const rules = (text: string, path = PROFILE) => lintText(path, text, RULES).map((f) => `${f.ruleId}: ${f.message}`);

describe('hostile inputs', () => {
  it('billion laughs: entities are never expanded', () => {
    const laughs = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ].join('');
    const text = `<?xml version="1.0"?>\n<!DOCTYPE lolz [${laughs}]>\n<Profile><userLicense>&lol9;</userLicense></Profile>`;
    const out = rules(text);
    expect(out).toEqual([expect.stringMatching(/^xml-syntax: .*DOCTYPE declarations are not allowed/)]);
    expect(parseXml(text).errors.map((e) => e.message)).toContain('Undefined entity &lol9; (iulint never expands entities)');
  });

  it('external entities and a DOCTYPE are never resolved or fetched', () => {
    const text =
      '<?xml version="1.0"?><!DOCTYPE Profile SYSTEM "http://127.0.0.1:9/evil.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Profile><description>&xxe;</description></Profile>';
    const doc = parseXml(text);
    expect(doc.errors.map((e) => e.message)).toEqual([
      'DOCTYPE declarations are not allowed in Salesforce metadata; iulint ignores it and expands no entity',
      'Undefined entity &xxe; (iulint never expands entities)',
    ]);
  });

  it('a file over maxFileSize is skipped with a message, and the limit is configurable', async () => {
    const big = xml('Profile', `    <description>${'x'.repeat(2048)}</description>`);
    const fs = new MemoryFileSystem({
      '/p/force-app/profiles/Big.profile-meta.xml': big,
      '/p/iulint.config.json': JSON.stringify({ maxFileSize: 1024 }),
    });
    const ws = await Workspace.load(fs, '/p', RULES);
    expect(ws.files.size).toBe(0);
    const skipped = { kind: 'too-large', path: '/p/force-app/profiles/Big.profile-meta.xml', size: big.length, maxFileSize: 1024 };
    expect(ws.problems).toEqual([skipped]);
    expect(ws.problems.map(describeProblem)).toEqual([
      expect.stringMatching(/^skipped \/p\/force-app\/profiles\/Big\.profile-meta\.xml: 0\.0 MB is more than maxFileSize \(0\.0 MB\)/),
    ]);
    // The file reports why it is skipped, until a smaller text of it is read.
    expect(ws.report(skipped.path)).toEqual({ kind: 'skipped', skipped });
    expect(ws.reportedFiles()).toEqual([skipped.path]);
    ws.updateText(skipped.path, xml('Profile', ''));
    expect(ws.report(skipped.path)).toEqual({ kind: 'findings', findings: [] });
  });

  it('a file over maxFileSize is skipped without being read, when the file system can tell its size', async () => {
    // A language server reads the project through this interface: a few files of gigabytes must not be
    // read into memory only to be skipped (six sparse files of 1.9 GB took the server to 11.7 GB).
    const read: string[] = [];
    const sizes: Record<string, number> = { '/p/force-app/profiles/Huge.profile-meta.xml': 1.9e9 };
    const inner = new MemoryFileSystem({
      '/p/force-app/profiles/Huge.profile-meta.xml': xml('Profile', ''),
      '/p/force-app/profiles/Small.profile-meta.xml': xml('Profile', '    <custom>true <bad</custom>'),
    });
    const fs: FileSystem = {
      readFile: (p) => {
        read.push(p);
        return inner.readFile(p);
      },
      readDirectory: (p) => inner.readDirectory(p),
      stat: (p) => inner.stat(p),
      size: async (p) => sizes[p] ?? (await inner.size(p)),
    };
    const ws = await Workspace.load(fs, '/p', RULES);
    expect(read).not.toContain('/p/force-app/profiles/Huge.profile-meta.xml');
    expect(read).toContain('/p/force-app/profiles/Small.profile-meta.xml');
    expect(ws.report('/p/force-app/profiles/Huge.profile-meta.xml')).toEqual({
      kind: 'skipped',
      skipped: { kind: 'too-large', path: '/p/force-app/profiles/Huge.profile-meta.xml', size: 1.9e9, maxFileSize: 64 * 1024 * 1024 },
    });
    expect([...ws.files.keys()]).toEqual(['/p/force-app/profiles/Small.profile-meta.xml']);
  });

  it('a 100 MB file is skipped by the default limit without being parsed', async () => {
    const bytes = new Uint8Array(100 * 1024 * 1024).fill(0x61);
    const fs: FileSystem = {
      readFile: async () => bytes,
      readDirectory: async (p) => (p === '/p' ? [{ name: 'Huge.profile', kind: 'file' }] : []),
      stat: async (p) => (p === '/p' ? 'directory' : p.endsWith('.profile') ? 'file' : undefined),
    };
    // A Metadata API profile must sit in profiles/: use that layout.
    const nested: FileSystem = {
      ...fs,
      readDirectory: async (p) =>
        p === '/p' ? [{ name: 'profiles', kind: 'directory' }] : p === '/p/profiles' ? [{ name: 'Huge.profile', kind: 'file' }] : [],
      stat: async (p) => (p === '/p' || p === '/p/profiles' ? 'directory' : p === '/p/profiles/Huge.profile' ? 'file' : undefined),
    };
    const ws = await Workspace.load(nested, '/p', RULES);
    expect(ws.files.size).toBe(0);
    expect(describeProblem(ws.problems[0] as WorkspaceProblem)).toMatch(/100\.0 MB is more than maxFileSize \(64\.0 MB\)/);
  });

  it('100,000-deep nesting', () => {
    const depth = 100_000;
    expect(rules(`<Profile>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Profile>`)).toEqual([]);
    expect(rules(`<Profile>${'<a>'.repeat(depth)}`)).toEqual([
      expect.stringMatching(/^xml-syntax: .*Unexpected end of file: <a> is not closed/),
    ]);
  });

  it('binary files, NUL bytes and invalid UTF-8 are reported, not parsed', () => {
    const binary = extractFactsFromBytes(PROFILE, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    expect(binary?.kind === 'metadata' && binary.unreadable).toMatch(/NUL bytes/);
    const bad = new Uint8Array([
      ...new TextEncoder().encode('<Profile><description>'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('</description></Profile>'),
    ]);
    const facts = extractFactsFromBytes(PROFILE, bad);
    expect(facts?.kind === 'metadata' && facts.unreadable).toBe('it is not valid UTF-8; Salesforce metadata must be UTF-8');
  });

  it('UTF-16 with a BOM, a UTF-8 BOM, CRLF and mixed line endings are read', () => {
    const text = xml(
      'Profile',
      '    <userLicense>Salesforce</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>',
    );
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const viaUtf16 = extractFactsFromBytes(PROFILE, le);
    expect(viaUtf16?.kind === 'metadata' && viaUtf16.profile?.userLicense?.value).toBe('Salesforce');
    const bom = extractFactsFromBytes(PROFILE, new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    expect(bom?.kind === 'metadata' && bom.xmlError).toBeUndefined();
    const mixed = text.replace('\n    <userPermissions>', '\r\n    <userPermissions>').replace('\n        <name>', '\r        <name>');
    const f = lintText(PROFILE, mixed, RULES);
    expect(f.map((x) => [x.ruleId, x.range.start.line])).toEqual([['integration-user-license', 2]]);
  });

  it('a 10 MB single line', () => {
    const line = `<Profile><description>${'a'.repeat(10 * 1024 * 1024)}</description><userLicense>Salesforce</userLicense></Profile>`;
    expect(rules(line)).toEqual([]);
    expect(parseXml(`${line.slice(0, -10)}`).errors).toHaveLength(1);
  });

  it('symbolic link loops are not followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-loop-'));
    mkdirSync(join(dir, 'force-app', 'profiles'), { recursive: true });
    writeFileSync(join(dir, 'force-app', 'profiles', 'P.profile-meta.xml'), xml('Profile', '<userLicense>Salesforce</userLicense>'));
    symlinkSync(dir, join(dir, 'force-app', 'loop'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'force-app', 'dangling.profile-meta.xml'));
    const ws = await Workspace.load(nodeFs, dir, RULES);
    expect([...ws.files.keys()]).toEqual([join(dir, 'force-app', 'profiles', 'P.profile-meta.xml')]);
  });

  it('unreadable files and files deleted while the index is built are reported and skipped', async () => {
    const base = new MemoryFileSystem({
      '/p/force-app/profiles/A.profile-meta.xml': xml('Profile', '<userLicense>Salesforce</userLicense>'),
      '/p/force-app/profiles/Gone.profile-meta.xml': 'x',
      '/p/force-app/profiles/Locked.profile-meta.xml': 'x',
    });
    const fs: FileSystem = {
      readDirectory: (p) => base.readDirectory(p),
      stat: (p) => base.stat(p),
      readFile: async (p) => {
        if (p.endsWith('Gone.profile-meta.xml'))
          throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
        if (p.endsWith('Locked.profile-meta.xml'))
          throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
        return base.readFile(p);
      },
    };
    const ws = await Workspace.load(fs, '/p', RULES);
    expect([...ws.files.keys()]).toEqual(['/p/force-app/profiles/A.profile-meta.xml']);
    expect(ws.problems.map(describeProblem).sort()).toEqual([
      "cannot read /p/force-app/profiles/Gone.profile-meta.xml: ENOENT: no such file or directory, open '/p/force-app/profiles/Gone.profile-meta.xml'",
      "cannot read /p/force-app/profiles/Locked.profile-meta.xml: EACCES: permission denied, open '/p/force-app/profiles/Locked.profile-meta.xml'",
    ]);
  });

  it('a broken sfdx-project.json, .forceignore or iulint.config.json', async () => {
    const fs = new MemoryFileSystem({
      '/p/sfdx-project.json': '{ "packageDirectories": [ { "path": ',
      '/p/.forceignore': '\u0000\u0001[[[\n!\n**/***\n+-[$/-\n',
      '/p/iulint.config.json': '{ "rules": { "piu-no-run-as": 3 } ',
      '/p/force-app/dashboards/F/D.dashboard-meta.xml': xml('Dashboard', '<runningUser>cloud@00d5e000000abcdeaa</runningUser>'),
    });
    const ws = await Workspace.load(fs, '/p', RULES);
    expect(ws.problems[0]).toEqual({
      kind: 'project',
      message: expect.stringMatching(/^sfdx-project.json is not valid JSON .*; linting the whole folder$/),
    });
    expect(ws.configProblems[0]?.message).toMatch(/^iulint.config.json is not valid JSON/);
    // "**/***" is a valid pattern (it would ignore everything), but the CLI cannot read the line "+-[$/-":
    // the whole file is then unapplied, as by the Salesforce CLI, and the line is an error on .forceignore.
    expect(ws.lintAll().map((f) => [f.ruleId, f.path, f.range.start.line, f.range.start.character, f.range.end.character])).toEqual([
      ['forceignore', '/p/.forceignore', 3, 0, 6],
      ['piu-no-run-as', '/p/force-app/dashboards/F/D.dashboard-meta.xml', 2, 13, 37],
    ]);
    expect(ws.forceignoreFindings[0]?.message).toMatch(
      /^The Salesforce CLI cannot read this line \(Range out of order in character class\)/,
    );
  });

  it('stray end tags under deep nesting finish (each is looked up, not searched for down the open elements)', () => {
    // 200,000 open elements, then 200,000 end tags that close none of them: before, each end tag walked
    // down all the open elements, 4e10 steps in all.
    const n = 200_000;
    const doc = parseXml(`<r>${'<a>'.repeat(n)}${'</b>'.repeat(n)}${'</a>'.repeat(n)}</r>`);
    expect(doc.errors[0]?.message).toBe('Unexpected closing tag </b>');
    expect(doc.errors).toHaveLength(100);
    expect(doc.root?.end).toBe(3 + 11 * n + 4);
    // A mismatched end tag still closes the innermost element of its name, as before.
    const nested = parseXml('<r><a><b><a><c></a></b></a></r>');
    expect(nested.errors.map((e) => e.message)).toEqual(['Expected </c> before </a>']);
    expect(nested.root?.children[0]?.children[0]?.children[0]?.end).toBe(19);
  }, 60_000);

  it('pathological text finishes: a megabyte of ampersands, of < and of open tags', () => {
    for (const text of ['&'.repeat(1 << 20), '<'.repeat(1 << 20), '<a '.repeat(1 << 18), `<Profile>${'<!--'.repeat(1 << 16)}`]) {
      const doc = parseXml(text);
      expect(doc.errors.length).toBeGreaterThan(0);
      expect(doc.errors.length).toBeLessThanOrEqual(100);
    }
  });
});
