import ignore, { type Ignore } from 'ignore';
import { RE2JS } from 're2js';

/*
 * The `ignore` package (5.3.2, the Salesforce CLI's matcher) turns each gitignore pattern into a
 * regular expression, run by the JavaScript engine, which backtracks: `*a*a*a*a*a*a*b` becomes
 * `[^\/]*a[^\/]*a...[^\/]*b`, and against a file name of 200 `a`s the engine tries every way to share
 * the `a`s among the stars (over a minute; the Salesforce CLI hangs the same way). Its compiler is also
 * quadratic in a line's length (a 20,000-character line takes 0.7 s, a megabyte-long one hours).
 *
 * So iulint keeps the package, and so its exact semantics, and guards it:
 * - a pattern longer than MAX_PATTERN_LENGTH is never compiled;
 * - a rule whose expression has three or more unbounded repetitions (the ones that can multiply) is
 *   run by RE2JS, a linear-time engine (RE2's automata: no backtracking), on the same expression
 *   translated token by token into RE2's syntax with the same meaning;
 * - a rule with three or more repetitions and a token whose meaning the two engines do not share (a
 *   letter escape such as `\d`) is not applied at all, and reported.
 */

/** Longer than any path (Linux's PATH_MAX is 4,096): such a line is never compiled. */
export const MAX_PATTERN_LENGTH = 4096;
/** Unbounded repetitions from which a rule is run by the linear-time engine (two are at most quadratic in a name). */
const RISKY_REPETITIONS = 3;

/** What `ignore` keeps of each rule: its line as written, and its matcher (only its `test` is ever called). */
interface Rule {
  origin?: string;
  regex: { test(path: string): boolean; source?: string };
}

/** The rules of an `ignore` 5.3.2 instance (its `_rules`: the shape is pinned by the exact version). */
export function rulesOf(ig: Ignore): Rule[] {
  const rules = (ig as unknown as { _rules?: unknown })._rules;
  if (!Array.isArray(rules)) throw new Error('the ignore package no longer has _rules: update config/ignoreGuard.ts');
  return rules as Rule[];
}

/** The expression `ignore` makes of one pattern (undefined for a comment, a blank line, or one it throws on). */
function sourceOf(pattern: string): string | undefined {
  try {
    return rulesOf(ignore().add(pattern))[0]?.regex.source;
  } catch {
    return undefined;
  }
}

// `*` and `+` outside classes and escapes. The `.*` of a leading globstar (`^(?:.*\/)?`) counts like any
// other: it tries every `/` of the path and multiplies what follows it (`**/a/**/b` against a folder
// 2,000 levels deep ran for 38 s, and each such folder as long again).
function repetitions(source: string): number {
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '*' || c === '+') n++;
  }
  return n;
}

/**
 * Where a class that opens at `i` ends (its `]`), as JavaScript reads it: the first unescaped `]`, even
 * right after `[` or `[^`; the source's length when it does not end.
 */
export function classEnd(source: string, i: number): number {
  let k = i + 1;
  if (source[k] === '^') k++;
  for (; k < source.length; k++) {
    if (source[k] === '\\') k++;
    else if (source[k] === ']') return k;
  }
  return source.length;
}

