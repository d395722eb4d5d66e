// One extraction's files shared between threads without a message per unit of work: every thread takes
// the next file's index from a counter in shared memory (`Atomics.add`), so a worker never waits for a
// busy main thread to hand it work, and a run of large files is shared out file by file. A worker posts
// the outcomes of the files it took in batches. See parallel.ts for the main thread's side.
import type { FileOutcome } from './extractFiles.js';

/** What the main thread posts to a worker for one extraction. */
export interface Job {
  paths: readonly string[];
  maxFileSize: number;
  root?: string;
  /** `sharedCounters`: the next file's index, then each worker's state (`WAITING`, `WORKING`, `CALLED_OFF`). */
  counters: Int32Array;
  /** This worker's place among the workers. */
  slot: number;
}

/** A worker's answer: the outcomes of files it took, by their indexes in `Job.paths`; `done` on its last. */
export interface Batch {
  indexes: number[];
  outcomes: FileOutcome[];
  done: boolean;
}

const WAITING = 0;
const WORKING = 1;
const CALLED_OFF = 2;

/** A batch is posted once it holds this many files... */
export const BATCH_FILES = 64;
/** ...or this many bytes read. */
export const BATCH_BYTES = 256 * 1024;

/** The counters of one extraction for up to `workers` workers, every one `WAITING`. */
export function sharedCounters(workers: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (1 + workers)));
}

/** The index of the next file to read, or -1 once every one of the `total` files is taken. */
export function takeNext(counters: Int32Array, total: number): number {
  const i = Atomics.add(counters, 0, 1);
  return i < total ? i : -1;
}

/** A worker begins its job: false when the main thread called it off first (it took every file itself). */
export function begin(counters: Int32Array, slot: number): boolean {
  return Atomics.compareExchange(counters, 1 + slot, WAITING, WORKING) === WAITING;
}

/** The main thread, out of files, calls off a worker that has not begun: false when it has (its `done` will come). */
export function callOff(counters: Int32Array, slot: number): boolean {
  return Atomics.compareExchange(counters, 1 + slot, WAITING, CALLED_OFF) === WAITING;
}

/**
 * A worker's side of a job: takes files until none is left, posting their outcomes in batches, the last
 * one `done`. A job called off posts nothing.
 */
export function work(job: Job, extract: (path: string) => { outcome: FileOutcome; bytes: number }, post: (batch: Batch) => void): void {
  if (!begin(job.counters, job.slot)) return;
  const total = job.paths.length;
  let batch: Batch = { indexes: [], outcomes: [], done: false };
  let bytes = 0;
  for (let i = takeNext(job.counters, total); i >= 0; i = takeNext(job.counters, total)) {
    const { outcome, bytes: read } = extract(job.paths[i] as string);
    batch.indexes.push(i);
    batch.outcomes.push(outcome);
    bytes += read;
    if (batch.indexes.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      post(batch);
      batch = { indexes: [], outcomes: [], done: false };
      bytes = 0;
    }
  }
  batch.done = true;
  post(batch);
}
