import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { compareFindings, type Finding } from '../src/diagnostic.js';
import { applyEdits } from '../src/edits.js';
import { extractFacts } from '../src/facts/extract.js';
import type { MetadataFacts } from '../src/facts/facts.js';
import { applySuppressions, lintText } from '../src/lint.js';
import { RULES } from '../src/rules/index.js';
import { xml } from './ruleTester.js';

/**
 * Suppression comments, with ESLint's semantics. Each case is a file whose body lines hold comments as a
 * user writes them and findings where `{P}` (piu-no-run-as) or `{A}` (reserved-user) stand (each an
 * element in the file); the result is `rule@line` (1-based) of what is still reported. The end-to-end
 * cases at the end run the real rules.
 */
const path = 'force-app/main/default/dashboards/F/D.dashboard-meta.xml';
const PIU = '<runningUser>cloud@00d5e000000abcdeaa</runningUser>';
const P = '{P}';
const A = '{A}';
/** The dashboard of these body lines: its first body line is line 3. */
const dashboard = (...lines: string[]) => xml('Dashboard', lines.map((l) => `    ${l}`).join('\n'));
function suppress(...lines: string[]): Finding[] {
  const marked = dashboard(...lines);
  const text = marked.replace(/\{[PA]\}/g, '<x/>');
  const facts = extractFacts(path, text) as MetadataFacts;
  expect(facts.xmlError, 'the case is well-formed XML').toBeUndefined();
  const findings: Finding[] = [];
  marked.split('\n').forEach((line, n) => {
    let shift = 0;
    for (const m of line.matchAll(/\{([PA])\}/g)) {
      const character = (m.index as number) - shift;
      shift += 3 - '<x/>'.length;
      const range = { start: { line: n, character }, end: { line: n, character: character + 4 } };
      findings.push({
        ruleId: m[1] === 'P' ? 'piu-no-run-as' : 'reserved-user',
        severity: 'error',
        message: 'x',
        path,
        range,
        related: [],
      });
    }
  });
  return applySuppressions(facts, findings, RULES).sort(compareFindings);
}
const reported = (...lines: string[]) => suppress(...lines).map((f) => `${f.ruleId}@${f.range.start.line + 1}`);
const messages = (...lines: string[]) => suppress(...lines).map((f) => `${f.ruleId}@${f.range.start.line + 1}: ${f.message}`);

function saxesAccepts(text: string): boolean {
  let ok = true;
  const p = new SaxesParser();
  p.on('error', () => {
    ok = false;
  });
  p.write(text).close();
  return ok;
}

