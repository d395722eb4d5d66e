import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder and the folders above it that are missing, one level at a time: Node's recursive
 * `mkdirSync` never returns for a path under `/proc` (it retries the ENOENT there forever).
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let dir = folder; !existsSync(dir); dir = dirname(dir)) {
    if (dirname(dir) === dir) break;
    missing.unshift(dir);
  }
  for (const dir of missing) mkdirSync(dir);
}
