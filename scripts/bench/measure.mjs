// How the benchmarks measure: medians in process, the one-thread floor, and the CLI in a new process.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, RUNS } from './context.mjs';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Milliseconds since a `process.hrtime.bigint()`. */
export const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
/** This process's CPU time (user and system, every thread), in milliseconds. */
export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
export const mbOf = (bytes) => bytes / 1048576;
export const throughput = (bytes, t) => mbOf(bytes) / (t / 1000);

/** The median wall time of `runs` calls of `fn`, after one call to warm up. */
export function time(fn, runs = RUNS) {
  fn();
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(ms(t));
  }
  return median(xs);
}

/** Every file below a folder, skipping what the linter skips. */
export function listAll(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) listAll(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * The physical floor: read every file as UTF-8 and pass once over its characters, on one thread, in
 * this process (the files listed beforehand); best of three, in wall time and in CPU time.
 */
export function floor(dir) {
  const files = listAll(dir);
  let bytes = 0;
  let best = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  let h = 0;
  for (let run = 0; run < 3; run++) {
    bytes = 0;
    const t = process.hrtime.bigint();
    const c = cpuMs();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      bytes += Buffer.byteLength(text);
      for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
    }
    best = Math.min(best, ms(t));
    cpu = Math.min(cpu, cpuMs() - c);
  }
  return { ms: best, cpu, bytes, files: files.length, h };
}

// GNU time reports a process's peak RSS (its children included); without it those columns stay empty.
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * `iulint check . --format json` as users run it (a new process in the project folder, worker threads
 * and all): best of `runs` in wall time and in CPU time (user + system, GNU time), the highest peak RSS.
 */
export function checkTime(dir, runs = 3, args = []) {
  const xs = [];
  let out;
  let peak;
  let cpu;
  const argv = [BIN, 'check', '.', '--format', 'json', '--exit-zero', ...args];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = TIME
      ? spawnSync(TIME, ['-f', 'IULINT_PEAK_RSS_KB %M %U %S', process.execPath, ...argv], {
          cwd: dir,
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        })
      : spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    xs.push(ms(t));
    out = JSON.parse(r.stdout);
    const m = /IULINT_PEAK_RSS_KB (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (m) {
      peak = Math.max(peak ?? 0, Number(m[1]) * 1024);
      cpu = Math.min(cpu ?? Number.POSITIVE_INFINITY, (Number(m[2]) + Number(m[3])) * 1000);
    }
  }
  return { ms: Math.min(...xs), findings: out.findings.length, files: out.summary.filesChecked, peak, cpu };
}

/** A floor and a check of the same folder: the ratio floor / check, in wall time. */
export function versusFloor(dir) {
  const f = floor(dir);
  const c = checkTime(dir);
  return { floor: f, check: c, ratio: f.ms / c.ms };
}
