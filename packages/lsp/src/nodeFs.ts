import { promises as fsp } from 'node:fs';
import type { DirEntry, FileKind, FileSystem } from '@iulint/core';

/** The core's file-system interface on Node's `fs`. It only reads. */
export class NodeFileSystem implements FileSystem {
  async readFile(path: string): Promise<Uint8Array> {
    return fsp.readFile(path);
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
