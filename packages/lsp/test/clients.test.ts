import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { xmlProblem } from './editors.js';
import { TestClient } from './lspClient.js';
import { cliFindings, fromServer, SPELLINGS } from './spelling.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const DASHBOARDS = 'force-app/main/default/dashboards/Ops';
/** File names as users write them: spaces, parentheses, #, %, &, +, accents and emoji. */
const NAMES = [`${DASHBOARDS}/Order (EU) é.dashboard-meta.xml`, `${DASHBOARDS}/Q#1 100% R&D + 😀.dashboard-meta.xml`];
const PROFILE = 'force-app/main/default/profiles/ERP (EU) é.profile-meta.xml';
const USER = 'config/erp (EU)-user-def.json';

const dashboard = (user: string, title = 'Orders') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Dashboard xmlns="http://soap.sforce.com/2006/04/metadata">\n    <dashboardType>SpecifiedUser</dashboardType>\n    <runningUser>${user}</runningUser>\n    <title>${title}</title>\n</Dashboard>\n`;
const profile = (licence: string, apiEnabled = true, apiOnly = true) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n    <userLicense>${licence}</userLicense>\n    <userPermissions>\n        <enabled>${apiEnabled}</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n    <userPermissions>\n        <enabled>${apiOnly}</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>\n</Profile>\n`;

function project(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'iulint-clients-')), 'my project (1)');
  const files: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    [NAMES[0] as string]: dashboard('cloud@00d5e000000abcdeaa'),
    [NAMES[1] as string]: dashboard('ops@acme.example.com'),
    [PROFILE]: profile('Salesforce Integration'),
    [USER]: JSON.stringify({ username: 'erp.sync@acme.example.com', profileName: 'ERP (EU) é', lastName: 'Sync' }, null, 2),
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe.each(Object.entries(SPELLINGS))('a %s client', (name, spell) => {
  it('gets the CLI diagnostics on open and after every edit, under its own URI, for files with any name', async () => {
    const root = project();
    client = new TestClient();
    await client.initialize(root, {}, undefined, spell(root));
    const edits: Array<[string, string]> = [
      [NAMES[0] as string, dashboard('ops@acme.example.com', 'R & D')], // now clean, and ill-formed
      [NAMES[1] as string, dashboard('cloud@00d5e000000abcdeaa', 'Q&amp;A é 😀')],
      [PROFILE, profile('Salesforce')], // its user definition now has a finding
      [NAMES[0] as string, dashboard('cloud@00d5e000000abcdeaa')],
    ];
    const uris = new Map<string, string>();
    for (const rel of [...NAMES, PROFILE, USER]) {
      const uri = spell(join(root, rel));
      uris.set(rel, uri);
      await client.openUri(uri, readFileSync(join(root, rel), 'utf8'));
    }
    const matchesCli = async (label: string) => {
      const expected = cliFindings(root);
      await client?.waitFor(
        (p) =>
          [...uris].every(([rel, uri]) => JSON.stringify(fromServer(p.get(uri)?.diagnostics)) === JSON.stringify(expected.get(rel) ?? [])),
        15_000,
      );
      for (const [rel, uri] of uris)
        expect(fromServer(client?.diagnostics(uri)), `${name} ${label}: ${rel}`).toEqual(expected.get(rel) ?? []);
    };
    await matchesCli('on open');
    expect(cliFindings(root).get(NAMES[0] as string)?.length).toBe(1); // the test has something to compare
    let version = 1;
    for (const [rel, text] of edits) {
      writeFileSync(join(root, rel), text);
      await client.replace(uris.get(rel) as string, ++version, text);
      await matchesCli(`after editing ${rel}`);
    }
    // Diagnostics went only to the URIs the client used.
    expect([...client.published.keys()].sort()).toEqual([...uris.values()].sort());
  });
});

describe('a Windows-shaped URI reaching the server on Linux', () => {
  it('gets a clear answer from the document text, and the server keeps serving', async () => {
    const root = project();
    client = new TestClient();
    await client.initialize(root);
    const uri = 'file:///c%3A/Users/dev/My%20Project/force-app/main/default/dashboards/Ops/Order%20%28EU%29.dashboard-meta.xml';
    await client.openUri(uri, dashboard('cloud@00d5e000000abcdeaa'));
    await client.waitFor((p) => p.has(uri));
    expect(client.diagnostics(uri)?.map((d) => d.code)).toEqual(['piu-no-run-as']);
    const hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 20 },
    });
    expect(hover).toBeNull(); // no workspace for that drive here: nothing to explain, no error
    const info = await client.connection.sendRequest<{ pid: number }>('iulint/serverInfo');
    expect(info.pid).toBeGreaterThan(0);
  });
});

describe('every action of one answer applied (kate.test.ts replays Kate itself)', () => {
  it('a client that can pick, asked as Kate asks (whole document, the cursor diagnostic, literal-space URI): all actions applied give a well-formed file, both findings fixed once', async () => {
    const root = project();
    const text = profile('Salesforce Integration', false, false);
    writeFileSync(join(root, PROFILE), text);
    client = new TestClient();
    await client.initialize(root, { textDocument: { codeAction: { isPreferredSupport: true } } }, undefined, SPELLINGS.kate(root));
    const uri = SPELLINGS.kate(join(root, PROFILE));
    expect(uri).toContain('ERP (EU) é'); // Kate's literal spelling
    await client.openUri(uri, text);
    await client.waitFor((p) => (p.get(uri)?.diagnostics.length ?? 0) === 2);
    const diagnostics = client.diagnostics(uri) as Diagnostic[];
    expect(diagnostics.map((d) => d.code)).toEqual(['integration-profile-api-only', 'integration-profile-api-only']);
    const lines = text.split('\n');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: (lines.at(-1) as string).length } },
      context: { diagnostics: [diagnostics[0]], triggerKind: 1 },
    });
    expect(actions.length).toBeGreaterThan(1);
    // Every action's edits, in order, through an independent applier: all at once, and one action after
    // another (each in the coordinates of the text the client asked about), the same file both ways.
    const editsOf = (a: CodeAction) => (a.edit?.changes?.[uri] ?? []) as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, text), actions.flatMap(editsOf));
    const oneByOne = actions.reduce((t, a) => TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, t), editsOf(a)), text);
    expect(oneByOne).toBe(fixed);
    expect(xmlProblem(fixed)).toBeUndefined();
    expect(fixed).not.toMatch(/truetrue/);
    expect(fixed.match(/<enabled>true<\/enabled>/g)).toHaveLength(2);
    writeFileSync(join(root, PROFILE), fixed);
    expect(
      cliFindings(root)
        .get(PROFILE)
        ?.filter((l) => l.startsWith('integration-profile-api-only')) ?? [],
    ).toEqual([]);
  });
});
