// The report formats for CI, made by the shipped CLI and judged by what CI systems read them with:
// JUnit by xmllint against Jenkins' JUnit schema (vendored in test/schemas, its source named there),
// GitLab Code Quality by its documented fields, GitHub workflow commands by GitHub's escaping rules.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

const XSD = fileURLToPath(new URL('schemas/jenkins-junit.xsd', import.meta.url));

function run(args: string[], cwd = process.cwd(), env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_WORKSPACE: undefined, CI_PROJECT_DIR: undefined, GITHUB_STEP_SUMMARY: undefined, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copy(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iulint-reports-')), name);
  cpSync(projectPath(name), dir, { recursive: true });
  return dir;
}

/** The elements of an XML document, read by saxes (a strict parser the CLI does not use). */
function elements(xml: string): Array<{ name: string; attributes: Record<string, string>; text: string }> {
  const out: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  const p = new SaxesParser();
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => out.push({ name: t.name, attributes: t.attributes as Record<string, string>, text: '' }));
  p.on('text', (t) => {
    const last = out[out.length - 1];
    if (last) last.text += t;
  });
  p.write(xml).close();
  return out;
}

describe('--format junit', () => {
  it('one test case per file, a failure per finding; valid for Jenkins JUnit schema (xmllint)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-junit-'));
    const file = join(dir, 'iulint.xml');
    const r = run(['check', projectPath('catalogue'), '--format', 'junit', '-o', file]);
    expect(r.status).toBe(1);
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    const xml = readFileSync(file, 'utf8');
    const all = elements(xml);
    const cases = all.filter((e) => e.name === 'testcase');
    const failures = all.filter((e) => e.name === 'failure');
    const expected = loadExpected('catalogue');
    expect(failures.length).toBe(expected.length);
    // Every file checked is a case; the files with findings have one failure each per finding.
    const summary = JSON.parse(run(['check', projectPath('catalogue'), '--format', 'json']).stdout).summary;
    expect(cases.length).toBe(summary.filesChecked + 2); // and the .forceignore and snapshot files, which have findings
    const names = cases.map((c) => c.attributes.name);
    for (const e of expected) expect(names).toContain(e.file);
    const suite = all.find((e) => e.name === 'testsuite');
    // failures counts the failed cases (files with findings), never more than tests.
    expect(suite?.attributes.failures).toBe(String(new Set(expected.map((e) => e.file)).size));
    expect(Number(suite?.attributes.failures)).toBeLessThanOrEqual(cases.length);
    expect(suite?.attributes.tests).toBe(String(cases.length));
    expect(failures.every((f) => f.attributes.type && f.attributes.message && f.text.includes('rule: https://'))).toBe(true);
  });

  it('a control character or "]]>" in a message stays valid XML', () => {
    const root = copy('sample');
    // A username with an escape character and XML's specials, through the finding's message.
    const dash = join(root, 'force-app/main/default/dashboards/Ops_Dashboards/Order_Health.dashboard-meta.xml');
    writeFileSync(
      dash,
      readFileSync(dash, 'utf8').replace(/<runningUser>[^<]*</, '<runningUser>cloud@00d5e000000abcdeaa&amp;&lt;]]&gt;&#x7f;<'),
    );
    const file = join(root, 'out.xml');
    run(['check', root, '-o', `junit=${file}`]);
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
  });
});

