/**
 * A small reader of Agent Script (`*.agent`), the YAML-like language of Agentforce agents: top-level
 * blocks (`config:`, `access:`, `topic orders:` ...) and the properties directly inside each, with the
 * offsets of their values. Indentation is by spaces or tabs (a tab counts to the next multiple of four
 * columns); `#` starts a comment; deeper lines (nested blocks, `|` text, procedures) are skipped. It
 * reads what iulint needs, and is not a parser of the language.
 */

/** A property directly inside a top-level block, as `key: value`. */
export interface AgentScriptProperty {
  /** The block's keyword (`config`, `access`, `topic`, ...). */
  block: string;
  key: string;
  /** The value without quotes; empty when the property holds a nested block. */
  value: string;
  /** Offsets of the value (inside its quotes when quoted). */
  start: number;
  end: number;
  quoted: boolean;
}

const TAB = 4;
const HEADER = /^([A-Za-z_]\w*)(?:[ \t]+[A-Za-z_]\w*)?[ \t]*:[ \t]*(?:#.*)?$/;
const PROPERTY = /^([A-Za-z_]\w*)[ \t]*:/;

/** The columns a line's leading spaces and tabs take, and where its text starts. */
function indentation(line: string): { width: number; text: number } {
  let width = 0;
  let i = 0;
  for (; i < line.length; i++) {
    if (line[i] === ' ') width++;
    else if (line[i] === '\t') width += TAB - (width % TAB);
    else break;
  }
  return { width, text: i };
}

/** The value after `key:` on a line, from offset `at` of the line: quoted (to its closing quote) or bare (to a comment). */
function valueAt(line: string, at: number): { value: string; start: number; end: number; quoted: boolean } {
  let i = at;
  while (line[i] === ' ' || line[i] === '\t') i++;
  const quote = line[i];
  if (quote === '"' || quote === "'") {
    let value = '';
    let j = i + 1;
    for (; j < line.length && line[j] !== quote; j++) {
      if (line[j] === '\\' && j + 1 < line.length) j++;
      value += line[j];
    }
    return { value, start: i + 1, end: Math.min(j, line.length), quoted: true };
  }
  let end = line.length;
  const comment = /[ \t]#/.exec(line.slice(i));
  if (comment) end = i + comment.index;
  if (line[i] === '#') end = i;
  while (end > i && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--;
  return { value: line.slice(i, end), start: i, end, quoted: false };
}

/** Every property directly inside a top-level block, in document order. */
export function agentScriptProperties(text: string): AgentScriptProperty[] {
  const out: AgentScriptProperty[] = [];
  let block: string | undefined;
  /** The indentation of the block's properties, from its first indented line. */
  let childWidth = 0;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const { width, text: first } = indentation(line);
    if (first === line.length || line[first] === '#') continue; // blank or comment
    if (width === 0) {
      const header = HEADER.exec(line);
      block = header ? header[1] : undefined;
      childWidth = 0;
      continue;
    }
    if (!block) continue;
    if (childWidth === 0) childWidth = width;
    if (width !== childWidth) continue; // deeper: a nested block, text or a procedure
    const property = PROPERTY.exec(line.slice(first));
    if (!property) continue;
    const v = valueAt(line, first + property[0].length);
    out.push({ block, key: property[1] as string, value: v.value, start: lineStart + v.start, end: lineStart + v.end, quoted: v.quoted });
  }
  return out;
}
