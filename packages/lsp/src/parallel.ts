import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Extracted, Extractor } from '@iulint/core';
import { extractFile, type FileOutcome } from './extractFiles.js';
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
  type WorkerData,
} from './sharedWork.js';
import { isShortRun, keepYoungGenerationSmall } from './shortRun.js';

declare const IULINT_BUNDLE: boolean | undefined;

/**
 * The worker threads' script, `dist/worker.cjs` beside the running bundle; undefined when iulint runs
 * from its sources (tests) or inside another bundle (the sf plugin), where one thread does it all.
 */
export const WORKER_SCRIPT: string | undefined = typeof IULINT_BUNDLE === 'boolean' ? join(__dirname, 'worker.cjs') : undefined;

/** A worker thread, and what it is told while an extraction runs. */
interface Slot {
  worker: Worker;
  /** The running extraction's handlers; undefined between extractions. */
  onBatch?: (batch: Batch) => void;
  onFail?: () => void;
}

/** The most worker threads a check starts. */
const MAX_WORKERS = 7;

/** Worker threads, one per other core (up to `MAX_WORKERS`), unreferenced: they keep the process alive only while they work. */
function startWorkers(script: string, shortRun: boolean): Slot[] {
  const slots: Slot[] = [];
  const workerData: WorkerData = { shortRun };
  for (let n = Math.min(availableParallelism() - 1, MAX_WORKERS); n > 0; n--) {
    const slot: Slot = { worker: new Worker(script, { workerData }) };
    slot.worker.on('message', (batch: Batch) => slot.onBatch?.(batch));
    slot.worker.on('error', () => slot.onFail?.());
    slot.worker.on('exit', () => slot.onFail?.());
    slot.worker.unref();
    slots.push(slot);
  }
  return slots;
}

/** With this many files, the workers start at once... */
const WORKER_FILES = 2000;
/** ...else once the main thread has read this many bytes and work is left: below it, one thread is done before a worker is ready. */
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;

/**
 * Reads one large file in a child process running the worker's script (Node's own options, such as
 * `--max-old-space-size`, are inherited): a child that runs out of memory is a message for that file,
 * not the end of this process.
 */
function extractAlone(script: string, path: string, size: number, maxFileSize: number, root: string | undefined): Promise<Extracted> {
  return new Promise((resolve) => {
    let settled = false;
    let stderr = '';
    const settle = (x: Extracted) => {
      if (settled) return;
      settled = true;
      resolve(x);
    };
    const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    // The answer is kept until the child has ended and been waited for: `iulint check` exits as soon as
    // its output is written, and a child not yet waited for would be left out of the process's own
    // resource usage (its peak memory, which the benchmarks read).
    let answer: Extracted | undefined;
    child.on('message', (m: Extracted[]) => {
      answer = m[0];
    });
    child.on('error', (e) => settle({ error: `its reader could not start (${e.message})` }));
    child.on('exit', (code, signal) =>
      settle(
        answer ?? {
          error: /out of memory/i.test(stderr)
            ? `iulint ran out of memory reading it (${(size / 1048576).toFixed(1)} MB); it is skipped (give Node more with NODE_OPTIONS=--max-old-space-size=<MB>, or lower maxFileSize)`
            : `its reader stopped (${signal ?? `exit code ${code}`})`,
        },
      ),
    );
    child.send({ paths: [path], maxFileSize, root });
  });
}

/**
 * Reads and extracts files on every core: worker threads (`WORKER_SCRIPT`: the core's readers alone,
 * one per other core) take the files one by one from the front of a queue in shared memory and the main
 * thread from its back (`sharedWork.ts`, `frontFirst`), so no thread waits for another to hand it work,
 * every thread finishes at about the same time, and no file is `stat`ed first (sizes come from the open
 * file). The workers start while
 * the project is still walked once it shows `WORKER_FILES` files (`found`), so their start-up overlaps
 * the walk; the main thread never waits for one to start, and a small project starts none. Facts come
 * back as small plain objects, cheap to copy.
 */
export class ParallelExtractor {
  private slots: Slot[] | undefined;

  /** A command (`isShortRun`), not a server: its young generation is kept small, in every thread. */
  private readonly shortRun = isShortRun();

  constructor(private readonly script: string) {}

  /** The walk's count so far: a large project starts the workers at once. */
  readonly found = (files: number): void => {
    if (files >= WORKER_FILES) this.start();
    this.holdYoungGeneration();
  };

  private start(): Slot[] {
    this.slots ??= startWorkers(this.script, this.shortRun);
    return this.slots;
  }

  /**
   * In a command with workers started: sets the young generation's flag again (`keepYoungGenerationSmall`),
   * which a worker's start puts back to its default at a moment of its own; called after each folder
   * of the walk and each batch of files read (3 µs a call).
   */
  private holdYoungGeneration(): void {
    if (this.shortRun && this.slots) keepYoungGenerationSmall();
  }

