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
  /**
   * A file's size in bytes (a symbolic link followed), or undefined when it cannot tell: a file over
   * `maxFileSize` is then skipped without being read. Optional: without it, files are read, then measured.
   */
  size?(path: string): Promise<number | undefined>;
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

  async size(path: string): Promise<number | undefined> {
    return this.files.get(normalizePath(path))?.length;
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const dir = normalizePath(path);
    const prefix = childPrefix(dir);
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
    const prefix = childPrefix(p);
    for (const file of this.files.keys()) if (file.startsWith(prefix)) return 'directory';
    return undefined;
  }
}

/*
 * Core paths are `/`-separated and start with a root: `/`, a Windows drive (`c:/`, its letter
 * lower-cased) or a UNC share (`//server/share`, the server lower-cased, as `\\wsl.localhost\Ubuntu`
 * or `\\server\share`). In a path with a Windows root a backslash is a separator too; in a POSIX path
 * it is part of a name. `..` never pops a root. A Windows path from Node (`C:\proj`) and one from a
 * file URI (`c:/proj`) normalise to the same core path.
 */

interface SplitPath {
  /** `/`, `c:/`, `//server/share`, or '' for a relative path. */
  root: string;
  /** The rest, `/`-separated. */
  rest: string;
}

const DRIVE = /^([A-Za-z]):(?=[\\/]|$)/;
const UNC = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)(?=[\\/]|$)/;
// Win32 namespace prefixes: `\\?\C:\...`, `\\.\C:\...`, `\\?\UNC\server\share\...`.
const NAMESPACE = /^[\\/]{2}[?.][\\/](?:(?=[A-Za-z]:(?:[\\/]|$))|(UNC)[\\/])/i;

function splitRoot(path: string): SplitPath {
  const namespace = NAMESPACE.exec(path);
  if (namespace) path = (namespace[1] ? '//' : '') + path.slice(namespace[0].length);
  const drive = DRIVE.exec(path);
  if (drive) return { root: `${drive[1]?.toLowerCase()}:/`, rest: path.slice(2).replace(/\\/g, '/') };
  const unc = UNC.exec(path);
  if (unc) return { root: `//${unc[1]?.toLowerCase()}/${unc[2]}`, rest: path.slice(unc[0].length).replace(/\\/g, '/') };
  return { root: path.startsWith('/') ? '/' : '', rest: path };
}

function collapse(root: string, rest: string): string {
  const out: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  if (out.length === 0) return root;
  return (root === '' || root.endsWith('/') ? root : `${root}/`) + out.join('/');
}

/** Collapses `.`, `..` and repeated separators; drops a trailing slash; folds a drive letter and a UNC server name. */
export function normalizePath(path: string): string {
  const { root, rest } = splitRoot(path);
  return collapse(root, rest);
}

/** Whether a path is absolute: POSIX (`/x`), a drive (`c:/x` or with a backslash) or a UNC share (two slashes or backslashes). */
export function isAbsolutePath(path: string): boolean {
  return /^(?:[\\/]|[A-Za-z]:[\\/])/.test(path);
}

/** The parts joined under the first one's root (a later part that starts with `/` is still joined, as Node's `join` does). */
export function joinPath(first: string, ...rest: string[]): string {
  const { root, rest: head } = splitRoot(first);
  const windows = root !== '/' && root !== '';
  const tail = rest.join('/');
  return collapse(root, `${head}/${windows ? tail.replace(/\\/g, '/') : tail}`);
}

export function dirname(path: string): string {
  const { root, rest } = splitRoot(normalizePath(path));
  const parent = collapse(root, rest.slice(0, Math.max(rest.lastIndexOf('/'), 0)));
  return parent === '' ? '.' : parent;
}

/** What every path inside the normalised folder `dir` starts with. */
export function childPrefix(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}

/** Whether `path` is `dir` or lies inside it. */
export function isInside(dir: string, path: string): boolean {
  const d = normalizePath(dir);
  const p = normalizePath(path);
  return p === d || p.startsWith(childPrefix(d));
}

/** The `/`-separated path from `from` to `to`; `to` itself when they have different roots (another drive). */
export function relativePath(from: string, to: string): string {
  const a = splitRoot(normalizePath(from));
  const b = splitRoot(normalizePath(to));
  if (a.root !== b.root) return collapse(b.root, b.rest);
  const x = a.rest.split('/').filter(Boolean);
  const y = b.rest.split('/').filter(Boolean);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return [...x.slice(i).map(() => '..'), ...y.slice(i)].join('/') || '.';
}
