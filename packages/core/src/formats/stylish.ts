import { relativePath } from '../fs.js';
import { escapeControlCharacters as shown } from '../text/escape.js';
import { type ReportInput, summarize } from './summary.js';

export interface StylishOptions {
  color: boolean;
  /** The text of a file, to show a code frame under each finding (on a terminal). */
  source?: (path: string) => string | undefined;
}

/** The finding's line with a caret line under its range (a code frame). */
export function codeFrame(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
  color: boolean,
): string[] {
  const line = text.split(/\r\n|\r|\n/)[range.start.line];
  if (line === undefined) return [];
  const line160 = line.length > 160 ? line.slice(0, 160) : line;
  const from = Math.min(range.start.character, line160.length);
  const to = range.end.line === range.start.line ? Math.min(Math.max(range.end.character, from + 1), line160.length) : line160.length;
  const gutter = `${range.start.line + 1} | `;
  // Control characters of the line are shown escaped (tabs kept, for the caret line), the caret under them.
  const keepTabs = { keepTabs: true };
  const before = shown(line160.slice(0, from), keepTabs);
  const under = shown(line160.slice(from, to), keepTabs);
  const caret = `${' '.repeat(gutter.length - 2)}| ${before.replace(/[^\t]/g, ' ')}${'^'.repeat(Math.max(1, under.length))}`;
  return [`    ${paint(color, 'dim', gutter)}${shown(line160, keepTabs)}`, `    ${paint(color, 'red', caret)}`];
}

const ANSI = { red: 31, yellow: 33, blue: 34, dim: 2, underline: 4, bold: 1 } as const;

function paint(on: boolean, style: keyof typeof ANSI, text: string): string {
  return on ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * ESLint-style text: findings grouped by file as `line:column  severity  message  rule-id`. Control
 * characters of paths, messages and code frames are shown escaped (`escapeControlCharacters`).
 */
export function formatStylish(input: ReportInput, options: StylishOptions): string {
  const c = options.color;
  const lines: string[] = [];
  let current: string | undefined;
  for (const f of input.findings) {
    if (f.path !== current) {
      if (current !== undefined) lines.push('');
      current = f.path;
      lines.push(paint(c, 'underline', shown(relativePath(input.root, f.path))));
    }
    const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const sev =
      f.severity === 'error'
        ? paint(c, 'red', 'error')
        : f.severity === 'warning'
          ? paint(c, 'yellow', 'warning')
          : paint(c, 'blue', 'info');
    lines.push(`  ${paint(c, 'dim', where.padEnd(7))} ${sev.padEnd(c ? 7 + 9 : 7)}  ${shown(f.message)}  ${paint(c, 'dim', f.ruleId)}`);
    const text = options.source?.(f.path);
    if (text !== undefined) lines.push(...codeFrame(text, f.range, c));
  }
  const s = summarize(input.findings);
  const total = s.errors + s.warnings + s.infos;
  if (lines.length > 0) lines.push('');
  const counts = `${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}) in ${plural(input.filesChecked, 'file')} checked`;
  lines.push(total === 0 ? `No problems in ${plural(input.filesChecked, 'file')} checked.` : paint(c, 'bold', counts));
  return `${lines.join('\n')}\n`;
}