  readonly extract: Extractor = async (given, onProgress, maxFileSize = Number.POSITIVE_INFINITY, root) => {
    const total = given.length;
    // The queue of files: the profiles in front, where the workers take files, the rest behind them, where
    // the main thread does (each goes on to the other end's files once its own are done). A profile runs
    // to megabytes and gives few facts: read by a worker, its memory churns in the worker's heap, and
    // little crosses to the main thread, which keeps every file's facts (what it keeps makes its own
    // young generation grow, and reading there slower).
    const order = frontFirst(given);
    const paths = order.map((i) => given[i] as string);
    /** The outcomes by place in the queue. */
    const results: Extracted[] = new Array(total);
    /** Which files have an outcome (or are being read alone): a worker that fails leaves some without. */
    const have = new Uint8Array(total);
    let done = 0;
    /** Files to read alone, each in a child process, one after another beside the rest. */
    let alone: Promise<void> = Promise.resolve();
    const keep = (i: number, x: FileOutcome) => {
      if (have[i]) return;
      have[i] = 1;
      if (!('alone' in x)) {
        results[i] = x;
        done++;
        return;
      }
      alone = alone.then(async () => {
        results[i] = await extractAlone(this.script, paths[i] as string, x.alone, maxFileSize, root);
        onProgress?.(++done, total);
      });
    };

    const slots = this.slots ?? (total >= WORKER_FILES ? this.start() : []);
    this.holdYoungGeneration();
    const queue = sharedQueue(total);
    const states = sharedStates(MAX_WORKERS);
    /** Each employed worker's end: its last batch, its failure, or being called off. */
    const ends: Array<{ slot: number; finished: Promise<void>; finish: () => void }> = [];
    const employ = (workers: Slot[]) => {
      workers.forEach((worker, slot) => {
        let finish = () => {};
        const finished = new Promise<void>((resolve) => {
          finish = resolve;
        });
        worker.onBatch = ({ indexes, outcomes, done: last }) => {
          for (let k = 0; k < indexes.length; k++) keep(indexes[k] as number, outcomes[k] as FileOutcome);
          onProgress?.(done, total);
          if (last) finish();
        };
        worker.onFail = finish;
        worker.worker.ref();
        const job: Job = { paths, maxFileSize, root, queue, states, slot };
        worker.worker.postMessage(job);
        ends.push({ slot, finished, finish });
      });
    };
    let employed = slots.length > 0;
    if (employed) employ(slots);

    const options = { maxFileSize, root };
    try {
      let bytes = 0;
      let batchFiles = 0;
      let batchBytes = 0;
      for (let i = take(queue, true); i >= 0; i = take(queue, true)) {
        const { outcome, bytes: read } = extractFile(paths[i] as string, options);
        keep(i, outcome);
        bytes += read;
        batchBytes += read;
        if (++batchFiles < BATCH_FILES && batchBytes < BATCH_BYTES) continue;
        batchFiles = 0;
        batchBytes = 0;
        onProgress?.(done, total);
        if (!employed && bytes >= MIN_BYTES_FOR_WORKERS && !isEmpty(queue)) {
          employed = true;
          employ(this.start());
        }
        this.holdYoungGeneration();
        // Lets the workers' batches in as they come.
        if (employed) await new Promise((r) => setImmediate(r));
      }
      // A worker that has not begun yet (it is still starting) is not waited for.
      for (const end of ends) if (callOff(states, end.slot)) end.finish();
      await Promise.all(ends.map((end) => end.finished));
      // The files a failed worker took and did not answer for.
      for (let i = 0; i < total; i++) if (!have[i]) keep(i, extractFile(paths[i] as string, options).outcome);
      onProgress?.(done, total);
      // Last: the large files, each read alone, waited for too.
      await alone;
    } finally {
      // Stopped, not waited for: a worker's heap is torn down on its own thread (tens of milliseconds)
      // while this one lints.
      for (const slot of this.slots ?? []) {
        slot.onBatch = undefined;
        slot.onFail = undefined;
        void slot.worker.terminate();
      }
      this.slots = undefined;
    }
    const out: Extracted[] = new Array(total);
    for (let p = 0; p < total; p++) out[order[p] as number] = results[p] as Extracted;
    return out;
  };
}

/**
 * The indexes of `paths`, those of profiles first, each part in the order given. Told by the file name
 * alone, not classified again (`sourceKind` costs microseconds a path, and the walk's filter has just
 * run it): the order only decides which thread reads a file, never what is read of it.
 */
function frontFirst(paths: readonly string[]): number[] {
  const front: number[] = [];
  const back: number[] = [];
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i] as string;
    (p.endsWith('.profile-meta.xml') || p.endsWith('.profile') ? front : back).push(i);
  }
  return front.concat(back);
}
