// The language server: an edit in a 4 MB profile (in process, and end to end over stdio), a cross-file
// change, the start-up to first diagnostics.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateProject } from '@iulint/fixtures';
import { RULES, Workspace } from '../../packages/core/dist/index.js';
import { loadTestClient } from './lspClient.mjs';
import { median, ms } from './measure.mjs';

/** The core's file-system interface on Node, as the benchmarks load workspaces in process. */
export const nodeFs = {
  readFile: async (p) => readFileSync(p),
  async readDirectory(p) {
    return readdirSync(p, { withFileTypes: true }).map((e) => ({
      name: e.name,
      kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other',
    }));
  },
  async stat(p) {
    try {
      const s = statSync(p);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch {
      return undefined;
    }
  },
};

/** The server's debounce of edits (ms), included in the end-to-end figure. */
export const DEBOUNCE = 80;

export async function serverJob(ctx, { projectDir, generatedFiles }) {
  ctx.log('edits in a 4 MB profile, in the server (in-process)');
  const editDir = join(ctx.work, 'edit');
  generateProject({ dir: editDir, files: 300, profiles: 1, profileBytes: 4 * 1024 * 1024, seed: 3 });
  const editProfile = join(editDir, 'force-app/main/default/profiles/Profile_0.profile-meta.xml');
  const ws = await Workspace.load(nodeFs, editDir, RULES);
  ws.lintAll();
  let editText = readFileSync(editProfile, 'utf8');
  const edits = [];
  for (let i = 0; i < 50; i++) {
    editText = editText.replace(/<description>[^<]*<\/description>/, `<description>edit ${i}</description>`);
    const t = process.hrtime.bigint();
    ws.updateText(editProfile, editText);
    ws.lint(editProfile);
    edits.push(ms(t));
  }
  const editMs = median(edits);
  // What any edit of this text costs before it is read: the new text, built by the edit, made flat.
  const flatten = [];
  for (let i = 0; i < 50; i++) {
    const joined = `${editText.slice(0, 200)}edit ${i}${editText.slice(200)}`;
    const t = process.hrtime.bigint();
    joined.charCodeAt(0);
    flatten.push(ms(t));
  }
  const flattenMs = median(flatten);
  ctx.budget('an edit in a 4 MB profile: new diagnostics in the server (median of 50)', `${editMs.toFixed(1)} ms`, '< 20 ms', editMs < 20);

  ctx.log('cross-file change (a profile licence) to refreshed dependants');
  const crossDir = join(ctx.work, 'cross');
  generateProject({ dir: crossDir, files: 2000, profiles: 20, profileBytes: 64 * 1024, seed: 5 });
  const crossWs = await Workspace.load(nodeFs, crossDir, RULES);
  crossWs.lintAll();
  const crossProfile = join(crossDir, 'force-app/main/default/profiles/Profile_1.profile-meta.xml');
  let crossText = readFileSync(crossProfile, 'utf8');
  const cross = [];
  let dependants = 0;
  for (let i = 0; i < 20; i++) {
    crossText = crossText.replace(
      /<userLicense>[^<]*<\/userLicense>/,
      `<userLicense>${i % 2 ? 'Salesforce' : 'Salesforce Integration'}</userLicense>`,
    );
    const t = process.hrtime.bigint();
    const deps = crossWs.updateText(crossProfile, crossText);
    crossWs.lint(crossProfile);
    for (const d of deps) crossWs.lint(d);
    cross.push(ms(t));
    dependants = deps.length;
  }
  const crossMs = median(cross);
  ctx.budget('a cross-file change: dependants refreshed', `${crossMs.toFixed(1)} ms for ${dependants} dependants`, '< 50 ms', crossMs < 50);

  const TestClient = await loadTestClient(ctx);

  ctx.log('server start to first diagnostics on the generated project');
  const starts = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    const client = new TestClient();
    await client.initialize(projectDir);
    const uri = await client.open(projectDir, 'scripts/setup.sh');
    await client.waitFor((published) => published.has(uri), 60_000);
    starts.push(ms(t));
    await client.close();
  }
  const startMs = median(starts);
  ctx.budget(
    `server start to first diagnostics for an open file (${generatedFiles} files)`,
    `${startMs.toFixed(0)} ms`,
    '< 300 ms',
    startMs < 300,
  );

  ctx.log('an edit in a 4 MB profile, end to end over stdio');
  /**
   * Edits the description of the 4 MB profile 20 times over stdio; each change is sent as a client
   * sends it: `incremental` as a ranged change (what VS Code and Neovim send, the server asking for
   * incremental synchronisation), else the whole new text (a full-sync client). Median ms to the
   * publishDiagnostics of each version.
   */
  const endToEnd = async (incremental) => {
    const client = new TestClient();
    await client.initialize(editDir);
    let text = readFileSync(editProfile, 'utf8');
    const uri = await client.open(editDir, 'force-app/main/default/profiles/Profile_0.profile-meta.xml', text);
    await client.waitFor((published) => published.has(uri), 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // let the index finish
    const times = [];
    for (let v = 2; v < 22; v++) {
      const m = /<description>([^<]*)<\/description>/.exec(text);
      const from = m.index + '<description>'.length;
      const to = from + m[1].length;
      const value = `e2e ${v}`;
      const at = (o) => {
        const before = text.slice(0, o).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
      };
      const change = incremental ? { range: { start: at(from), end: at(to) }, text: value } : undefined;
      text = text.slice(0, from) + value + text.slice(to);
      const t = process.hrtime.bigint();
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [change ?? { text }],
      });
      await client.waitFor((published) => published.get(uri)?.version === v, 60_000);
      times.push(ms(t));
    }
    await client.close();
    return median(times);
  };
  const e2eMs = await endToEnd(true);
  const e2eFullMs = await endToEnd(false);
  ctx.budget(
    'the same edit end to end over stdio, sent as a ranged change, debounce included (median of 20)',
    `${e2eMs.toFixed(1)} ms`,
    `< ${DEBOUNCE + 30} ms (debounce + 30)`,
    e2eMs < DEBOUNCE + 30,
  );
  return { editMs, flattenMs, crossMs, dependants, startMs, e2eMs, e2eFullMs };
}
