import { LineIndex } from '../text/positions.js';
import type { Located, ScriptFacts, SfCommand } from './facts.js';

/** A shell word: its value without quotes, and the offsets of its text. */
interface Word {
  value: string;
  start: number;
  end: number;
  /** A control operator (`&&`, `||`, `;`, `|`, newline) rather than a word. */
  operator?: boolean;
}

/**
 * Splits shell-like text into words and operators: quotes ('…', "…") are honoured, a backslash or
 * PowerShell backtick before a newline continues the line, `#` at the start of a word starts a
 * comment. Good enough for `sf` command lines in scripts, CI YAML and package.json scripts.
 */
export function shellWords(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  let i = from;
  while (i < to) {
    const c = text[i] as string;
    if ((c === '\\' || c === '`') && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === '\n' || c === ';') {
      out.push({ value: c, start: i, end: i + 1, operator: true });
      i++;
      continue;
    }
    if (c === '&' || c === '|') {
      const two = text[i + 1] === c;
      out.push({ value: two ? c + c : c, start: i, end: i + (two ? 2 : 1), operator: true });
      i += two ? 2 : 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    // A word, possibly with quoted parts.
    const start = i;
    let value = '';
    let contentStart = -1;
    let contentEnd = -1;
    while (i < to) {
      const d = text[i] as string;
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ';' || d === '|' || (d === '&' && text[i + 1] === '&')) break;
      if (d === '"' || d === "'") {
        const close = text.indexOf(d, i + 1);
        const stop = close === -1 || close > to ? to : close;
        if (contentStart === -1) contentStart = i + 1;
        value += text.slice(i + 1, stop);
        contentEnd = stop;
        i = stop + 1;
        continue;
      }
      if (d === '\\' && i + 1 < to && text[i + 1] !== '\n') {
        value += text[i + 1];
        i += 2;
        continue;
      }
      if (contentStart === -1) contentStart = i;
      value += d;
      i++;
      contentEnd = i;
    }
    out.push({ value, start: contentStart === -1 ? start : contentStart, end: contentEnd === -1 ? i : Math.min(contentEnd, i) });
  }
  return out;
}

/** Decodes the escapes of a JSON string's raw content; `offsets[i]` is where decoded char i stands. */
function decodeJsonString(text: string, start: number, end: number): { source: string; offsets: number[] } {
  let source = '';
  const offsets: number[] = [];
  const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  for (let i = start; i < end; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < end) {
      const e = text[i + 1] as string;
      if (e === 'u') {
        source += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        offsets.push(i);
        i += 5;
      } else {
        source += simple[e] ?? e;
        offsets.push(i);
        i += 1;
      }
    } else {
      source += c;
      offsets.push(i);
    }
  }
  return { source, offsets };
}

/** Commands iulint reads, by every spelling: `sf` topics with spaces or colons, and `sfdx force:...`. */
const COMMANDS: Record<string, string> = {
  'org login jwt': 'org login jwt',
  'force auth jwt grant': 'org login jwt',
  'auth jwt grant': 'org login jwt',
  'org assign permset': 'org assign permset',
  'force user permset assign': 'org assign permset',
  'org assign permsetlicense': 'org assign permsetlicense',
  'force user permsetlicense assign': 'org assign permsetlicense',
  'data update record': 'data update record',
  'force data record update': 'data update record',
  'data create record': 'data create record',
  'force data record create': 'data create record',
  'org create agent-user': 'org create agent-user',
};

