import type { Finding } from '../diagnostic.js';
import { relativePath } from '../fs.js';
import { docsUrl } from '../rules/rule.js';
import { visibleControls } from './controls.js';
import { byFile, causeClause, type ReportInput } from './summary.js';

/**
 * Text that XML 1.0 can carry: a character it forbids (a control character, an unpaired surrogate)
 * is written visibly (`\u001b`), never as a character reference (XML forbids those too).
 */
function xmlText(text: string): string {
  return visibleControls(text)
    .replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16)}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function failure(input: ReportInput, f: Finding): string {
  const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const message = `${f.message}${causeClause(f, input.root)}`;
  const body = [
    `${relativePath(input.root, f.path)}:${where} ${f.severity} ${message} (${f.ruleId})`,
    ...f.related.map(
      (r) => `  related: ${relativePath(input.root, r.path)}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`,
    ),
    `  rule: ${docsUrl(f.ruleId)}`,
  ].join('\n');
  return `      <failure type="${attr(f.ruleId)}" message="${attr(`${where} ${f.severity}: ${message}`)}">${xmlText(body)}</failure>`;
}

/**
 * `--format junit`: one test suite, one test case per file the report speaks for (named by its path
 * relative to the project root), one failure per finding; a file without findings is a passing case.
 * As Jenkins' and GitLab's JUnit readers take it (checked against Jenkins' JUnit schema).
 */
export function formatJunit(input: ReportInput): string {
  const findings = byFile(input.findings);
  const files = [...new Set([...(input.files ?? []), ...findings.keys()])].sort();
  const failures = input.findings.length;
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
