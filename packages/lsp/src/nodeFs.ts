import { promises as fsp, realpathSync } from 'node:fs';
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

/** The core's file-system interface on Node's `fs`. It only reads. */
export class NodeFileSystem implements FileSystem {
  async readFile(path: string): Promise<Uint8Array> {
    return fsp.readFile(path);
  }

  async size(path: string): Promise<number | undefined> {
    try {
      return (await fsp.stat(path)).size;
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries
      .map((e) => ({
        name: e.name,
        kind: (e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other') as FileKind,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async stat(path: string): Promise<FileKind | undefined> {
    try {
      const s = await fsp.stat(path);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch {
      return undefined;
    }
  }
}
