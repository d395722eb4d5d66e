import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectsDir } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { FORCEIGNORE } from '../src/config/ignore.js';
import { MemoryFileSystem } from '../src/fs.js';
import { classifyPath } from '../src/metadata/classify.js';
import { RULES } from '../src/rules/index.js';
import { describeProblem } from '../src/workspace/problems.js';
import { Workspace } from '../src/workspace/workspace.js';

// The judge is the Salesforce CLI's own class: ForceIgnore of @salesforce/source-deploy-retrieve
// (12.37 runs on Node 20; its ForceIgnore is the same as 13.7's, inside @salesforce/cli 2.150).
// Only that module is loaded: the package's main entry needs Node 22. Its logger must not write log files.
process.env.SF_DISABLE_LOG_FILE = 'true';
const sdr = createRequire(createRequire(import.meta.url).resolve('@salesforce/source-deploy-retrieve'));
const { ForceIgnore } = sdr('./resolve/forceIgnore') as {
  ForceIgnore: new (path: string) => { accepts(path: string): boolean };
};
const { Lifecycle } = sdr('@salesforce/core/lifecycle') as {
  Lifecycle: { getInstance(): { onWarning(cb: (w: string) => Promise<void>): void } };
};
const cliWarnings: string[] = [];
Lifecycle.getInstance().onWarning(async (w) => {
  cliWarnings.push(w);
});

/** Folders iulint documents never reading (README): tool folders, and the Salesforce CLI's own `.sf`/`.sfdx` beyond their config file. */
const NOT_READ = new Set(['node_modules', '.git', '.turbo', '.vscode-test', '.localdevserver', '.sf', '.sfdx']);

/** Every file below a folder, walked with plain node:fs (not iulint's walk). */
function filesOf(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!NOT_READ.has(e.name)) filesOf(p, out);
    } else if (e.isFile()) out.push(p);
  }
  return out;
}

const rel = (root: string, p: string) => relative(root, p).split('\\').join('/');

/** The metadata files of a project that the Salesforce CLI deploys: those its ForceIgnore accepts. */
function judged(root: string): string[] {
  const forceIgnore = new ForceIgnore(join(root, '.forceignore'));
  return filesOf(root)
    .filter((p) => classifyPath(rel(root, p)) !== undefined && forceIgnore.accepts(p))
    .map((p) => rel(root, p))
    .sort();
}

/** The project as iulint sees it: the bytes of every file, in memory. */
async function linted(root: string): Promise<{ metadata: string[]; others: string[]; ws: Workspace }> {
  const fs = new MemoryFileSystem();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) fs.write(`/project/${rel(root, p)}`, readFileSync(p));
    }
  };
  walk(root);
  const ws = await Workspace.load(fs, '/project', RULES);
  const paths = [...ws.files.keys()].map((p) => p.slice('/project/'.length)).sort();
  return { metadata: paths.filter((p) => classifyPath(p) !== undefined), others: paths.filter((p) => classifyPath(p) === undefined), ws };
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'iulint-forceignore-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const xml = (type: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<${type} xmlns="http://soap.sforce.com/2006/04/metadata"/>\n`;
const D = 'force-app/main/default';
/** A project with metadata in plain, dot-, legacy and test folders, and user sources in dot-folders. */
const FILES: Record<string, string> = {
  'sfdx-project.json': '{"packageDirectories":[{"path":"force-app","default":true}]}',
  [`${D}/profiles/Admin.profile-meta.xml`]: xml('Profile'),
  [`${D}/profiles/.Hidden.profile-meta.xml`]: xml('Profile'),
  [`${D}/.backup/profiles/Backup.profile-meta.xml`]: xml('Profile'),
  [`${D}/classes/A.cls`]: 'public class A {}\n',
  [`${D}/classes/A.cls-meta.xml`]: xml('ApexClass'),
  [`${D}/legacy/permissionsets/Old.permissionset-meta.xml`]: xml('PermissionSet'),
  [`${D}/legacy/permissionsets/Keep.permissionset-meta.xml`]: xml('PermissionSet'),
  [`${D}/dashboards/Ops/Health.dashboard-meta.xml`]: xml('Dashboard'),
  [`${D}/lwc/c/__tests__/x.permissionset-meta.xml`]: xml('PermissionSet'),
  'unpackaged/profiles/Mdapi.profile': xml('Profile'),
  '.github/workflows/ci.yml': 'jobs:\n  deploy:\n    steps:\n      - run: sf project deploy start\n',
  '.sf/config.json': '{"target-org":"ci@acme.com"}',
  'config/user-def.json': '{"Username":"svc@acme.example.com","profileName":"Standard User"}',
};

