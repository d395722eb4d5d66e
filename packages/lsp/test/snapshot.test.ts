import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

const STANDIN = fileURLToPath(new URL('./sf-standin', import.meta.url));
chmodSync(join(STANDIN, 'sf'), 0o755);
const RECORDINGS = join(projectPath('catalogue'), '.iulint', 'snapshot');

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('iulint snapshot (with a stand-in sf on PATH)', () => {
  it('runs sf data query --json for each query and writes the folder --org-snapshot reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-snap-'));
    const log = join(dir, 'calls.log');
    const out = join(dir, 'snap');
    const r = run(['snapshot', '--target-org', 'acme', '--out', out], {
      PATH: `${STANDIN}:${dirname(process.execPath)}:${process.env.PATH}`,
      SF_STANDIN_RECORDINGS: RECORDINGS,
      SF_STANDIN_LOG: log,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('User.json (4)');
    expect(readdirSync(out).sort()).toEqual([
      'PermissionSetAssignment.json',
      'PermissionSetLicense.json',
      'PermissionSetLicenseAssign.json',
      'User.json',
      'UserLicense.json',
    ]);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(calls).toHaveLength(5);
    expect(calls.map((c: string[]) => /FROM (\w+)/.exec(c[3] as string)?.[1])).toEqual([
      'User',
      'UserLicense',
      'PermissionSetLicense',
      'PermissionSetLicenseAssign',
      'PermissionSetAssignment',
    ]);
    expect(calls[0][3]).toContain('Profile.UserLicense.Name');
    expect(calls.every((c: string[]) => c.includes('--target-org') && c.includes('acme') && c.includes('--json'))).toBe(true);
    // The check reads it as it reads the recorded snapshot: the same findings.
    const check = run(['check', projectPath('catalogue'), '--org-snapshot', out, '--format', 'json'], {});
    const rules = JSON.parse(check.stdout)
      .findings.map((f: { ruleId: string }) => f.ruleId)
      .sort();
    const expected = loadExpected('catalogue')
      .filter((e) => !e.file.startsWith('.iulint/'))
      .map((e) => e.rule)
      .sort();
    expect(rules.filter((x: string) => x !== 'integration-deprecated-profile')).toEqual(
      expected.filter((x) => x !== 'integration-deprecated-profile'),
    );
  });

  it('says clearly when the org is not authorised, and writes nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iulint-snap-')), 'snap');
    const r = run(['snapshot', '--target-org', 'unauthorised', '--out', out], {
      PATH: `${STANDIN}:${dirname(process.execPath)}`,
      SF_STANDIN_RECORDINGS: RECORDINGS,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'iulint: sf data query for User failed on unauthorised: No authorization information found for unauthorised. (authorise it with "sf org login web --alias unauthorised")\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('says clearly when sf is missing', () => {
    const r = run(['snapshot', '--target-org', 'acme'], { PATH: dirname(process.execPath) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^iulint: the Salesforce CLI \(sf\) is not installed or not on PATH/);
  });

  it('says clearly when sf cannot be run, rather than crashing on its missing output', () => {
    // A file that is there but not executable: the spawn fails with EACCES and there is no stdout.
    const sf = join(mkdtempSync(join(tmpdir(), 'iulint-snap-')), 'sf');
    writeFileSync(sf, '#!/bin/sh\n', { mode: 0o644 });
    const r = run(['snapshot', '--target-org', 'acme'], { IULINT_SF: sf });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`iulint: could not run the Salesforce CLI (${sf}): spawnSync ${sf} EACCES\n`);
  });

  it('refuses a query that stopped at the org query limit (status 0, totalSize above the records), and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-snap-'));
    const sf = join(dir, 'sf');
    // What sf data query --json prints when org-max-query-limit cuts a query short.
    writeFileSync(
      sf,
      `#!/bin/sh\necho '{"status":0,"result":{"records":[{"Username":"a@b.c"}],"totalSize":60000,"done":true},"warnings":["The query result is missing 59999 records due to a 1 record limit."]}'\n`,
    );
    chmodSync(sf, 0o755);
    const out = join(dir, 'snap');
    const r = run(['snapshot', '--target-org', 'acme', '-d', out], { IULINT_SF: sf });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sf data query for User returned 1 of 60000 records on acme');
    expect(existsSync(out)).toBe(false);
  });

  it('takes -o/--target-org and -d/--output-dir as sf iulint snapshot does (--out stays)', () => {
    const env = { PATH: `${STANDIN}:${dirname(process.execPath)}:${process.env.PATH}`, SF_STANDIN_RECORDINGS: RECORDINGS };
    for (const flags of [
      ['-o', 'acme', '-d'],
      ['--target-org', 'acme', '--output-dir'],
    ]) {
      const out = join(mkdtempSync(join(tmpdir(), 'iulint-snap-')), 'snap');
      const r = run(['snapshot', ...flags, out], env);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(out)).toContain('User.json');
    }
    const help = run(['snapshot', '--help'], {}).stdout;
    expect(help).toContain('-o, --target-org');
    expect(help).toContain('-d, --output-dir');
  });

  it('needs --target-org', () => {
    const r = run(['snapshot'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('iulint: iulint snapshot needs --target-org <alias|username>\n');
  });
});
