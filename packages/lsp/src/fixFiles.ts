import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  applyEdits,
  type CheckResult,
  decodeBytes,
  extractFactsFromBytes,
  type Finding,
  fixEdits,
  type TextEncodingName,
} from '@iulint/core';
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import type { FixLock } from './fixLock.js';

/*
 * `iulint check --fix` writes a fix only onto the text it was computed for. For each file with fixable
 * findings it reads the bytes, and takes the lint's findings only when those bytes give the facts the lint
 * read (the rules see nothing else, so the findings are then exactly those of these bytes); otherwise
 * it lints these bytes again. It writes the fixed text to a temporary file beside the file (mode, and
 * owner where the process may, as the file's), reads the file once more, and renames the temporary
 * file over it only if the bytes are still those it fixed; if they changed (an editor saved), it starts
 * again from the new bytes, three times at most, then leaves the file as the user left it. What stays
 * open is the instant between that last read and the rename (docs/security.md).
 */

/** Encodes text back into the file's own encoding, with its byte-order mark if it had one. */
export function encodeText(text: string, encoding: TextEncodingName, bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  // Code unit by code unit: an unpaired surrogate is written back as it was read.
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

/**
 * What a fix is planned from: the findings of a lint and the workspace that made them (a `CheckResult` is
 * one), and `select`, the choice that made those findings from a lint's (scope, `--changed-since`,
 * baseline, suggestions): a file whose bytes changed since is linted again and the same choice is made
 * of its new findings. Without it, every finding with a fix.
 */
export type LintedProject = Pick<CheckResult, 'findings' | 'workspace'> & { select?: (findings: readonly Finding[]) => Finding[] };

export interface FileFix {
  path: string;
  before: string;
  after: string;
  applied: number;
  encoding: TextEncodingName;
  bom: boolean;
}

/** A file `--fix` left as it was, and why. */
export interface NotFixed {
  path: string;
  reason: string;
}

export interface FixOutcome {
  fixed: FileFix[];
  notFixed: NotFixed[];
}

/** How many times a file that keeps changing on disk is fixed again before it is left alone. */
const ATTEMPTS = 3;

/** Whether two values of facts (plain data) are equal; anything but plain objects and arrays counts as different. */
function sameFacts(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== (Array.isArray(a) ? Array.prototype : Object.prototype)) return false;
  if (Object.getPrototypeOf(b) !== (Array.isArray(b) ? Array.prototype : Object.prototype)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameFacts((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** The fixable findings of every file, by path. */
function fixableByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) if (f.fix) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  return byPath;
}

/**
 * The fix of a file's bytes: the lint's findings when the bytes give the facts the lint read (`linted`
 * true and the facts equal), else those of a lint of these bytes against the project. A string when the
 * file cannot be fixed; undefined when there is nothing to fix in these bytes.
 */
function planBytes(result: LintedProject, path: string, bytes: Buffer, stored: Finding[], linted: boolean): FileFix | string | undefined {
  const decoded = decodeBytes(bytes);
  if ('binary' in decoded) return `${decoded.reason}; it is never rewritten`;
  if (decoded.problem) return `${decoded.problem}; it is never rewritten`;
  const ws = result.workspace;
  const same = linted && sameFacts(extractFactsFromBytes(path, bytes, { root: ws.root }), ws.files.get(path));
  const current = same ? undefined : ws.report(path, decoded.text);
  const relinted = current?.kind === 'findings' ? current.findings : [];
  const findings = current === undefined ? stored : result.select ? result.select(relinted) : relinted.filter((f) => f.fix);
  const { text, applied } = applyEdits(decoded.text, fixEdits(findings));
  if (applied === 0 || text === decoded.text) return undefined;
  return { path, before: decoded.text, after: text, applied, encoding: decoded.encoding, bom: decoded.bom };
}

/** Computes the fixed text of every file that has fixable findings, on the bytes on disk now (nothing is written). */
export function planFixes(result: LintedProject): FileFix[] {
  const out: FileFix[] = [];
  for (const [path, stored] of fixableByPath(result.findings)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // deleted since: nothing to show
    }
    const fix = planBytes(result, path, bytes, stored, true);
    if (fix && typeof fix !== 'string') out.push(fix);
  }
  return out;
}

/** Why a file must be left alone before anything is read: not a plain file, hard links, or its mode denies writing. */
function refusal(st: Stats): string | undefined {
  if (st.isSymbolicLink()) return 'it is a symbolic link; its target is never rewritten through it';
  if (!st.isFile()) return 'it is not a regular file';
  if (st.nlink > 1) return `it has ${st.nlink} hard links, which a rewrite would split`;
  // Judged by the mode bits, not by access(2) alone: as root (often so in CI) every file is writable.
  if ((st.mode & 0o200) === 0) return `it is read-only (mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')})`;
  return undefined;
}

/** A temporary file's name beside `path`: `.NAME.iulint-PID-RANDOM.tmp`, NAME cut to 80 bytes so the name stays valid. */
function tempPath(path: string): string {
  const name = Array.from(basename(path));
  while (Buffer.byteLength(name.join('')) > 80) name.pop();
  // Web Crypto's global, loaded on first use: `node:crypto` imported here cost every `iulint check` 9 ms to load.
  const random = Buffer.from(crypto.getRandomValues(new Uint8Array(4))).toString('hex');
  return join(dirname(path), `.${name.join('')}.iulint-${process.pid}-${random}.tmp`);
}

/**
 * Writes the temporary file with the file's mode (whatever the umask) and, where the process may, its
 * owner: the owner first, since a change of owner clears the set-user-ID and set-group-ID bits.
 */
function writeTemp(tmp: string, data: Buffer, st: Stats): void {
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    let at = 0;
    while (at < data.length) at += writeSync(fd, data, at, data.length - at);
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || st.gid !== process.getgid?.())) {
      try {
        fchownSync(fd, st.uid, st.gid);
      } catch {
        // Only root may give a file to another user: the file becomes the process's, as any editor would leave it.
      }
    }
    fchmodSync(fd, st.mode & 0o7777);
  } finally {
    closeSync(fd);
  }
}

