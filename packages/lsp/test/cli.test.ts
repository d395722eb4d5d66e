import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const SAMPLE = projectPath('sample');
type JsonFinding = { ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number; severity: string };
/** A finding of the JSON output in the shape of expected-diagnostics.json (0-based ranges). */
const asExpected = (f: JsonFinding) => ({
  rule: f.ruleId,
  file: f.file,
  range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
  severity: f.severity,
});

const golden = (name: string) => join(fileURLToPath(new URL('.', import.meta.url)), 'golden', name);

/** Compares with a golden file; set UPDATE_GOLDEN=1 to rewrite it after a deliberate change. */
function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

describe('iulint check on the sample project', () => {
  it('json: reports exactly the expected diagnostics', () => {
    const r = runCli(['check', SAMPLE, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(out.summary).toEqual({ errors: 3, warnings: 2, infos: 0, filesChecked: 16, suppressed: 0 });
    const actual = out.findings.map(asExpected);
    expect(actual).toEqual(loadExpected('sample'));
  });

  it('stylish: matches the golden file', () => {
    const r = runCli(['check', SAMPLE]);
    expect(r.status).toBe(1);
    expectGolden('sample.stylish.txt', r.stdout);
  });

  it('sarif: matches the golden file, with the root as a uriBaseId', () => {
    const r = runCli(['check', SAMPLE, '-f', 'sarif']);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    // Judged by Node's own URL code (SAMPLE has no character the two spell differently): the root, ending with /.
    expect(run.originalUriBaseIds.PROJECTROOT.uri).toBe(pathToFileURL(`${SAMPLE}/`).href);
    expect(fileURLToPath(run.originalUriBaseIds.PROJECTROOT.uri)).toBe(`${SAMPLE}/`);
    run.originalUriBaseIds.PROJECTROOT.uri = 'file:///SAMPLE/';
    run.tool.driver.version = 'VERSION';
    expectGolden('sample.sarif.json', `${JSON.stringify(log, null, 2)}\n`);
    const regions = run.results.map(
      (r: { locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }) =>
        r.locations[0]?.physicalLocation.region,
    );
    expect(regions.map((g: { startLine: number; startColumn: number }) => [g.startLine, g.startColumn])).toEqual(
      loadExpected('sample').map((e) => [e.range.start.line + 1, e.range.start.character + 1]),
    );
  });

  it('finds the project root from a file inside it and lints only that file', () => {
    const r = runCli(['check', 'force-app/main/default/dashboards/Ops_Dashboards/Order_Health.dashboard-meta.xml', '-f', 'json'], SAMPLE);
    const out = JSON.parse(r.stdout);
    expect(out.root).toBe(SAMPLE);
    expect(out.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['piu-no-run-as']);
    expect(r.status).toBe(1);
  });

  it('writes the report to --output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-cli-'));
    const r = runCli(['check', SAMPLE, '-f', 'json', '--output', join(dir, 'report.json')]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings).toHaveLength(5);
  });
});

describe('iulint check on the catalogue project', () => {
  it('json: every rule, from every kind of source, exactly as expected', () => {
    const r = runCli(['check', projectPath('catalogue'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    const actual = out.findings.map(asExpected);
    expect(actual).toEqual(loadExpected('catalogue'));
    // Every rule of the catalogue has a scenario here.
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout).map((x: { id: string }) => x.id);
    expect(new Set(actual.map((a: { rule: string }) => a.rule))).toEqual(
      new Set([...rules.filter((id: string) => id !== 'xml-syntax' && id !== 'piu-no-run-as'), 'forceignore']),
    );
  });
});

describe('exit codes', () => {
  it('0 with --exit-zero, as in npm start', () => {
    expect(runCli(['check', SAMPLE, '--exit-zero']).status).toBe(0);
  });

  it('0 when nothing reaches the threshold, 1 when something does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-clean-'));
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(
      join(dir, 'profiles', 'P.profile-meta.xml'),
      '<Profile><userLicense>Salesforce</userLicense><userPermissions><enabled>true</enabled><name>ApiUserOnly</name></userPermissions></Profile>',
    );
    expect(runCli(['check', dir]).status).toBe(0); // a warning does not reach "error"
    expect(runCli(['check', dir, '--severity-threshold', 'warning']).status).toBe(1);
    // Nothing to lint is no pass (ESLint's exit code 2 for a pattern that matches no file).
    const clean = mkdtempSync(join(tmpdir(), 'iulint-empty-'));
    const r = runCli(['check', clean]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^iulint: nothing to lint in [^\n]+\n$/);
  });

  it('2 with a one-line reason on usage errors', () => {
    for (const args of [
      ['check', SAMPLE, '--format', 'xml'],
      ['check', '/no/such/dir'],
      ['check', '--bogus'],
      ['frobnicate'],
      ['check', SAMPLE, '--severity-threshold', 'fatal'],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^iulint: [^\n]+\n$/);
    }
  });
});
