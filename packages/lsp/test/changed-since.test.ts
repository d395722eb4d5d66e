// `iulint check --changed-since <ref>` on real git repositories made with the git binary: the catalogue
// project in a sub-folder of a repository, a branch with commits, a staged rename, an unstaged edit, an
// untracked file, an ignored file, a deletion, and a shallow clone through a file:// URL.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { fileAt, filesAt } from '../src/git.js';
import { BIN } from './helpers.js';

const PROJECT = 'salesforce';
const PROFILE = 'force-app/main/default/profiles/ERP Integration.profile-meta.xml';
const DEPENDANT = 'force-app/main/default/permissionsets/Legacy_Full_Access.permissionset-meta.xml';
/** Files whose findings read nothing the ERP Integration profile provides. */
const UNRELATED = [
  '.github/workflows/deploy.yml',
  'force-app/main/default/classes/ConnectorTest.cls',
  'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml',
  'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml',
  'scripts/apex/freeze-system-users.apex',
];

interface JsonFinding {
  ruleId: string;
  file: string;
  severity: string;
  changedSince?: { file: string; change: string; self: boolean; key?: string };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  });

/** A repository with the catalogue in `salesforce/`, committed on main, and a branch `feature`. */
function repository(): { repo: string; project: string } {
  const repo = mkdtempSync(join(tmpdir(), 'iulint-git-'));
  git(repo, 'init', '-q');
  writeFileSync(join(repo, 'README.md'), '# A repository with a Salesforce project in a sub-folder\n');
  const project = join(repo, PROJECT);
  cpSync(projectPath('catalogue'), project, { recursive: true });
  rmSync(join(project, 'expected-diagnostics.json'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'The project');
  git(repo, 'checkout', '-q', '-b', 'feature');
  return { repo, project };
}

function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_WORKSPACE: undefined, CI_PROJECT_DIR: undefined, GITHUB_STEP_SUMMARY: undefined, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function findings(args: string[], cwd: string): JsonFinding[] {
  const r = run(['check', ...args, '--format', 'json'], cwd);
  expect([0, 1], r.stderr).toContain(r.status);
  return JSON.parse(r.stdout).findings;
}

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

describe('--changed-since on a real git repository', () => {
  it('a committed change to a profile: its findings and its dependants, each with the change that brought it in, nothing unrelated', () => {
    const { repo, project } = repository();
    edit(join(project, PROFILE), (t) => t.replace('</Profile>', '    <!-- reviewed -->\n</Profile>'));
    git(repo, 'commit', '-q', '-a', '-m', 'Touch the ERP profile');
    const all = findings([], project);
    const shown = findings(['--changed-since', 'main'], project);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all.length);
    // The changed file: every finding of it, marked as its own change.
    const own = shown.filter((f) => f.file === PROFILE);
    expect(own.map((f) => f.ruleId).sort()).toEqual(
      all
        .filter((f) => f.file === PROFILE)
        .map((f) => f.ruleId)
        .sort(),
    );
    for (const f of own) expect(f.changedSince).toEqual({ file: PROFILE, change: 'modified', self: true });
    // The unchanged permission set whose finding rests on the profile (its user is API-only through it).
    const dependant = shown.find((f) => f.file === DEPENDANT);
    expect(dependant?.ruleId).toBe('integration-permission-set-license');
    expect(dependant?.changedSince).toEqual({ file: PROFILE, change: 'modified', self: false, key: 'profile:erp integration' });
    for (const file of UNRELATED) {
      expect(
        all.some((f) => f.file === file),
        `${file} has findings in the full check`,
      ).toBe(true);
      expect(
        shown.some((f) => f.file === file),
        `${file} is unrelated`,
      ).toBe(false);
    }
    // Each finding is one the full check reports.
    const key = (f: JsonFinding) => `${f.ruleId} ${f.file}`;
    for (const f of shown) expect(all.map(key)).toContain(key(f));

    // The same in stylish: a clause says which change brought a dependant in.
    const text = run(['check', '--changed-since', 'main'], project).stdout;
    expect(text).toContain(`(reported because ${PROFILE} changed)`);
  });

  it('the work tree counts: a staged rename, an unstaged edit, an untracked file; an ignored file does not', () => {
    const { repo, project } = repository();
    git(project, 'mv', 'scripts/setup-org.sh', 'scripts/bootstrap-org.sh');
    edit(join(project, 'force-app/main/default/classes/ConnectorTest.cls'), (t) => `// edited, not staged\n${t}`);
    writeFileSync(
      join(project, 'config/svc-new-user-def.json'),
      '{\n  "Username": "svc.new@acme.example.com",\n  "LastName": "New Service",\n  "Email": "ops@acme.example.com",\n  "profileName": "Standard User"\n}\n',
    );
    writeFileSync(join(repo, '.gitignore'), 'local-*.apex\n');
    cpSync(join(project, 'scripts/apex/freeze-system-users.apex'), join(project, 'scripts/apex/local-freeze.apex'));
    const shown = findings(['--changed-since', 'main'], project);
    const causeOf = (file: string) => shown.filter((f) => f.file === file).map((f) => f.changedSince);
    expect(causeOf('scripts/bootstrap-org.sh').length).toBe(2);
    for (const c of causeOf('scripts/bootstrap-org.sh'))
      expect(c).toEqual({ file: 'scripts/bootstrap-org.sh', change: 'renamed', self: true });
    expect(causeOf('force-app/main/default/classes/ConnectorTest.cls')).toEqual([
      { file: 'force-app/main/default/classes/ConnectorTest.cls', change: 'modified', self: true },
    ]);
    expect(shown.filter((f) => f.file === 'config/svc-new-user-def.json').map((f) => [f.ruleId, f.changedSince?.change])).toEqual([
      ['integration-user-license', 'untracked'],
    ]);
    // git ignores local-freeze.apex: it is linted (it has findings) but is no change of its own.
    expect(findings([], project).some((f) => f.file === 'scripts/apex/local-freeze.apex')).toBe(true);
    for (const c of causeOf('scripts/apex/local-freeze.apex')) expect(c?.self).toBe(false);
  });

  it("a deleted file's dependants: the user definitions whose licence count it was part of", () => {
    const { repo, project } = repository();
    git(project, 'rm', '-q', 'config/reporting-user-def.json');
    git(repo, 'commit', '-q', '-m', 'No reporting user');
    const shown = findings(['--changed-since', 'main'], project);
    const capacity = shown.find((f) => f.ruleId === 'integration-license-capacity');
    expect(capacity?.file).toBe('config/etl-user-def.json');
    expect(capacity?.changedSince).toMatchObject({ file: 'config/reporting-user-def.json', change: 'deleted', self: false });
    expect(shown.some((f) => f.file === 'config/reporting-user-def.json')).toBe(false);
    // Data_Cloud_Connector reads every user's assignments (a user definition may assign it): it stays in.
    for (const file of UNRELATED.filter((f) => !f.includes('Data_Cloud_Connector')))
      expect(
        shown.some((f) => f.file === file),
        file,
      ).toBe(false);
  });

  it('a change to iulint.config.json, .forceignore, sfdx-project.json or the snapshot: every file counts as changed', () => {
    const all = (project: string) => findings([], project).length;
    for (const [file, change] of [
      ['iulint.config.json', (t: string) => t.replace('{', '{\n  "maxFileSize": 67108864,')],
      ['.forceignore', (t: string) => `${t}\n# reviewed\n`],
      ['sfdx-project.json', (t: string) => t.replace('{', '{\n  "name": "catalogue",')],
      ['.iulint/snapshot/UserLicense.json', (t: string) => `${t}\n`],
    ] as const) {
      const { repo, project } = repository();
      edit(join(project, file), change);
      git(repo, 'commit', '-q', '-a', '-m', `Edit ${file}`);
      const shown = findings(['--changed-since', 'main'], project);
      expect(shown.length, file).toBe(all(project));
      for (const f of shown) expect(f.changedSince?.file, file).toBe(file);
    }
  });

  it('--baseline filters after it, --max-warnings counts what it reports, --fix fixes only what it reports', () => {
    const { repo, project } = repository();
    expect(run(['check', '--write-baseline'], project).status).toBe(0);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Baseline');
    git(repo, 'branch', '-q', '-f', 'main');
    edit(join(project, PROFILE), (t) => t.replace('</Profile>', '    <!-- reviewed -->\n</Profile>'));
    git(repo, 'commit', '-q', '-a', '-m', 'Touch');
    // Every finding is in the baseline: nothing new to report.
    const r = run(['check', '--changed-since', 'main', '--baseline', '--format', 'json'], project);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.stderr).toMatch(/the baseline hid \d+ findings/);

    // --max-warnings counts the reported warnings only (the full check has more).
    const shown = findings(['--changed-since', 'main'], project);
    const warnings = shown.filter((f) => f.severity === 'warning').length;
    const allWarnings = findings([], project).filter((f) => f.severity === 'warning').length;
    expect(warnings).toBeLessThan(allWarnings);
    const gate = (n: number) =>
      run(['check', '--changed-since', 'main', '--max-warnings', String(n), '--severity-threshold', 'info', '--exit-zero'], project);
    expect(gate(warnings).status).toBe(0);
    expect(run(['check', '--changed-since', 'main', '--quiet', '--max-warnings', String(warnings - 1)], project).status).toBe(1);

    // --fix: the profile's fix (reported) is applied; the permission set's (not reported) is not.
    const sessionBased = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
    const before = readFileSync(join(project, sessionBased), 'utf8');
    run(['check', '--changed-since', 'main', '--fix'], project);
    expect(readFileSync(join(project, PROFILE), 'utf8')).toContain('<enabled>true</enabled>\n        <name>ApiEnabled</name>');
    expect(readFileSync(join(project, sessionBased), 'utf8')).toBe(before);
  });

  it('exit 2 with one line saying what to do: outside git, an unknown ref, a shallow clone without the merge base', () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'iulint-nogit-')), 'p');
    cpSync(projectPath('sample'), outside, { recursive: true });
    const one = (r: ReturnType<typeof run>) => {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^iulint: [^\n]+\n$/);
      return r.stderr;
    };
    expect(one(run(['check', '--changed-since', 'main'], outside))).toMatch(/needs a git repository.*not in one/);

    const { repo } = repository();
    expect(one(run(['check', PROJECT, '--changed-since', 'no-such-branch'], repo))).toMatch(/unknown git ref "no-such-branch": fetch it/);

    // A pull request's checkout: one commit of the branch, through a file:// URL (as CI clones).
    edit(join(repo, PROJECT, PROFILE), (t) => t.replace('</Profile>', '    <!-- reviewed -->\n</Profile>'));
    git(repo, 'commit', '-q', '-a', '-m', 'Touch');
    const clone = join(mkdtempSync(join(tmpdir(), 'iulint-shallow-')), 'clone');
    git(tmpdir(), 'clone', '-q', '--depth', '1', '--branch', 'feature', pathToFileURL(repo).href, clone);
    expect(git(clone, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
    expect(one(run(['check', PROJECT, '--changed-since', 'origin/main'], clone))).toMatch(/unknown git ref "origin\/main".*shallow/);
    git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    expect(one(run(['check', PROJECT, '--changed-since', 'origin/main'], clone))).toMatch(
      /no merge base of origin\/main and HEAD in this shallow clone: fetch more history/,
    );
    // What the message says to do works.
    git(clone, 'fetch', '-q', '--unshallow', 'origin');
    const r = run(['check', PROJECT, '--changed-since', 'origin/main', '--format', 'json'], clone);
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).findings.some((f: JsonFinding) => f.file === DEPENDANT)).toBe(true);
  });

  it('--format github: annotations for the changed file and its dependant only, paths from the repository root, properties escaped', () => {
    const { repo } = repository();
    // A project folder whose name needs GitHub's property escaping (":" and ",").
    git(repo, 'mv', PROJECT, 'sales,force:app');
    git(repo, 'commit', '-q', '-m', 'Rename the folder');
    git(repo, 'branch', '-q', '-f', 'main');
    const project = join(repo, 'sales,force:app');
    edit(join(project, PROFILE), (t) => t.replace('</Profile>', '    <!-- 100% reviewed -->\n</Profile>'));
    git(repo, 'commit', '-q', '-a', '-m', 'Touch');
    const summary = join(mkdtempSync(join(tmpdir(), 'iulint-summary-')), 'step-summary.md');
    writeFileSync(summary, '# Before iulint\n');
    const r = run(['check', '--changed-since', 'main', '--format', 'github'], project, {
      GITHUB_WORKSPACE: repo,
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.status).toBe(1);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    const files = new Set(commands.map((l) => /file=([^,]*),/.exec(l)?.[1]));
    const escaped = (p: string) => `sales%2Cforce%3Aapp/${p.replace(/:/g, '%3A').replace(/,/g, '%2C')}`;
    expect(files.has(escaped(PROFILE))).toBe(true);
    expect(files.has(escaped(DEPENDANT))).toBe(true);
    for (const file of UNRELATED) expect(files.has(escaped(file)), file).toBe(false);
    for (const line of commands) {
      expect(line).toMatch(
        /^::(error|warning|notice) file=[^:,]+,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=iulint [a-z-]+::[^\r\n]+$/,
      );
    }
    const dependant = commands.find((l) => l.includes(escaped(DEPENDANT)));
    expect(dependant).toContain(`(reported because ${PROFILE} changed)`);
    // The step summary is appended to, with every finding.
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# Before iulint\n## iulint')).toBe(true);
    expect(md.split('\n').filter((l) => /^\| (error|warning|info) \|/.test(l)).length).toBe(commands.length);
  });
});

