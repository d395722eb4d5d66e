import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/diagnostic.js';
import { codeFrame, formatStylish } from '../src/formats/stylish.js';
import { RULES } from '../src/rules/index.js';

const finding: Finding = {
  ruleId: 'piu-no-run-as',
  severity: 'error',
  message: 'names the PIU',
  path: '/p/d.xml',
  range: { start: { line: 1, character: 17 }, end: { line: 1, character: 41 } },
  related: [],
};
const TEXT = '<Dashboard>\n    <runningUser>cloud@00d5e000000abcdeaa</runningUser>\n</Dashboard>\n';

describe('stylish', () => {
  it('shows a code frame with a caret under the range when given the source', () => {
    expect(codeFrame(TEXT, finding.range, false)).toEqual([
      '    2 | <runningUser>cloud@00d5e000000abcdeaa</runningUser>'.replace('| <', '|     <'),
      `      | ${' '.repeat(17)}${'^'.repeat(24)}`,
    ]);
  });

  it('prints no frame and no colour when piped', () => {
    const out = formatStylish({ root: '/p', findings: [finding], filesChecked: 1, toolVersion: 'x', rules: RULES }, { color: false });
    expect(out).toBe(
      'd.xml\n  2:18    error    names the PIU  piu-no-run-as\n\n1 problem (1 error, 0 warnings, 0 infos) in 1 file checked\n',
    );
    const colored = formatStylish(
      { root: '/p', findings: [finding], filesChecked: 1, toolVersion: 'x', rules: RULES },
      { color: true, source: () => TEXT },
    );
    expect(colored).toContain('\u001b[31m');
    expect(colored).toContain('^^^^');
  });
});