describe('--format gitlab (Code Quality)', () => {
  it('the fields GitLab reads, paths from the repository root, unique fingerprints stable across a line move', () => {
    const repo = mkdtempSync(join(tmpdir(), 'iulint-gitlab-'));
    const project = join(repo, 'sf');
    cpSync(projectPath('catalogue'), project, { recursive: true });
    const report = (env: Record<string, string>) => {
      const r = run(['check', '--format', 'gitlab'], project, env);
      expect(r.status).toBe(1);
      return JSON.parse(r.stdout) as Array<Record<string, unknown> & { location: { path: string; lines: { begin: number } } }>;
    };
    const issues = report({ CI_PROJECT_DIR: repo });
    expect(issues.length).toBe(loadExpected('catalogue').length);
    for (const i of issues) {
      expect(typeof i.description).toBe('string');
      expect(typeof i.check_name).toBe('string');
      expect(i.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.location.path.startsWith('sf/')).toBe(true);
      expect(existsSync(join(repo, i.location.path))).toBe(true);
      expect(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1).toBe(true);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    // Two blank lines at the top of a script move its findings, not their fingerprints.
    const script = join(project, 'scripts/setup-org.sh');
    writeFileSync(script, `\n\n${readFileSync(script, 'utf8')}`);
    const moved = report({ CI_PROJECT_DIR: repo });
    expect(moved.map((i) => i.fingerprint).sort()).toEqual(issues.map((i) => i.fingerprint).sort());
  });
});

describe('several reports in one run', () => {
  it('-o FILE and -o FORMAT=FILE, repeated: each file in its format, stdout in --format', () => {
    const root = projectPath('catalogue');
    const dir = mkdtempSync(join(tmpdir(), 'iulint-multi-'));
    const [sarif, junit, gitlab, json] = ['deep/iulint.sarif', 'iulint.xml', 'gl-code-quality.json', 'r.json'].map((f) => join(dir, f));
    const r = run(['check', root, '-o', sarif as string, '-o', `junit=${junit}`, '-o', `gitlab=${gitlab}`, '-o', json as string]);
    expect(r.status).toBe(1);
    // stdout: the stylish report (the default --format), as no lone -o took it.
    expect(r.stdout).toMatch(/\d+ problems \(\d+ errors/);
    expect(JSON.parse(readFileSync(sarif as string, 'utf8')).version).toBe('2.1.0');
    execFileSync('xmllint', ['--noout', '--schema', XSD, junit as string], { stdio: 'pipe' });
    expect(Array.isArray(JSON.parse(readFileSync(gitlab as string, 'utf8')))).toBe(true);
    expect(JSON.parse(readFileSync(json as string, 'utf8')).version).toBe(1);
    const expected = loadExpected('catalogue').length;
    expect(JSON.parse(readFileSync(json as string, 'utf8')).findings.length).toBe(expected);
    expect(JSON.parse(readFileSync(gitlab as string, 'utf8')).length).toBe(expected);
  });

  it('a lone -o FILE takes the --format report and stdout stays empty (as before)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'iulint-multi-')), 'report.txt');
    const r = run(['check', projectPath('sample'), '--format', 'json', '-o', file]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });

  it('with several, a bare FILE whose extension names no format is a usage error (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-multi-'));
    const r = run(['check', projectPath('sample'), '-o', join(dir, 'a.sarif'), '-o', join(dir, 'report.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^iulint: -o .*report\.txt: with several reports, name the format \(-o FORMAT=.*\n$/);
    expect(existsSync(join(dir, 'a.sarif'))).toBe(false);
  });
});

describe('--format github', () => {
  it("escapes as GitHub's toolkit does: %, CR and LF in the message; also : and , in properties", () => {
    const root = copy('sample');
    const profiles = join(root, 'force-app/main/default/profiles');
    const source = readFileSync(join(profiles, 'Custom%3A Support Platform.profile-meta.xml'));
    // Salesforce encodes a profile name's specials in its file name: "Ops 100%" is "Ops 100%25".
    writeFileSync(join(profiles, 'Ops 100%25.profile-meta.xml'), source);
    writeFileSync(join(profiles, 'Ops, East: API.profile-meta.xml'), source);
    const r = run(['check', root, '--format', 'github']);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    const split = (l: string) => [l.slice(0, l.indexOf('::', 2)), l.slice(l.indexOf('::', 2) + 2)] as const;
    const percent = lines.find((l) => l.includes('Ops 100')) as string;
    const comma = lines.find((l) => l.includes('Ops%2C East%3A API')) as string;
    expect(percent && comma, r.stdout).toBeTruthy();
    const [pProps, pMessage] = split(percent);
    expect(pProps).toContain('file=force-app/main/default/profiles/Ops 100%2525.profile-meta.xml,line=');
    expect(pMessage).toContain('Profile "Ops 100%25" enables'); // the name "Ops 100%", its % escaped
    const [cProps, cMessage] = split(comma);
    expect(cProps).toContain('file=force-app/main/default/profiles/Ops%2C East%3A API.profile-meta.xml,line=');
    expect(cMessage).toContain('Profile "Ops, East: API" enables'); // , and : stay in a message
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) [^:]*::[^\r\n]*$/);
  });
});
