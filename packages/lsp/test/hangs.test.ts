import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, SFDX_PROJECT, writeFiles } from './helpers.js';

/**
 * No input hangs: the built CLI on the inputs that made iulint 0.1 run for minutes or hours (globs with
 * many `*` against long names, a `.forceignore` line that backtracks or is a megabyte long, hundreds of
 * thousands of attributes, a megabyte of `&`). Each run is killed after two minutes, a time-out that
 * catches a hang and is far above what the run needs (a second or two): a speed budget it is not.
 */
const HANG = 120_000;

function project(files: Record<string, string>): string {
  return writeFiles('iulint-hang-', { 'sfdx-project.json': SFDX_PROJECT, ...files });
}

interface Report {
  findings: Array<{ ruleId: string; file: string; message: string; line: number }>;
}

/** `iulint check --format json`, killed if it runs past the time-out. */
function check(root: string): Report {
  const r = spawnSync(process.execPath, [BIN, 'check', root, '--format', 'json', '--exit-zero'], {
    encoding: 'utf8',
    timeout: HANG,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 28,
  });
  if (r.signal) throw new Error(`iulint check was killed after ${HANG / 1000} s: a hang (${r.signal})`);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const D = 'force-app/main/default';
const profile = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</Profile>\n`;

describe('inputs that made iulint hang', () => {
  it(
    'an Apex query with 90,000 "Username in (" and no ")" (each list was scanned to the end of the query)',
    () => {
      const root = project({
        [`${D}/classes/Freeze.cls`]: `public class Freeze {\n  void run() {\n    update [SELECT Id FROM User WHERE Username IN ('cloud@00d5e000000abcdeaa')];\n    update [SELECT Id FROM User WHERE ${'Username in ('.repeat(90_000)}\n  }\n}\n`,
      });
      const report = check(root);
      expect(report.findings.map((f) => `${f.ruleId} ${f.line}`)).toContain('piu-no-edit 3');
    },
    HANG + 30_000,
  );

  it(
    'an Agent Script file naming its user 80,000 times (the org model copied a list at each one)',
    () => {
      const root = project({
        [`${D}/aiAuthoringBundles/Helper/Helper.agent`]: `config:\n  default_agent_user: "cloud@00d5e000000abcdeaa"\n${'  default_agent_user: "svc.agent@acme.example.com"\n'.repeat(80_000)}`,
      });
      const report = check(root);
      expect(report.findings.map((f) => `${f.ruleId} ${f.line}`)).toContain('piu-no-run-as 2');
    },
    HANG + 30_000,
  );

  it(
    'value globs with many * against a 4,000-character username and name (integrationUsers, integrationNames)',
    () => {
      const long = 'a'.repeat(4000);
      const root = project({
        'iulint.config.json': JSON.stringify({
          integrationUsers: ['*a*a*a*b@acme.com', `${'*a'.repeat(50)}*@acme.com`],
          integrationNames: { add: ['*a*a*a*a*b'], exclude: ['*a*a*a*a*c'] },
        }),
        'config/long-user-def.json': JSON.stringify({ Username: `${long}@acme.com`, LastName: long, profileName: 'Standard User' }),
      });
      const report = check(root);
      // `*a*a...*@acme.com` matches: an integration user on a general-purpose profile.
      expect(report.findings.map((f) => `${f.ruleId} ${f.file}`)).toContain('integration-user-license config/long-user-def.json');
    },
    HANG + 30_000,
  );

  it(
    'a .forceignore line with many wildcards against a 200-character file name',
    () => {
      const root = project({
        '.forceignore': '*a*a*a*a*a*a*b.profile-meta.xml\n',
        [`${D}/profiles/${'a'.repeat(200)}.profile-meta.xml`]: profile(
          '    <userLicense>Salesforce</userLicense>\n    <custom>true</custom>',
        ),
        [`${D}/profiles/${'a'.repeat(200)}b.profile-meta.xml`]: profile(
          '    <userLicense>Salesforce</userLicense>\n    <custom>true <bad</custom>',
        ),
      });
      const report = check(root);
      // The `...b` profile is ignored (its broken XML is not reported); the other is read.
      expect(report.findings.filter((f) => f.ruleId === 'xml-syntax')).toEqual([]);
    },
    HANG + 30_000,
  );

  it('the linear-time engine (dist/re2js.cjs) is loaded by a line that needs it, and not by ordinary lines with iulint’s defaults', () => {
    // A module preloaded into the CLI's process tells on stderr each time the engine's file is required.
    const spy = writeFiles('iulint-spy-', {
      'spy.cjs':
        "const M = require('node:module'); const req = M.prototype.require; M.prototype.require = function (id) { if (/re2js\\.cjs$/.test(id)) process.stderr.write('re2js loaded\\n'); return req.apply(this, arguments); };\n",
    });
    const loads = (forceignore: string) => {
      const root = project({
        '.forceignore': forceignore,
        [`${D}/profiles/Admin.profile-meta.xml`]: profile('    <custom>false</custom>'),
      });
      const r = spawnSync(process.execPath, ['--require', `${spy}/spy.cjs`, BIN, 'check', root, '--format', 'json', '--exit-zero'], {
        encoding: 'utf8',
        timeout: HANG,
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stderr.includes('re2js loaded');
    };
    expect(loads('package.xml\n**/jsconfig.json\n**/__tests__/**\n')).toBe(false);
    expect(loads('**/__tests__/**\n*a*a*a*a*a*a*b.profile-meta.xml\n')).toBe(true);
  });

  it(
    'a .forceignore line **/a/**/b and folders 1,900 levels deep (a path of 3,800 characters, as git checks it out)',
    () => {
      // Eight chains a/a/.../a, each with a profile at its bottom; iulint 0.1 took about 30 s a chain.
      const chain = 'a/'.repeat(1900);
      const files: Record<string, string> = { '.forceignore': '**/a/**/b\n' };
      for (let i = 0; i < 8; i++) files[`${D}/c${i}/${chain}Deep.profile-meta.xml`] = profile('    <custom>true <bad</custom>');
      files[`${D}/c0/${chain}b/Ignored.profile-meta.xml`] = profile('    <custom>true <bad</custom>');
      const report = check(project(files));
      // Each chain's profile is read (its broken XML reported); the one under a `b` folder is ignored.
      expect(report.findings.filter((f) => f.ruleId === 'xml-syntax').map((f) => f.file.split('/').pop())).toEqual(
        Array.from({ length: 8 }, () => 'Deep.profile-meta.xml'),
      );
    },
    HANG + 30_000,
  );

  it(
    'a .forceignore line a megabyte long: a finding on it, the other lines apply',
    () => {
      const root = project({
        '.forceignore': `**/legacy/**\n${'a '.repeat(1 << 19)}b\n`,
        [`${D}/legacy/profiles/Old.profile-meta.xml`]: profile('    <custom>true <bad</custom>'),
      });
      const report = check(root);
      expect(report.findings).toEqual([
        expect.objectContaining({
          ruleId: 'forceignore',
          file: '.forceignore',
          line: 2,
          message: expect.stringContaining('longer than 4096 characters'),
        }),
      ]);
    },
    HANG + 30_000,
  );

  it(
    '400,000 attributes on one element and a megabyte of & in a value',
    () => {
      const attrs = Array.from({ length: 400_000 }, (_, i) => `a${i}="${i}"`).join(' ');
      const root = project({
        [`${D}/profiles/Attrs.profile-meta.xml`]: `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata" ${attrs} a3="x">\n    <custom>true</custom>\n</Profile>\n`,
        [`${D}/profiles/Amps.profile-meta.xml`]: profile(`    <description>${'&'.repeat(1 << 20)}</description>`),
      });
      const report = check(root);
      const syntax = report.findings.filter((f) => f.ruleId === 'xml-syntax').map((f) => `${f.file}: ${f.message}`);
      expect(syntax).toEqual([
        expect.stringMatching(/^force-app\/main\/default\/profiles\/Amps\.profile-meta\.xml: .*'&' must be written as &amp;/),
        expect.stringMatching(/^force-app\/main\/default\/profiles\/Attrs\.profile-meta\.xml: .*Duplicate attribute a3/),
      ]);
    },
    HANG + 30_000,
  );
});
