import { describe, expect, it } from 'vitest';
import { type LintOptions, lintText } from '../src/linter.js';
import { RULES } from '../src/rules/index.js';
import type { Rule } from '../src/rules/rule.js';

/** One expected report, with 1-based line and column like ESLint's RuleTester. */
export interface ExpectedError {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A substring (or pattern) the message must contain. */
  message?: string | RegExp;
}

export interface TestCase {
  name?: string;
  /** The file's path decides its metadata type, as on disk. */
  path: string;
  code: string;
  options?: LintOptions;
}

export interface InvalidCase extends TestCase {
  errors: ExpectedError[];
}

/**
 * Runs a rule alone over valid cases (no report) and invalid cases (exactly the listed reports,
 * with exact ranges). Other rules are switched off so each case tests one rule.
 */
export function runRuleTests(rule: Rule, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
  const only = (options: LintOptions = {}): LintOptions => ({
    ...options,
    rules: {
      ...Object.fromEntries(allRuleIds().map((id) => [id, 'off'])),
      [rule.meta.id]: rule.meta.defaultLevel === 'off' ? 'error' : rule.meta.defaultLevel,
      ...options.rules,
    },
  });
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name ?? c.path, () => {
          expect(lintText(c.path, c.code, only(c.options))).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name ?? c.path, () => {
          const findings = lintText(c.path, c.code, only(c.options));
          expect(findings.map((f) => f.ruleId)).toEqual(c.errors.map(() => rule.meta.id));
          findings.forEach((f, i) => {
            const e = c.errors[i] as ExpectedError;
            expect({
              line: f.range.start.line + 1,
              column: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            }).toEqual({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn });
            if (e.message !== undefined) {
              if (typeof e.message === 'string') expect(f.message).toContain(e.message);
              else expect(f.message).toMatch(e.message);
            }
          });
        });
      }
    });
  });
}

function allRuleIds(): string[] {
  return RULES.map((r) => r.meta.id);
}

/** Wraps body lines in a metadata root element of the given type. */
export function xml(root: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</${root}>\n`;
}
