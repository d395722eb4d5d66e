import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkProject } from '@iulint/core';
import { generateShapedProject } from '@iulint/fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../src/nodeFs.js';
import { WorkQueue } from '../src/parallel.js';
import { runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'iulint-parallel-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('parallel extraction', () => {
  it('hands out every file exactly once, in units of at most 64 from either end, what is given back first', () => {
    const total = 1000;
    const queue = new WorkQueue(total);
    const taken: number[] = [];
    let step = 0;
    while (!queue.empty) {
      // Two takers, one from each end, each taking only part of some units and giving the rest back.
      const unit = step % 2 === 0 ? queue.takeFront() : queue.takeBack();
      if (!unit) break;
      const [from, to] = unit;
      expect(to - from).toBeGreaterThan(0);
      expect(to - from).toBeLessThanOrEqual(64);
      const took = step % 3 === 0 ? Math.max(1, (to - from) >> 1) : to - from;
      for (let i = from; i < from + took; i++) taken.push(i);
      queue.giveBack(from + took, to);
      step++;
    }
    expect(queue.takeFront()).toBeUndefined();
    expect(queue.takeBack()).toBeUndefined();
    expect(taken.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    // The front starts at the first file and the back at the last.
    const fresh = new WorkQueue(200);
    expect(fresh.takeFront()).toEqual([0, 64]);
    expect(fresh.takeBack()).toEqual([136, 200]);
    fresh.giveBack(150, 200);
    expect(fresh.takeFront()).toEqual([150, 200]);
  });

  // Large files that sort first and last: workers start (more than 4 MB), and the findings are those of
  // the same project checked on one thread in this process.
  for (const [largeFirst, maxFileSize] of [
    [false, undefined],
    [true, undefined],
    [true, 1_000_000],
  ] as const) {
    it(`iulint check with worker threads finds what one thread finds (large files sorting ${largeFirst ? 'first' : 'last'}${maxFileSize ? ', over maxFileSize' : ''})`, async () => {
      // In a folder named like a metadata folder (sites/): the folders above a project say nothing of its files.
      const dir = join(work, 'sites', `${largeFirst ? 'first' : 'last'}-${maxFileSize ?? 'any'}`);
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
