import { setFlagsFromString } from 'node:v8';

/** The major version of the running V8: the flags below are told only to the versions measured. */
const V8 = Number(process.versions.v8.split('.')[0]);

/**
 * Marks the process as tuned (`isShortRun`). A symbol of the global object, not a variable of this
 * module: `dist/iulint.cjs`, which tunes, and `dist/cli.cjs`, which asks, each bundle their own copy.
 */
const TUNED = Symbol.for('iulint.shortRun');

/**
 * Tells V8 that this process is a short run (a command, or the child that reads one large file), not
 * a server. Two settings, each measured in paired runs of `iulint check` (`farm-bench --vs`); the flags
 * differ by V8 version, and V8 writes to stderr for a flag it does not know, so only the versions
 * measured (11, Node 20; 12, Node 22) are told:
 * - Wait for a function to be hotter before optimizing it: by default V8's optimizing compiler takes
 *   up the functions that turn hot in the first few hundred milliseconds, and compiling them costs more
 *   CPU than running them optimized saves before the run ends (each worker thread compiles its own).
 *   CPU time (medians of 4 to 6 paired runs): Node 20, 9,000 small files 1.60 -> 1.2-1.3 s, the
 *   100 MB project 2.5 -> 2.2-2.4 s, 453 MB 4.7 -> 4.2-4.6 s; Node 22 (its flag counts invocations)
 *   1.60 -> 1.40 s and 2.30 -> 2.11 s.
 * - Keep the young generation small (`keepYoungGenerationSmall`).
 */
export function tuneForShortRun(): void {
  if (V8 === 11) setFlagsFromString('--interrupt-budget=1081344');
  else if (V8 === 12) setFlagsFromString('--invocation-count-for-turbofan=12000');
  keepYoungGenerationSmall();
  (globalThis as Record<symbol, unknown>)[TUNED] = true;
}

/** Whether `tuneForShortRun` ran in this process: a command, not the language server or the MCP server. */
export function isShortRun(): boolean {
  return (globalThis as Record<symbol, unknown>)[TUNED] === true;
}

/**
 * Stops the young generation from growing: by default V8 doubles it, up to 16 MB a semi-space, as
 * objects survive its scavenges, and the main thread of a check keeps every file's facts; reading and
 * parsing then write fresh memory across more than the caches hold. With the growth factor at 1 (read
 * each time the space would grow) it stays at a few MB. Paired runs of `iulint check` (n = 12): 0.88 of
 * the wall time and of the CPU of the 100 MB benchmark project, 0.86 of the wall time of a project of
 * 9,000 small files, peak RSS 108 -> 88 MB (Node 20); 0.87 on Node 22; 0.98 with an org snapshot of
 * 20,000 assignments; 1.00 on a one-file project. (`--max-semi-space-size=1` would do the same, but
 * it is read only when the process starts.)
 *
 * V8 raises a growth factor below 2 back to 2 each time it makes a heap, a worker thread's included,
 * and the flags belong to the process: a check sets it again in each worker thread as it starts
 * (`WorkerData`) and on the main thread while its workers start (`ParallelExtractor`). Without that,
 * the main thread's young generation reached 16 MB a semi-space once a worker had started.
 */
export function keepYoungGenerationSmall(): void {
  if (V8 === 11 || V8 === 12) setFlagsFromString('--semi-space-growth-factor=1');
}
