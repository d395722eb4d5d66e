import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type Extracted, type Extractor, errorMessage, extractFactsFromBytes } from '@iulint/core';

const ROLE = 'iulint-extract';
/** Below this many bytes in all, the main thread alone is done before a worker would be ready. */
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;
/** A unit of work: files taken together, up to this many bytes (a larger file is a unit alone)... */
const UNIT_BYTES = 256 * 1024;
/** ...and up to this many files. */
const UNIT_FILES = 64;
/** Units sent ahead to each worker, so that it never waits for the main thread. */
const IN_FLIGHT = 2;

/**
 * The buffer files are read into, one per thread, grown to the largest file: the bytes are decoded
 * (copied) before the next read, and reusing the memory spares a fresh allocation for every file.
 */
let buffer = Buffer.allocUnsafe(1 << 20);

/** Reads a whole file into `buffer`; a file larger than `maxFileSize` is not read. */
function readFile(path: string, maxFileSize: number): Uint8Array | { tooLarge: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxFileSize) return { tooLarge: size };
    if (size >= buffer.length) buffer = Buffer.allocUnsafe(Math.max(size + 1, buffer.length * 2));
    let n = 0;
    for (;;) {
      const read = readSync(fd, buffer, n, buffer.length - n, null);
      if (read === 0) break;
      n += read;
      if (n === buffer.length) {
        // The file grew since fstat: a larger buffer, keeping what was read.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, n);
        buffer = larger;
      }
    }
    if (n > maxFileSize) return { tooLarge: n };
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function extractOne(path: string, maxFileSize = Number.POSITIVE_INFINITY): Extracted {
  try {
    const bytes = readFile(path, maxFileSize);
    if ('tooLarge' in bytes) return { tooLarge: bytes.tooLarge };
    return { facts: extractFactsFromBytes(path, bytes) };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/** In a worker thread started by `parallelExtractor`: extract the files it is sent, reply with their facts. */
export function runWorkerIfAny(): boolean {
  if (isMainThread || workerData?.role !== ROLE) return false;
  parentPort?.on('message', ({ paths, maxFileSize }: { paths: string[]; maxFileSize: number }) => {
    parentPort?.postMessage(paths.map((p) => extractOne(p, maxFileSize)));
  });
  parentPort?.postMessage('ready');
  return true;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // read (and reported) with the others
  }
}

/**
 * Splits files into units of work by bytes, largest files first: a large file is a unit alone, small
 * ones are grouped. Taking units from the front hands out the largest work first, so that every
 * thread finishes at about the same time whatever the order of the paths.
 */
export function planUnits(sizes: number[]): number[][] {
  const order = sizes.map((_, i) => i).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const units: number[][] = [];
  let unit: number[] = [];
  let bytes = 0;
  for (const i of order) {
    const size = sizes[i] as number;
    if (unit.length > 0 && (bytes + size > UNIT_BYTES || unit.length >= UNIT_FILES)) {
      units.push(unit);
      unit = [];
      bytes = 0;
    }
    unit.push(i);
    bytes += size;
  }
  if (unit.length > 0) units.push(unit);
  return units;
}

/**
 * Reads and extracts files on every core. The work is shared by bytes: units are planned largest
 * first (`planUnits`); worker threads (running this same bundle, one per other core) take them from the
 * front, and the main thread works too, taking the smallest from the back. The main thread starts at
 * once, so a worker's start-up is never waited for; a small project starts no worker at all. Facts
 * come back as small plain objects, cheap to copy.
 */
export function parallelExtractor(script: string): Extractor {
  return async (paths, onProgress, maxFileSize) => {
    const results: Extracted[] = new Array(paths.length);
    const sizes = paths.map(sizeOf);
    const units = planUnits(sizes);
    let front = 0;
    let back = units.length; // units[front, back) are still to do
    let done = 0;
    const finish = (unit: number[], out: Extracted[]) => {
      for (let k = 0; k < unit.length; k++) results[unit[k] as number] = out[k] as Extracted;
      done += unit.length;
      onProgress?.(done, paths.length);
    };
    const extractHere = (unit: number[]) =>
      finish(
        unit,
        unit.map((i) => extractOne(paths[i] as string, maxFileSize)),
      );
    const total = sizes.reduce((a, b) => a + b, 0);
    const cores = Math.min(availableParallelism(), 8);
    const workerCount = total < MIN_BYTES_FOR_WORKERS ? 0 : cores - 1;

    const workers: Worker[] = [];
    const running: Array<Promise<void>> = [];
    /** Called when the main thread has no more units: lets a worker that has nothing in flight go. */
    const stopIdle: Array<() => void> = [];
    for (let n = 0; n < workerCount; n++) {
      const w = new Worker(script, { workerData: { role: ROLE } });
      workers.push(w);
      running.push(
        new Promise<void>((resolve) => {
          const inFlight: number[][] = [];
          let ready = false;
          const feed = () => {
            while (inFlight.length < IN_FLIGHT && front < back) {
              const unit = units[front++] as number[];
              inFlight.push(unit);
              w.postMessage({ paths: unit.map((i) => paths[i]), maxFileSize });
            }
            if (inFlight.length === 0) resolve();
          };
          w.on('message', (m: Extracted[] | 'ready') => {
            if (m === 'ready') ready = true;
            else finish(inFlight.shift() as number[], m);
            feed();
          });
          // A worker that fails gives its units back to the main thread.
          w.on('error', () => {
            for (const unit of inFlight.splice(0)) extractHere(unit);
            resolve();
          });
          // Not ready when the work runs out: nothing to wait for.
          w.on('exit', () => resolve());
          stopIdle.push(() => {
            if (!ready || inFlight.length === 0) resolve();
          });
        }),
      );
    }

    try {
      while (front < back) {
        extractHere(units[--back] as number[]);
        // Lets the workers' answers in, so that they get their next units.
        if (workerCount > 0) await new Promise((r) => setImmediate(r));
      }
      for (const stop of stopIdle) stop();
      await Promise.all(running);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  };
}
