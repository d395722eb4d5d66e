import { setFlagsFromString } from 'node:v8';

/** The major version of the running V8: the flags below are told only to the versions measured. */
const V8 = Number(process.versions.v8.split('.')[0]);

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
 * - Keep the young generation at its first size (1 MB a semi-space) instead of letting it grow to
 *   16 MB: the main thread keeps every file's facts, they survive its scavenges and make it grow, and
 *   reading and parsing then write fresh memory across a space larger than the caches. Growing it
 *   never (`--semi-space-growth-factor=1`, read each time the space would grow, so it holds when set
 *   here, before anything is loaded; `--max-semi-space-size` is read only when the heap is made, at
 *   the process's start, and V8 raises a growth factor below 2 to 2 there): 0.89 of the wall time and of the CPU of the 100 MB project, 0.86 of the wall
 *   time of a project of 9,000 small files, peak RSS 108 -> 88 MB (Node 20, n = 12); 0.87 on Node 22;
 *   0.98 with an org snapshot of 20,000 assignments, 1.00 on a one-file project.
 */
export function tuneForShortRun(): void {
  if (V8 === 11) setFlagsFromString('--interrupt-budget=1081344');
  else if (V8 === 12) setFlagsFromString('--invocation-count-for-turbofan=12000');
  keepYoungGenerationSmall();
}

/**
 * The young generation's half of `tuneForShortRun`, which a worker thread of a short run sets again as
 * it starts: V8's flags belong to the process, and each new isolate (a worker thread's) puts this one
 * back to its default while it sizes its heap, after which every thread's young generation would grow
 * again (measured: the main thread's reached 16 MB a semi-space once a worker had started).
 */
export function keepYoungGenerationSmall(): void {
  if (V8 === 11 || V8 === 12) setFlagsFromString('--semi-space-growth-factor=1');
}
