import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type Extracted, type Extractor, extractFactsFromBytes } from '@iulint/core';

const ROLE = 'iulint-extract';
/** Below this many files one thread is faster than starting workers. */
const MIN_FILES = 400;

function extractOne(path: string, maxFileSize = Number.POSITIVE_INFINITY): Extracted {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > maxFileSize) return { error: `too large:${bytes.length}` };
    return { facts: extractFactsFromBytes(path, bytes) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** In a worker thread started by `parallelExtractor`: extract the files it is sent, reply with their facts. */
export function runWorkerIfAny(): boolean {
  if (isMainThread || workerData?.role !== ROLE) return false;
  parentPort?.on('message', ({ paths, maxFileSize }: { paths: string[]; maxFileSize: number }) => {
    parentPort?.postMessage(paths.map((p) => extractOne(p, maxFileSize)));
  });
  return true;
}

/**
 * Reads and extracts files on every core: worker threads running this same bundle, each sent batches
 * of paths and answering with their facts (small plain objects, cheap to copy back).
 */
export function parallelExtractor(script: string): Extractor {
  return async (paths, onProgress, maxFileSize) => {
    const threads = Math.min(availableParallelism(), 8);
    if (paths.length < MIN_FILES || threads < 2) {
      const out: Extracted[] = [];
      for (const [i, p] of paths.entries()) {
        out.push(extractOne(p, maxFileSize));
        onProgress?.(i + 1, paths.length);
      }
      return out;
    }
    const results: Extracted[] = new Array(paths.length);
    const batch = 64;
    let next = 0;
    let done = 0;
    const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: { role: ROLE } }));
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              let start = 0;
              const send = () => {
                if (next >= paths.length) {
                  resolve();
                  return;
                }
                start = next;
                next = Math.min(paths.length, next + batch);
                w.postMessage({ paths: paths.slice(start, next), maxFileSize });
              };
              w.on('message', (out: Extracted[]) => {
                for (let i = 0; i < out.length; i++) results[start + i] = out[i] as Extracted;
                done += out.length;
                onProgress?.(done, paths.length);
                send();
              });
              w.on('error', reject);
              send();
            }),
        ),
      );
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  };
}