describe('suppression comments (ESLint semantics)', () => {
  it('with no comment, both rules report on every line', () => {
    expect(reported(P, A)).toEqual(['piu-no-run-as@3', 'reserved-user@4']);
  });

  it('disable-next-line covers the next line only, for the rules it names, with a reason after a colon', () => {
    expect(reported('<!-- iulint-disable-next-line piu-no-run-as: migrated next sprint -->', P, P)).toEqual(['piu-no-run-as@5']);
    expect(reported('<!-- iulint-disable-next-line reserved-user -->', P, A)).toEqual([
      'unused-disable@3',
      'piu-no-run-as@4',
      'reserved-user@5',
    ]);
    expect(reported('<!-- iulint-disable-next-line piu-no-run-as, reserved-user -->', `${P}${A}`)).toEqual([]);
    expect(reported('<!-- iulint-disable-next-line -->', `${P}${A}`, P)).toEqual(['piu-no-run-as@5']);
  });

  it('disable-file covers the whole file, before and after the comment', () => {
    expect(reported(P, '<!-- iulint-disable-file piu-no-run-as -->', P, A)).toEqual(['reserved-user@6']);
    expect(reported(P, A, '<!-- iulint-disable-file -->')).toEqual([]);
    // An enable does not end a disable-file.
    expect(reported('<!-- iulint-disable-file piu-no-run-as -->', '<!-- iulint-enable piu-no-run-as -->', P)).toEqual(['unused-disable@4']);
  });

  it('disable x … enable x covers what is between; before the disable and after the enable, x is reported', () => {
    expect(reported(P, '<!-- iulint-disable piu-no-run-as -->', P, '<!-- iulint-enable piu-no-run-as -->', P)).toEqual([
      'piu-no-run-as@3',
      'piu-no-run-as@7',
    ]);
    // Without an enable, to the end of the file.
    expect(reported('<!-- iulint-disable piu-no-run-as -->', P, P, A)).toEqual(['reserved-user@6']);
  });

  it('enable x ends only x: a blanket disable goes on for every other rule', () => {
    expect(reported('<!-- iulint-disable -->', P, A, '<!-- iulint-enable piu-no-run-as -->', P, A)).toEqual(['piu-no-run-as@7']);
  });

  it('a blanket disable is ended only by a blanket enable', () => {
    expect(reported('<!-- iulint-disable -->', P, A, '<!-- iulint-enable -->', P, A)).toEqual(['piu-no-run-as@7', 'reserved-user@8']);
    expect(
      reported(
        '<!-- iulint-disable -->',
        '<!-- iulint-enable reserved-user -->',
        '<!-- iulint-enable piu-no-run-as -->',
        '<!-- iulint-disable piu-no-run-as -->',
        P,
        A,
      ),
    ).toEqual(['unused-disable@3', 'reserved-user@8']); // the blanket disable, ended for both rules at once, suppressed nothing
  });

  it('a blanket enable ends every disable, named or blanket', () => {
    expect(reported('<!-- iulint-disable piu-no-run-as, reserved-user -->', P, '<!-- iulint-enable -->', P, A)).toEqual([
      'unused-disable@3', // for reserved-user
      'piu-no-run-as@6',
      'reserved-user@7',
    ]);
  });

  it('after disable x, y, enable x re-enables x only', () => {
    expect(reported('<!-- iulint-disable piu-no-run-as, reserved-user -->', P, A, '<!-- iulint-enable piu-no-run-as -->', P, A)).toEqual([
      'piu-no-run-as@7',
    ]);
  });

  it('enable y does not end disable x', () => {
    expect(
      reported(
        '<!-- iulint-disable piu-no-run-as -->',
        A,
        '<!-- iulint-enable reserved-user -->',
        P,
        '<!-- iulint-enable piu-no-run-as -->',
        P,
      ),
    ).toEqual(['reserved-user@4', 'unused-disable@5', 'piu-no-run-as@8']);
  });

  it('a disable again after an enable suppresses again; comments on the same line act from where they stand', () => {
    expect(
      reported(
        '<!-- iulint-disable piu-no-run-as -->',
        P,
        '<!-- iulint-enable piu-no-run-as -->',
        P,
        '<!-- iulint-disable piu-no-run-as -->',
        P,
      ),
    ).toEqual(['piu-no-run-as@6']);
    expect(reported(`${P}<!-- iulint-disable piu-no-run-as -->${P}`)).toEqual(['piu-no-run-as@3']);
    expect(reported(`<!-- iulint-disable piu-no-run-as -->${P}<!-- iulint-enable piu-no-run-as -->${P}`)).toEqual(['piu-no-run-as@3']);
  });

  it('next-line and ranged comments together: each comment that helped counts as used', () => {
    expect(reported('<!-- iulint-disable piu-no-run-as -->', '<!-- iulint-disable-next-line piu-no-run-as -->', P)).toEqual([]);
    expect(reported('<!-- iulint-disable-next-line piu-no-run-as -->', '<!-- iulint-enable piu-no-run-as -->', P)).toEqual([
      'unused-disable@3',
      'unused-disable@4',
      'piu-no-run-as@5',
    ]);
  });

  describe('unused comments are reported (info), as ESLint reports unused directives', () => {
    it('a disable that suppresses nothing', () => {
      expect(messages('<!-- iulint-disable-next-line reserved-user -->', P)).toEqual([
        'unused-disable@3: This iulint-disable-next-line comment suppresses nothing; remove it.',
        expect.stringMatching(/^piu-no-run-as@4: /),
      ]);
      expect(messages('<!-- iulint-disable reserved-user -->', P)[0]).toBe(
        'unused-disable@3: This iulint-disable comment suppresses nothing; remove it.',
      );
      expect(messages('<!-- iulint-disable-file -->')).toEqual([
        'unused-disable@3: This iulint-disable-file comment suppresses nothing; remove it.',
      ]);
    });

    it('a rule of a list that suppressed nothing', () => {
      expect(messages('<!-- iulint-disable-next-line piu-no-run-as, reserved-user, xml-syntax -->', P)).toEqual([
        'unused-disable@3: This iulint-disable-next-line comment suppresses nothing for reserved-user, xml-syntax; remove them from the comment.',
      ]);
    });

    it('an enable that ends no disable', () => {
      expect(messages('<!-- iulint-enable piu-no-run-as -->', P)).toEqual([
        'unused-disable@3: This iulint-enable comment ends no iulint-disable of piu-no-run-as; remove it.',
        expect.stringMatching(/^piu-no-run-as@4: /),
      ]);
      expect(messages('<!-- iulint-enable -->')).toEqual([
        'unused-disable@3: This iulint-enable comment ends no iulint-disable; remove it.',
      ]);
      // Used: it ends a blanket disable for that rule, or a disable of it.
      expect(reported('<!-- iulint-disable -->', A, '<!-- iulint-enable piu-no-run-as -->')).toEqual([]);
    });

    it('an unknown rule id', () => {
      expect(messages('<!-- iulint-disable-file no-such-rule -->')).toEqual([
        'unused-disable@3: This iulint-disable-file comment names no rule iulint has (no-such-rule); fix the rule id or remove the comment.',
      ]);
      expect(messages('<!-- iulint-enable no-such-rule -->')[0]).toContain('names no rule iulint has (no-such-rule)');
    });
  });

  describe('the v1 reason after -- (XML forbids -- inside a comment)', () => {
    const v1 = [
      '<!-- iulint-disable-next-line piu-no-run-as -- tracked in OPS-1234 -->',
      '<!-- iulint-disable-next-line piu-no-run-as, reserved-user -- two -- dashes -->',
      '<!-- iulint-disable-next-line piu-no-run-as -- ends with a dash --->',
      '<!-- iulint-disable-next-line piu-no-run-as -->',
    ];

    it('is still honoured, and reported by xml-syntax with a fix to the colon form', () => {
      const findings = lintText(
        path,
        dashboard(v1[0] as string, PIU, `<dashboardResultRunningUser>cloud@00d5e000000abcdeaa</dashboardResultRunningUser>`),
        RULES,
      );
      expect(findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`)).toEqual(['xml-syntax@3', 'piu-no-run-as@5']);
      const syntax = findings[0]!;
      expect(syntax.message).toContain("XML forbids '--' inside a comment");
      expect(syntax.fix?.edits.map((e) => e.newText)).toEqual(['<!-- iulint-disable-next-line piu-no-run-as: tracked in OPS-1234 -->']);
    });

    it('the fix rewrites every v1 comment of the file; the result is well-formed (saxes, xmllint), still suppresses, and nothing else changes', () => {
      const RESULT = '<dashboardResultRunningUser>cloud@00d5e000000abcdeaa</dashboardResultRunningUser>';
      const text = dashboard(
        v1[0] as string,
        PIU,
        '<!-- iulint-disable -- everything -->',
        v1[1] as string,
        '<!-- iulint-enable -->',
        v1[2] as string,
        RESULT,
      );
      const before = lintText(path, text, RULES);
      const unused = ['unused-disable@5', 'unused-disable@6'];
      expect(before.map((f) => `${f.ruleId}@${f.range.start.line + 1}`)).toEqual(['xml-syntax@3', ...unused]);
      const fix = before[0]!.fix!;
      expect(fix.edits).toHaveLength(4);
      const fixed = applyEdits(text, fix.edits).text;
      expect(fixed).toBe(
        dashboard(
          '<!-- iulint-disable-next-line piu-no-run-as: tracked in OPS-1234 -->',
          PIU,
          '<!-- iulint-disable: everything -->',
          '<!-- iulint-disable-next-line piu-no-run-as, reserved-user: two - dashes -->',
          '<!-- iulint-enable -->',
          '<!-- iulint-disable-next-line piu-no-run-as: ends with a dash -->',
          RESULT,
        ),
      );
      // Well-formed now; the comments still suppress (the two unused ones are reported as before the fix).
      expect(lintText(path, fixed, RULES).map((f) => `${f.ruleId}@${f.range.start.line + 1}`)).toEqual(unused);
      expect(saxesAccepts(fixed)).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'iulint-suppress-'));
      writeFileSync(join(dir, 'D.dashboard-meta.xml'), fixed);
      execFileSync('xmllint', ['--noout', join(dir, 'D.dashboard-meta.xml')]);
    });

    it('every suppression comment the README and the rule docs show is well-formed XML (saxes, xmllint), but the v1 form, which xml-syntax reports', () => {
      const docs = new URL('../../../docs/rules/', import.meta.url);
      const texts = [
        readFileSync(new URL('../../../README.md', import.meta.url), 'utf8'),
        ...readdirSync(docs).map((f) => readFileSync(new URL(f, docs), 'utf8')),
      ];
      const documented = [...new Set(texts.flatMap((t) => t.match(/<!-- iulint-[^>]*-->/g) ?? []))];
      const v1 = documented.filter((c) => c.includes(' -- '));
      const colon = documented.filter((c) => !c.includes(' -- '));
      expect(colon.length).toBeGreaterThanOrEqual(4);
      expect(v1.length).toBeGreaterThanOrEqual(1); // the xml-syntax page shows what it reports
      const dir = mkdtempSync(join(tmpdir(), 'iulint-suppress-'));
      colon.forEach((comment, n) => {
        const text = dashboard(comment, PIU);
        expect(saxesAccepts(text), comment).toBe(true);
        expect(lintText(path, text, RULES).filter((f) => f.ruleId === 'xml-syntax')).toEqual([]);
        writeFileSync(join(dir, `Colon${n}.dashboard-meta.xml`), text);
        execFileSync('xmllint', ['--noout', join(dir, `Colon${n}.dashboard-meta.xml`)]);
      });
      v1.forEach((comment, n) => {
        const text = dashboard(comment, PIU);
        expect(saxesAccepts(text), comment).toBe(false);
        writeFileSync(join(dir, `V1_${n}.dashboard-meta.xml`), text);
        expect(() => execFileSync('xmllint', ['--noout', join(dir, `V1_${n}.dashboard-meta.xml`)], { stdio: 'pipe' })).toThrow(
          /Double hyphen/,
        );
        const syntax = lintText(path, text, RULES).filter((f) => f.ruleId === 'xml-syntax');
        expect(syntax.map((f) => f.range.start.line + 1)).toEqual([3]);
        // Its fix gives a documented colon form.
        expect(colon).toContain(syntax[0]?.fix?.edits[0]?.newText);
      });
    });
  });
});
