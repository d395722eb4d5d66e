import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyEdits, decodeBytes, type Finding, fixEdits, type TextEncodingName } from '@iulint/core';

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

/** A unified diff of one file (one hunk around the changed lines, three lines of context). */
export function unifiedDiff(label: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - 3);
  const toA = Math.min(a.length - 1, endA + 3);
  const toB = Math.min(b.length - 1, endB + 3);
  const lines = [`--- a/${label}`, `+++ b/${label}`, `@@ -${from + 1},${toA - from + 1} +${from + 1},${toB - from + 1} @@`];
  for (let i = from; i < start; i++) lines.push(` ${a[i]}`);
  for (let i = start; i <= endA; i++) lines.push(`-${a[i]}`);
  for (let i = start; i <= endB; i++) lines.push(`+${b[i]}`);
  for (let i = endA + 1; i <= toA; i++) lines.push(` ${a[i]}`);
  return `${lines.join('\n')}\n`;
}
