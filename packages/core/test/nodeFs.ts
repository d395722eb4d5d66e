import { promises as fsp } from 'node:fs';
import type { DirEntry, FileKind, FileSystem } from '../src/fs.js';

/** Node's file system for tests that read real folders (the lsp package has the shipped one). */
export const nodeFs: FileSystem = {
  readFile: (p) => fsp.readFile(p),
  async readDirectory(p): Promise<DirEntry[]> {
    const entries = await fsp.readdir(p, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      kind: (e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other') as FileKind,
    }));
  },
  async stat(p) {
    try {
      const s = await fsp.stat(p);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch {
      return undefined;
    }
  },
};
