/** A zero-based position, as in the Language Server Protocol: `character` counts UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range between two positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** How far apart the line index's marks are, in characters. */
const MARK_SPACING = 2048;

/** A run of line breaks, each an empty line (`LineIndex.positionAt`). */
const BLANK_LINES = /\n+/y;

/** Orders two positions: negative when `a` comes first, 0 when they are the same. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * Turns string offsets into line/character positions. Line breaks are `\n`, `\r\n` and `\r`, as in
 * LSP. A file without findings never pays for it: where every break ends with `\n` (no lone `\r`),
 * positions are found by moving a cursor forwards from line to line with `indexOf`, with no table of
 * line starts. Facts ask for offsets mostly in order, but not only (a profile's `custom` comes long
 * before its `userLicense`, a permission set's insertion points start again from its top): the cursor
 * leaves a mark every `MARK_SPACING` characters of new ground, and an offset behind it (or far ahead,
 * on ground already walked) is reached from the nearest mark, so a text is walked about once, whatever
 * the order. The table is built for a text with a lone `\r`, and for `offsetAt` and `lineCount`.
 */
export class LineIndex {
  private starts: number[] | undefined;
  /** Whether every line break ends with `\n` (undefined until asked). */
  private lfBreaks: boolean | undefined;
  /** The cursor: a line, the offset where it starts, and the first `\n` at or after that (-1: none; -2: not looked for). */
  private line = 0;
  private lineStart = 0;
  private nextBreak = -2;
  /** Line starts and their lines, about `MARK_SPACING` characters apart up to the furthest line reached, in order. */
  private readonly markStarts: number[] = [0];
  private readonly markLines: number[] = [0];

  /** `starts`, when given, is the text's table of line starts (as `lineStarts` returns it), reused. */
  constructor(
    private readonly text: string,
    starts?: number[],
  ) {
    this.starts = starts;
  }

  /** The offset of each line's first character: 0, then one after every line break. */
  lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const t = this.text;
    if (t.indexOf('\r') === -1) {
      // The common case: LF only. indexOf is far faster than a loop over every character.
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return starts;
    }
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  /** Whether every `\r` of the text is followed by `\n` (LF or CRLF breaks only). */
  private onlyLfBreaks(): boolean {
    const t = this.text;
    for (let i = t.indexOf('\r'); i !== -1; i = t.indexOf('\r', i + 2)) if (t.charCodeAt(i + 1) !== 10) return false;
    return true;
  }

  /** The index of the last mark at or before an offset; -1 when there is none. */
  private lastMarkAtOrBefore(o: number): number {
    const m = this.markStarts;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((m[mid] as number) <= o) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  positionAt(offset: number): Position {
    const t = this.text;
    const o = Math.max(0, Math.min(offset, t.length));
    if (!this.starts) {
      this.lfBreaks ??= this.onlyLfBreaks();
      if (this.lfBreaks) {
        // Behind the cursor, or far ahead: from the nearest mark, when it is nearer than the cursor.
        if (o < this.lineStart || o - this.lineStart > MARK_SPACING) {
          const k = this.lastMarkAtOrBefore(o);
          const mark = this.markStarts[k] as number;
          if (o < this.lineStart || mark > this.lineStart) {
            this.lineStart = mark;
            this.line = this.markLines[k] as number;
            this.nextBreak = -2;
          }
        }
        if (this.nextBreak === -2) this.nextBreak = t.indexOf('\n', this.lineStart);
        let furthest = this.markStarts[this.markStarts.length - 1] as number;
        while (this.nextBreak !== -1 && this.nextBreak < o) {
          this.line++;
          this.lineStart = this.nextBreak + 1;
          if (t.charCodeAt(this.lineStart) === 10) {
            // Empty lines (thousands in a row in a compacted text, `facts/compact.ts`): crossed at once, up to `o`.
            BLANK_LINES.lastIndex = this.lineStart;
            BLANK_LINES.test(t);
            const stop = Math.min(BLANK_LINES.lastIndex, o);
            this.line += stop - this.lineStart;
            this.lineStart = stop;
          }
          this.nextBreak = t.indexOf('\n', this.lineStart);
          if (this.lineStart - furthest >= MARK_SPACING) {
            this.markStarts.push(this.lineStart);
            this.markLines.push(this.line);
            furthest = this.lineStart;
          }
        }
        return { line: this.line, character: o - this.lineStart };
      }
    }
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (starts[lo] as number) };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[position.line] as number;
    const next = position.line + 1 < starts.length ? (starts[position.line + 1] as number) : this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), next);
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}

/**
 * The table of line starts of a text after an edit, made from the table before it, in place (a
 * large table is not copied): the characters `[from, oldTo)` of the old text became `[from, newTo)`
 * of `text`. Only the starts the edit can move are recomputed; the others are kept, shifted after
 * the edit. The same table as a new `LineIndex` builds, for `\n`, `\r\n` and `\r` alike.
 */
export function editLineStarts(starts: number[], text: string, from: number, oldTo: number, newTo: number): number[] {
  const delta = newTo - oldTo;
  // A start s depends on the characters at s - 1 and s: those in [from, oldTo + 1] may move.
  const first = (bound: number, strict: boolean): number => {
    let lo = 1; // the first line always starts at 0
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = starts[mid] as number;
      if (strict ? v < bound : v <= bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lo = first(from, true);
  const hi = first(oldTo + 1, false);
  const moved: number[] = [];
  for (let i = Math.max(0, from - 1); i <= newTo && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) && i + 1 >= from) moved.push(i + 1);
  }
  if (moved.length > 4096) {
    // Too many to pass as arguments: a new table.
    const tail = starts.slice(hi);
    starts.length = lo;
    for (const m of moved) starts.push(m);
    for (const t of tail) starts.push(t);
  } else starts.splice(lo, hi - lo, ...moved);
  if (delta !== 0) for (let k = lo + moved.length; k < starts.length; k++) starts[k] = (starts[k] as number) + delta;
  return starts;
}
