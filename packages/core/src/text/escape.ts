/*
 * Paths and messages come from the project (file names, usernames, profile names), so they may hold
 * characters a terminal acts on or that mislead a reader: an ESC sequence (`\x1b]0;title\x07` sets the
 * window title, others move the cursor or rewrite what is shown), a line break that fakes another
 * finding, or a bidirectional override (U+202E) that shows `txt.exe` as `exe.txt`. Every front end
 * and report format writes them through one of the two functions below:
 *
 * - text for people (stylish, messages on stderr, and any text format: JUnit, annotations) goes
 *   through `escapeControlCharacters`, which shows each such character as a visible escape;
 * - JSON (the JSON and SARIF reports) goes through `stringifyJson`, which writes each as a `\u`
 *   escape of JSON itself: the report's bytes hold none, and a JSON reader still gets the exact path.
 */

/**
 * Whether a UTF-16 unit is never written raw: C0 controls (U+0000-U+001F, tab and line feed
 * included), DEL and the C1 controls (U+007F-U+009F), the bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069), the line and paragraph separators (U+2028, U+2029), and a
 * surrogate that is not half of a pair (checked by the callers, which see its neighbour).
 */
function isControl(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x2028 ||
    c === 0x2029
  );
}

/** Whether the unit at `i` is a surrogate without its other half. */
function isLoneSurrogate(text: string, i: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const b = text.charCodeAt(i - 1);
    return !(b >= 0xd800 && b <= 0xdbff);
  }
  return false;
}

const hex = (c: number, width: number) => c.toString(16).toUpperCase().padStart(width, '0');

export interface EscapeOptions {
  /** Keep tabs as they are (a code frame aligns its caret line with them). Default false. */
  keepTabs?: boolean;
}

/**
 * The text with every control character (see `isControl`) and every unpaired surrogate shown as a
 * visible escape: `\xHH` for U+0000-U+00FF (`\x1B` for ESC, `\x0A` for a line feed), `\uHHHH` for the
 * others (`\u202E`, `\uD800`), upper-case hex. Everything else, backslashes included (Windows paths),
 * stays as it is, so a text without such characters comes back unchanged (the same string).
 */
export function escapeControlCharacters(text: string, options: EscapeOptions = {}): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Most characters are printable ASCII or a letter far from every range above: one test and on.
    if (c >= 0x20 && c < 0x7f) continue;
    const bad = (isControl(c) && !(c === 9 && options.keepTabs)) || isLoneSurrogate(text, i, c);
    if (!bad) continue;
    out += text.slice(from, i) + (c <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * `JSON.stringify(value, null, space)` with every control character of `isControl` that JSON.stringify
 * leaves raw (DEL, C1, bidirectional controls, U+2028, U+2029) written as a `\uHHHH` escape; C0 controls
 * and unpaired surrogates JSON.stringify escapes already. The JSON means exactly what it meant.
 */
export function stringifyJson(value: unknown, space?: number): string {
  const json = JSON.stringify(value, null, space);
  // Only inside strings can such a character be (JSON's own syntax is ASCII), so each is replaced as it is.
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (ch) => `\\u${hex(ch.charCodeAt(0), 4)}`);
}
