import { promises as fsp, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import nodePath from 'node:path';
import { type DirEntry, type FileKind, type FileSystem, normalizePath } from '@iulint/core';

/**
 * The core path of a path typed on the command line: resolved against `cwd` as Node does on this
 * system (`C:\\proj\\force-app` on Windows), then normalised by core (`c:/proj/force-app`).
 * `path` is Node's `path.win32` or `path.posix` in tests.
 */
export function resolveCorePath(cwd: string, p: string, path: Pick<typeof nodePath, 'resolve'> = nodePath): string {
  return normalizePath(path.resolve(cwd, p));
}

/** The core path a path resolves to once every symbolic link on the way is followed; the path itself when it does not exist. */
export function realCorePath(path: string): string {
  try {
    return normalizePath(realpathSync(path));
  } catch {
    return path;
  }
}

/**
 * The core's file-system interface on Node's `fs`. It only reads. With `blocking`, each call is a
 * synchronous system call (what the CLI wants: nothing else runs meanwhile, and a walk of thousands of
 * folders takes half the time); without it, the language server's event loop goes on during a read.
 */
export class NodeFileSystem implements FileSystem {
  constructor(private readonly options: { blocking?: boolean } = {}) {}

  async readFile(path: string): Promise<Uint8Array> {
    return this.options.blocking ? readFileSync(path) : fsp.readFile(path);
  }

  async size(path: string): Promise<number | undefined> {
    try {
      return (this.options.blocking ? statSync(path) : await fsp.stat(path)).size;
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const entries = this.options.blocking ? readdirSync(path, { withFileTypes: true }) : await fsp.readdir(path, { withFileTypes: true });
    return entries
      .map((e) => ({
        name: e.name,
        kind: (e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other') as FileKind,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async stat(path: string): Promise<FileKind | undefined> {
    try {
      const s = this.options.blocking ? statSync(path) : await fsp.stat(path);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch {
      return undefined;
    }
  }
}
