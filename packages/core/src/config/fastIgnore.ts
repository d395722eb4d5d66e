import ignore from 'ignore';
import { classEnd, guardRules, rulesOf } from './ignoreGuard.js';

/*
 * The `ignore` package's matching, with its meaning unchanged and at a fraction of its cost.
 *
 * Rules. A project's `.forceignore`
 * brings the Salesforce CLI's defaults with it, so every file of a typical project is matched against
 * a dozen rules, two of them run by the linear-time engine (`ignoreGuard.ts`, about ten times slower
 * than the native one): 9,000 files took 130 ms. Most rules name a piece of text that every path they
 * match holds (`**\/__tests__/**` holds `__tests__/`, `**\/.sf/orgs/*\/**` holds `.sf/orgs/`): a rule
 * first looks for that piece in the path, and runs its expression only when the piece is there.
 *
 * Paths. `ignores` keeps the answer for every path it was asked about in one object, whose keys V8
 * must intern: with thousands of files that cost more than the rules themselves (and as much again in
 * garbage collection). `FastIgnore` walks a path's folders as `ignores` does (a folder's answer first;
 * an ignored folder ignores what is in it) and keeps the answers of folders only.
 */

/** A rule of an `ignore` 5.3.2 instance, as `ignoreGuard.ts` reads it: only `regex.test` is ever called. */
interface Rule {
  regex: { test(path: string): boolean; source?: string };
}

/** Printable ASCII: any other path (rare) runs every rule's expression. */
const ASCII = /^[ -~]*$/;

/**
 * The longest run of literal characters that every match of the expression contains, lower-cased;
 * undefined when there is none of at least two characters, or when the expression has an alternation
 * at its top level, a counted repetition, or a non-ASCII literal (whose case-insensitive matches need
 * Unicode case folding). Only the top level is read: a group or a class ends a run.
 */
export function requiredLiteral(source: string): string | undefined {
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run.length > 0) runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      const e = source[i + 1];
      i++;
      if (e !== undefined && /^[!-/:-@[-`{-~ ]$/.test(e)) run += e;
      else end(); // a letter escape such as \d is no literal, and nothing after a trailing backslash
    } else if (c === '(') {
      end();
      i = groupEnd(source, i);
      if (i < 0) return undefined;
    } else if (c === '[') {
      end();
      i = classEnd(source, i);
      if (i >= source.length) return undefined;
    } else if (c === '*' || c === '?' || c === '+') {
      // The atom before it (the run's last character, if it was one) may repeat or be absent.
      run = run.slice(0, -1);
      end();
    } else if (c === '|' || c === '{' || c === ')' || c === ']') {
      return undefined;
    } else if (c === '^' || c === '$' || c === '.') end();
    else run += c;
  }
  end();
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.length >= 2 && ASCII.test(longest) ? longest.toLowerCase() : undefined;
}

/** Where a group that opens at `i` ends (its `)`), or -1 when it does not. */
function groupEnd(source: string, i: number): number {
  let depth = 0;
  for (let k = i; k < source.length; k++) {
    const c = source[k];
    if (c === '\\') k++;
    else if (c === '[') {
      k = classEnd(source, k);
      if (k >= source.length) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k;
  }
  return -1;
}

/**
 * Puts a literal check in front of each rule that has one (`requiredLiteral`), in place. The check
 * applies to ASCII paths only (the rules match case-insensitively); any other path runs the expression
 * as before. Every rule of an instance sees the same path in turn, so its lower-cased form is kept
 * for the next rule.
 */
function prefilterRules(rules: Rule[]): void {
  let lastPath: string | undefined;
  let lastLower: string | undefined;
  const lower = (path: string): string | undefined => {
    if (path !== lastPath) {
      lastPath = path;
      lastLower = ASCII.test(path) ? path.toLowerCase() : undefined;
    }
    return lastLower;
  };
  for (const rule of rules) {
    const source = rule.regex.source;
    const literal = source === undefined ? undefined : requiredLiteral(source);
    if (literal === undefined) continue;
    const full = rule.regex;
    rule.regex = {
      source,
      test: (path: string) => {
        const l = lower(path);
        return (l === undefined || l.includes(literal)) && full.test(path);
      },
    };
  }
}

/** What `_testOne` of `ignore` 5.3.2 answers for one path. */
interface TestResult {
  ignored: boolean;
  unignored: boolean;
}

/** `ignore` refuses these paths (`checkPath`: empty, not relative, or dots alone); the caller decides what they mean. */
const REFUSED = /^\.*\/|^\.+$/;

/**
 * An `ignore` 5.3.2 instance of the given patterns, its risky rules guarded (`ignoreGuard.ts`) and
 * every rule prefiltered; `ignores` answers as the instance's own `ignores` does, throwing where it throws.
 */
export class FastIgnore {
  private readonly ig: ReturnType<typeof ignore> & { _testOne(path: string, checkUnignored: boolean): TestResult };
  private readonly folders = new Map<string, TestResult>();

  /** @param trusted lines whose expressions cannot backtrack, never handed to the linear-time engine (`guardRules`) */
  constructor(patterns: readonly string[], trusted?: ReadonlySet<string>) {
    const ig = guardRules(ignore().add(patterns as string[]), trusted) as FastIgnore['ig'];
    if (typeof ig._testOne !== 'function') throw new Error('the ignore package no longer has _testOne: update config/fastIgnore.ts');
    prefilterRules(rulesOf(ig));
    this.ig = ig;
  }

  /** Whether the path (relative, `/`-separated, a folder ending with `/`) is ignored. */
  ignores(path: string): boolean {
    if (path === '' || REFUSED.test(path)) return this.ig.ignores(path); // throws as the package does
    return this.test(path).ignored;
  }

  /** `_t` of the package: the parent folder's answer, then the path's own unless the folder is ignored. */
  private test(path: string): TestResult {
    const end = path.endsWith('/') ? path.length - 1 : path.length;
    const slash = path.lastIndexOf('/', end - 1);
    if (slash === -1) return this.ig._testOne(path, false);
    const parent = this.folder(path.slice(0, slash + 1));
    return parent.ignored ? parent : this.ig._testOne(path, false);
  }

  private folder(path: string): TestResult {
    let result = this.folders.get(path);
    if (result === undefined) {
      result = this.test(path);
      this.folders.set(path, result);
    }
    return result;
  }
}
