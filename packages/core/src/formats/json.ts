import { relativePath } from '../fs.js';
import { stringifyJson } from '../text/escape.js';
import { type ReportInput, summarize } from './summary.js';

/** The version of the JSON output's schema; raised on any incompatible change. */
export const JSON_FORMAT_VERSION = 1;

/**
 * Stable JSON: `{ version, tool, root, summary, findings[] }`; each finding has `ruleId`,
 * `severity`, `message`, `file` (relative to the root, `/`-separated) and a 1-based `line`,
 * `column`, `endLine`, `endColumn` (columns count UTF-16 code units), and `related` locations of
 * the same shape; `byName: true` on a finding that rests on a name only (docs/integration-names.md). Control
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
      ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map((e) => ({ ...loc(f.path, e.range), text: e.newText })) } } : {}),
      related: f.related.map((r) => ({ message: r.message, ...loc(r.path, r.range) })),
    })),
  };
  return `${stringifyJson(out, 2)}\n`;
}
