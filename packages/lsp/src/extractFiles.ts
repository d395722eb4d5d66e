import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type Extracted, errorMessage, extractFactsFromBytes } from '@iulint/core';

/**
 * A file at least this large is read alone in a child process (`ParallelExtractor`), never in a thread
 * of this one: if it needs more memory than Node may take (V8 then ends the whole process, worker
 * threads included, whatever their resource limits), only the child ends, and the file is reported.
 */
export const ALONE_BYTES = 16 * 1024 * 1024;

/** What became of a file: its outcome, or its size when it is to be read alone (`ALONE_BYTES`). */
export type FileOutcome = Extracted | { alone: number };

/**
 * The buffer files are read into, one per thread, grown to the largest file: the bytes are decoded
 * (copied) before the next read, and reusing the memory spares a fresh allocation for every file.
 */
let buffer = Buffer.allocUnsafe(1 << 20);

/** Replaces `buffer` by one of at least `size` bytes (twice as large at least), keeping its first `n` bytes. */
function grow(n: number, size: number): void {
  const larger = Buffer.allocUnsafe(Math.max(size, buffer.length * 2));
  buffer.copy(larger, 0, 0, n);
  buffer = larger;
}

/** Reads a whole file into `buffer`; a file larger than `maxFileSize`, or than `alone`, is not read. */
function readFile(path: string, maxFileSize: number, alone: number): Uint8Array | { tooLarge: number } | { alone: number } {
  const fd = openSync(path, 'r');
  try {
    // A file shorter than the buffer, `alone` and `maxFileSize` is read to its end without asking its
    // size (`fstatSync` builds a Stats object and its dates: it costs more than the second read that
    // finds the end); a longer one is measured once that much of it is read.
    const limit = Math.min(buffer.length, alone, maxFileSize + 1);
    let n = readSync(fd, buffer, 0, limit, null);
    if (n < limit) {
      for (let read = n; read > 0 && n < limit; n += read) read = readSync(fd, buffer, n, limit - n, null);
      if (n < limit) return buffer.subarray(0, n);
    }
    const size = fstatSync(fd).size;
    if (size > maxFileSize) return { tooLarge: size };
    if (size >= alone) return { alone: size };
    if (size >= buffer.length || n === buffer.length) grow(n, size + 1);
    // Up to the size the open file gave (one read for most files), or to the end for a file that says 0.
    while (n < size || size === 0) {
      const read = readSync(fd, buffer, n, buffer.length - n, null);
      if (read === 0) break;
      n += read;
      if (n === buffer.length) grow(n, 0); // a file that says 0 and holds more
    }
    if (n > maxFileSize) return { tooLarge: n };
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** How `extractFile` reads. */
export interface ExtractOptions {
  maxFileSize?: number;
  /** The facts are posted to another thread (a copy): their strings need not be detached from the text. */
  copied?: boolean;
  /** Files of this size or more are not read here (`ALONE_BYTES`; a child process reading one alone reads it). */
  alone?: number;
  /** The project's root: the files are classified by their paths below it (`sourceKind`). */
  root?: string;
}

/** Reads and extracts one file: its outcome, and the bytes read (0 for a file not read). */
export function extractFile(
  path: string,
  { maxFileSize = Number.POSITIVE_INFINITY, copied = false, alone = ALONE_BYTES, root }: ExtractOptions = {},
): { outcome: FileOutcome; bytes: number } {
  try {
    const read = readFile(path, maxFileSize, alone);
    if ('tooLarge' in read || 'alone' in read) return { outcome: read, bytes: 0 };
    return { outcome: { facts: extractFactsFromBytes(path, read, { copied, root }) }, bytes: read.length };
  } catch (e) {
    return { outcome: { error: errorMessage(e) }, bytes: 0 };
  }
}

/** Reads and extracts files one after another: the outcome of each. */
export function extractFiles(paths: readonly string[], options: ExtractOptions = {}): FileOutcome[] {
  return paths.map((path) => extractFile(path, options).outcome);
}
