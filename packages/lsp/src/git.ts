// What --changed-since asks of git: the repository, the merge base with a ref, and every file changed
// since it (committed, staged, unstaged, and untracked files git does not ignore), by running git itself.
import { spawnSync } from 'node:child_process';
import type { ChangeKind } from '@iulint/core';
import { UsageError } from './usageError.js';

interface Run {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

function git(cwd: string, args: string[], input?: string): Run {
  const r = spawnSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    ...(input === undefined ? {} : { input }),
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    maxBuffer: 1 << 30,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? '--changed-since needs git, which is not installed or not on PATH' : `git could not run: ${r.error.message}`,
    );
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

const text = (r: Run) => r.stdout.toString('utf8').trim();

/** The top-level folder of the git work tree holding `dir`, or undefined outside one (or without git). */
export function gitTopLevel(dir: string): string | undefined {
  try {
    const r = git(dir, ['rev-parse', '--show-toplevel']);
    return r.status === 0 ? text(r) : undefined;
  } catch {
    return undefined;
  }
}

/** A file changed since the merge base, relative to the work tree's top level (`/`-separated, as git prints them). */
export interface GitChange {
  path: string;
  change: ChangeKind;
  /** A renamed file's former path. */
  from?: string;
}

export interface ChangeSet {
  /** The work tree's top level. */
  top: string;
  /** The merge base's commit. */
  base: string;
  changes: GitChange[];
}

const STATUS: Record<string, ChangeKind> = { A: 'added', M: 'modified', T: 'modified', D: 'deleted', R: 'renamed', C: 'added' };

/**
 * Every file changed since the merge base of `ref` and HEAD: `git diff --name-status -M <base>` (the work
 * tree against the base: what was committed since, what is staged and what is not) and `git ls-files
 * --others --exclude-standard` (new files git does not ignore). A usage error, with what to do, outside
 * a repository, for an unknown ref, or in a shallow clone that lacks the merge base.
 */
export function changedSince(dir: string, ref: string): ChangeSet {
  if (ref.startsWith('-') || ref.trim() === '')
    throw new UsageError(`--changed-since takes a git ref (a branch, tag or commit), not "${ref}"`);
  const top = gitTopLevel(dir);
  if (top === undefined) {
    git(dir, ['--version']); // says so when git itself is missing
    throw new UsageError(
      `--changed-since needs a git repository, and ${dir} is not in one: run iulint in a git checkout, or leave out --changed-since`,
    );
  }
  const shallow = text(git(top, ['rev-parse', '--is-shallow-repository'])) === 'true';
  const fetchHint = (what: string) =>
    shallow
      ? `this clone is shallow: fetch ${what} (git fetch --deepen=100 origin, or actions/checkout with fetch-depth: 0)`
      : `fetch it first (git fetch origin ${ref.replace(/^origin\//, '')}) or name an existing branch, tag or commit`;
  if (git(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).status !== 0)
    throw new UsageError(`--changed-since: the repository at ${top} has no commit yet`);
  if (git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0)
    throw new UsageError(`--changed-since: unknown git ref "${ref}": ${fetchHint('the ref and its history')}`);
  const mb = git(top, ['merge-base', ref, 'HEAD']);
  if (mb.status !== 0)
    throw new UsageError(
      shallow
        ? `--changed-since: no merge base of ${ref} and HEAD in this shallow clone: fetch more history (git fetch --deepen=100 origin ${ref.replace(/^origin\//, '')}, or actions/checkout with fetch-depth: 0)`
        : `--changed-since: ${ref} and HEAD have no common history (no merge base): name the branch this one was made from`,
    );
  const base = text(mb);
  const diff = git(top, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', '--ignore-submodules', base, '--']);
  if (diff.status !== 0) throw new UsageError(`git diff failed: ${diff.stderr.split('\n')[0]}`);
  const changes: GitChange[] = [];
  const parts = diff.stdout.toString('utf8').split('\0');
  for (let i = 0; i < parts.length - 1; ) {
    const status = parts[i++] as string;
    const kind = STATUS[status[0] as string];
    if (status[0] === 'R' || status[0] === 'C') {
      const from = parts[i++] as string;
      const to = parts[i++] as string;
      changes.push(status[0] === 'R' ? { path: to, change: 'renamed', from } : { path: to, change: 'added' });
    } else {
      const path = parts[i++] as string;
      if (kind) changes.push({ path, change: kind });
    }
  }
  const others = git(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  const listed = new Set(changes.map((c) => c.path));
  for (const path of others.stdout.toString('utf8').split('\0')) if (path && !listed.has(path)) changes.push({ path, change: 'untracked' });
  return { top, base, changes: changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** A file's bytes at a commit (`git show <commit>:<path>`), or undefined when it is not there. */
export function fileAt(top: string, commit: string, path: string): Buffer | undefined {
  const r = git(top, ['show', `${commit}:${path}`]);
  return r.status === 0 ? r.stdout : undefined;
}

/**
 * Files' bytes at a commit, in the order asked; undefined for one that is not a file there. One
 * `git cat-file --batch` reads them all (a `git show` for each took about 12 ms a file: 500 changed
 * files, 6 s); a path with a line break, which a batch line cannot hold, is read with `fileAt`.
 */
export function filesAt(top: string, commit: string, paths: readonly string[]): Array<Buffer | undefined> {
  const batched = paths.filter((p) => !p.includes('\n'));
  const out = new Map<string, Buffer | undefined>();
  if (batched.length > 0) {
    const r = git(top, ['cat-file', '--batch'], batched.map((p) => `${commit}:${p}\n`).join(''));
    if (r.status !== 0) throw new UsageError(`git cat-file could not read the files at ${commit}: ${r.stderr}`);
    let at = 0;
    for (const path of batched) {
      // `<oid> <type> <size>` and the contents, or `<name> missing` (or `ambiguous`).
      const lf = r.stdout.indexOf(10, at);
      if (lf === -1) throw new UsageError(`git cat-file ended early, at ${path}`);
      const header = r.stdout.subarray(at, lf).toString('utf8').split(' ');
      at = lf + 1;
      const size = Number(header[2]);
      if (header.length !== 3 || !Number.isInteger(size)) {
        out.set(path, undefined);
        continue;
      }
      out.set(path, header[1] === 'blob' ? r.stdout.subarray(at, at + size) : undefined);
      at += size + 1;
    }
  }
  return paths.map((p) => (p.includes('\n') ? fileAt(top, commit, p) : out.get(p)));
}
