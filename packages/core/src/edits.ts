import type { Finding, TextEdit } from './diagnostic.js';
import { LineIndex } from './text/positions.js';

/** Applies non-overlapping edits to a text; an edit that overlaps one already taken is skipped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: typeof spans = [];
  for (const s of spans) {
    const last = taken[taken.length - 1];
    if (last && s.start < last.end) continue;
    taken.push(s);
  }
  let out = '';
  let at = 0;
  for (const s of taken) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return { text: out + text.slice(at), applied: taken.length };
}

/** The edits of every fixable finding of one file, one fix per finding, in order. */
export function fixEdits(findings: readonly Finding[]): TextEdit[] {
  return findings.flatMap((f) => f.fix?.edits ?? []);
}
