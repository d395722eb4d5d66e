import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type Extracted, errorMessage, extractFactsFromBytes } from '@iulint/core';

/**
 * A thread stops taking files from a unit of work once it has read this many bytes in it (a larger
 * file is read alone): sizes are learned from the open file, so no file is `stat`ed beforehand.
 */
export const UNIT_BYTES = 256 * 1024;

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
    // Up to the size the open file gave (one read for most files), or to the end for a file that says 0.
    let n = 0;
    while (n < size || size === 0) {
      const read = readSync(fd, buffer, n, buffer.length - n, null);
      if (read === 0) break;
      n += read;
      if (n === buffer.length) {
        // A file that says 0 and holds more: a larger buffer, keeping what was read.
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

/**
 * Reads and extracts files from the front of `paths`, in order, until it has read `UNIT_BYTES`
 * (always at least one file); `results` holds the outcome of each file it took. The caller hands the
 * rest out again, so a run of large files is shared between threads.
 */
export function extractFiles(
  paths: readonly string[],
  maxFileSize = Number.POSITIVE_INFINITY,
  /** The facts are posted to another thread (a copy): their strings need not be detached from the text. */
  copied = false,
): { results: Extracted[]; bytes: number } {
  const results: Extracted[] = [];
  let bytes = 0;
  for (const path of paths) {
    try {
      const read = readFile(path, maxFileSize);
      if ('tooLarge' in read) results.push({ tooLarge: read.tooLarge });
      else {
        bytes += read.length;
        results.push({ facts: extractFactsFromBytes(path, read, { copied }) });
      }
    } catch (e) {
      results.push({ error: errorMessage(e) });
    }
    if (bytes >= UNIT_BYTES) break;
  }
  return { results, bytes };
}