describe('the base commit’s files, read in one batch (filesAt)', () => {
  it('gives each file’s bytes as git show does, in the order asked, and nothing for a path that is not a file there', () => {
    const repo = mkdtempSync(join(tmpdir(), 'iulint-batch-'));
    git(repo, 'init', '-q');
    const files: Record<string, Buffer> = {
      'a.xml': Buffer.from('<a/>\n'),
      'with space/b c.xml': Buffer.from('<b>\n  c\n</b>\n'),
      'line\nbreak.xml': Buffer.from('<d/>'),
      'empty.xml': Buffer.alloc(0),
      'binary.bin': Buffer.from([0, 10, 255, 13, 10, 0]),
      'dir/inner.xml': Buffer.from('<e/>\n'),
    };
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(join(repo, path, '..'), { recursive: true });
      writeFileSync(join(repo, path), bytes);
    }
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const asked = ['with space/b c.xml', 'missing.xml', 'a.xml', 'line\nbreak.xml', 'dir', 'empty.xml', 'binary.bin', 'a.xml'];
    const got = filesAt(repo, 'HEAD', asked);
    expect(got.map((b) => b?.toString('hex'))).toEqual(
      asked.map((p) => (p === 'missing.xml' || p === 'dir' ? undefined : (files[p] as Buffer).toString('hex'))),
    );
    for (const p of asked.filter((x) => x !== 'dir'))
      expect(got[asked.indexOf(p)]?.toString('hex')).toBe(fileAt(repo, 'HEAD', p)?.toString('hex'));
  });
});
