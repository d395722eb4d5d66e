import type { ChangeCause, Fix } from '../diagnostic.js';
import { relativePath } from '../fs.js';
import { stringifyJson } from '../text/escape.js';
import { type ReportInput, summarize } from './summary.js';

/** The version of the JSON output's schema; raised on any incompatible change. */
export const JSON_FORMAT_VERSION = 1;

/**
 * Stable JSON: `{ version, tool, root, summary, findings[] }`; each finding has `ruleId`,
 * `severity`, `message`, `file` (relative to the root, `/`-separated) and a 1-based `line`,
 * `column`, `endLine`, `endColumn` (columns count UTF-16 code units), and `related` locations of
 * the same shape; `byName: true` on a finding that rests on a name only (docs/integration-names.md); `fix`, and
 * `suggestions` (fixes applied only with `--fix-suggestions`); with `--changed-since`, `changedSince`:
 * the changed `file` that brought the finding in, its `change` (added, modified, renamed, deleted,
 * untracked), `self` (the finding's own file changed) and the dependency `key` of a dependant. Control
 * characters in paths and messages are JSON `\u` escapes (`stringifyJson`): none is raw in the output.
 */
export function formatJson(input: ReportInput): string {
  const loc = (path: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({
    file: relativePath(input.root, path),
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const fix = (path: string) => (x: Fix) => ({ title: x.title, edits: x.edits.map((e) => ({ ...loc(path, e.range), text: e.newText })) });
  const cause = (c: ChangeCause) => ({
    file: relativePath(input.root, c.path),
    change: c.change,
    self: c.self,
    ...(c.key ? { key: c.key } : {}),
  });
  const out = {
    version: JSON_FORMAT_VERSION,
    tool: { name: 'iulint', version: input.toolVersion },
    root: input.root,
    summary: { ...summarize(input.findings), filesChecked: input.filesChecked, suppressed: input.suppressed?.length ?? 0 },
    findings: input.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...(f.byName ? { byName: true } : {}),
      ...loc(f.path, f.range),
      ...(f.fix ? { fix: fix(f.path)(f.fix) } : {}),
      ...(f.suggestions ? { suggestions: f.suggestions.map(fix(f.path)) } : {}),
      related: f.related.map((r) => ({ message: r.message, ...loc(r.path, r.range) })),
      ...(f.cause ? { changedSince: cause(f.cause) } : {}),
    })),
  };
  return `${stringifyJson(out, 2)}\n`;
}
