import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Extracted, Extractor } from '@iulint/core';
import { extractFiles, type FileOutcome } from './extractFiles.js';

declare const IULINT_BUNDLE: boolean | undefined;

/**
 * The worker threads' script, `dist/worker.cjs` beside the running bundle; undefined when iulint runs
 * from its sources (tests) or inside another bundle (the sf plugin), where one thread does it all.
 */
export const WORKER_SCRIPT: string | undefined = typeof IULINT_BUNDLE === 'boolean' ? join(__dirname, 'worker.cjs') : undefined;

/** A unit of work: up to this many files, taken in path order (a thread gives back what it does not read, see `extractFiles`). */
const UNIT_FILES = 64;
/** Units sent ahead to each worker, so that it never waits for the main thread. */
const IN_FLIGHT = 2;
/** With this many files, the workers start at once... */
const WORKER_FILES = 2000;
/** ...else once the main thread has read this many bytes and work is left: below it, one thread is done before a worker is ready. */
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;

/**
 * The files still to do, as ranges `[from, to)` of their indexes: units of `UNIT_FILES` in path order,
 * workers taking them from the front and the main thread from the back, and the ranges a thread gave
 * back (the rest of a unit after it had read `UNIT_BYTES`), taken first.
 */
export class WorkQueue {
  private front = 0;
  private back: number;
  private readonly spare: Array<[number, number]> = [];

  constructor(total: number) {
    this.back = total;
  }

  get empty(): boolean {
    return this.spare.length === 0 && this.front >= this.back;
  }

  /** The next unit for a worker. */
  takeFront(): [number, number] | undefined {
    const spare = this.spare.shift();
    if (spare || this.front >= this.back) return spare;
    const unit: [number, number] = [this.front, Math.min(this.front + UNIT_FILES, this.back)];
    this.front = unit[1];
    return unit;
  }

  /** The next unit for the main thread. */
  takeBack(): [number, number] | undefined {
    const spare = this.spare.pop();
    if (spare || this.front >= this.back) return spare;
    const unit: [number, number] = [Math.max(this.back - UNIT_FILES, this.front), this.back];
    this.back = unit[0];
    return unit;
  }

  /** Puts back the files of a unit that were not taken. */
  giveBack(from: number, to: number): void {
    if (from < to) this.spare.push([from, to]);
  }
}

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
    child.on('message', (m: Extracted[]) => settle(m[0] as Extracted));
    child.on('error', (e) => settle({ error: `its reader could not start (${e.message})` }));
    child.on('exit', (code, signal) =>
      settle({
        error: /out of memory/i.test(stderr)
          ? `iulint ran out of memory reading it (${(size / 1048576).toFixed(1)} MB); it is skipped (give Node more with NODE_OPTIONS=--max-old-space-size=<MB>, or lower maxFileSize)`
          : `its reader stopped (${signal ?? `exit code ${code}`})`,
      }),
    );
    child.send({ paths: [path], maxFileSize, root });
  });
}

/** A worker thread, and what it is told while an extraction runs. */
interface Slot {
  worker: Worker;
  ready: boolean;
  /** The running extraction's handlers; undefined before it starts. */
  onMessage?: (m: FileOutcome[]) => void;
  onReady?: () => void;
  onFail?: () => void;
}

/**
 * Reads and extracts files on every core. Worker threads (`WORKER_SCRIPT`: the core's readers alone,
 * one per other core) take units from the front of the files in path order, and the main thread works
 * too, from the back; a thread stops taking the files of a unit once it has read `UNIT_BYTES` and gives
 * the rest back, so large files are shared out one by one and every thread finishes at about the same
 * time, with no `stat` of each file first (sizes come from the open file). The workers start while the
 * project is still being walked once it has `WORKER_FILES` files (`found`), so their start-up overlaps
 * the walk; the main thread never waits for one; a small project starts none. Facts come back as small
 * plain objects, cheap to copy.
 */
export class ParallelExtractor {
  private slots: Slot[] | undefined;

  constructor(private readonly script: string) {}

  /** The walk's count so far: a large project starts the workers at once. */
  readonly found = (files: number): void => {
    if (files >= WORKER_FILES) this.start();
  };

