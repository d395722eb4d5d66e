// Gates that never pass silently, messages that say what to do, one rule for relative paths, and
// adoption (init, --print-config, suggestions), through the shipped CLI as a user runs it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { parse as parseJsonc } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copy(name = 'catalogue'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iulint-gates-')), name);
  cpSync(projectPath(name), dir, { recursive: true });
  return dir;
}

/** Exit code 2, nothing on stdout, one line on stderr: the line. */
function usage(r: ReturnType<typeof run>): string {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^iulint: [^\n]+\n$/);
  return r.stderr;
}

const json = (args: string[], cwd?: string) => JSON.parse(run([...args, '--format', 'json'], cwd).stdout);
const warningsOf = loadExpected('catalogue').filter((e) => e.severity === 'warning').length;

describe('gates that never pass silently', () => {
  it('--quiet with --max-warnings still counts the warnings it does not print (ESLint)', () => {
    const root = copy();
    const r = run(['check', root, '--quiet', '--max-warnings', '0']);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('warning ');
    expect(r.stderr).toContain(`iulint: ${warningsOf} warnings, more than --max-warnings 0`);
    expect(run(['check', root, '--quiet', '--max-warnings', String(warningsOf), '--severity-threshold', 'error']).status).toBe(1); // errors remain
    expect(run(['check', join(root, 'config/boomi-user-def.json'), '--quiet', '--max-warnings', '0']).status).toBe(1);
    // -1 is ESLint's "no limit", not an ambiguous argument.
    expect(run(['check', join(root, 'config/boomi-user-def.json'), '--max-warnings', '-1']).status).toBe(0);
    expect(usage(run(['check', root, '--max-warnings', 'many']))).toContain('--max-warnings takes a whole number');
  });

  it('nothing to lint is exit 2 with the reason: an empty folder, a file iulint does not read, an ignored file', () => {
    expect(usage(run(['check', mkdtempSync(join(tmpdir(), 'iulint-empty-'))]))).toMatch(/nothing to lint in .*: no Salesforce metadata/);
    const root = copy('sample');
    writeFileSync(join(root, 'README.md'), '# notes\n');
    expect(usage(run(['check', 'README.md'], root))).toContain('README.md is not a file iulint reads');
    writeFileSync(join(root, '.forceignore'), 'force-app/main/default/profiles/\n');
    expect(usage(run(['check', 'force-app/main/default/profiles/Marketing Cloud Connector.profile-meta.xml'], root))).toContain(
      'is ignored',
    );
  });

  it('an unreadable org snapshot or sfdx-project.json is exit 2 with one line (was: rules off, or the whole folder, exit 0)', () => {
    const root = copy();
    const user = join(root, '.iulint/snapshot/User.json');
    writeFileSync(user, readFileSync(user, 'utf8').slice(0, 200)); // truncated
    expect(usage(run(['check', root]))).toMatch(/User\.json is not the output of sf data query --json/);
    const other = copy();
    writeFileSync(join(other, 'sfdx-project.json'), '{ "packageDirectories": [ { "path": "force-app" ');
    expect(usage(run(['check', other]))).toMatch(/sfdx-project\.json is not valid JSON .*: fix it/);
    // A query that stopped at the org's query limit (sf says so with status 0, totalSize above the records held).
    const limited = copy();
    const users = join(limited, '.iulint/snapshot/User.json');
    const json = JSON.parse(readFileSync(users, 'utf8'));
    json.result.totalSize = 60000;
    json.warnings = ['The query result is missing 59996 records due to a 10000 record limit.'];
    writeFileSync(users, JSON.stringify(json, null, 2));
    expect(usage(run(['check', limited]))).toMatch(/User\.json holds 4 of 60000 records: the query stopped at the org's query limit/);
    // A configured snapshot folder that is not there.
    const third = copy();
    writeFileSync(join(third, 'iulint.config.json'), '{ "orgSnapshot": "snapshots/prod" }');
    expect(usage(run(['check', third]))).toMatch(/snapshots\/prod does not exist \(record one with "iulint snapshot/);
  });

  it('-o into a missing folder creates it; a folder where the file should be is a clear error', () => {
    const root = copy('sample');
    const r = run(['check', '-f', 'json', '-o', 'out/dir/report.json'], root);
    expect(r.status).toBe(1);
    expect(JSON.parse(readFileSync(join(root, 'out/dir/report.json'), 'utf8')).version).toBe(1);
    mkdirSync(join(root, 'taken'));
    expect(usage(run(['check', '-o', 'taken'], root))).toBe(`iulint: cannot write ${join(root, 'taken')}: it is a folder\n`);
    // A folder that cannot be made under /proc: Node's recursive mkdir never returned there.
    if (existsSync('/proc/self'))
      expect(usage(run(['check', '-o', '/proc/nope/x.sarif'], root))).toContain('cannot write /proc/nope/x.sarif');
  });

  it('--write-baseline exits 0 when it wrote (check --write-baseline && git add goes on)', () => {
    const root = copy();
    const r = run(['check', '--write-baseline'], root);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`iulint: wrote ${loadExpected('catalogue').length} findings to iulint-baseline.json`);
  });

  it('--baseline says how many findings it hid and which entries are stale; --prune-baseline drops them', () => {
    const root = copy();
    run(['check', '--write-baseline'], root);
    const all = loadExpected('catalogue').length;
    let r = run(['check', '--baseline'], root);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`iulint: the baseline hid ${all} findings (iulint-baseline.json)`);
    // Fix a finding for good: its entry is stale, and would hide the next one of its kind.
    const script = join(root, 'scripts/setup-org.sh');
    writeFileSync(script, readFileSync(script, 'utf8').replace(/.*--on-behalf-of cloud@.*\n/, ''));
    r = run(['check', '--baseline'], root);
    expect(r.stderr).toContain(
      'iulint: 1 baseline entry of iulint-baseline.json no longer occurs: drop it with --baseline --prune-baseline',
    );
    r = run(['check', '--baseline', '--prune-baseline'], root);
    expect(r.stderr).toContain('iulint: pruned 1 stale entry from iulint-baseline.json');
    const pruned = JSON.parse(readFileSync(join(root, 'iulint-baseline.json'), 'utf8'));
    expect(pruned.files['scripts/setup-org.sh']).toEqual({ 'piu-no-login': 1 });
    expect(run(['check', '--baseline'], root).stderr).not.toContain('no longer');
  });

  it('--fix-dry-run: the diff on stdout, the exit code of the check, another --format refused on stdout and honoured with -o', () => {
    const root = copy();
    const r = run(['check', '--fix-dry-run'], root);
    expect(r.status).toBe(1); // errors remain once the fixes are in
    expect(r.stdout).toMatch(/^--- a\//m);
    expect(r.stderr).toMatch(/iulint: \d+ fixes in \d+ files \(dry run: nothing written\)/);
    expect(usage(run(['check', '--fix-dry-run', '-f', 'json'], root))).toContain('-o json=FILE');
    const out = join(root, 'remaining.json');
    const h = run(['check', '--fix-dry-run', '-o', `json=${out}`], root);
    expect(h.stdout).toBe(r.stdout);
    const remaining = JSON.parse(readFileSync(out, 'utf8')).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(remaining).not.toContain('piu-session-based'); // fixed in the dry run's picture
    expect(remaining).toContain('piu-no-login');
    // One fix: singular.
    const one = copy();
    const plain = run(['check', 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml', '--fix-dry-run'], one);
    expect(plain.stderr).toContain('iulint: 1 fix in 1 file (dry run: nothing written)');
    // Nothing left to fail: exit 0.
    const clean = copy('sample');
    expect(run(['check', 'force-app/main/default/profiles', '--fix-dry-run'], clean).status).toBe(0);
  });

  it('a file given is the report: no .forceignore or snapshot findings come with it', () => {
    const root = copy();
    const r = json(['check', 'config/etl-user-def.json'], root);
    expect(new Set(r.findings.map((f: { file: string }) => f.file))).toEqual(new Set(['config/etl-user-def.json']));
    // Still resolved across the project: its licence count comes from the snapshot and the other definitions.
    expect(r.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('integration-license-capacity');
    expect(r.summary.filesChecked).toBe(1);
  });
});

describe('one rule for relative paths: from the current folder, as ESLint', () => {
  it('--baseline, --write-baseline, --ignore-pattern, -o, -c and --org-snapshot from a sub-folder', () => {
    const root = copy();
    const sub = join(root, 'force-app');
    expect(run(['check', '..', '--write-baseline', 'my-baseline.json'], sub).status).toBe(0);
    expect(existsSync(join(sub, 'my-baseline.json'))).toBe(true);
    expect(run(['check', '..', '--baseline', 'my-baseline.json'], sub).status).toBe(0);
    // An unanchored pattern matches below the current folder only; an anchored one from it.
    const ignored = json(
      ['check', '..', '--ignore-pattern', 'profiles/', '--ignore-pattern', 'main/default/classes/*.cls'],
      sub,
    ).findings.map((f: { file: string }) => f.file);
    expect(ignored.some((f: string) => f.includes('/profiles/') || f.endsWith('.cls'))).toBe(false);
    expect(ignored.some((f: string) => f.startsWith('scripts/'))).toBe(true);
    writeFileSync(join(sub, 'strict.json'), JSON.stringify({ rules: { 'reserved-user': 'off' } }));
    expect(json(['check', '..', '-c', 'strict.json'], sub).findings.some((f: { ruleId: string }) => f.ruleId === 'reserved-user')).toBe(
      false,
    );
    expect(run(['check', '..', '--org-snapshot', '../.iulint/snapshot', '--exit-zero'], sub).status).toBe(0);
    // From above the root, a pattern names the project's folder.
    const above = json(['check', 'catalogue', '--ignore-pattern', 'catalogue/scripts/'], join(root, '..')).findings;
    expect(above.some((f: { file: string }) => f.file.startsWith('scripts/'))).toBe(false);
    expect(above.length).toBeGreaterThan(0);
  });

  it('the help says so', () => {
    expect(run(['check', '--help']).stdout).toContain('is read from the current folder, as ESLint reads them');
  });
});

describe('messages that say what to do', () => {
  it('an unknown flag, command, format or rule id gets a suggestion', () => {
    expect(usage(run(['check', '--max-warning', '3']))).toBe(
      'iulint: unknown option --max-warning; did you mean --max-warnings? (see iulint check --help)\n',
    );
    expect(usage(run(['chek']))).toContain('did you mean "check"?');
    expect(usage(run(['check', '-f', 'sarf']))).toContain('did you mean "sarif"?');
    expect(usage(run(['rules', '--format', 'yaml']))).toBe('iulint: iulint rules --format takes text or json, not "yaml"\n');
    expect(run(['rules', '--help']).stdout).toContain('--format text|json');
    const root = copy('sample');
    writeFileSync(join(root, 'iulint.config.json'), '{ "rules": { "integration-licence-capacity": "off" } }');
    const r = run(['check'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown rule "integration-licence-capacity"; did you mean "integration-license-capacity"?');
  });

  it('-c with a folder says it takes a file', () => {
    const root = copy('sample');
    expect(usage(run(['check', '-c', 'force-app'], root))).toBe(
      'iulint: force-app is a folder: -c takes the configuration file (such as force-app/iulint.config.json)\n',
    );
  });

  it('--color and --no-color are documented and work', () => {
    const help = run(['check', '--help']).stdout;
    expect(help).toContain('--[no-]color');
    expect(run(['check', projectPath('sample'), '--color']).stdout).toContain('\u001b[');
    expect(run(['check', projectPath('sample'), '--no-color']).stdout).not.toContain('\u001b[');
  });

  it('stylish lists each rule page and how many findings --fix fixes', () => {
    const root = copy();
    writeFileSync(join(root, 'iulint.config.json'), '{ "integrationUsers": ["svc.*@acme.example.com"] }'); // no snapshot: no licence count
    const out = run(['check'], root).stdout;
    expect(out).toContain('  piu-no-login                        https://github.com/iulint/iulint/blob/main/docs/rules/piu-no-login.md');
    expect(out).toMatch(/\n6 fixable with --fix, 1 more with --fix --fix-suggestions \(they rest on a name only\)\.\n/);
  });
});

describe('fixes and suggestions', () => {
  it('a fix that rests on a name only is applied by --fix only with --fix-suggestions', () => {
    const root = copy();
    writeFileSync(join(root, 'iulint.config.json'), '{ "integrationUsers": ["svc.*@acme.example.com"] }');
    const boomi = join(root, 'config/boomi-user-def.json');
    const before = readFileSync(boomi, 'utf8');
    run(['check', '--fix'], root);
    expect(readFileSync(boomi, 'utf8')).toBe(before);
    run(['check', '--fix', '--fix-suggestions'], root);
    expect(readFileSync(boomi, 'utf8')).toContain('"profileName": "Minimum Access - API Only Integrations"');
    expect(usage(run(['check', '--fix-suggestions'], root))).toContain('--fix-suggestions goes with --fix or --fix-dry-run');
  });
});

describe('adoption', () => {
  it('iulint init writes a commented configuration with its schema, which iulint reads; --baseline records today', () => {
    const root = copy('sample');
    const r = run(['init', '--baseline'], join(root, 'force-app'));
    expect(r.stderr).toContain('iulint: wrote ../iulint.config.json');
    expect(r.status).toBe(0);
    const text = readFileSync(join(root, 'iulint.config.json'), 'utf8');
    expect(text).toMatch(/^\s*\/\/ /m); // commented
    const config = parseJsonc(text);
    expect(config.$schema).toMatch(/iulint\.config\.schema\.json$/);
    expect(run(['check', '--baseline'], root).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'iulint-baseline.json'), 'utf8')).version).toBe(1);
    expect(usage(run(['init'], root))).toContain('iulint.config.json already exists');
  });

  it('--print-config FILE: the rules and settings that apply to it', () => {
    const root = copy();
    const r = run(['check', '--print-config', 'config/boomi-user-def.json'], root);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.kind).toBe('userDefinition');
    expect(c.linted).toBe(true);
    expect(c.rules['integration-user-license']).toEqual(['warning', { byName: true }]);
    expect(c.rules['piu-no-login']).toBe('error');
    expect(c.integrationUsers).toEqual(['svc.*@acme.example.com']);
    writeFileSync(join(root, '.forceignore'), 'config/\n');
    expect(JSON.parse(run(['check', '--print-config', 'config/boomi-user-def.json'], root).stdout).linted).toBe(false);
  });
});
