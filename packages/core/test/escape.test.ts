import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/diagnostic.js';
import { formatJson } from '../src/formats/json.js';
import { formatSarif } from '../src/formats/sarif.js';
import { codeFrame, formatStylish } from '../src/formats/stylish.js';
import { RULES } from '../src/rules/index.js';
import { escapeControlCharacters, stringifyJson } from '../src/text/escape.js';

/** Every character no output may hold raw: C0 (tab and line feed too), DEL, C1, bidi controls, line and paragraph separators. */
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, c) => c),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c,
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
  0x2028,
  0x2029,
].map((c) => String.fromCharCode(c));
/** What a hostile file name or username may hold: a terminal title sequence, a line break faking a finding, a right-to-left override. */
const HOSTILE = 'a\u001b]0;pwned\u0007b\n  9:9  error  fake  x\u202Etxt.exe\u0085\uD800z';
/** Whether a text holds a character no output may hold raw (line feeds aside: the formats write their own). */
function hasRaw(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x061c || c === 0x200e || c === 0x200f) return true;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x2028 || c === 0x2029) return true;
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** A stylish line without its own colour sequences (ESC [ digits m) and tabs (a code frame keeps them). */
function withoutColoursAndTabs(line: string): string {
  return line
    .split(String.fromCharCode(27))
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('')
    .split('\t')
    .join('');
}

describe('escapeControlCharacters (text for people)', () => {
  it('shows every control character, bidi control and unpaired surrogate as a visible escape', () => {
    for (const c of CONTROLS) {
      const out = escapeControlCharacters(`x${c}y`);
      expect(out).toMatch(/^x\\(x[0-9A-F]{2}|u[0-9A-F]{4})y$/);
      expect(out.includes(c)).toBe(false);
    }
    expect(escapeControlCharacters(HOSTILE)).toBe('a\\x1B]0;pwned\\x07b\\x0A  9:9  error  fake  x\\u202Etxt.exe\\x85\\uD800z');
    expect(escapeControlCharacters('\uDC00a\uD83D\uDE00')).toBe('\\uDC00a\uD83D\uDE00');
  });

  it('leaves everything else as it is, the same string when there is nothing to escape', () => {
    const plain = 'C:\\proj\\force-app\\Ünïcødé 名前 \uD83D\uDE00 "quoted" 100%';
    expect(escapeControlCharacters(plain)).toBe(plain);
    expect(escapeControlCharacters('a\tb', { keepTabs: true })).toBe('a\tb');
    expect(escapeControlCharacters('a\tb')).toBe('a\\x09b');
  });
});

describe('stringifyJson (JSON reports)', () => {
  it('writes every such character as a \\u escape, and means exactly the same', () => {
    const value = { path: HOSTILE, all: CONTROLS.join('') };
    const json = stringifyJson(value, 2);
    expect(hasRaw(json)).toBe(false);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('every report format escapes paths and messages', () => {
  const finding: Finding = {
    ruleId: 'unknown-user',
    severity: 'warning',
    message: `The username ${HOSTILE} is not in the org snapshot`,
    path: `/p/force-app/main/default/profiles/${HOSTILE}.profile-meta.xml`,
    range: { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } },
    related: [
      {
        message: `see ${HOSTILE}`,
        path: `/p/${HOSTILE}.json`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      },
    ],
  };
  const report = { root: '/p', findings: [finding], filesChecked: 1, toolVersion: 'x', rules: RULES };

  it('stylish, with and without colour and code frame: no raw control character but the line breaks it writes itself', () => {
    for (const color of [false, true]) {
      const out = formatStylish(report, { color, source: () => `ab\u001b[2J\u202Ecd\te\n` });
      const lines = out.split('\n');
      // Colours are its own escapes, and a code frame keeps tabs (to line its caret up).
      for (const line of lines) expect(hasRaw(withoutColoursAndTabs(line)), JSON.stringify(line)).toBe(false);
      expect(out).toContain('a\\x1B]0;pwned\\x07b\\x0A  9:9  error  fake  x\\u202Etxt.exe');
    }
  });

  it('a code frame shows the escaped line with the caret still under the range', () => {
    const [line, caret] = codeFrame('ab\u001bcd', { start: { line: 0, character: 3 }, end: { line: 0, character: 5 } }, false);
    expect(line).toBe('    1 | ab\\x1Bcd');
    expect(caret).toBe(`      | ${' '.repeat('ab\\x1B'.length)}^^`);
  });

  it('JSON and SARIF: \\u escapes only, and a JSON reader gets the exact path and message back', () => {
    const json = formatJson(report);
    expect(hasRaw(json)).toBe(false);
    const parsed = JSON.parse(json);
    expect(parsed.findings[0].file).toBe(`force-app/main/default/profiles/${HOSTILE}.profile-meta.xml`);
    expect(parsed.findings[0].message).toBe(finding.message);
    const sarif = formatSarif(report);
    expect(hasRaw(sarif)).toBe(false);
    const result = JSON.parse(sarif).runs[0].results[0];
    expect(result.message.text).toBe(finding.message);
    // A URI is UTF-8: the unpaired surrogate it cannot carry is U+FFFD there (never a crash).
    expect(decodeURIComponent(result.locations[0].physicalLocation.artifactLocation.uri)).toBe(
      `force-app/main/default/profiles/${HOSTILE.replace('\uD800', '\uFFFD')}.profile-meta.xml`,
    );
  });
});
