import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FIX_CASE_FILES, fixCaseProject, LAYOUTS, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { xmlProblem } from './editors.js';
import { runCli, writeFiles } from './helpers.js';

/**
 * `iulint check --fix` and `--fix-dry-run` as a user runs them, on temporary copies of the fixture
 * projects and of the fix cases in every layout: the fixed files hold no fixable finding and nothing
 * new, saxes and xmllint accept them, and the dry run's diff applies with `git apply` from the project
 * root, giving byte for byte what `--fix` writes.
 */
interface JsonFinding {
  ruleId: string;
  file: string;
  message: string;
  fix?: unknown;
}

function allFiles(root: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.name === '.git') continue;
      if (e.isDirectory()) walk(p);
      else out[relative(root, p).split('\\').join('/')] = readFileSync(p);
    }
  };
  walk(root);
  return out;
}

const writeProject = (files: Record<string, Buffer>): string => writeFiles('iulint-fix-', files);

function copyFixture(name: string): string {
  const root = join(mkdtempSync(join(tmpdir(), 'iulint-fix-')), name);
  cpSync(projectPath(name), root, { recursive: true });
  return root;
}

const findings = (root: string): JsonFinding[] => JSON.parse(runCli(['check', root, '--format', 'json', '--exit-zero']).stdout).findings;
const key = (f: JsonFinding) => `${f.ruleId} ${f.file}: ${f.message}`;

function text(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe' });

/** Fixes a copy with --fix and another through the dry run's diff and git apply; checks both. */
function proveCli(make: () => string, options: { gitApply: boolean }): { fixed: number; diff: string } {
  const root = make();
  const original = allFiles(root);
  const before = findings(root);
  const fixable = before.filter((f) => f.fix);
  expect(fixable.length).toBeGreaterThan(0);

  // --fix-dry-run on a second copy: writes nothing, and its diff applies with git from the root.
  const other = make();
  const dry = runCli(['check', other, '--fix-dry-run']);
  expect(dry.stderr).toMatch(/fixes in \d+ files \(dry run: nothing written\)/);
  expect(allFiles(other)).toEqual(original);

  const r = runCli(['check', root, '--fix']);
  expect(r.stderr).toContain('iulint: fixed');
  const after = findings(root);
  const afterKeys = after.map((f) => key(f));
  for (const f of fixable) expect(afterKeys, `still reported after --fix: ${key(f)}`).not.toContain(key(f));
  const beforeKeys = before.map((f) => key(f));
  // No fix creates a finding (core's fixes.test.ts proves it per fix; here all of them at once, on disk).
  for (const f of after) {
    expect(beforeKeys, `new after --fix: ${key(f)}`).toContain(key(f));
  }
  const fixedFiles = allFiles(root);
  const changed = Object.keys(fixedFiles).filter((p) => !fixedFiles[p]?.equals(original[p] as Buffer));
  expect(changed.length).toBeGreaterThan(0);
  const changedXml = changed.filter((p) => p.endsWith('.xml'));
  for (const p of changedXml) expect(xmlProblem(text(fixedFiles[p] as Buffer)), `saxes on ${p}`).toBeUndefined();
  if (changedXml.length > 0) execFileSync('xmllint', ['--noout', ...changedXml.map((p) => join(root, p))], { stdio: 'pipe' });

  // Every changed file, and only those, is in the diff.
  for (const p of changed) expect(dry.stdout, p).toContain(`--- a/${p}\n+++ b/${p}\n`);
  expect(dry.stdout.match(/^\+\+\+ b\//gm)?.length).toBe(changed.length);
  if (options.gitApply) {
    git(other, 'init', '-q');
    writeFileSync(join(other, '..', 'fix.patch'), dry.stdout);
    git(other, 'apply', '--check', join(other, '..', 'fix.patch'));
    git(other, 'apply', join(other, '..', 'fix.patch'));
    expect(allFiles(other)).toEqual(fixedFiles);
  }
  return { fixed: fixable.length, diff: dry.stdout };
}

describe('iulint check --fix and --fix-dry-run (the built CLI on temporary copies)', () => {
  it('the catalogue fixture project', () => {
    const { diff } = proveCli(() => copyFixture('catalogue'), { gitApply: true });
    // One hunk per change, three lines of context.
    const connector = diff.slice(diff.indexOf('+++ b/force-app/main/default/permissionsets/Data_Cloud_Connector'));
    expect(connector).toMatch(/^\+\+\+ b\/\S+\n@@ -1,7 \+1,7 @@\n/);
  });

  it('the sample fixture project has nothing to fix, and --fix-dry-run prints no diff', () => {
    const root = copyFixture('sample');
    const r = runCli(['check', root, '--fix-dry-run']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('0 fixes in 0 files');
  });

  for (const layout of LAYOUTS) {
    const utf16 = layout.startsWith('utf16');
    it(`the fix cases saved as ${layout}${utf16 ? ' (git treats UTF-16 as binary: no git apply)' : ''}`, () => {
      const { fixed, diff } = proveCli(() => writeProject(fixCaseProject(layout)), { gitApply: !utf16 });
      expect(fixed).toBeGreaterThanOrEqual(Object.keys(FIX_CASE_FILES).length - 1);
      // Two edits far apart are two hunks; an edit near the end of a file without a final newline says so.
      const two = diff.slice(diff.indexOf('+++ b/force-app/main/default/profiles/Api Two'));
      expect(two.slice(0, two.indexOf('\n--- a/') === -1 ? undefined : two.indexOf('\n--- a/')).match(/^@@ /gm)).toHaveLength(2);
      if (layout === 'no-final-newline') expect(diff).toContain('\n\\ No newline at end of file\n');
      if (layout === 'crlf') expect(diff).toContain('\r\n');
    });
  }
});

describe('--fix with --write-baseline', () => {
  /** How many findings a baseline file counts. */
  const counted = (file: string) =>
    Object.values((JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, Record<string, number>> }).files)
      .flatMap((rules) => Object.values(rules))
      .reduce((a, b) => a + b, 0);

  it('records what remains after the fixes, and with --fix-dry-run (nothing written) what is there', () => {
    const fixedRoot = copyFixture('catalogue');
    const before = findings(fixedRoot);
    expect(before.some((f) => f.fix)).toBe(true);
    const baseline = join(fixedRoot, 'after-fix.json');
    const run = runCli(['check', fixedRoot, '--fix', '--write-baseline', baseline, '--format', 'json'], fixedRoot);
    expect(run.status).toBe(0);
    const after = findings(fixedRoot);
    expect(after.length).toBeLessThan(before.length);
    expect(counted(baseline)).toBe(after.length);

    const dryRoot = copyFixture('catalogue');
    const dryBaseline = join(dryRoot, 'dry-run.json');
    runCli(['check', dryRoot, '--fix-dry-run', '--write-baseline', dryBaseline], dryRoot);
    expect(counted(dryBaseline)).toBe(before.length);
  });
});
