import { type FileSystem, type PathReport, RULES } from '@iulint/core';
import { lintText, MemoryFileSystem } from '@iulint/core/internal';
import { describe, expect, it } from 'vitest';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { codeActions } from '../src/server/codeActions.js';
import { Roots } from '../src/server/roots.js';
import { xmlProblem } from './editors.js';

// The server's state, driven without a process or a connection.

const ROOT = '/proj';
const PROFILE = `${ROOT}/force-app/main/default/profiles/ERP (EU) é.profile-meta.xml`;
const USER = `${ROOT}/config/erp-user-def.json`;
const profile = (licence: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <userLicense>${licence}</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>\n</Profile>\n`;
const project = () =>
  new MemoryFileSystem({
    [`${ROOT}/sfdx-project.json`]: JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
    [PROFILE]: profile('Salesforce Integration'),
    [USER]: JSON.stringify({ username: 'erp.sync@acme.example.com', profileName: 'ERP (EU) é', lastName: 'Sync' }, null, 2),
  });

const ruleIds = (report: PathReport) => (report.kind === 'findings' ? report.findings.map((f) => f.ruleId) : [report.kind]);

function roots(fs: FileSystem, log: string[] = []) {
  const loaded: string[][] = [];
  const r = new Roots({
    fs,
    rules: RULES,
    options: async () => ({}),
    log: (m) => log.push(m),
    loaded: (_root, paths) => loaded.push(paths),
    changed: () => {},
  });
  r.addFolders([URI.file(ROOT).toString()]);
  return { r, loaded, log };
}

/** A file system whose `stat` throws the first `failures` times (a load that fails). */
function failing(fs: FileSystem, failures: number): FileSystem {
  let left = failures;
  return {
    readFile: (p) => fs.readFile(p),
    readDirectory: (p) => fs.readDirectory(p),
    stat: async (p) => {
      if (left > 0) {
        left--;
        throw new Error('EIO: the disk went away');
      }
      return fs.stat(p);
    },
  };
}

describe('Roots: workspaces', () => {
  it('loads a root again after a load that failed, instead of keeping it dead', async () => {
    const { r, log } = roots(failing(project(), 1));
    await expect(r.workspace(ROOT)).rejects.toThrow('EIO');
    expect(log.some((m) => m.startsWith('indexing /proj failed: EIO'))).toBe(true);
    const ws = await r.workspace(ROOT);
    expect([...ws.files.keys()].sort()).toEqual([USER, PROFILE]);
    expect(await r.workspace(ROOT)).toBe(ws); // loaded once, then kept
  });

  it('a request for a file of a failed root starts the load again', async () => {
    const { r } = roots(failing(project(), 1));
    await r.workspace(ROOT).catch(() => undefined);
    expect(r.loadedWorkspaceOf(PROFILE)).toBeUndefined(); // starts loading
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.loadedWorkspaceOf(PROFILE)?.files.has(PROFILE)).toBe(true);
  });
});

describe('Roots: a file changed on disk while the index is read', () => {
  it('is read again when the index is ready (the index may have read it half-written)', async () => {
    const fs = project();
    let halfWritten = true;
    const slow: FileSystem = {
      readFile: async (p) => {
        if (p === USER && halfWritten) {
          halfWritten = false;
          return new Uint8Array(); // truncated, not yet written
        }
        return fs.readFile(p);
      },
      readDirectory: (p) => fs.readDirectory(p),
      stat: (p) => fs.stat(p),
    };
    const { r } = roots(slow);
    const loading = r.workspace(ROOT);
    expect(await r.fromDisk(USER, false)).toEqual([]); // not indexed yet: remembered
    const ws = await loading;
    expect(ws.files.get(USER)?.kind).toBe('userDefinition');
  });
});

describe('Roots: one file, whatever the spelling of its URI', () => {
  const vscode = URI.file(PROFILE).toString();
  const kate = `file://${PROFILE}`; // literal spaces, parentheses and é
  const neovim07 = `file://${[...Buffer.from(PROFILE, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-._~/]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`))
    .join('')}`;

  it('maps every spelling to the same path and answers with the spelling the client opened it with', () => {
    expect(vscode).toContain('%28EU%29%20%C3%A9');
    expect(neovim07).toContain('%28eu%29%20%c3%a9'.replace('eu', 'EU'));
    for (const opened of [vscode, kate, neovim07]) {
      const { r } = roots(project());
      r.didOpen(opened, 'xml', 1, profile('Salesforce'));
      for (const other of [vscode, kate, neovim07]) {
        expect(r.pathOf(other)).toBe(PROFILE);
        expect(r.documentOfUri(other)?.uri).toBe(opened);
      }
      expect(r.uriOf(PROFILE)).toBe(opened);
      // A change sent with another spelling reaches the same document.
      r.didChange(kate, 2, [{ text: profile('Salesforce Integration') }]);
      expect(r.document(PROFILE)?.doc.getText()).toBe(profile('Salesforce Integration'));
    }
  });

  it('a file it found itself is published in VS Code spelling', () => {
    const { r } = roots(project());
    expect(r.uriOf(PROFILE)).toBe(vscode);
  });
});

describe('Roots: pending edits and dependants', () => {
  it('an edit is read when the server updates the index, which returns the files that depend on it', async () => {
    const { r } = roots(project());
    const ws = await r.workspace(ROOT);
    expect(ws.lint(USER)).toEqual([]);
    r.didOpen(URI.file(PROFILE).toString(), 'xml', 1, profile('Salesforce Integration'));
    r.didChange(URI.file(PROFILE).toString(), 2, [{ text: profile('Salesforce') }]);
    r.edited(PROFILE);
    expect(r.isStale(PROFILE)).toBe(false); // not read yet: the first read of this document is the update
    // A query does not read the pending edit: the user is still on the old licence.
    expect(r.report(USER)).toEqual({ kind: 'findings', findings: [] });
    expect(r.update(PROFILE)).toEqual([USER]);
    expect(r.update(PROFILE)).toEqual([]); // nothing pending any more
    expect(ruleIds(r.report(USER))).toEqual(['integration-user-license']);
  });

  it('a closed document goes back to the disk text and its dependants are told', async () => {
    const { r } = roots(project());
    await r.workspace(ROOT);
    const uri = `file://${PROFILE}`;
    r.didOpen(uri, 'xml', 1, profile('Salesforce'));
    r.edited(PROFILE);
    r.update(PROFILE);
    expect(ruleIds(r.report(USER))).toEqual(['integration-user-license']);
    const { closed, dependants } = await r.didClose(URI.file(PROFILE).toString());
    expect(closed?.uri).toBe(uri);
    expect(dependants).toEqual([USER]);
    expect(r.report(USER)).toEqual({ kind: 'findings', findings: [] });
  });

  it('reports the org snapshot files and their findings, as the CLI does', async () => {
    const fs = project();
    fs.write(`${ROOT}/iulint.config.json`, JSON.stringify({ orgSnapshot: '.iulint/snapshot' }));
    fs.write(
      `${ROOT}/.iulint/snapshot/User.json`,
      JSON.stringify({
        status: 0,
        result: {
          records: [{ Username: 'mule@acme.example.com', IsActive: true, Profile: { Name: 'Salesforce API Only System Integrations' } }],
        },
      }),
    );
    const { r } = roots(fs);
    const ws = await r.workspace(ROOT);
    const snapshotUser = `${ROOT}/.iulint/snapshot/User.json`;
    expect(ws.reportedFiles()).toContain(snapshotUser);
    expect(r.inSnapshot(snapshotUser)).toBe(true);
    expect(ruleIds(r.report(snapshotUser))).toEqual(['integration-deprecated-profile']);
  });
});

