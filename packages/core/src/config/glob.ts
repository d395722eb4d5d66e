/**
 * Glob patterns as `.gitignore` and `.forceignore` write them: `*` (any run within one path segment),
 * `**` (any number of segments), `?`, `[...]`; a pattern without a slash matches a name at any depth;
 * a leading `/` anchors it to the root; a trailing `/` matches only directories (and what is in them);
 * `!` re-includes. Paths are `/`-separated and relative to the root.
 */
export interface IgnoreRule {
  negate: boolean;
  directoryOnly: boolean;
  regex: RegExp;
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Translates a glob body (no `!`, no trailing `/`) into a regular expression source. */
export function globToRegexSource(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (atSegmentStart && slashAfter) {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      re += escapeChar(glob[i + 1] as string);
      i++;
    } else re += escapeChar(c);
  }
  return re;
}

export function parseIgnoreRule(line: string): IgnoreRule | undefined {
  let p = line.replace(/\r$/, '');
  if (!p.trim() || p.startsWith('#')) return undefined;
  p = p.replace(/(?<!\\)\s+$/, '');
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  const directoryOnly = p.endsWith('/');
  if (directoryOnly) p = p.slice(0, -1);
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (!p) return undefined;
  const body = globToRegexSource(p);
  // A match on a directory also covers everything inside it.
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}${directoryOnly ? '/.*' : '(?:/.*)?'}$`);
  return { negate, directoryOnly, regex };
}

/** A list of ignore rules: the last rule that matches decides. */
export class IgnoreList {
  readonly rules: IgnoreRule[];

  constructor(lines: readonly string[]) {
    this.rules = lines.map(parseIgnoreRule).filter((r): r is IgnoreRule => r !== undefined);
  }

  static fromText(text: string): IgnoreList {
    return new IgnoreList(text.split('\n'));
  }

  /** Whether a path (relative to the list's root) is ignored. */
  ignores(relativePath: string): boolean {
    let ignored = false;
    for (const r of this.rules) if (r.regex.test(relativePath)) ignored = !r.negate;
    return ignored;
  }
}

/** A glob over whole values (usernames): `*` and `?` only, case-insensitive. */
export function matchesValueGlob(glob: string, value: string): boolean {
  const source = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeChar(c)))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}
