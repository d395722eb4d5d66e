// Memory: what the server holds after indexing the generated project, and the peak memory of reading
// one file within maxFileSize (a 60 MB profile in the CLI and in the server, 60 MB of open tags).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateProfile } from '@iulint/fixtures';
import { QUICK, ROOT } from './context.mjs';
import { checkTime, mbOf } from './measure.mjs';

const core = (file) => JSON.stringify(pathToFileURL(join(ROOT, 'packages/core/dist', file)).href);

/** Runs a script in a new Node process (with `--expose-gc`) and returns what it printed as JSON. */
function runScript(ctx, name, source, args) {
  const script = join(ctx.work, name);
  writeFileSync(script, source);
  const r = spawnSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout);
}

export function memoryJob(ctx, { projectDir }) {
  ctx.log('memory after indexing the generated project');
  const indexed = runScript(
    ctx,
    'index.mjs',
    `import { RULES, Workspace } from ${core('index.js')};
import { readFileSync, readdirSync, statSync } from 'node:fs';
const fs = { readFile: async (p) => readFileSync(p), async readDirectory(p) { return readdirSync(p, { withFileTypes: true }).map((e) => ({ name: e.name, kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other' })); }, async stat(p) { try { const s = statSync(p); return s.isFile() ? 'file' : 'directory'; } catch { return undefined; } } };
const ws = await Workspace.load(fs, process.argv[2], RULES);
ws.lintAll();
global.gc(); global.gc();
const m = process.memoryUsage();
console.log(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024, files: ws.files.size }));
`,
    [projectDir],
  );
  ctx.budget(
    'memory after indexing the generated project',
    `RSS ${mbOf(indexed.rss).toFixed(0)} MB (peak ${mbOf(indexed.maxRss).toFixed(0)} MB), retained heap ${mbOf(indexed.heapUsed).toFixed(0)} MB`,
    'RSS < 250 MB',
    mbOf(indexed.rss) < 250,
  );

  // One large file within maxFileSize (64 MB by default).
  const size = (QUICK ? 20 : 60) * 1024 * 1024;
  const dir = join(ctx.work, 'large');
  const profiles = join(dir, 'force-app/main/default/profiles');
  mkdirSync(profiles, { recursive: true });
  writeFileSync(join(dir, 'sfdx-project.json'), '{"packageDirectories":[{"path":"force-app","default":true}]}');
  const profile = join(profiles, 'Big.profile-meta.xml');
  writeFileSync(profile, generateProfile({ bytes: size, seed: 60, license: 'Salesforce Integration', apiOnly: true }));
  ctx.log(`peak memory of a ${mbOf(size).toFixed(0)} MB profile: iulint check`);
  const cli = checkTime(dir, 1);
  ctx.log(`peak memory of a ${mbOf(size).toFixed(0)} MB profile: the server opens it and edits it`);
  const server = runScript(
    ctx,
    'large.mjs',
    `import { RULES, Workspace } from ${core('index.js')};
import { MemoryFileSystem } from ${core('internal.js')};
import { readFileSync } from 'node:fs';
const [root, path] = process.argv.slice(2);
let text = readFileSync(path, 'utf8');
const base = process.memoryUsage().rss;
const ws = new Workspace(new MemoryFileSystem(), root, RULES);
ws.updateText(path, text);
ws.lint(path);
text = text.replace(/<description>[^<]*<\\/description>/, '<description>edited</description>');
ws.updateText(path, text);
ws.lint(path);
console.log(JSON.stringify({ base, maxRss: process.resourceUsage().maxRSS * 1024 }));
`,
    [dir, profile],
  );
  ctx.log(`peak memory of ${mbOf(size).toFixed(0)} MB of open tags: iulint check`);
  rmSync(profile);
  const sets = join(dir, 'force-app/main/default/permissionsets');
  mkdirSync(sets, { recursive: true });
  writeFileSync(
    join(sets, 'Open.permissionset-meta.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">${'<a>'.repeat(size / 3)}`,
  );
  const tags = checkTime(dir, 1);
  rmSync(dir, { recursive: true, force: true });
  const times = (peak) => (peak === undefined ? undefined : peak / size);
  ctx.budget(
    `peak memory for one file within maxFileSize (a ${mbOf(size).toFixed(0)} MB profile, iulint check)`,
    cli.peak ? `${times(cli.peak).toFixed(1)} times its size (${mbOf(cli.peak).toFixed(0)} MB)` : 'not measured (no /usr/bin/time)',
    '< 8 times',
    cli.peak !== undefined && times(cli.peak) < 8,
  );
  return { indexed, large: { size, cli, server, tags } };
}