  private start(): Slot[] {
    if (this.slots) return this.slots;
    this.slots = [];
    for (let n = Math.min(availableParallelism(), 8) - 1; n > 0; n--) {
      const slot: Slot = { worker: new Worker(this.script), ready: false };
      slot.worker.on('message', (m: FileOutcome[] | 'ready') => {
        if (m !== 'ready') slot.onMessage?.(m);
        else {
          slot.ready = true;
          slot.onReady?.();
        }
      });
      slot.worker.on('error', () => slot.onFail?.());
      slot.worker.on('exit', () => slot.onFail?.());
      // Started during the walk, a worker must not keep the process alive if no extraction follows.
      slot.worker.unref();
      this.slots.push(slot);
    }
    return this.slots;
  }

  readonly extract: Extractor = async (paths, onProgress, maxFileSize = Number.POSITIVE_INFINITY, root) => {
    const results: Extracted[] = new Array(paths.length);
    const queue = new WorkQueue(paths.length);
    let done = 0;
    /** Files to read alone, each in a child process, one after another beside the rest. */
    let alone: Promise<void> = Promise.resolve();
    /** Keeps the outcomes of the files a thread took from a unit, and gives the rest back. */
    const finish = ([from, to]: [number, number], out: FileOutcome[]) => {
      for (let k = 0; k < out.length; k++) {
        const x = out[k] as FileOutcome;
        if (!('alone' in x)) results[from + k] = x;
        else {
          const i = from + k;
          alone = alone.then(async () => {
            results[i] = await extractAlone(this.script, paths[i] as string, x.alone, maxFileSize, root);
            onProgress?.(++done, paths.length);
          });
        }
      }
      done += out.filter((x) => !('alone' in x)).length;
      queue.giveBack(from + out.length, to);
      onProgress?.(done, paths.length);
    };
    /** Extracts a unit on this thread, all of it. */
    const extractHere = ([from, to]: [number, number]) => {
      while (from < to) {
        const { results: out } = extractFiles(paths.slice(from, to), { maxFileSize, root });
        finish([from, from + out.length], out);
        from += out.length;
      }
    };

    const running: Array<Promise<void>> = [];
    /** Called when the main thread has no more units: lets a worker that has nothing in flight go. */
    const stopIdle: Array<() => void> = [];
    const employ = (slots: Slot[]) => {
      for (const slot of slots) {
        slot.worker.ref();
        running.push(
          new Promise<void>((resolve) => {
            const inFlight: Array<[number, number]> = [];
            const feed = () => {
              while (inFlight.length < IN_FLIGHT) {
                const unit = queue.takeFront();
                if (!unit) break;
                inFlight.push(unit);
                slot.worker.postMessage({ paths: paths.slice(unit[0], unit[1]), maxFileSize, root });
              }
              if (inFlight.length === 0) resolve();
            };
            slot.onMessage = (m) => {
              finish(inFlight.shift() as [number, number], m);
              feed();
            };
            slot.onReady = feed;
            // A worker that fails or stops gives its units back to the main thread.
            slot.onFail = () => {
              for (const unit of inFlight.splice(0)) extractHere(unit);
              resolve();
            };
            if (slot.ready) feed();
            stopIdle.push(() => {
              if (!slot.ready || inFlight.length === 0) resolve();
            });
          }),
        );
      }
    };

    let employed = this.slots !== undefined || paths.length >= WORKER_FILES;
    if (employed) employ(this.start());
    let bytes = 0;
    try {
      for (let unit = queue.takeBack(); unit; unit = queue.takeBack()) {
        const out = extractFiles(paths.slice(unit[0], unit[1]), { maxFileSize, root });
        finish(unit, out.results);
        bytes += out.bytes;
        if (!employed && bytes >= MIN_BYTES_FOR_WORKERS && !queue.empty) {
          employed = true;
          employ(this.start());
        }
        // Lets the workers' answers in, so that they get their next units.
        if (employed) await new Promise((r) => setImmediate(r));
      }
      for (const stop of stopIdle) stop();
      await Promise.all(running);
      // What a worker gave back after the main thread ran out of units, and it stopped.
      for (let unit = queue.takeBack(); unit; unit = queue.takeBack()) extractHere(unit);
      // Last: a large file met just above joins the files read alone, and is waited for too.
      await alone;
    } finally {
      // Stopped, not waited for: a worker's heap is torn down on its own thread (tens of milliseconds)
      // while this one lints.
      for (const slot of this.slots ?? []) void slot.worker.terminate();
      this.slots = undefined;
    }
    return results;
  };
}
