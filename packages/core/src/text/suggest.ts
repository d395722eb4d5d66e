import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to a mistyped word ("did you mean"), or undefined when none is close: at most a
 * third of the word's length in edits (at least 2), case-insensitive, so `licence` finds `license` and
 * `--formt` finds `--format`, while an unrelated word finds nothing; a word that begins one candidate
 * alone finds it (`warn`: `warning`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  // A short form that begins one candidate alone (`warn` for `warning`, as ESLint spells it).
  const longer = w.length >= 3 ? candidates.filter((c) => c.length > w.length && c.toLowerCase().startsWith(w)) : [];
  if (longer.length === 1) return longer[0];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean "x"?` when a candidate is close, else the empty string. */
export function didYouMean(word: string, candidates: readonly string[], quote = '"'): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : `; did you mean ${quote}${c}${quote}?`;
}
