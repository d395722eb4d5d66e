import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatSarif, RULES } from '@iulint/core';
import { loadExpected, projectPath } from '@iulint/fixtures';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const require = createRequire(import.meta.url);
/** The official SARIF SDK's validator, and the SARIF 2.1.0 JSON schema it ships. */
const MULTITOOL_DIR = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const MULTITOOL = join(MULTITOOL_DIR, 'Sarif.Multitool');
const SCHEMA = JSON.parse(readFileSync(join(MULTITOOL_DIR, 'sarif-2.1.0.json'), 'utf8'));

function sarifOf(project: string, extra: string[] = []): { file: string; log: Record<string, unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'iulint-sarif-'));
  const file = join(dir, `${project}.sarif`);
  const r = runCli(['check', projectPath(project), '-f', 'sarif', '-o', file, ...extra]);
  expect(r.status, r.stderr).toBe(1);
  return { file, log: JSON.parse(readFileSync(file, 'utf8')) };
}

describe('SARIF 2.1.0 output', () => {
  for (const project of ['sample', 'catalogue']) {
    it(`${project}: valid against the SARIF 2.1.0 JSON schema`, () => {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      const validate = ajv.compile(SCHEMA);
      const { log } = sarifOf(project);
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
      expect(ok).toBe(true);
    });

    it(`${project}: the official validator (sarif-multitool validate) reports no error and no warning`, () => {
      expect(existsSync(MULTITOOL), `${MULTITOOL} is missing (npm ci installs @microsoft/sarif-multitool)`).toBe(true);
      const { file } = sarifOf(project);
      const out = `${file}.validation.sarif`;
      const r = spawnSync(MULTITOOL, ['validate', file, '--output', out], {
        encoding: 'utf8',
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const results = (JSON.parse(readFileSync(out, 'utf8')).runs[0].results ?? []) as Array<{
        ruleId: string;
        level?: string;
        message: { text?: string };
      }>;
      // No warning is left without a reason: there are none.
      expect(results.map((x) => `${x.level ?? 'warning'} ${x.ruleId}`)).toEqual([]);
    });
  }

  it('carries fixes, related locations and baseline suppressions', () => {
    const root = projectPath('catalogue');
    const baseline = join(mkdtempSync(join(tmpdir(), 'iulint-baseline-')), 'baseline.json');
    expect(runCli(['check', root, '--write-baseline', baseline]).status).toBe(1);
    const full = JSON.parse(readFileSync(baseline, 'utf8'));
    // Drop one file's entries from the baseline so its findings are new.
    delete full.files['scripts/setup-org.sh'];
    writeFileSync(baseline, JSON.stringify(full));
    const { log } = sarifOf('catalogue', ['--baseline', baseline]);
    const results =
      (
        log.runs as Array<{
          results: Array<{
            ruleId: string;
            suppressions?: unknown[];
            fixes?: unknown[];
            relatedLocations?: unknown[];
            locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }>;
          }>;
        }>
      )[0]?.results ?? [];
    const fresh = results.filter((r) => !r.suppressions);
    expect(fresh.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual([
      'scripts/setup-org.sh',
      'scripts/setup-org.sh',
    ]);
    expect(results.filter((r) => r.suppressions).length).toBe(loadExpected('catalogue').length - 2);
    expect(results.some((r) => r.fixes && r.ruleId === 'piu-session-based')).toBe(true);
    expect(results.some((r) => r.relatedLocations && r.ruleId === 'integration-permission-set-license')).toBe(true);
    expect(results.every((r) => r.locations[0]?.physicalLocation.artifactLocation.uriBaseId === 'PROJECTROOT')).toBe(true);
  });

  it('a Windows root (c:/proj, as the CLI on Windows gives it) and a file on another drive: valid for the schema and the official validator', () => {
    const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    const f = (path: string) => ({ ruleId: 'piu-no-run-as', severity: 'error' as const, message: 'm', path, range: at, related: [] });
    const text = formatSarif({
      root: 'c:/proj',
      findings: [f('c:/proj/force-app/a.xml'), f('d:/shared/b.xml')],
      filesChecked: 2,
      toolVersion: '0',
      rules: RULES,
    });
    const log = JSON.parse(text);
    expect(log.runs[0].originalUriBaseIds.PROJECTROOT.uri).toBe('file:///c%3A/proj/');
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(SCHEMA);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'iulint-sarif-')), 'windows.sarif');
    writeFileSync(file, text);
    const r = spawnSync(MULTITOOL, ['validate', file, '--output', `${file}.validation.sarif`], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(`${file}.validation.sarif`, 'utf8')).runs[0].results ?? [];
    expect(results.map((x: { ruleId: string; message: { text?: string } }) => `${x.ruleId} ${x.message.text ?? ''}`)).toEqual([]);
  });
});