/**
 * A test hook, read from `IULINT_TEST_FIX_PAUSE` (`<stage>:<folder>`, stage `linted` or `written`): at the
 * first file that reaches the stage, the run writes `<folder>/paused` (the file's path) and waits for
 * `<folder>/go`, so a test can change the file, or kill the run, at that instant. Not for users.
 */
function testPause(stage: 'linted' | 'written', path: string): void {
  const hook = process.env.IULINT_TEST_FIX_PAUSE;
  if (!hook?.startsWith(`${stage}:`) || testPause.done) return;
  testPause.done = true;
  const folder = hook.slice(stage.length + 1);
  const fd = openSync(join(folder, 'paused'), 'w');
  writeSync(fd, path);
  closeSync(fd);
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 120_000; waited += 20) {
    try {
      lstatSync(join(folder, 'go'));
      return;
    } catch {
      Atomics.wait(wait, 0, 0, 20);
    }
  }
}
testPause.done = false;

/** Fixes one file; returns its fix, a reason it was left alone, or undefined when it had nothing left to fix. */
function fixFile(result: LintedProject, path: string, stored: Finding[], lock: FixLock): FileFix | string | undefined {
  testPause('linted', path);
  let linted = true;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // deleted since the lint: nothing to fix
      throw e;
    }
    const refused = refusal(st);
    if (refused) return refused;
    try {
      accessSync(path, constants.W_OK);
    } catch (e) {
      return `it cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    }
    const bytes = readFileSync(path);
    const fix = planBytes(result, path, bytes, stored, linted);
    if (fix === undefined || typeof fix === 'string') return fix;
    const tmp = tempPath(path);
    lock.journal(tmp);
    try {
      writeTemp(tmp, encodeText(fix.after, fix.encoding, fix.bom), st);
      testPause('written', path);
      // The last comparison: only the bytes the fix was computed on are replaced.
      if (!readFileSync(path).equals(bytes)) {
        unlinkSync(tmp);
        linted = false;
        continue;
      }
      renameSync(tmp, path);
      return fix;
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        // not created, or already renamed
      }
      throw e;
    }
  }
  return `it changed on disk ${ATTEMPTS} times while being fixed; it is left as it is`;
}

/**
 * Writes the fixes of every file with fixable findings (`--fix`), each onto the text it was computed
 * for (see the top of this module), under the project's fix lock. A file that cannot be fixed is
 * reported in `notFixed` and the others are still fixed.
 */
export function writeFixes(result: LintedProject, lock: FixLock): FixOutcome {
  const outcome: FixOutcome = { fixed: [], notFixed: [] };
  for (const [path, stored] of fixableByPath(result.findings)) {
    try {
      const fix = fixFile(result, path, stored, lock);
      if (typeof fix === 'string') outcome.notFixed.push({ path, reason: fix });
      else if (fix) outcome.fixed.push(fix);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      outcome.notFixed.push({ path, reason: err.code ? `${err.code}: ${err.message.split('\n')[0]}` : String(err.message ?? e) });
    }
  }
  return outcome;
}

/**
 * The diff of one planned fix, as `git diff` writes it: one hunk per change with three lines of context,
 * `--- a/<path>` and `+++ b/<path>` headers (`path` relative to the project root, so `git apply` works
 * from there; quoted as git quotes a name with a control character, a quote or a backslash), `\ No newline
 * at end of file` where it applies, CRLF lines kept as they are. A UTF-8 byte-order mark stays at the
 * start of the first line, as `git diff` shows it, so the patch applies to the file's bytes. (A UTF-16
 * file's diff is for reading: git treats UTF-16 files as binary.)
 */
export function fixDiff(path: string, fix: FileFix): string {
  const bom = fix.bom && fix.encoding === 'utf-8' ? '\uFEFF' : '';
  const patch = structuredPatch(`a/${path}`, `b/${path}`, bom + fix.before, bom + fix.after, undefined, undefined, { context: 3 });
  const text = formatPatch(patch, FILE_HEADERS_ONLY);
  if (!needsGitQuotes(path)) return text;
  // The headers are the first two lines; the rest is the file's own text, which `git apply` needs as it is.
  const lines = text.split('\n');
  lines[0] = `--- ${gitQuote(`a/${path}`)}`;
  lines[1] = `+++ ${gitQuote(`b/${path}`)}`;
  return lines.join('\n');
}

/** Whether git quotes a path in a diff header: a control character, `"`, `\`, or a byte beyond ASCII (git's `core.quotePath`). */
function needsGitQuotes(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) return true;
  }
  return false;
}

/** A path as git quotes it: in double quotes, with C escapes and every byte beyond ASCII in octal. */
function gitQuote(path: string): string {
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };
  let out = '"';
  for (const byte of Buffer.from(path, 'utf8')) {
    out += named[byte] ?? (byte < 0x20 || byte >= 0x7f ? `\\${byte.toString(8).padStart(3, '0')}` : String.fromCharCode(byte));
  }
  return `${out}"`;
}
