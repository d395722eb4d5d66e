export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: FileKind;
}

/**
 * All file access of the core goes through this interface, so the core runs anywhere: Node (see
 * @iulint/lsp), a browser worker, or tests with `MemoryFileSystem`. Paths are absolute and
 * `/`-separated.
 */
export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** The entries of a directory; symbolic links are reported as `symlink`, never followed. */
  readDirectory(path: string): Promise<DirEntry[]>;
  /** What is at the path (a symbolic link is followed here), or undefined when nothing is. */
  stat(path: string): Promise<FileKind | undefined>;
}

/** A file system held in memory, for tests and for unsaved editor buffers. */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(normalizePath(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(normalizePath(path));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const content = this.files.get(normalizePath(path));
    if (!content) throw new Error(`ENOENT: no such file: ${path}`);
    return content;
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const dir = normalizePath(path);
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const entries = new Map<string, DirEntry>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      entries.set(name, { name, kind: slash === -1 ? 'file' : 'directory' });
    }
    if (entries.size === 0 && !this.files.has(dir)) throw new Error(`ENOENT: no such directory: ${path}`);
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async stat(path: string): Promise<FileKind | undefined> {
    const p = normalizePath(path);
    if (this.files.has(p)) return 'file';
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const file of this.files.keys()) if (file.startsWith(prefix)) return 'directory';
    return undefined;
  }
}

/** Collapses `.`, `..` and repeated slashes of a `/`-separated path; drops a trailing slash. */
export function normalizePath(path: string): string {
  // A Windows drive (`C:/`, from a `file:///c%3A/...` URI) is a root like `/`, never popped by `..`.
  const drive = /^[A-Za-z]:(?=\/|$)/.exec(path)?.[0];
  const rest = drive ? path.slice(drive.length) : path;
  const absolute = rest.startsWith('/');
  const out: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (drive ? `${drive}/` : absolute ? '/' : '') + out.join('/');
}

export function joinPath(...parts: string[]): string {
  return normalizePath(parts.join('/'));
}

export function dirname(path: string): string {
  const p = normalizePath(path);
  const slash = p.lastIndexOf('/');
  if (slash <= 0) return p.startsWith('/') ? '/' : '.';
  if (/^[A-Za-z]:\/$/.test(p.slice(0, slash + 1)) && slash === 2) return p.slice(0, 3);
  return p.slice(0, slash);
}

export function relativePath(from: string, to: string): string {
  const a = normalizePath(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}