/** Escaped punctuation means the character itself in both engines; an escaped letter or digit does not. */
const PUNCTUATION = /^[!-/:-@[-`{-~ ]$/;

/** A literal character in RE2's syntax (its metacharacters escaped). */
function literal(c: string): string {
  return /[\\^$.|?*+()[\]{}/-]/.test(c) ? `\\${c}` : c;
}

/**
 * The JavaScript expression (no flags but `i`) in RE2's syntax with the same meaning, or undefined when
 * it holds a token the two engines read differently. Classes are read as JavaScript reads them (`[]`
 * matches nothing, `[^]` anything); `.` excludes JavaScript's four line terminators; the final
 * `(?=$|\/$)`, a look-ahead RE2 lacks, becomes `(?:$|\/$)` (the same for a test that only asks whether
 * there is a match).
 */
export function translateToRe2(source: string): string | undefined {
  const LOOKAHEAD = '(?=$|\\/$)';
  let body = source;
  let tail = '';
  if (body.endsWith(LOOKAHEAD)) {
    body = body.slice(0, -LOOKAHEAD.length);
    tail = '(?:$|\\/$)';
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const e = body[i + 1];
      if (e === undefined || !PUNCTUATION.test(e)) return undefined;
      out += literal(e);
      i++;
    } else if (c === '[') {
      const end = classEnd(body, i);
      if (end >= body.length) return undefined;
      const negated = body[i + 1] === '^';
      const items = body.slice(i + (negated ? 2 : 1), end);
      if (items.length === 0) out += negated ? '(?s:.)' : '[^\\x00-\\x{10FFFF}]';
      else {
        let inner = '';
        for (let k = 0; k < items.length; k++) {
          const d = items[k] as string;
          if (d === '\\') {
            const e = items[k + 1];
            if (e === undefined || !PUNCTUATION.test(e)) return undefined;
            inner += literal(e);
            k++;
          } else if (d === '-') inner += '-';
          else inner += literal(d);
        }
        out += `[${negated ? '^' : ''}${inner}]`;
      }
      i = end;
    } else if (body.startsWith('(?:', i)) {
      out += '(?:';
      i += 2;
    } else if (c === '(') {
      return undefined; // a capturing group or a look-around: not made by `ignore` but for the final look-ahead
    } else if (c === ')' || c === '|' || c === '^' || c === '$' || c === '*' || c === '+' || c === '?') {
      out += c;
    } else if (c === '.') {
      out += '[^\\n\\r\\x{2028}\\x{2029}]';
    } else if (c === '{') {
      return undefined; // a counted repetition: `ignore` escapes every `{`
    } else out += literal(c);
  }
  return out + tail;
}

/** A linear-time matcher for the expression (case-insensitive), or undefined when it cannot be translated. */
export function linearRegex(source: string): { test(path: string): boolean } | undefined {
  const translated = translateToRe2(source);
  if (translated === undefined) return undefined;
  // Read before the `try`: only the compiler's own error means an expression it cannot run (the CLI
  // loads the engine on first use, and an engine that cannot load is an error of its own).
  const flags = RE2JS.CASE_INSENSITIVE;
  try {
    const re = RE2JS.compile(translated, flags);
    return { test: (path: string) => re.test(path) };
  } catch {
    return undefined;
  }
}

/**
 * Why iulint does not apply a pattern that the `ignore` package can read: too long to compile, or one
 * that could backtrack and that the linear-time engine cannot run. Undefined for every other pattern.
 */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `it is longer than ${MAX_PATTERN_LENGTH} characters, longer than any path; the matcher would take minutes to compile it`;
  const source = sourceOf(pattern);
  if (source === undefined || repetitions(source) < RISKY_REPETITIONS) return undefined;
  return linearRegex(source) === undefined
    ? 'it has many wildcards and a character escape the linear-time matcher cannot read the same way; the backtracking matcher could take minutes on it'
    : undefined;
}

/**
 * Runs every rule that could backtrack with the linear-time engine (its patterns already passed
 * `unsafePatternReason`), except the lines of `trusted`: patterns known not to backtrack (iulint's own
 * defaults), left to the `ignore` package's expression.
 */
export function guardRules(ig: Ignore, trusted: ReadonlySet<string> = new Set()): Ignore {
  for (const rule of rulesOf(ig)) {
    if (rule.origin !== undefined && trusted.has(rule.origin)) continue;
    const source = rule.regex.source;
    if (source === undefined || repetitions(source) < RISKY_REPETITIONS) continue;
    const linear = linearRegex(source);
    // Never left to backtrack: a rule that cannot be translated matches nothing.
    rule.regex = linear ? Object.assign(linear, { source }) : { test: () => false, source };
  }
  return ig;
}
