import type { Finding } from '../diagnostic.js';
import { relativePath } from '../fs.js';
import { docsUrl } from '../rules/rule.js';
import { escapeControlCharacters } from '../text/escape.js';
import { byFile, causeClause, type ReportInput } from './summary.js';

/**
 * Text that XML 1.0 can carry: a character it forbids (a control character, an unpaired surrogate) is
 * written visibly by core's `escapeControlCharacters` (`\x1B`), never as a character reference (XML
 * forbids those too); U+FFFE and U+FFFF, which XML also forbids, the same way.
 */
function xmlText(text: string): string {
  return escapeControlCharacters(text)
    .replace(/[\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;');
}

function failure(input: ReportInput, f: Finding): string {
  const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const message = `${f.message}${causeClause(f, input.root)}`;
  const at = (path: string, r: Finding['range']) => `${relativePath(input.root, path)}:${r.start.line + 1}:${r.start.character + 1}`;
  // Each line escaped on its own: the line breaks between them are the report's, not the project's.
  const body = [
    `${at(f.path, f.range)} ${f.severity} ${message} (${f.ruleId})`,
    ...f.related.map((r) => `  related: ${at(r.path, r.range)} ${r.message}`),
    `  rule: ${docsUrl(f.ruleId)}`,
  ]
    .map(xmlText)
    .join('\n');
  return `      <failure type="${attr(f.ruleId)}" message="${attr(`${where} ${f.severity}: ${message}`)}">${body}</failure>`;
}

/**
 * `--format junit`: one test suite, one test case per file the report speaks for (named by its path
 * relative to the project root), one failure per finding; a file without findings is a passing case; the
 * suites' `failures` is the number of files with findings (failed cases).
 * As Jenkins' and GitLab's JUnit readers take it (checked against Jenkins' JUnit schema).
 */
export function formatJunit(input: ReportInput): string {
  const findings = byFile(input.findings);
  const files = [...new Set([...(input.files ?? []), ...findings.keys()])].sort();
  // A suite's `failures` counts failed test cases (Jenkins and GitLab show tests - failures as passed), not findings.
  const failures = files.filter((path) => (findings.get(path)?.length ?? 0) > 0).length;
  const cases = files.map((path) => {
    const list = findings.get(path) ?? [];
    const name = attr(relativePath(input.root, path));
    if (list.length === 0) return `    <testcase name="${name}" classname="iulint"/>`;
    return [`    <testcase name="${name}" classname="iulint">`, ...list.map((f) => failure(input, f)), '    </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iulint" tests="${files.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="iulint" tests="${files.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
