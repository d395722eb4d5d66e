function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** A glob over whole values (usernames): `*` and `?` only, case-insensitive. Paths go through `ignore.ts`. */
export function matchesValueGlob(glob: string, value: string): boolean {
  const source = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeChar(c)))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}
