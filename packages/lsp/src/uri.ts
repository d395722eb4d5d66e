// TEMPORARY: the same API as @iulint/core's uri.ts (being written on wip/windows); deleted at the merge.
import { normalizePath } from '@iulint/core';
import { URI } from 'vscode-uri';

/** Any client's spelling of a file URI as a core path; undefined for other schemes or malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  if (typeof uri !== 'string' || !/^file:/i.test(uri)) return undefined;
  try {
    const u = URI.parse(uri);
    const path = /^\/[A-Za-z]:(\/|$)/.test(u.path) ? `${u.path[1]?.toUpperCase()}${u.path.slice(2)}` : u.path;
    return normalizePath(u.authority ? `//${u.authority}${path}` : path);
  } catch {
    return undefined;
  }
}

/** A core path as a file URI, in VS Code's spelling. */
export function pathToUri(path: string): string {
  return URI.file(path).toString();
}
