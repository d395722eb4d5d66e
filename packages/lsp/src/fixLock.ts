import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, isAbsolute, join, relative } from 'node:path';

/*
 * One `iulint check --fix` at a time per project: a lock file at the project root, created with an
 * exclusive create (`wx`), holding its holder (pid, host, the process's start time on Linux). A second
 * run waits while the holder lives, then lints afresh. A lock whose holder is gone (killed, crashed:
 * same host, no such pid, or the pid now names another process) is stale: the next run removes it,
 * with the temporary files its holder listed in it before creating them (only names with its pid).
 */

export const LOCK_FILE = '.iulint-fix.lock';
/** How long a run waits for another one's lock before it gives up (exit code 2). */
const WAIT_MS = 10 * 60 * 1000;
/** A lock file with no readable holder yet (its holder is writing it) counts as held for this long. */
const UNREADABLE_GRACE_MS = 10 * 1000;

interface Holder {
  pid: number;
  host: string;
  /** The process's start time in clock ticks since boot (`/proc/<pid>/stat`, field 22); '' elsewhere. */
  start: string;
  since: string;
}

export interface FixLock {
  readonly path: string;
  /** Records a temporary file before it is created, so a later run can remove it if this one is killed. */
  journal(tmp: string): void;
  release(): void;
}

/** A process's start time, so that a pid reused by another process is not taken for the holder. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its `)`.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** Whether the process that holds a lock is gone. A holder on another host is never judged gone. */
function isGone(holder: Holder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  return holder.start !== '' && startTime(holder.pid) !== '' && startTime(holder.pid) !== holder.start;
}

function readLock(path: string): { holder: Holder | undefined; temps: string[] } | 'missing' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  const [first, ...rest] = text.split('\n');
  let holder: Holder | undefined;
  try {
    const h = JSON.parse(first ?? '') as Holder;
    if (Number.isInteger(h.pid) && typeof h.host === 'string') holder = h;
  } catch {
    holder = undefined;
  }
  return { holder, temps: rest.filter((l) => l !== '') };
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Whether a line of a stale lock names a temporary file of its holder: a path inside the project whose
 * name is exactly `tempPath`'s (`.NAME.iulint-PID-8 hex digits.tmp`, with the holder's pid). A lock file
 * may come with the project (committed by mistake, or on purpose): its lines never remove anything else.
 */
function isTempOf(root: string, pid: number, tmp: string): boolean {
  const rel = relative(root, tmp);
  if (!isAbsolute(tmp) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  return new RegExp(`^\\..+\\.iulint-${pid}-[0-9a-f]{8}\\.tmp$`).test(basename(tmp));
}

/**
 * Removes a stale lock (`stale` says whether what the lock file holds now is still the stale one) and the
 * temporary files its holder listed, under a second lock (`.break`) so that two runs never both remove
 * it (one of them could remove the other's new lock). A `.break` left by a run killed in that instant is
 * removed after half a minute. False when another run is breaking it.
 */
function breakStale(root: string, path: string, stale: (holder: Holder | undefined) => boolean): boolean {
  const breaker = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && ageMs(breaker) > 30_000) unlinkQuietly(breaker);
    return false;
  }
  try {
    const now = readLock(path);
    if (now === 'missing' || !stale(now.holder)) return true;
    const pid = now.holder?.pid;
    if (pid !== undefined) for (const tmp of now.temps) if (isTempOf(root, pid, tmp)) unlinkQuietly(tmp);
    unlinkSync(path);
    return true;
  } finally {
    closeSync(fd);
    unlinkQuietly(breaker);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the fix lock of a project, waiting while another live run holds it (`onWait` is told once).
 * Throws when the lock cannot be created (a read-only project) or after ten minutes of waiting.
 */
export async function acquireFixLock(root: string, onWait: (message: string) => void, waitMs = WAIT_MS): Promise<FixLock> {
  const path = join(root, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), start: startTime(process.pid), since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new Error(`cannot create the fix lock ${path}: ${(e as Error).message.split('\n')[0]}`);
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${JSON.stringify(me)}\n`);
      } catch (e) {
        // A full disk, a quota, a file-size limit: no lock without its holder is left behind.
        closeSync(fd);
        unlinkQuietly(path);
        throw new Error(`cannot create the fix lock ${path}: ${(e as Error).message.split('\n')[0]}`);
      }
      closeSync(fd);
      return lockOf(path, me);
    }
    const lock = readLock(path);
    if (lock === 'missing') continue;
    const held = lock.holder;
    if (held ? isGone(held) : ageMs(path) > UNREADABLE_GRACE_MS) {
      const same = (h: Holder | undefined) => (held ? h?.pid === held.pid && h.since === held.since : h === undefined);
      if (!breakStale(root, path, same)) await sleep(50);
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(
        `gave up waiting for ${path} (held by pid ${lock.holder?.pid ?? '?'} on ${lock.holder?.host ?? '?'}); if no iulint --fix is running there, delete it`,
      );
    if (!told) {
      told = true;
      onWait(`waiting for another iulint --fix on this project (pid ${lock.holder?.pid ?? '?'}) to finish`);
    }
    await sleep(100);
  }
}

function lockOf(path: string, me: Holder): FixLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const now = readLock(path);
    if (now !== 'missing' && now.holder?.pid === me.pid && now.holder.since === me.since) unlinkQuietly(path);
  };
  process.once('exit', release);
  return {
    path,
    journal(tmp: string) {
      const fd = openSync(path, 'a');
      try {
        writeSync(fd, `${tmp}\n`);
      } finally {
        closeSync(fd);
      }
    },
    release() {
      process.removeListener('exit', release);
      release();
    },
  };
}