const apply = (text: string, actions: CodeAction[], uri: string) =>
  TextDocument.applyEdits(
    TextDocument.create(uri, 'xml', 1, text),
    actions.flatMap((a) => (a.edit?.changes?.[uri] ?? []) as TextEdit[]),
  );

describe('code actions', () => {
  const uri = 'file:///proj/force-app/main/default/profiles/One.profile-meta.xml';
  const path = '/proj/force-app/main/default/profiles/One.profile-meta.xml';
  // Everything on line 1, after the XML declaration: both API permissions off on the integration licence.
  const oneLine =
    '<?xml version="1.0" encoding="UTF-8"?><Profile xmlns="http://soap.sforce.com/2006/04/metadata"><userLicense>Salesforce Integration</userLicense>' +
    '<userPermissions><enabled>false</enabled><name>ApiEnabled</name></userPermissions><userPermissions><enabled>false</enabled><name>ApiUserOnly</name></userPermissions></Profile>\n';

  it('puts "Disable for this line" after the XML declaration for a finding on line 1, in the v2 form', () => {
    const findings = lintText(path, oneLine, RULES);
    expect(findings.map((f) => f.ruleId)).toEqual(['integration-profile-api-only', 'integration-profile-api-only']);
    const doc = TextDocument.create(uri, 'xml', 1, oneLine);
    const whole = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    const diagnostic = { range: findings[0]?.range, message: '', code: 'integration-profile-api-only' };
    const actions = codeActions(
      { textDocument: { uri }, range: whole, context: { diagnostics: [diagnostic] as never, only: ['quickfix'] } },
      doc,
      findings,
      true,
      (p) => p,
    );
    const line = actions.find((a) => a.title === 'Disable integration-profile-api-only for this line');
    expect(line).toBeDefined();
    const text = apply(oneLine, [line as CodeAction], uri);
    expect(
      text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- iulint-disable-next-line integration-profile-api-only -->\n<Profile'),
    ).toBe(true);
    expect(xmlProblem(text)).toBeUndefined();
    expect(lintText(path, text, RULES).map((f) => f.ruleId)).toEqual([]); // the comment covers the line after it: both
  });

  it('only the kinds asked for, and fix-all only as source.fixAll.iulint', () => {
    const findings = lintText(path, oneLine, RULES);
    const doc = TextDocument.create(uri, 'xml', 1, oneLine);
    const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    const fixAll = codeActions(
      { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } },
      doc,
      findings,
      true,
      (p) => p,
    );
    expect(fixAll.map((a) => a.kind)).toEqual(['source.fixAll.iulint']);
    expect(xmlProblem(apply(oneLine, fixAll, uri))).toBeUndefined();
    expect(lintText(path, apply(oneLine, fixAll, uri), RULES)).toEqual([]);
    // A client that leaves out the range means the whole document.
    const noRange = codeActions(
      { textDocument: { uri }, context: { diagnostics: [], only: ['source.fixAll.iulint'] } } as never,
      doc,
      findings,
      true,
      (p) => p,
    );
    expect(noRange.map((a) => a.kind)).toEqual(['source.fixAll.iulint']);
    const none = codeActions(
      { textDocument: { uri }, range, context: { diagnostics: [], only: ['refactor'] } },
      doc,
      findings,
      true,
      (p) => p,
    );
    expect(none).toEqual([]);
    // No diagnostics in the context: no quick fixes (the spec's "diagnostics known on the client side").
    const noDiagnostics = codeActions(
      { textDocument: { uri }, range, context: { diagnostics: [], only: ['quickfix'] } },
      doc,
      findings,
      true,
      (p) => p,
    );
    expect(noDiagnostics).toEqual([]);
  });

  it('never two actions whose edits overlap, whatever the request', () => {
    const findings = lintText(path, oneLine, RULES);
    const doc = TextDocument.create(uri, 'xml', 1, oneLine);
    const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    const diagnostics = findings.map((f) => ({ range: f.range, message: f.message, code: f.ruleId }));
    const actions = codeActions({ textDocument: { uri }, range, context: { diagnostics } }, doc, findings, true, (p) => p);
    const edits = actions.flatMap((a) => a.edit?.changes?.[uri] ?? []);
    const key = (e: TextEdit) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character];
    const sorted = [...edits].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number);
    });
    for (let i = 1; i < sorted.length; i++) {
      const [prev, next] = [key(sorted[i - 1] as TextEdit), key(sorted[i] as TextEdit)];
      const prevEnd = (prev[2] as number) * 1e6 + (prev[3] as number);
      const nextStart = (next[0] as number) * 1e6 + (next[1] as number);
      expect(prevEnd < nextStart || (prevEnd === nextStart && prevEnd !== (prev[0] as number) * 1e6 + (prev[1] as number))).toBe(true);
    }
    const text = apply(oneLine, actions, uri);
    expect(xmlProblem(text)).toBeUndefined();
    expect(text).not.toContain('truetrue');
  });
});
