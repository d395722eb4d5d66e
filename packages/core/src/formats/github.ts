import type { Finding } from '../diagnostic.js';
import { docsUrl } from '../rules/rule.js';
import { escapeControlCharacters } from '../text/escape.js';
import { byFile, causeClause, type ReportInput, repositoryPath, summarize } from './summary.js';

/**
 * GitHub's escaping of a workflow command's message (`escapeData` of @actions/core): `%`, CR, LF; then
 * every other control character shown as a visible escape (core's `escapeControlCharacters`), so none
 * reaches the log raw.
 */
export function escapeGithubData(text: string): string {
  return escapeControlCharacters(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** GitHub's escaping of a workflow command's property (`escapeProperty`): also `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** One finding as a workflow command: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`. */
export function githubAnnotation(input: ReportInput, f: Finding): string {
  const props: Array<[string, string | number]> = [
    ['file', repositoryPath(input, f.path)],
    ['line', f.range.start.line + 1],
    ['endLine', f.range.end.line + 1],
    ['col', f.range.start.character + 1],
    ['endColumn', f.range.end.character + 1],
    ['title', `iulint ${f.ruleId}`],
  ];
  const p = props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${p}::${escapeGithubData(`${f.message}${causeClause(f, input.root)}`)}`;
}

/**
 * `--format github`: one workflow command a finding, which GitHub Actions turns into annotations on
 * the pull request's files and lines (it shows about ten of each level per step; the step summary and
 * SARIF carry them all), then a closing line.
 */
export function formatGithub(input: ReportInput): string {
  const lines = input.findings.map((f) => githubAnnotation(input, f));
  const s = summarize(input.findings);
  lines.push(`iulint: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos in ${input.filesChecked} files checked`);
  return `${lines.join('\n')}\n`;
}

/** Text for a Markdown table cell: no line breaks, no table or HTML syntax, controls visible. */
function cell(text: string): string {
  return escapeControlCharacters(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/([\\`*_[\]])/g, '\\$1');
}

/** The most rows the step summary lists (GitHub takes up to 1 MiB of summary per step). */
const MAX_ROWS = 1000;

/** The Markdown that `--format github` appends to `$GITHUB_STEP_SUMMARY`: counts, then every finding. */
export function githubSummary(input: ReportInput): string {
  const s = summarize(input.findings);
  const total = s.errors + s.warnings + s.infos;
  const scope = input.changedSince ? ` (files changed since ${cell(input.changedSince)} and the files that depend on them)` : '';
  const out = ['## iulint', ''];
  if (total === 0) {
    out.push(`No problems in ${input.filesChecked} files checked${scope}.`);
    if (input.suppressed?.length) out.push('', `${input.suppressed.length} findings are in the baseline and not shown.`);
    return `${out.join('\n')}\n`;
  }
  out.push(
    `**${total} ${total === 1 ? 'problem' : 'problems'}** (${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos) in ${input.filesChecked} files checked${scope}.`,
  );
  if (input.suppressed?.length) out.push('', `${input.suppressed.length} more findings are in the baseline and not shown.`);
  if (s.errors > 10 || s.warnings > 10 || s.infos > 10)
    out.push('', 'GitHub shows about ten annotations of each level on the pull request; every finding is listed here.');
  out.push('', '| severity | file | line | rule | message |', '| --- | --- | --- | --- | --- |');
  let rows = 0;
  for (const [path, list] of byFile(input.findings)) {
    for (const f of list) {
      if (rows++ >= MAX_ROWS) break;
      out.push(
        `| ${f.severity} | ${cell(repositoryPath(input, path))} | ${f.range.start.line + 1} | [${f.ruleId}](${docsUrl(f.ruleId)}) | ${cell(f.message + causeClause(f, input.root))} |`,
      );
    }
  }
  if (total > MAX_ROWS) out.push('', `… and ${total - MAX_ROWS} more: see the SARIF or JSON report.`);
  return `${out.join('\n')}\n`;
}
