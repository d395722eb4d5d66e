import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../src/fs.js';
import { checkProject } from '../src/project/check.js';

/** Loads a fixture project into memory under /project. */
function loadProject(name: string): MemoryFileSystem {
  const root = projectPath(name);
  const fs = new MemoryFileSystem();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else fs.write(`/project/${relative(root, p).split('\\').join('/')}`, readFileSync(p));
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
});
