import { setFlagsFromString } from 'node:v8';

/**
 * A check is a short run: by default V8's optimizing compiler takes up the functions that turn hot in
 * its first few hundred milliseconds, and compiling them costs more CPU than running them optimized
 * saves before the run ends (each worker thread compiles its own). Waiting for a function to be hotter
 * first, measured in CPU time of `iulint check` (medians of 4 to 6 paired runs): Node 20, 9,000 small
 * files 1.60 -> 1.2-1.3 s, the 100 MB project 2.5 -> 2.2-2.4 s, 453 MB 4.7 -> 4.2-4.6 s; Node 22 (its
 * flag counts invocations) 1.60 -> 1.40 s and 2.30 -> 2.11 s. The flags differ by V8 version, and V8
 * writes to stderr for a flag it does not know: only the versions measured are told.
 */
export function tierUpLater(): void {
  const v8 = Number(process.versions.v8.split('.')[0]);
  if (v8 === 11) setFlagsFromString('--interrupt-budget=1081344');
  else if (v8 === 12) setFlagsFromString('--invocation-count-for-turbofan=12000');
}
