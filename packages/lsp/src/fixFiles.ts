import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyEdits, decodeBytes, type Finding, fixEdits, type TextEncodingName } from '@iulint/core';
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';

/** Encodes text back into the file's own encoding, with its byte-order mark if it had one. */
export function encodeText(text: string, encoding: TextEncodingName, bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

/** Writes a file atomically: a temporary file beside it, then a rename; keeps its mode. */
export function writeAtomic(path: string, data: Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.iulint-${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(tmp, data, mode === undefined ? {} : { mode });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw e;
  }
}

export interface FileFix {
  path: string;
  before: string;
  after: string;
  applied: number;
  encoding: TextEncodingName;
  bom: boolean;
}

/** Computes the fixed text of every file that has fixable findings (nothing is written). */
export function planFixes(findings: readonly Finding[]): FileFix[] {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) if (f.fix) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const out: FileFix[] = [];
  for (const [path, list] of byPath) {
    const decoded = decodeBytes(readFileSync(path));
    if ('binary' in decoded || decoded.problem) continue; // never rewrite a file we cannot round-trip
    const { text, applied } = applyEdits(decoded.text, fixEdits(list));
    if (applied > 0 && text !== decoded.text)
      out.push({ path, before: decoded.text, after: text, applied, encoding: decoded.encoding, bom: decoded.bom });
  }
  return out;
}

export function writeFixes(fixes: readonly FileFix[]): void {
  for (const f of fixes) writeAtomic(f.path, encodeText(f.after, f.encoding, f.bom));
}

/**
 * The diff of one planned fix, as `git diff` writes it: one hunk per change with three lines of context,
 * `--- a/<path>` and `+++ b/<path>` headers (`path` relative to the project root, so `git apply` works
 * from there), `\ No newline at end of file` where it applies, CRLF lines kept as they are. A UTF-8
 * byte-order mark stays at the start of the first line, as `git diff` shows it, so the patch applies to
 * the file's bytes. (A UTF-16 file's diff is for reading: git treats UTF-16 files as binary.)
 */
export function fixDiff(path: string, fix: FileFix): string {
  const bom = fix.bom && fix.encoding === 'utf-8' ? '\uFEFF' : '';
  const patch = structuredPatch(`a/${path}`, `b/${path}`, bom + fix.before, bom + fix.after, undefined, undefined, { context: 3 });
  return formatPatch(patch, FILE_HEADERS_ONLY);
}