/** `.forceignore` texts: the CLI's template, negations, backslashes, bad lines, CRLF, a BOM, case, trailing spaces; undefined = no file. */
const FORCEIGNORES: Record<string, string | undefined> = {
  none: undefined,
  empty: '',
  template:
    '# List files or directories below to ignore them when running force:source:push, force:source:pull, and force:source:status\n# More information: https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_exclude_source.htm\n#\n\npackage.xml\n\n# LWC configuration files\n**/jsconfig.json\n**/.eslintrc.json\n\n# LWC Jest\n**/__tests__/**\n',
  'legacy re-include': `legacy/\n!legacy/permissionsets/Keep.permissionset-meta.xml\n!${D}/legacy/permissionsets/Keep.permissionset-meta.xml\n`,
  'legacy files only, re-include': '**/legacy/**\n!**/legacy/permissionsets/Keep.permissionset-meta.xml\n',
  backslashes: 'force-app\\main\\default\\profiles\n**/dashboards\\**\n\\#not-a-comment\n# a comment with \\ is fine\n',
  'range out of order': '[z-a]\n**/profiles/**\n',
  unreadable: '**/profiles/**\n+-[$/-\n',
  'dot folder re-included': '!**/.backup\n',
  crlf: '**/dashboards/**\r\n/force-app/main/default/classes/\r\n',
  bom: '\uFEFF**/dashboards/**\n**/legacy/**\n',
  case: '**/LEGACY/**\nFORCE-APP/MAIN/DEFAULT/PROFILES/ADMIN.PROFILE-META.XML\n',
  'trailing spaces': '**/legacy/   \n**/dashboards/**\\ \n',
  anchored: '/force-app/main/default/profiles\n/unpackaged/\n',
  'unpackaged warning': '**/unpackaged/**\n',
};

describe('.forceignore as the Salesforce CLI reads it (judge: its own ForceIgnore class)', () => {
  for (const [name, text] of Object.entries(FORCEIGNORES)) {
    it(`${name}: iulint lints exactly the metadata the CLI deploys, and every user source`, async () => {
      const root = project({ ...FILES, ...(text === undefined ? {} : { '.forceignore': text }) });
      const { metadata, others } = await linted(root);
      expect(metadata).toEqual(judged(root));
      // The defaults keep dot-folders out of a deploy, not out of iulint.
      expect(others).toContain('.github/workflows/ci.yml');
      expect(others).toContain('.sf/config.json');
      expect(others).toContain('config/user-def.json');
    });
  }

  it('every .forceignore of the fixture projects and of the corpus (when present)', async () => {
    const corpus = process.env.IULINT_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
    const roots = [projectsDir, ...(existsSync(corpus) ? [corpus] : [])].flatMap((dir) =>
      filesOf(dir)
        .filter((p) => p.endsWith('/.forceignore') || p.endsWith('\\.forceignore'))
        .map(dirname),
    );
    expect(roots.map((r) => rel(projectsDir, r))).toEqual(expect.arrayContaining(['catalogue', 'sample']));
    for (const root of roots) expect((await linted(root)).metadata, root).toEqual(judged(root));
  });

  it('a backslash line: a warning on that line and column, where the CLI warns', async () => {
    cliWarnings.length = 0;
    const root = project({ ...FILES, '.forceignore': FORCEIGNORES.backslashes as string });
    new ForceIgnore(join(root, '.forceignore'));
    await new Promise((r) => setTimeout(r, 10));
    expect(cliWarnings.some((w) => w.includes('backslash'))).toBe(true);
    const { ws } = await linted(root);
    expect(ws.lintAll().filter((f) => f.ruleId === FORCEIGNORE)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: '/project/.forceignore',
        range: { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } },
      }),
      expect.objectContaining({ severity: 'warning', range: { start: { line: 1, character: 13 }, end: { line: 1, character: 14 } } }),
      expect.objectContaining({ severity: 'warning', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } } }),
    ]);
  });

  it('no warning where the CLI gives none', async () => {
    for (const name of ['template', 'legacy re-include', 'range out of order', 'crlf', 'case']) {
      cliWarnings.length = 0;
      const root = project({ ...FILES, '.forceignore': FORCEIGNORES[name] as string });
      new ForceIgnore(join(root, '.forceignore'));
      await new Promise((r) => setTimeout(r, 10));
      expect(cliWarnings, name).toEqual([]);
      expect((await linted(root)).ws.forceignoreFindings, name).toEqual([]);
    }
  });

  it('"**/unpackaged/**": the CLI warning about retrieves, at the pattern', async () => {
    const { ws } = await linted(project({ ...FILES, '.forceignore': FORCEIGNORES['unpackaged warning'] as string }));
    expect(ws.forceignoreFindings).toEqual([
      expect.objectContaining({ severity: 'warning', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } } }),
    ]);
    expect(ws.forceignoreFindings[0]?.message).toMatch(/retrieve ignore every file/);
  });

  it('a line the matcher cannot read: an error on that line, and (as the CLI) the whole file unapplied', async () => {
    const { ws, metadata } = await linted(project({ ...FILES, '.forceignore': FORCEIGNORES.unreadable as string }));
    expect(ws.forceignoreFindings).toEqual([
      expect.objectContaining({ severity: 'error', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } } }),
    ]);
    expect(ws.forceignoreFindings[0]?.message).toMatch(
      /^The Salesforce CLI cannot read this line \(Range out of order in character class\)/,
    );
    expect(metadata).toContain(`${D}/.backup/profiles/Backup.profile-meta.xml`);
  });
});

