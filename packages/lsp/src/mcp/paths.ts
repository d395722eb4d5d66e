import { lstatSync, realpathSync } from 'node:fs';
import nodePath from 'node:path';

/** Input a tool refuses (a path outside the project, a missing file, a configuration it cannot read), with the reason the agent is told. */
export class ToolError extends Error {}

/**
 * The absolute path of `given` inside the project `root` (native separators), or a ToolError.
 * `given` is relative to the root (an absolute path is accepted when it lies inside the root). A path
 * that leaves the root is refused however it does: `..`, an absolute path elsewhere, or a symbolic
 * link (the path itself or one of its folders) that resolves outside the root. Parts that do not exist
 * yet (a new file in a new folder) are allowed: the nearest existing folder decides.
 */
export function resolveInside(root: string, given: unknown, path: typeof nodePath = nodePath): string {
  if (typeof given !== 'string' || given.trim() === '') throw new ToolError('a path must be a non-empty string');
  if (given.includes('\0')) throw new ToolError(`the path ${JSON.stringify(given)} contains a NUL character`);
  const outside = () =>
    new ToolError(`the path ${JSON.stringify(given)} is outside the project ${root}: give a path relative to the project root, inside it`);
  const absolute = path.resolve(root, posixSpelling(root, given, path, outside));
  if (!within(root, absolute, path)) throw outside();
  // Symbolic links: the nearest part that exists, resolved, must still be inside the resolved root.
  const realRoot = real(root) ?? root;
  let probe = absolute;
  for (;;) {
    const resolved = real(probe);
    if (resolved === undefined && isLink(probe))
      throw new ToolError(`the path ${JSON.stringify(given)} goes through a symbolic link whose target does not exist`);
    if (resolved !== undefined) {
      if (!within(realRoot, resolved, path)) throw outside();
      break;
    }
    const parent = path.dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  return absolute;
}

/**
 * An agent on Windows writes `force-app\main\default\...` and `C:\...`. Where the separator is `/`,
 * a Windows absolute path (a drive or a UNC share) is outside the project, and a path with backslashes
 * that names nothing as written is read with them as separators (Salesforce's files have none in their
 * names): otherwise a proposed metadata file would be linted as a file of the root with an odd name, and
 * found clean.
 */
function posixSpelling(root: string, given: string, path: typeof nodePath, outside: () => ToolError): string {
  if (path.sep !== '/') return given;
  if (/^[A-Za-z]:[\\/]/.test(given) || given.startsWith('\\\\')) throw outside();
  if (!given.includes('\\') || exists(path.resolve(root, given))) return given;
  return given.split('\\').join('/');
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function within(root: string, p: string, path: typeof nodePath): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function real(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
