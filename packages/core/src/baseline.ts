import type { Finding } from './diagnostic.js';
import { relativePath } from './fs.js';

export const BASELINE_FILE = 'iulint-baseline.json';

/** Today's findings, counted per file and rule: later runs report only what is new. */
export interface Baseline {
  version: 1;
  files: Record<string, Record<string, number>>;
}

export function createBaseline(root: string, findings: readonly Finding[]): Baseline {
  const files: Record<string, Record<string, number>> = {};
  for (const f of findings) {
    const file = relativePath(root, f.path);
    const rules = files[file] ?? {};
    files[file] = rules;
    rules[f.ruleId] = (rules[f.ruleId] ?? 0) + 1;
  }
  const sorted: Record<string, Record<string, number>> = {};
  for (const k of Object.keys(files).sort()) sorted[k] = files[k] as Record<string, number>;
  return { version: 1, files: sorted };
}

export function parseBaseline(text: string): Baseline {
  const data = JSON.parse(text) as Partial<Baseline>;
  if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) throw new Error('not an iulint baseline (version 1)');
  return data as Baseline;
}

/**
 * Splits findings into those the baseline already holds and new ones. Matching is per file and rule,
 * not per line, so edits that move a finding do not make it new: while a file has no more findings
 * of a rule than the baseline counted, they are all known; once it has more, they are all reported.
 */
export function applyBaseline(root: string, baseline: Baseline, findings: readonly Finding[]): { reported: Finding[]; known: Finding[] } {
  const counts = createBaseline(root, findings).files;
  const reported: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) {
    const file = relativePath(root, f.path);
    const allowed = baseline.files[file]?.[f.ruleId] ?? 0;
    const now = counts[file]?.[f.ruleId] ?? 0;
    (now <= allowed ? known : reported).push(f);
  }
  return { reported, known };
}

/**
 * How many entries (a file and a rule) of the baseline count more findings than there are now: what
 * was fixed or removed since it was written. Such an entry would hide the next finding of its kind.
 */
export function staleBaselineEntries(root: string, baseline: Baseline, findings: readonly Finding[]): number {
  const now = createBaseline(root, findings).files;
  let stale = 0;
  for (const [file, rules] of Object.entries(baseline.files))
    for (const [rule, n] of Object.entries(rules)) if ((now[file]?.[rule] ?? 0) < n) stale++;
  return stale;
}

/** The baseline with each entry lowered to what occurs now, and entries at zero dropped; nothing is added. */
export function pruneBaseline(root: string, baseline: Baseline, findings: readonly Finding[]): Baseline {
  const now = createBaseline(root, findings).files;
  const files: Record<string, Record<string, number>> = {};
  for (const file of Object.keys(baseline.files).sort()) {
    const kept: Record<string, number> = {};
    for (const [rule, n] of Object.entries(baseline.files[file] ?? {})) {
      const left = Math.min(n, now[file]?.[rule] ?? 0);
      if (left > 0) kept[rule] = left;
    }
    if (Object.keys(kept).length > 0) files[file] = kept;
  }
  return { version: 1, files };
}