/** Flag spellings → the long name rules read, per command. */
const ASSIGN_FLAGS: Record<string, string> = {
  '--on-behalf-of': 'on-behalf-of',
  '-b': 'on-behalf-of',
  '--onbehalfof': 'on-behalf-of',
  '--name': 'name',
  '-n': 'name',
  '--target-org': 'target-org',
  '-o': 'target-org',
  '-u': 'target-org',
};
const FLAGS: Record<string, Record<string, string>> = {
  'org login jwt': { '--username': 'username', '-o': 'username', '-u': 'username', '--target-org': 'username' },
  'org assign permset': ASSIGN_FLAGS,
  'org assign permsetlicense': ASSIGN_FLAGS,
  'data update record': {
    '--sobject': 'sobject',
    '-s': 'sobject',
    '--where': 'where',
    '-w': 'where',
    '--values': 'values',
    '-v': 'values',
    '--record-id': 'record-id',
    '-i': 'record-id',
  },
  'data create record': { '--sobject': 'sobject', '-s': 'sobject', '--values': 'values', '-v': 'values' },
  'org create agent-user': {
    '--base-username': 'base-username',
    '--username': 'username',
    '--first-name': 'first-name',
    '--last-name': 'last-name',
    '--target-org': 'target-org',
    '-o': 'target-org',
    '-u': 'target-org',
  },
};

function isCli(word: string): boolean {
  return /(^|\/)(sf|sfdx)(\.cmd|\.exe)?$/.test(word);
}

/**
 * Finds the `sf`/`sfdx` commands iulint reads in text. `segments` limits the search to parts of the
 * text (the script strings of a package.json); by default the whole text is read.
 */
export function scriptFacts(
  path: string,
  text: string,
  segments: Array<{ start: number; end: number }> = [{ start: 0, end: text.length }],
  json = false,
): ScriptFacts {
  const lines = new LineIndex(text);
  const commands: SfCommand[] = [];
  for (const seg of segments) {
    if (!/\bsf(dx)?\b/.test(text.slice(seg.start, seg.end))) continue;
    // Inside a JSON string, read the shell text as JSON decodes it, and map offsets back.
    const { source, offsets } = json ? decodeJsonString(text, seg.start, seg.end) : { source: text, offsets: undefined };
    const raw = (o: number) => (offsets ? (offsets[o] ?? seg.end) : o);
    const words = (offsets ? shellWords(source) : shellWords(text, seg.start, seg.end)).map((w) => ({
      ...w,
      start: raw(w.start),
      end: w.end === 0 ? raw(0) : raw(w.end - 1) + 1,
    }));
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as Word;
      if (w.operator || !isCli(w.value)) continue;
      // The topic: the following plain words (or one colon-separated word), up to four.
      const topic: string[] = [];
      let j = i + 1;
      while (j < words.length && topic.length < 4) {
        const t = words[j] as Word;
        if (t.operator || t.value.startsWith('-')) break;
        topic.push(...t.value.split(':').filter(Boolean));
        j++;
        const name = COMMANDS[topic.join(' ').toLowerCase()];
        if (name) break;
      }
      const command = COMMANDS[topic.join(' ').toLowerCase()];
      if (!command) continue;
      const flags: Record<string, Located | undefined> = {};
      const spellings = FLAGS[command] ?? {};
      let end = (words[j - 1] as Word).end;
      for (; j < words.length; j++) {
        const f = words[j] as Word;
        if (f.operator) break;
        end = f.end;
        if (!f.value.startsWith('-')) continue;
        const eq = f.value.indexOf('=');
        const flag = eq === -1 ? f.value : f.value.slice(0, eq);
        const long = spellings[flag];
        if (!long) continue;
        if (eq !== -1) {
          const valueStart = f.end - (f.value.length - eq - 1);
          flags[long] = { value: f.value.slice(eq + 1), range: lines.rangeAt(valueStart, f.end) };
        } else {
          const v = words[j + 1];
          if (v && !v.operator && !v.value.startsWith('-')) {
            flags[long] = { value: v.value, range: lines.rangeAt(v.start, v.end) };
            j++;
            end = v.end;
          }
        }
      }
      commands.push({ command, range: lines.rangeAt(w.start, end), flags });
      i = j - 1;
    }
  }
  return { kind: 'script', path, commands };
}
