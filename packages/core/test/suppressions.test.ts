import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { xml } from './ruleTester.js';

const PIU = 'cloud@00d5e000000abcdeaa';
const path = 'force-app/main/default/dashboards/F/D.dashboard-meta.xml';
const ids = (text: string) => lintText(path, text).map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

describe('suppression comments', () => {
  it('disable-next-line suppresses the next line only, with a reason after a colon', () => {
    const text = xml(
      'Dashboard',
      `    <!-- iulint-disable-next-line piu-no-run-as: migrated next sprint -->\n    <runningUser>${PIU}</runningUser>\n    <dashboardResultRunningUser>${PIU}</dashboardResultRunningUser>`,
    );
    expect(ids(text)).toEqual(['piu-no-run-as@5']);
  });

  it('the v1 reason after -- still suppresses, and xml-syntax reports the -- (XML forbids it in a comment)', () => {
    const text = xml(
      'Dashboard',
      `    <!-- iulint-disable-next-line piu-no-run-as -- migrated next sprint -->\n    <runningUser>${PIU}</runningUser>\n    <dashboardResultRunningUser>${PIU}</dashboardResultRunningUser>`,
    );
    expect(ids(text)).toEqual(['xml-syntax@3', 'piu-no-run-as@5']);
  });

  it('disable … enable covers the lines between', () => {
    const text = xml(
      'Dashboard',
      `    <!-- iulint-disable piu-no-run-as -->\n    <runningUser>${PIU}</runningUser>\n    <!-- iulint-enable piu-no-run-as -->\n    <dashboardResultRunningUser>${PIU}</dashboardResultRunningUser>`,
    );
    expect(ids(text)).toEqual(['piu-no-run-as@6']);
  });

  it('disable-file covers the whole file; a list of ids is accepted', () => {
    const text = xml(
      'Dashboard',
      `    <!-- iulint-disable-file piu-no-run-as, unknown-user -->\n    <runningUser>${PIU}</runningUser>\n    <dashboardResultRunningUser>${PIU}</dashboardResultRunningUser>`,
    );
    expect(ids(text)).toEqual([]);
  });

  it('a comment for another rule does not suppress, and is reported as unused (info)', () => {
    const text = xml('Dashboard', `    <!-- iulint-disable-next-line xml-syntax -->\n    <runningUser>${PIU}</runningUser>`);
    const findings = lintText(path, text);
    expect(findings.map((f) => [f.ruleId, f.severity, f.range.start.line + 1])).toEqual([
      ['unused-disable', 'info', 3],
      ['piu-no-run-as', 'error', 4],
    ]);
  });

  it('an unknown rule id is reported', () => {
    const findings = lintText(path, xml('Dashboard', '    <!-- iulint-disable-file no-such-rule -->'));
    expect(findings[0]?.message).toContain('names no rule iulint has (no-such-rule)');
  });
});
