// The pre-commit hook (.pre-commit-hooks.yaml at the repository root), tried with Debian's real pre-commit
// (`pre-commit try-repo`, as a user tries a hook before adding it). The published hook runs
// `npx --yes @iulint/lsp@<version>`, which needs the registry and a published package: it is tried with a
// stand-in npx on PATH that records its arguments; the hook's behaviour is tried through a variant of the
// same hook (same files, arguments and settings) with `language: system` on the built CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BIN } from './helpers.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOOKS = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
if (!hasPreCommit && process.env.CI) throw new Error('pre-commit is not installed (.ci/run installs the Debian package pre-commit)');

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  });

/** A hooks repository holding the given files, committed. */
function hooksRepo(files: Record<string, string>, executable: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'iulint-hooks-'));
  git(dir, 'init', '-q');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
    if (executable.includes(p)) chmodSync(join(dir, p), 0o755);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'hooks');
  return dir;
}

/** A user's repository: the catalogue committed, then a change staged. */
function project(change: (root: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'iulint-precommit-'));
  cpSync(projectPath('catalogue'), dir, { recursive: true });
  rmSync(join(dir, 'expected-diagnostics.json'));
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'The project');
  change(dir);
  git(dir, 'add', '-A');
  return dir;
}

function tryRepo(repo: string, cwd: string, path = process.env.PATH) {
  const home = mkdtempSync(join(tmpdir(), 'iulint-precommit-home-'));
  return spawnSync('pre-commit', ['try-repo', repo, 'iulint', '--verbose'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: path, PRE_COMMIT_HOME: join(home, 'cache'), NO_COLOR: '1', PRE_COMMIT_COLOR: 'never' },
  });
}

const PROFILE = 'force-app/main/default/profiles/ERP Integration.profile-meta.xml';
const DEPENDANT = 'force-app/main/default/permissionsets/Legacy_Full_Access.permissionset-meta.xml';

describe.skipIf(!hasPreCommit)('.pre-commit-hooks.yaml with Debian pre-commit (try-repo)', () => {
  const hook = HOOKS.find((h) => h.id === 'iulint') as Record<string, unknown>;
  const variant = () =>
    hooksRepo({ '.pre-commit-hooks.yaml': stringify([{ ...hook, language: 'system', entry: `${process.execPath} ${BIN} check` }]) });

  it('the published hook runs npx --yes @iulint/lsp@<this version> check --changed-since HEAD', () => {
    expect(hook.language).toBe('script');
    const repo = hooksRepo(
      {
        '.pre-commit-hooks.yaml': readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8'),
        'scripts/pre-commit-hook.sh': readFileSync(join(REPO_ROOT, 'scripts/pre-commit-hook.sh'), 'utf8'),
        'packages/lsp/package.json': readFileSync(join(REPO_ROOT, 'packages/lsp/package.json'), 'utf8'),
      },
      ['scripts/pre-commit-hook.sh'],
    );
    const bin = mkdtempSync(join(tmpdir(), 'iulint-npx-'));
    const log = join(bin, 'args');
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${log}"\n`);
    chmodSync(join(bin, 'npx'), 0o755);
    const dir = project((root) => writeFileSync(join(root, PROFILE), `${readFileSync(join(root, PROFILE), 'utf8')}<!-- x -->\n`));
    const r = tryRepo(repo, dir, `${bin}:${process.env.PATH}`);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/lsp/package.json'), 'utf8')).version;
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['--yes', `@iulint/lsp@${version}`, 'check', '--changed-since', 'HEAD']);
  });

  it('fails a commit that touches a profile, with its findings and those of the files that depend on it', () => {
    const dir = project((root) => {
      const file = join(root, PROFILE);
      writeFileSync(file, readFileSync(file, 'utf8').replace('</Profile>', '    <!-- reviewed -->\n</Profile>'));
    });
    const r = tryRepo(variant(), dir);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/iulint\.+Failed/);
    expect(r.stdout).toContain(PROFILE);
    expect(r.stdout).toContain(DEPENDANT);
    expect(r.stdout).toContain(`(reported because ${PROFILE} changed)`);
    expect(r.stdout).not.toContain('scripts/apex/freeze-system-users.apex');
  });

  it('passes a commit whose change brings in no finding, and skips one that touches no file iulint reads', () => {
    const clean = project((root) => writeFileSync(join(root, 'config/notes.json'), '{ "note": "not a user definition" }\n'));
    const ok = tryRepo(variant(), clean);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/iulint\.+Passed/);
    const docs = project((root) => writeFileSync(join(root, 'NOTES.md'), '# notes\n'));
    const skipped = tryRepo(variant(), docs);
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toMatch(/iulint\.+\(no files to check\)Skipped/);
  });
});
