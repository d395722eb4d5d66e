import { relativePath } from '../fs.js';
import { type ReportInput, summarize } from './summary.js';

export interface StylishOptions {
  color: boolean;
}

const ANSI = { red: 31, yellow: 33, blue: 34, dim: 2, underline: 4, bold: 1 } as const;

function paint(on: boolean, style: keyof typeof ANSI, text: string): string {
  return on ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ESLint-style text: findings grouped by file as `line:column  severity  message  rule-id`. */
export function formatStylish(input: ReportInput, options: StylishOptions): string {
  const c = options.color;
  const lines: string[] = [];
  let current: string | undefined;
  for (const f of input.findings) {
    if (f.path !== current) {
      if (current !== undefined) lines.push('');
      current = f.path;
      lines.push(paint(c, 'underline', relativePath(input.root, f.path)));
    }
    const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const sev =
      f.severity === 'error'
        ? paint(c, 'red', 'error')
        : f.severity === 'warning'
          ? paint(c, 'yellow', 'warning')
          : paint(c, 'blue', 'info');
    lines.push(`  ${paint(c, 'dim', where.padEnd(7))} ${sev.padEnd(c ? 7 + 9 : 7)}  ${f.message}  ${paint(c, 'dim', f.ruleId)}`);
  }
  const s = summarize(input.findings);
  const total = s.errors + s.warnings + s.infos;
  if (lines.length > 0) lines.push('');
  const counts = `${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}) in ${plural(input.filesChecked, 'file')} checked`;
  lines.push(total === 0 ? `No problems in ${plural(input.filesChecked, 'file')} checked.` : paint(c, 'bold', counts));
  return `${lines.join('\n')}\n`;
}
