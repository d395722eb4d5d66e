import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, win32 } from 'node:path';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../src/formats/json.js';
import { MemoryFileSystem } from '../src/fs.js';
import { findProjectRoot } from '../src/layout/project.js';
import { checkProject } from '../src/project/check.js';
import { RULES } from '../src/rules/index.js';

/** Loads a fixture project into memory under `at` (/project, or a Windows folder spelled as Node gives it). */
function loadProject(name: string, at = '/project'): MemoryFileSystem {
  const root = projectPath(name);
  const fs = new MemoryFileSystem();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (at.startsWith('/')) fs.write(`${at}/${relative(root, p).split('\\').join('/')}`, readFileSync(p));
      else fs.write(win32.join(at, ...relative(root, p).split(/[\\/]/)), readFileSync(p));
    }
  };
  walk(root);
  return fs;
}

async function expectProject(name: string): Promise<void> {
  const result = await checkProject(loadProject(name), '/project');
  const actual = result.findings.map((f) => ({
    rule: f.ruleId,
    file: f.path.slice('/project/'.length),
    range: f.range,
    severity: f.severity,
  }));
  expect(actual).toEqual(loadExpected(name));
  expect(result.problems).toEqual([]);
  expect(result.configProblems).toEqual([]);
}

describe('fixture projects', () => {
  it('the catalogue project (every rule, every kind of source) yields exactly its expected diagnostics', async () => {
    await expectProject('catalogue');
  });

  it('the agentforce project (v3: agents, External Client Apps, new running users, anonymous Apex) yields exactly its expected diagnostics', async () => {
    await expectProject('agentforce');
  });

  it('the sample project yields exactly its expected diagnostics', async () => {
    const result = await checkProject(loadProject('sample'), '/project');
    const actual = result.findings.map((f) => ({
      rule: f.ruleId,
      file: f.path.slice('/project/'.length),
      range: f.range,
      severity: f.severity,
    }));
    expect(actual).toEqual(loadExpected('sample'));
    expect(result.problems).toEqual([]);
    expect(result.filesChecked).toBe(16);
  });

  // A project on a Windows drive or a UNC share (WSL from Windows), its paths spelled as Node on
  // Windows gives them: the same findings, reported relative to the project root.
  it.each([
    ['C:\\Users\\me\\proj', 'c:/Users/me/proj'],
    ['\\\\wsl.localhost\\Ubuntu\\home\\me\\proj', '//wsl.localhost/Ubuntu/home/me/proj'],
    ['\\\\server\\share\\proj', '//server/share/proj'],
  ])('the sample project at %s yields its expected diagnostics', async (native, core) => {
    const fs = loadProject('sample', native);
    const root = await findProjectRoot(fs, win32.join(native, 'force-app', 'main', 'default'));
    expect(root).toBe(core);
    const result = await checkProject(fs, native);
    expect(result.root).toBe(core);
    const json = JSON.parse(formatJson({ ...result, toolVersion: '0', rules: RULES })) as {
      findings: { ruleId: string; file: string; line: number; column: number }[];
    };
    expect(json.findings.map((f) => ({ rule: f.ruleId, file: f.file, line: f.line - 1, character: f.column - 1 }))).toEqual(
      loadExpected('sample').map((e) => ({ rule: e.rule, file: e.file, line: e.range.start.line, character: e.range.start.character })),
    );
    expect(result.problems).toEqual([]);
    expect(result.filesChecked).toBe(16);
  });

  // The folders above a project say nothing of its files: in a folder named like a metadata folder
  // whose files must be of its own type (sites/, objects/) or that holds bundles (lwc/, staticresources/),
  // the catalogue was read as nothing before.
  it.each(['/srv/sites/acme', '/home/me/objects/proj', '/work/lwc/proj', '/x/staticresources/y/proj', '/d/profiles/proj'])(
    'the catalogue project at %s yields exactly its expected diagnostics',
    async (at) => {
      const result = await checkProject(loadProject('catalogue', at), at);
      expect(
        result.findings.map((f) => ({ rule: f.ruleId, file: f.path.slice(at.length + 1), range: f.range, severity: f.severity })),
      ).toEqual(loadExpected('catalogue'));
    },
  );
});