describe('iulint.config.json "ignore" and --ignore-pattern: the same matcher, for every file', () => {
  it('gitignore semantics: a file under an ignored folder cannot be re-included; every kind of source', async () => {
    const fs = new MemoryFileSystem(
      Object.fromEntries(
        Object.entries({
          ...FILES,
          'iulint.config.json': JSON.stringify({ ignore: ['legacy/', '!legacy/permissionsets/Keep.permissionset-meta.xml', '.github/'] }),
        }).map(([k, v]) => [`/p/${k}`, v]),
      ),
    );
    const ws = await Workspace.load(fs, '/p', RULES, { ignorePatterns: ['config/*.json', 'A.CLS'] });
    const files = [...ws.files.keys()].map((p) => p.slice(3)).sort();
    expect(files.filter((p) => p.includes('legacy') || p.includes('.github') || p.startsWith('config/') || p.endsWith('A.cls'))).toEqual(
      [],
    );
    expect(files).toContain(`${D}/classes/A.cls-meta.xml`);
    expect(files).toContain('.sf/config.json');
    // No .forceignore: as the CLI, no defaults either.
    expect(files).toContain(`${D}/.backup/profiles/Backup.profile-meta.xml`);
  });

  it('a pattern the matcher cannot read: a configuration problem at its position, or a problem for --ignore-pattern; never a crash', async () => {
    const config = '{ "ignore": ["ok/**", "+-[$/-"] }';
    const fs = new MemoryFileSystem({ '/p/iulint.config.json': config, [`/p/${D}/profiles/A.profile-meta.xml`]: xml('Profile') });
    const ws = await Workspace.load(fs, '/p', RULES, { ignorePatterns: [')#[/+', 'x/**'] });
    expect(ws.configProblems).toEqual([
      {
        message: expect.stringMatching(/^"ignore": this pattern cannot be read \(Invalid regular expression: .*Range out of order/),
        range: { start: { line: 0, character: 22 }, end: { line: 0, character: 30 } },
      },
    ]);
    expect(ws.config.ignore).toEqual(['ok/**']);
    expect(ws.problems).toEqual([
      { kind: 'ignore-pattern', pattern: ')#[/+', reason: expect.stringMatching(/Unterminated character class/) },
    ]);
    expect(ws.problems.map(describeProblem)).toEqual([
      expect.stringMatching(
        /^the ignore pattern "\)#\[\/\+" cannot be read \(Invalid regular expression: .*Unterminated character class\); skipped$/,
      ),
    ]);
    expect([...ws.files.keys()]).toEqual([`/p/${D}/profiles/A.profile-meta.xml`]);
  });
});
