import { errorMessage } from '../errors.js';
import { dirname, type FileSystem, isInside, joinPath, normalizePath } from '../fs.js';

export const PROJECT_FILE = 'sfdx-project.json';

export interface Project {
  root: string;
  /** Absolute paths of the package directories; the root itself when the project names none. */
  packageDirectories: string[];
  /** Problems met reading sfdx-project.json; the project is still linted. */
  problems: string[];
  /** Set when sfdx-project.json exists but cannot be read: its layout is unknown (the CLI exits 2). */
  unreadable?: string;
  /** The strings `replacements` entries replace at deploy time: placeholders, never usernames. */
  replacements: string[];
}

/** Walks up from `start` to the nearest folder holding sfdx-project.json. */
export async function findProjectRoot(fs: FileSystem, start: string): Promise<string | undefined> {
  let dir = start;
  for (;;) {
    if ((await fs.stat(joinPath(dir, PROJECT_FILE))) === 'file') return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads the project's layout from sfdx-project.json, falling back to the whole folder. */
export async function readProject(fs: FileSystem, root: string): Promise<Project> {
  const problems: string[] = [];
  const file = joinPath(root, PROJECT_FILE);
  if ((await fs.stat(file)) !== 'file') return { root, packageDirectories: [root], problems, replacements: [] };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await fs.readFile(file)).replace(/^\uFEFF/, ''));
  } catch (e) {
    const reason = `is not valid JSON (${errorMessage(e)})`;
    problems.push(`${PROJECT_FILE} ${reason}; linting the whole folder`);
    return {
      root,
      packageDirectories: [root],
      problems,
      replacements: [],
      unreadable: `${file} ${reason}: fix it (the Salesforce CLI cannot read it either)`,
    };
  }
  const dirs: string[] = [];
  const entries = (json as { packageDirectories?: unknown })?.packageDirectories;
  if (Array.isArray(entries)) {
    for (const entry of entries) {
      const path = (entry as { path?: unknown })?.path;
      if (typeof path !== 'string' || path.length === 0) continue;
      const abs = joinPath(root, path);
      if (!isInside(root, abs)) {
        problems.push(`${PROJECT_FILE}: package directory "${path}" lies outside the project; skipped`);
        continue;
      }
      if ((await fs.stat(abs)) === 'directory') dirs.push(abs);
    }
  }
  const replacements: string[] = [];
  const reps = (json as { replacements?: unknown })?.replacements;
  if (Array.isArray(reps)) {
    for (const r of reps) {
      const s = (r as { stringToReplace?: unknown })?.stringToReplace;
      if (typeof s === 'string' && s.length > 0) replacements.push(s);
    }
  }
  if (dirs.length === 0) {
    if (!Array.isArray(entries)) problems.push(`${PROJECT_FILE} has no packageDirectories; linting the whole folder`);
    return { root, packageDirectories: [root], problems, replacements };
  }
  return { root, packageDirectories: dirs, problems, replacements };
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.turbo', '.vscode-test', '.localdevserver']);
/** Of the Salesforce CLI's own folders, only its config files are read. */
const CLI_FOLDERS: Record<string, string> = { '.sf': 'config.json', '.sfdx': 'sfdx-config.json' };

/** A name that joins a folder as it is: not empty, `.` or `..`, and without a separator. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && name.indexOf('/') === -1 && name.indexOf('\\') === -1;
}

/**
 * Every file below the given directories (a given file stands for itself), each once, in a stable order. Symbolic links are not
 * followed (so a link loop cannot trap the walk); unreadable directories are reported and skipped.
 * `onFound` is told how many files have been found so far, after each folder.
 */
export async function listFiles(
  fs: FileSystem,
  directories: string[],
  onUnreadableFolder: (path: string, reason: string) => void = () => {},
  skip: (path: string) => boolean = () => false,
  onFound?: (files: number) => void,
): Promise<string[]> {
  const seen = new Set<string>();
  // A file can be met twice only when several paths are walked (a folder and a file in it), or by a
  // name that is not plain (`.`, which joins to the folder): the plain names of a single walk are not
  // remembered (a set of every path costs V8 a hash of each).
  const dedupe = directories.length > 1;
  const out: string[] = [];
  const stack = [...directories].reverse();
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    if (directories.includes(dir) && (await fs.stat(dir)) === 'file') {
      out.push(dir);
      continue;
    }
    let entries: Awaited<ReturnType<FileSystem['readDirectory']>>;
    try {
      entries = await fs.readDirectory(dir);
    } catch (e) {
      onUnreadableFolder(dir, errorMessage(e));
      continue;
    }
    const subdirs: string[] = [];
    // Below a normalised folder, a plain name is simply appended (what joinPath gives, without its work).
    const prefix = normalizePath(dir) === dir ? (dir.endsWith('/') ? dir : `${dir}/`) : undefined;
    for (const entry of entries) {
      const plain = prefix !== undefined && isPlainName(entry.name);
      const path = plain ? prefix + entry.name : joinPath(dir, entry.name);
      if (entry.kind === 'directory') {
        const cliFile = CLI_FOLDERS[entry.name];
        if (cliFile) {
          const config = joinPath(path, cliFile);
          if ((await fs.stat(config)) === 'file') out.push(config);
        } else if (!SKIPPED_DIRECTORIES.has(entry.name) && !skip(path)) subdirs.push(path);
      } else if (entry.kind === 'file') {
        if (dedupe || !plain) {
          if (seen.has(path)) continue;
          seen.add(path);
        }
        out.push(path);
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as string);
    onFound?.(out.length);
  }
  return out;
}
