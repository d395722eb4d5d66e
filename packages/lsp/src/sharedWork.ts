// One extraction's files shared between threads without a message per unit of work: the files are a
// queue in shared memory, its front and its back two counters; workers take files from the front and
// the main thread from the back (`Atomics.add`, `Atomics.sub`), so a worker never waits for a busy main
// thread to hand it work, and a run of large files is shared out file by file. A worker posts the
// outcomes of the files it took in batches. See parallel.ts for the main thread's side (and what it puts
// in front).
import type { FileOutcome } from './extractFiles.js';

/** What a worker thread is started with. */
export interface WorkerData {
  /** The process is a command (`isShortRun`), not a server: the worker sets the young generation's flag again as it starts (`keepYoungGenerationSmall`). */
  shortRun: boolean;
}

/** What the main thread posts to a worker for one extraction. */
export interface Job {
  paths: readonly string[];
  maxFileSize: number;
  root?: string;
  /** `sharedQueue`: the files not taken yet. */
  queue: Int32Array;
  /** `sharedStates`: each worker's state (`WAITING`, `WORKING`, `CALLED_OFF`). */
  states: Int32Array;
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

/** The queue of an extraction's `total` files: its front (the next index from the start) and its back (one past the last left). */
export function sharedQueue(total: number): Int32Array {
  const queue = new Int32Array(new SharedArrayBuffer(8));
  queue[1] = total;
  return queue;
}

/**
 * Takes the file at the front of the queue (`fromBack`: at its back): its index, or -1 once none is
 * left. Each end moves first and looks at the other after (both sequentially consistent), so no file is
 * taken twice; when both ends reach the last file at once, it can go to neither, and the main thread
 * reads every file left without an outcome at the end.
 */
export function take(queue: Int32Array, fromBack = false): number {
  if (!fromBack) {
    const i = Atomics.add(queue, 0, 1);
    return i < Atomics.load(queue, 1) ? i : -1;
  }
  const i = Atomics.sub(queue, 1, 1) - 1;
  return i >= 0 && i >= Atomics.load(queue, 0) ? i : -1;
}

/** Whether every file of the queue is taken. */
export function isEmpty(queue: Int32Array): boolean {
  return Atomics.load(queue, 0) >= Atomics.load(queue, 1);
}

/** The states of up to `workers` workers, every one `WAITING`. */
export function sharedStates(workers: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * workers));
}

/** A worker begins its job: false when the main thread called it off first (it took every file itself). */
export function begin(states: Int32Array, slot: number): boolean {
  return Atomics.compareExchange(states, slot, WAITING, WORKING) === WAITING;
}

/** The main thread, out of files, calls off a worker that has not begun: false when it has (its `done` will come). */
export function callOff(states: Int32Array, slot: number): boolean {
  return Atomics.compareExchange(states, slot, WAITING, CALLED_OFF) === WAITING;
}

/**
 * A worker's side of a job: takes files from the front of the queue until none is left, posting their
 * outcomes in batches, the last one `done`. A job called off posts nothing.
 */
export function work(job: Job, extract: (path: string) => { outcome: FileOutcome; bytes: number }, post: (batch: Batch) => void): void {
  if (!begin(job.states, job.slot)) return;
  let batch: Batch = { indexes: [], outcomes: [], done: false };
  let bytes = 0;
  for (let i = take(job.queue); i >= 0; i = take(job.queue)) {
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
