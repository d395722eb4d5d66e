// What every benchmark job shares: where things are, the run's settings, its log and its budgets.
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const BIN = join(ROOT, 'packages/lsp/dist/iulint.cjs');
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');
/** BENCH_QUICK=1: smaller projects, for a fast look (the recorded figures come from a full run). */
export const QUICK = process.env.BENCH_QUICK === '1';
/** How many timed runs a median is taken of, in process. */
export const RUNS = Number(process.env.BENCH_RUNS || 7);

/** One run's shared state: its scratch folder, its start, its budgets. */
export function createContext() {
  const t0 = Date.now();
  const budgets = [];
  return {
    work: mkdtempSync(join(tmpdir(), 'iulint-bench-')),
    t0,
    load0: loadavg()[0],
    log: (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${m}`),
    /** A budget of the issue: its figure as measured, its target, and whether it is met. */
    budget: (name, figure, target, met) => budgets.push({ name, figure, target, met }),
    budgets,
  };
}

/** The machine and the load the run saw. */
export function machine(ctx) {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}; load average (1 min) ${ctx.load0.toFixed(1)} at the start of the run, ${loadavg()[0].toFixed(1)} at the end`;
}
