import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const CONNECTOR = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
const PROFILE = 'force-app/main/default/profiles/ERP Integration.profile-meta.xml';

function copy(name = 'catalogue'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iulint-cli-')), name);
  cpSync(projectPath(name), dir, { recursive: true });
  return dir;
}

const json = (args: string[], cwd?: string) => JSON.parse(runCli([...args, '--format', 'json'], cwd).stdout);

describe('--fix', () => {
  it('applies the fixes atomically, reports them, and leaves the rest', () => {
    const root = copy();
    const r = runCli(['check', root, '--fix']);
    expect(r.stderr).toContain(`iulint: fixed 1 problem in ${CONNECTOR}`);
    expect(r.stderr).toContain(`iulint: fixed 1 problem in ${PROFILE}`);
    expect(readFileSync(join(root, CONNECTOR), 'utf8')).toContain('<hasActivationRequired>true</hasActivationRequired>');
    expect(readFileSync(join(root, 'config/etl-user-def.json'), 'utf8')).toContain(
      '"profileName": "Minimum Access - API Only Integrations"',
    );
    const after = json(['check', root]).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(after).not.toContain('piu-session-based');
    expect(after).not.toContain('integration-profile-api-only');
    expect(after).toContain('piu-no-login'); // not fixable: still reported
  });

  it('keeps CRLF line endings, a UTF-8 BOM and UTF-16', () => {
    const root = copy();
    const original = readFileSync(join(root, CONNECTOR), 'utf8');
    writeFileSync(join(root, CONNECTOR), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(original.replace(/\n/g, '\r\n'))]));
    const group = 'force-app/main/default/permissionsetgroups/Connectors.permissionsetgroup-meta.xml';
    const groupText = readFileSync(join(root, group), 'utf8');
    writeFileSync(join(root, group), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(groupText, 'utf16le')]));
    runCli(['check', root, '--fix']);
    const bytes = readFileSync(join(root, CONNECTOR));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toBe(original.replace(/\n/g, '\r\n').replace('<hasActivationRequired>false<', '<hasActivationRequired>true<'));
    const g = readFileSync(join(root, group));
    expect([...g.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(g.subarray(2).toString('utf16le')).toBe(
      groupText.replace(
        '    <label>Connectors</label>',
        '    <hasActivationRequired>true</hasActivationRequired>\n    <label>Connectors</label>',
      ),
    );
  });

  it('--fix-dry-run prints a diff and writes nothing', () => {
    const root = copy();
    const before = readFileSync(join(root, CONNECTOR), 'utf8');
    const r = runCli(['check', root, '--fix-dry-run']);
    expect(r.status).toBe(1); // as the check would exit: errors remain after the fixes
    expect(r.stdout).toContain(`--- a/${CONNECTOR}\n+++ b/${CONNECTOR}\n`);
    expect(r.stdout).toContain(
      '-    <hasActivationRequired>false</hasActivationRequired>\n+    <hasActivationRequired>true</hasActivationRequired>',
    );
    expect(readFileSync(join(root, CONNECTOR), 'utf8')).toBe(before);
  });
});

describe('baseline', () => {
  it('records findings and then reports only new ones, matched per file and rule (not per line)', () => {
    const root = copy();
    expect(runCli(['check', root, '--write-baseline']).status).toBe(0); // it wrote: `&& git add` goes on
    const baseline = JSON.parse(readFileSync(join(root, 'iulint-baseline.json'), 'utf8'));
    expect(baseline.version).toBe(1);
    expect(baseline.files['scripts/setup-org.sh']).toEqual({ 'piu-no-edit': 1, 'piu-no-login': 1 });
    expect(runCli(['check', root, '--baseline']).status).toBe(0);
    // Move the known finding down two lines: still known.
    const script = join(root, 'scripts/setup-org.sh');
    writeFileSync(script, readFileSync(script, 'utf8').replace('set -euo pipefail\n', 'set -euo pipefail\n\n\n'));
    expect(json(['check', root, '--baseline']).findings).toEqual([]);
    // A second finding of the same rule in that file: both are reported.
    writeFileSync(script, `${readFileSync(script, 'utf8')}sf org login jwt -o cloud@00d5e000000abcdeaa -f k -i X\n`);
    const out = json(['check', root, '--baseline']);
    expect(out.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['piu-no-login', 'piu-no-login']);
    // Every other finding of the catalogue is known.
    expect(out.summary.suppressed).toBe(loadExpected('catalogue').length - 1);
  });
});

describe('gates and inputs', () => {
  it('--quiet keeps errors only; --max-warnings fails on too many warnings', () => {
    const root = copy();
    expect(json(['check', root, '--quiet']).findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    const dir = copy('sample');
    const onlyWarnings = [join(dir, 'force-app/main/default/profiles')];
    expect(runCli(['check', ...onlyWarnings]).status).toBe(0);
    expect(runCli(['check', ...onlyWarnings, '--max-warnings', '2']).status).toBe(0);
    const r = runCli(['check', ...onlyWarnings, '--max-warnings', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('2 warnings, more than --max-warnings 1');
  });

  it('a broken configuration is exit code 2 with each problem and its position', () => {
    const root = copy();
    writeFileSync(join(root, 'iulint.config.json'), '{\n  "rules": { "piu-no-flying": "error" }\n}\n');
    const r = runCli(['check', root], root);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^iulint: iulint.config.json:2:14: Unknown rule "piu-no-flying"/);
    writeFileSync(join(root, 'iulint.config.json'), '{ "rules": ');
    expect(runCli(['check', root], root).stderr).toMatch(/^iulint: iulint.config.json:1:12: iulint.config.json is not valid JSON/);
  });

  it('--config, --org-snapshot and --ignore-pattern', () => {
    const root = copy();
    writeFileSync(join(root, 'other.json'), JSON.stringify({ rules: { 'reserved-user': 'off' } }));
    expect(json(['check', root, '--config', join(root, 'other.json')]).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain(
      'reserved-user',
    );
    // Without the configured snapshot, the snapshot rules are silent; --org-snapshot brings it back.
    writeFileSync(join(root, 'iulint.config.json'), '{}');
    const without = json(['check', root]).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(without).not.toContain('unknown-user');
    expect(
      json(['check', root, '--org-snapshot', join(root, '.iulint/snapshot')]).findings.map((f: { ruleId: string }) => f.ruleId),
    ).toContain('unknown-user');
    const ignored = json(['check', root, '--ignore-pattern', 'scripts/', '--ignore-pattern', '**/*.cls']).findings.map(
      (f: { file: string }) => f.file,
    );
    expect(ignored.some((f: string) => f.startsWith('scripts/') || f.endsWith('.cls'))).toBe(false);
    expect(runCli(['check', root, '--org-snapshot', join(root, 'nope')]).status).toBe(2);
  });

  it('.forceignore is respected', () => {
    const root = copy();
    writeFileSync(join(root, '.forceignore'), '# not deployed\n**/dashboards/**\n');
    expect(json(['check', root]).findings.some((f: { file: string }) => f.file.includes('dashboards'))).toBe(false);
  });
});
