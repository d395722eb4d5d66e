import { URI } from 'vscode-uri';
import { normalizePath } from './fs.js';

/**
 * The one mapping between file URIs and core paths. Clients spell one file's URI in different ways:
 * VS Code encodes `(`, `)` and the drive colon (`file:///c%3A/...`), Kate sends literal spaces,
 * Neovim 0.7 writes lower-case hex and `C:`, a UNC share is `file://server/share/...`. All of them
 * decode to the same core path: `/`-separated, a drive letter lower-cased (`c:/proj/x.xml`), a UNC
 * path as `//server/share/x`. The platform-dependent `fsPath` is not used: the result is the same
 * whichever system this runs on.
 */

// `file:` then an absolute path, with or without an authority (`file:/p`, `file:///p`, `file://host/p`).
const FILE_URI = /^file:(?:\/\/[^/?#]*\/|\/(?!\/))/i;
const DRIVE = /^\/[A-Za-z]:(\/|$)/;

/** The core path of a file URI, from any client's spelling; undefined for another scheme or a malformed URI. */
export function uriToPath(uri: string): string | undefined {
  if (!FILE_URI.test(uri)) return undefined;
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return undefined;
  }
  // A file URI never has a query or a fragment: a literal `?` or `#` means the client did not encode it.
  if (parsed.query !== '' || parsed.fragment !== '' || parsed.path.includes('\0')) return undefined;
  const authority = parsed.authority.toLowerCase();
  if (authority !== '' && authority !== 'localhost') {
    // A UNC path names a server and a share: `file://server/share/x` is `//server/share/x`.
    const unc = normalizePath(`//${authority}${parsed.path}`);
    return unc.startsWith('//') ? unc : undefined;
  }
  // `/c:/x` is the drive `c:`; normalizePath lower-cases its letter.
  return normalizePath(DRIVE.test(parsed.path) ? parsed.path.slice(1) : parsed.path);
}

/** The file URI of a core path, spelled exactly as VS Code spells it (vscode-uri's `URI.file(...).toString()`). */
export function pathToUri(path: string): string {
  return URI.file(normalizePath(path)).toString();
}
