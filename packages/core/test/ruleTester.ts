import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config/config.js';
import type { Finding } from '../src/diagnostic.js';
import { MemoryFileSystem } from '../src/fs.js';
import type { Rule } from '../src/rules/rule.js';
import { Workspace } from '../src/workspace/workspace.js';

/** One expected report, with 1-based line and column like ESLint's RuleTester. */
export interface ExpectedError {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A substring (or pattern) the message must contain. */
  message?: string | RegExp;
  /** The file the finding is in, when not the case's own file (relative to the project). */
  path?: string;
  /** The expected fix's edits applied to the file give this text. */
  output?: string;
  /** Paths (relative) of related locations, in order. */
  related?: string[];
}

export interface TestCase {
  name?: string;
  /** The file under test; its path decides its kind, as on disk. */
  path: string;
  code: string;
  /** Other files of the project, by relative path. */
  files?: Record<string, string>;
  /** Org snapshot files (`User.json`, ...), as objects or text. */
  snapshot?: Record<string, unknown>;
  config?: Partial<Config>;
}

export interface InvalidCase extends TestCase {
  errors: ExpectedError[];
}

const ROOT = '/project';

/** Applies text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: NonNullable<Finding['fix']>['edits']): string {
  const offsetAt = (line: number, character: number) => {
    let offset = 0;
    for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
    return offset + character;
  };
  const sorted = [...edits].sort(
    (a, b) => offsetAt(b.range.start.line, b.range.start.character) - offsetAt(a.range.start.line, a.range.start.character),
  );
  let out = text;
  for (const e of sorted) {
    out =
      out.slice(0, offsetAt(e.range.start.line, e.range.start.character)) +
      e.newText +
      out.slice(offsetAt(e.range.end.line, e.range.end.character));
  }
  return out;
}

/** Lints a case in a project of its own with the rule under test alone (as ESLint's RuleTester); returns its findings. */
export async function lintCase(rule: Rule, c: TestCase): Promise<Finding[]> {
  const fs = new MemoryFileSystem({ [`${ROOT}/${c.path}`]: c.code });
  for (const [p, text] of Object.entries(c.files ?? {})) fs.write(`${ROOT}/${p}`, text);
  for (const [p, data] of Object.entries(c.snapshot ?? {}))
    fs.write(`${ROOT}/.snapshot/${p}`, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  const ws = await Workspace.load(fs, ROOT, [rule], c.snapshot ? { snapshotDir: `${ROOT}/.snapshot` } : {});
  ws.config = { ...ws.config, ...c.config };
  return ws.lintAll().filter((f) => f.ruleId === rule.meta.id);
}

/**
 * Runs a rule over valid cases (no report) and invalid cases (exactly the listed reports, with exact
 * ranges, messages, related locations and fix output). Each case is a small project of its own.
 */
export function runRuleTests(rule: Rule, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name ?? c.path, async () => {
          expect(await lintCase(rule, c)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name ?? c.path, async () => {
          const findings = await lintCase(rule, c);
          expect(
            findings.map((f) => f.path.slice(ROOT.length + 1)),
            findings.map((f) => f.message).join('\n'),
          ).toEqual(c.errors.map((e) => e.path ?? c.path));
          findings.forEach((f, i) => {
            const e = c.errors[i] as ExpectedError;
            const text = f.path === `${ROOT}/${c.path}` ? c.code : (c.files?.[f.path.slice(ROOT.length + 1)] ?? '');
            const lines = text.split('\n');
            const covered =
              f.range.start.line === f.range.end.line
                ? lines[f.range.start.line]?.slice(f.range.start.character, f.range.end.character)
                : '(several lines)';
            expect(
              {
                line: f.range.start.line + 1,
                column: f.range.start.character + 1,
                endLine: f.range.end.line + 1,
                endColumn: f.range.end.character + 1,
              },
              `the range covers ${JSON.stringify(covered)}; message: ${f.message}`,
            ).toEqual({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn });
            if (e.message !== undefined) {
              if (typeof e.message === 'string') expect(f.message).toContain(e.message);
              else expect(f.message).toMatch(e.message);
            }
            if (e.output !== undefined) {
              expect(f.fix, 'a quick fix').toBeDefined();
              expect(applyEdits(c.code, f.fix?.edits ?? [])).toBe(e.output);
            }
            if (e.related !== undefined) expect(f.related.map((r) => r.path.slice(ROOT.length + 1))).toEqual(e.related);
          });
        });
      }
    });
  });
}

/** Wraps body lines in a metadata root element of the given type. */
export function xml(root: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</${root}>\n`;
}

/** `sf data query --json` output of records. */
export function queryOutput(records: Array<Record<string, unknown>>): unknown {
  return { status: 0, result: { records, totalSize: records.length, done: true }, warnings: [] };
}
