import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkProject } from '@iulint/core';
import { generateShapedProject } from '@iulint/fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../src/nodeFs.js';
import { planUnits } from '../src/parallel.js';
import { runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'iulint-parallel-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('parallel extraction', () => {
  it('plans units by bytes, largest first, each file exactly once', () => {
    const sizes = [10, 3_000_000, 500, 200_000, 200_000, 0, 2_000_000, ...Array.from({ length: 300 }, (_, i) => 1000 + i)];
    const units = planUnits(sizes);
    expect(units.flat().sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i));
    // The two large files come first, alone; then the others, never more than 256 KB or 64 files a unit.
    expect(units.slice(0, 2)).toEqual([[1], [6]]);
    const bytes = (u: number[]) => u.reduce((n, i) => n + (sizes[i] as number), 0);
    for (const u of units.slice(2)) {
      expect(u.length).toBeLessThanOrEqual(64);
      if (u.length > 1) expect(bytes(u)).toBeLessThanOrEqual(256 * 1024);
    }
    const largest = units.map((u) => Math.max(...u.map((i) => sizes[i] as number)));
    expect(largest).toEqual([...largest].sort((a, b) => b - a));
  });

  // Large files that sort first and last: workers start (more than 4 MB), and the findings are those of
  // the same project checked on one thread in this process.
  for (const [largeFirst, maxFileSize] of [
    [false, undefined],
    [true, undefined],
    [true, 1_000_000],
  ] as const) {
    it(`iulint check with worker threads finds what one thread finds (large files sorting ${largeFirst ? 'first' : 'last'}${maxFileSize ? ', over maxFileSize' : ''})`, async () => {
      const dir = join(work, `${largeFirst ? 'first' : 'last'}-${maxFileSize ?? 'any'}`);
      generateShapedProject({ dir, profiles: 6, profileBytes: 1024 * 1024, permissionSets: 300, dashboards: 100, largeFirst });
      if (maxFileSize) writeFileSync(join(dir, 'iulint.config.json'), JSON.stringify({ maxFileSize }));
      const cli = runCli(['check', '.', '--format', 'json', '--exit-zero'], dir);
      const skipped = cli.stderr
        .split('\n')
        .filter((l) => /^iulint: skipped .*Profile_\d\.profile-meta\.xml: 1\.0 MB is more than maxFileSize/.test(l));
      expect(skipped.length).toBe(maxFileSize ? 6 : 0);
      expect(cli.stderr.split('\n').filter((l) => l && !skipped.includes(l))).toEqual([]);
      expect(cli.status).toBe(0);
      const oneThread = await checkProject(new NodeFileSystem(), dir);
      const expected = oneThread.findings.map(
        (f) => `${relative(dir, f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`,
      );
      const actual = JSON.parse(cli.stdout) as {
        summary: { filesChecked: number };
        findings: Array<{ ruleId: string; file: string; line: number; column: number }>;
      };
      expect(actual.summary.filesChecked).toBe(maxFileSize ? 400 : 406);
      expect(expected.length).toBeGreaterThan(10);
      expect(actual.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(expected);
    }, 60_000);
  }
});
