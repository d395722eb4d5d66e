/**
 * One UTF-16 unit folded for a case-insensitive comparison, as a regular expression with the `i` flag
 * (and no `u`) folds it: to its upper case when that is one unit, except that a character beyond ASCII
 * never folds into ASCII (so `ſ` is not `S`, nor `K` (Kelvin) `k`).
 */
function fold(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  const upper = String.fromCharCode(c).toUpperCase();
  if (upper.length !== 1) return c;
  const u = upper.charCodeAt(0);
  return u < 128 ? c : u;
}

/** Whether `piece` (with `?` for any one unit) matches `value` at `at`, unit for unit. */
function pieceAt(piece: string, value: string, at: number): boolean {
  for (let k = 0; k < piece.length; k++) {
    const p = piece.charCodeAt(k);
    if (p !== 63 /* ? */ && fold(p) !== fold(value.charCodeAt(at + k))) return false;
  }
  return true;
}

/**
 * A glob over whole values (usernames, names): `*` is any run of characters (none too), `?` any one
 * UTF-16 unit, everything else itself, case-insensitive. Paths go through `config/ignore.ts`.
 *
 * Matched without backtracking: the pattern is split at its `*`s into pieces; the first must start the
 * value, the last must end it, and each one between is placed at its leftmost place after the one
 * before (the leftmost place leaves the most room to the pieces that follow, so if any placement
 * works, that one does). The time is at most the value's length times the pattern's, whatever the
 * number of `*`s: `*a*a*a*b` against 4,000 `a`s is a few thousand comparisons, where a regular
 * expression tries every way to share the `a`s among the stars.
 */
export function matchesValueGlob(glob: string, value: string): boolean {
  const pieces = glob.split('*');
  const first = pieces[0] as string;
  if (pieces.length === 1) return first.length === value.length && pieceAt(first, value, 0);
  const last = pieces[pieces.length - 1] as string;
  if (first.length + last.length > value.length) return false;
  if (!pieceAt(first, value, 0) || !pieceAt(last, value, value.length - last.length)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] as string;
    if (piece.length === 0) continue;
    let found = -1;
    for (let k = at; k + piece.length <= end; k++) {
      if (pieceAt(piece, value, k)) {
        found = k;
        break;
      }
    }
    if (found === -1) return false;
    at = found + piece.length;
  }
  return true;
}
