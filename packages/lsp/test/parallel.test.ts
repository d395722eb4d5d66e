import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkProject } from '@iulint/core';
import { generateShapedProject } from '@iulint/fixtures';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { extractFile } from '../src/extractFiles.js';
import { NodeFileSystem } from '../src/nodeFs.js';
import { ParallelExtractor } from '../src/parallel.js';
import {
  BATCH_BYTES,
  BATCH_FILES,
  type Batch,
  callOff,
  isEmpty,
  type Job,
  sharedQueue,
  sharedStates,
  take,
  work as workOn,
} from '../src/sharedWork.js';
import { BIN, runCli } from './helpers.js';
import { startMcp } from './mcpClient.js';

const work = mkdtempSync(join(tmpdir(), 'iulint-parallel-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('parallel extraction', () => {
  it('hands out every file once between a worker at the front of the queue and the main thread at its back, posted in batches', () => {
    const total = 1000;
    const paths = Array.from({ length: total }, (_, i) => `f${i}`);
    const queue = sharedQueue(total);
    const batches: Batch[] = [];
    const otherTook: number[] = [];
    let reads = 0;
    const job: Job = { paths, maxFileSize: Number.POSITIVE_INFINITY, queue, states: sharedStates(2), slot: 0 };
    workOn(
      job,
      (path) => {
        // The main thread takes a file from the back while this one reads every third.
        if (++reads % 3 === 0) {
          const i = take(queue, true);
          if (i >= 0) otherTook.push(i);
        }
        return { outcome: { error: path }, bytes: path === 'f500' ? BATCH_BYTES : 10 };
      },
      (batch) => batches.push(structuredClone(batch)),
    );
    const took = batches.flatMap((b) => b.indexes);
    expect([...took, ...otherTook].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(otherTook.length).toBeGreaterThan(200);
    // The worker went up from the first file, the main thread down from the last.
    expect(took.slice(0, 3)).toEqual([0, 1, 2]);
    expect(otherTook.slice(0, 3)).toEqual([total - 1, total - 2, total - 3]);
    // Each outcome beside its index; a batch ends at 64 files or once it has read 256 KB; the last is done.
    for (const b of batches) {
      expect(b.outcomes).toEqual(b.indexes.map((i) => ({ error: `f${i}` })));
      expect(b.indexes.length).toBeLessThanOrEqual(BATCH_FILES);
    }
    expect(batches.filter((b) => b.indexes.length === BATCH_FILES).length).toBeGreaterThan(5);
    expect(batches.find((b) => b.indexes.includes(500))?.indexes.at(-1)).toBe(500);
    expect(batches.map((b) => b.done)).toEqual(batches.map((_, k) => k === batches.length - 1));
    expect(take(queue)).toBe(-1);
    expect(take(queue, true)).toBe(-1);
    expect(isEmpty(queue)).toBe(true);
  });

  it('a worker called off before it begins posts nothing, and one that has begun is not called off', () => {
    const states = sharedStates(2);
    const queue = sharedQueue(2);
    const job = (slot: number): Job => ({ paths: ['a', 'b'], maxFileSize: Number.POSITIVE_INFINITY, queue, states, slot });
    const posted: number[] = [];
    const extract = (path: string) => ({ outcome: { error: path }, bytes: 1 });
    expect(callOff(states, 0)).toBe(true);
    workOn(job(0), extract, () => posted.push(0));
    expect(posted).toEqual([]);
    workOn(job(1), extract, (b) => posted.push(...b.indexes));
    expect(posted).toEqual([0, 1]);
    expect(callOff(states, 1)).toBe(false);
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

  /** 3,000 permission sets and 1,000 dashboards, none changed by a test: generated once, for the tests that run the CLI on it. */
  let smallFiles: string | undefined;
  const smallFilesProject = (): string => {
    if (!smallFiles) {
      smallFiles = join(work, 'small-files');
      generateShapedProject({
        dir: smallFiles,
        profiles: 0,
        profileBytes: 0,
        permissionSets: 3000,
        permissionSetFields: 2,
        dashboards: 1000,
      });
    }
    return smallFiles;
  };

  // `iulint check` ends itself once its output is written (main.ts): a reader slower than the check,
  // through a pipe whose buffer holds less than the report, still gets all of it, and the exit code.
  it('gives all of a report larger than a pipe holds to a reader that reads it late', () => {
    const dir = smallFilesProject();
    // A reader that reads nothing for a while, then everything (a pipe's 64 KB fill first: the rest of the
    // report is still being written when the check is done), and the check's own exit status.
    const r = spawnSync('bash', ['-c', `set -o pipefail; "$0" "$1" check . --format json | (sleep 1.5; cat)`, process.execPath, BIN], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(r.stdout.length).toBeGreaterThan(64 * 1024); // a pipe holds 64 KB on Linux
    const report = JSON.parse(r.stdout) as { summary: { filesChecked: number }; findings: unknown[] };
    expect(report.summary.filesChecked).toBe(4000);
    expect(report.findings.length).toBeGreaterThan(100);
    expect(r.status).toBe(1);
  }, 60_000);

  // shortRun.ts: a command keeps its young generation small; V8 puts the flag back to its default as each
  // worker thread makes its heap, so a check sets it again (in the worker, and on the main thread while
  // the workers start). A long run (the MCP server, whose iulint_check runs the same check) is left alone.
  // Both read the main thread's new space (its two semi-spaces) through a module preloaded into the process. They
  // need a worker (two cores) and a V8 that is told the flag (11, Node 20, which CI runs; 12, Node 22).
  const V8_MAJOR = Number(process.versions.v8.split('.')[0]);
  const youngGenerationCanShow = availableParallelism() >= 2 && (V8_MAJOR === 11 || V8_MAJOR === 12);
  const newSpaceSpy = (): string => {
    const spy = join(work, 'new-space.cjs');
    writeFileSync(
      spy,
      [
        // The main thread's only: a preload runs in each worker thread too.
        "if (require('node:worker_threads').isMainThread) {",
        "const size = () => require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;",
        "process.stderr.write('spy ' + process.pid + '\\n');",
        "process.on('exit', () => process.stderr.write('new space ' + size() + '\\n'));",
        // On a signal, objects that survive scavenges: a young generation left to grow grows to its largest.
        "process.on('SIGUSR2', () => { const kept = []; for (let i = 0; i < 3e6; i++) kept.push({ i }); process.stderr.write('grown to ' + size() + '\\n'); });",
        '}',
        '',
      ].join('\n'),
    );
    return spy;
  };

  it.skipIf(!youngGenerationCanShow)(
    "keeps the main thread's young generation small once a check's worker threads have started",
    () => {
      const dir = smallFilesProject();
      const r = spawnSync(process.execPath, ['--require', newSpaceSpy(), BIN, 'check', '.', '--format', 'json', '--exit-zero'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).summary.filesChecked).toBe(4000);
      const size = Number(/^new space (\d+)$/m.exec(r.stderr)?.[1]);
      // 2 x 16 MB when the worker's start undoes the flag; 2 x 1 to 2 x 2 MB with it held.
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThan(16 * 1024 * 1024);
    },
    60_000,
  );

  it.skipIf(!youngGenerationCanShow)(
    "leaves the MCP server's young generation to grow after its iulint_check has run worker threads",
    async () => {
      const dir = smallFilesProject();
      const options = process.env.NODE_OPTIONS;
      process.env.NODE_OPTIONS = `--require ${newSpaceSpy()}`;
      const mcp = await startMcp({ args: ['--root', dir] }).finally(() => {
        if (options === undefined) delete process.env.NODE_OPTIONS;
        else process.env.NODE_OPTIONS = options;
      });
      try {
        const check = await mcp.call('iulint_check');
        expect(check.isError).toBeFalsy();
        expect(JSON.stringify(check.structuredContent ?? check.content)).toContain('"filesChecked":4000');
        const pid = Number(/^spy (\d+)$/m.exec(mcp.stderr())?.[1]);
        expect(pid).toBeGreaterThan(0);
        process.kill(pid, 'SIGUSR2');
        await vi.waitFor(() => expect(mcp.stderr()).toMatch(/^grown to \d+$/m), { timeout: 20_000 });
        const size = Number(/^grown to (\d+)$/m.exec(mcp.stderr())?.[1]);
        // Held at 2 x 8 MB or less when the check's workers set the flag in this process too.
        expect(size).toBeGreaterThan(16 * 1024 * 1024);
      } finally {
        await mcp.close();
      }
    },
    60_000,
  );

  /** `count` small permission sets; their paths. */
  function permissionSets(dir: string, count: number): string[] {
    const folder = join(dir, 'force-app/main/default/permissionsets');
    mkdirSync(folder, { recursive: true });
    return Array.from({ length: count }, (_, i) => {
      const path = join(folder, `P${i}.permissionset-meta.xml`);
      writeFileSync(
        path,
        `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>P ${i}</label>\n</PermissionSet>\n`,
      );
      return path;
    });
  }

  // Misbehaving workers, run by the real extractor as its worker script: what the main thread must cope with.
  it('reads the files a worker took and did not answer for (it stopped), and only waits for a worker that began', async () => {
    const dir = join(work, 'failing-worker');
    const paths = permissionSets(dir, 3000);
    const marker = join(dir, 'took.txt');
    // Takes five files the way a worker does (sharedWork.ts), says so, and stops without answering.
    const stops = join(dir, 'stops.cjs');
    writeFileSync(
      stops,
      `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (job) => {
        if (Atomics.compareExchange(job.states, job.slot, 0, 1) !== 0) return;
        const took = [];
        for (let k = 0; k < 5; k++) took.push(Atomics.add(job.queue, 0, 1));
        require('node:fs').writeFileSync(${JSON.stringify(marker)}, took.join(' '));
        process.exit(3);
      });`,
    );
    // Never takes a job: a worker still starting when the main thread runs out of files.
    const silent = join(dir, 'silent.cjs');
    writeFileSync(silent, 'setInterval(() => {}, 1000);');
    const expected = paths.map((p) => extractFile(p, { root: dir }).outcome);

    for (const script of [stops, silent]) {
      const extractor = new ParallelExtractor(script);
      extractor.found(2000); // starts the workers, as a walk of a large project does
      await new Promise((r) => setTimeout(r, 500)); // and lets them start
      const results = await extractor.extract(paths, undefined, Number.POSITIVE_INFINITY, dir);
      expect(results).toEqual(expected);
    }
    if (availableParallelism() > 1) expect(readFileSync(marker, 'utf8').split(' ')).toHaveLength(5);
  }, 60_000);
});
