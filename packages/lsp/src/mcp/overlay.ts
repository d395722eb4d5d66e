import type { DirEntry, FileKind, FileSystem } from '@iulint/core';

/**
 * A read-only view of a file system with some files replaced, added or deleted: what the project would
 * be after a proposed change. Nothing is written anywhere. Paths are core paths (absolute,
 * `/`-separated, normalised); `dirname` is core's, passed in so that this module calls nothing of core.
 */
export class OverlayFileSystem implements FileSystem {
  /** Folders that exist only because an added file lies inside them (with the names they hold). */
  private readonly addedFolders = new Map<string, Map<string, FileKind>>();

  constructor(
    private readonly base: FileSystem,
    /** Each changed file's new bytes, or null for a deleted one. */
    private readonly changes: ReadonlyMap<string, Uint8Array | null>,
    dirname: (path: string) => string,
  ) {
    for (const [path, content] of changes) {
      if (content === null) continue;
      let child = path;
      let kind: FileKind = 'file';
      for (let dir = dirname(child); dir !== child; child = dir, dir = dirname(dir)) {
        const names = this.addedFolders.get(dir) ?? new Map<string, FileKind>();
        names.set(child.slice(child.lastIndexOf('/') + 1), kind);
        this.addedFolders.set(dir, names);
        kind = 'directory';
      }
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    const changed = this.changes.get(path);
    if (changed === null) throw new Error(`ENOENT: no such file (deleted by the proposed change): ${path}`);
    return changed ?? this.base.readFile(path);
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const added = this.addedFolders.get(path);
    let entries: DirEntry[] = [];
    try {
      entries = await this.base.readDirectory(path);
    } catch (e) {
      if (!added) throw e;
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const [changed, content] of this.changes) {
      const name = changed.slice(prefix.length);
      if (content === null && changed.startsWith(prefix) && !name.includes('/')) byName.delete(name);
    }
    for (const [name, kind] of added ?? []) byName.set(name, { name, kind });
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async stat(path: string): Promise<FileKind | undefined> {
    const changed = this.changes.get(path);
    if (changed === null) return undefined;
    if (changed !== undefined) return 'file';
    if (this.addedFolders.has(path)) return 'directory';
    return this.base.stat(path);
  }
}
