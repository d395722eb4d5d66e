import type { MetadataFileInfo } from '../metadata/classify.js';
import { PLAIN_ELEMENT_SOURCE } from '../xml/parser.js';
import { detach } from './detach.js';
import type { MetadataFacts } from './facts.js';
import { metadataFacts, topLevelRead } from './metadataFacts.js';

/*
 * A large metadata file's text without the top-level elements its facts never read.
 *
 * A retrieved profile is megabytes of <fieldPermissions>, <classAccesses>, <layoutAssignments>...
 * whose facts read three elements. Decoding all of it into one string costs more than everything
 * else iulint does with it: V8 puts a string of over 128 KB in fresh memory of its own, and on a
 * virtual machine filling fresh pages is slower than decoding into them. So a large file whose facts
 * read only some top-level elements by name is decoded in pieces of about 64 KB, young strings that
 * V8 reuses the memory of, and every top-level element that is plain (`PLAIN_ELEMENT` of the parser:
 * certainly well-formed, nothing to report) and not read is left out as blank lines (in a permission
 * set, whose insertion points need them, a run of them of one name becomes one element of that name
 * with nothing but white space in it, its start tag where the first one's is and its end tag ending
 * where the last one's does). Each line kept is kept whole and
 * every line break stays, so every line and character of what is kept is where it is in the file, and
 * the parser reads it as it reads the file.
 *
 * The elements left out are found line by line, where a top-level element begins a line; the depth
 * between them is followed through the lines kept by a small reader of well-formed XML (tags,
 * comments, CDATA, processing instructions, quoted attribute values). What it is not sure of (a
 * DOCTYPE, a tag split where it does not expect one, a lone carriage return, bytes that are not
 * UTF-8, a byte-order mark of UTF-16, a line longer than four pieces) makes the whole file go the usual way, as does any error the
 * parser then finds in the text (`extract.ts`): a file with a mistake is always parsed whole, so its
 * errors are those of the whole file.
 */

/** A plain element (the parser's `PLAIN_ELEMENT`) that begins a line and ends one: its indentation, itself, its line break. */
const PLAIN_LINES = new RegExp(String.raw`[ \t]*${PLAIN_ELEMENT_SOURCE}[ \t]*\r?\n`, 'y');

/** `PLAIN_LINES` elements in a row, none of them named one of the names it was made for (`skippedRun`). */
const RUNS = new Map<string, RegExp>();

/** A sticky expression for a run of plain elements that begin and end lines, none named one of `read`. */
function skippedRun(read: readonly string[]): RegExp {
  const key = read.join(' ');
  let re = RUNS.get(key);
  if (!re) {
    const notRead = read.length === 0 ? '' : `(?!<(?:${read.map((n) => n.replace(/[.\\-]/g, '\\$&')).join('|')})>)`;
    re = new RegExp(String.raw`(?:[ \t]*${notRead}${PLAIN_ELEMENT_SOURCE}[ \t]*\r?\n)+`, 'y');
    RUNS.set(key, re);
  }
  return re;
}

/** About how many bytes are decoded at a time: the pieces stay young strings, below V8's large-object size. */
const PIECE_BYTES = 64 * 1024;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

enum Mode {
  Text,
  Tag,
  Comment,
  CData,
  Instruction,
}

/** Follows the depth of well-formed XML through the lines kept; `unsure` once it meets what it does not follow. */
class DepthReader {
  depth = 0;
  mode = Mode.Text;
  private quote = 0;
  unsure = false;
  /**
   * The last search of the piece being read: where `needle` is next from `from` on (-1: nowhere in it).
   * Lines are read one at a time, and a search runs to the end of the piece: without this, each line of
   * a long comment or text would search the rest of the piece again (64 KB of one-character lines:
   * billions of comparisons).
   */
  private found = { valid: false, needle: '', from: 0, at: -1 };

  /** A new piece is read: the last search says nothing of it. */
  newPiece(): void {
    this.found.valid = false;
  }

  /** Where `needle` is next in `s` (the piece) from `i` on, from the last search when it still answers. */
  private next(s: string, needle: string, i: number): number {
    const f = this.found;
    if (!f.valid || f.needle !== needle || i < f.from || (f.at !== -1 && f.at < i)) {
      f.valid = true;
      f.needle = needle;
      f.from = i;
      f.at = s.indexOf(needle, i);
    }
    return f.at;
  }

  /** Reads `s` from `from` to `to` (whole lines). */
  read(s: string, from: number, to: number): void {
    let i = from;
    while (i < to && !this.unsure) {
      switch (this.mode) {
        case Mode.Text: {
          const lt = this.next(s, '<', i);
          if (lt === -1 || lt >= to) return;
          const next = s.charCodeAt(lt + 1);
          if (next === 47 /* / */) {
            const gt = s.indexOf('>', lt);
            if (gt === -1 || gt >= to) {
              this.unsure = true; // an end tag across lines
              return;
            }
            this.depth--;
            i = gt + 1;
          } else if (next === 33 /* ! */) {
            if (s.startsWith('<!--', lt)) {
              this.mode = Mode.Comment;
              i = lt + 4;
            } else if (s.startsWith('<![CDATA[', lt)) {
              this.mode = Mode.CData;
              i = lt + 9;
            } else {
              this.unsure = true; // a DOCTYPE, or a mistake
              return;
            }
          } else if (next === 63 /* ? */) {
            this.mode = Mode.Instruction;
            i = lt + 2;
          } else if (lt + 1 >= to) {
            this.unsure = true;
            return;
          } else {
            this.mode = Mode.Tag;
            this.quote = 0;
            i = lt + 1;
          }
          break;
        }
        case Mode.Tag: {
          for (; i < to; i++) {
            const c = s.charCodeAt(i);
            if (this.quote !== 0) {
              if (c === this.quote) this.quote = 0;
            } else if (c === 34 || c === 39) this.quote = c;
            else if (c === 62 /* > */) {
              if (s.charCodeAt(i - 1) !== 47 /* / */) this.depth++;
              this.mode = Mode.Text;
              i++;
              break;
            } else if (c === 60 /* < */) {
              this.unsure = true;
              return;
            }
          }
          break;
        }
        default: {
          const end = this.mode === Mode.Comment ? '-->' : this.mode === Mode.CData ? ']]>' : '?>';
          const at = this.next(s, end, i);
          if (at === -1 || at >= to) return; // goes on in the next line
          this.mode = Mode.Text;
          i = at + end.length;
        }
      }
    }
  }
}

/** Whether the element that begins at `lt` (its `<`) is named one of `names`. */
function namedOneOf(s: string, lt: number, names: readonly string[]): boolean {
  const first = s.charCodeAt(lt + 1);
  for (const name of names) {
    if (name.charCodeAt(0) === first && s.startsWith(name, lt + 1) && s.charCodeAt(lt + 1 + name.length) === 62) return true;
  }
  return false;
}

/**
 * A run of plain top-level elements that are left out, as it is put back in their place: blank lines,
 * or (`named`, for a permission set's insertion points) one empty element for each name.
 */
class Run {
  constructor(readonly named: boolean) {}

  /** The run's element name; empty when there is none. */
  name = '';
  /** The first element's line up to its start tag's `>` (its indentation and the tag). */
  head = '';
  /** Line breaks from the first element's line to the last one's (one less than the lines). */
  breaks = 0;
  /** The column where the last element's end tag ends. */
  endColumn = 0;

  /**
   * What goes in the place of the run, at the same lines: blank lines; or (`named`) one element, its
   * start tag where the first element's is, its end tag ending where the last element's does, blank in
   * between: an element with nothing but white space in it, which the parser skips whole, and in which
   * a permission set's insertion points see one run of that name, as they see the elements themselves
   * (`insertionPoints`).
   */
  take(): string {
    const name = this.name;
    this.name = '';
    if (!this.named) return '\n'.repeat(this.breaks + 1);
    const close = `</${name}>`;
    return this.breaks === 0
      ? `${this.head}${' '.repeat(this.endColumn - this.head.length - close.length)}${close}\n`
      : `${this.head}${'\n'.repeat(this.breaks)}${' '.repeat(this.endColumn - close.length)}${close}\n`;
  }
}

/**
 * The text of a UTF-8 file (its bytes, a UTF-8 byte-order mark left out as `decodeBytes` leaves it)
 * with its plain top-level elements not in `read` left out (`Run`: blank lines, or with `named` one
 * empty element for each run of one name); undefined when the file is to be decoded whole (see
 * above), or when nothing would be left out.
 */
export function compactText(bytes: Uint8Array, read: readonly string[], named = false): string | undefined {
  let pos = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return undefined;
  if (bytes.subarray(pos, pos + 8192).indexOf(0) !== -1) return undefined;
  // A lone carriage return is a line break of its own: the lines left out are counted by their `\n`.
  for (let cr = bytes.indexOf(13); cr !== -1; cr = bytes.indexOf(13, cr + 2)) if (bytes[cr + 1] !== 10) return undefined;

  /** The text of the pieces done; `kept`, of the one being read (its slices, copied out at its end). */
  const out: string[] = [];
  let kept: string[] = [];
  const depth = new DepthReader();
  const run = new Run(named);
  /** Without `named`, a run of elements left out is matched at once. */
  const runs = named ? undefined : skippedRun(read);
  let left = false;
  /** Leaves the lines of `s` from `from` to `to` out, in the run: their breaks are counted; returns `to`. */
  const leaveOut = (s: string, from: number, to: number): number => {
    for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) run.breaks++;
    left = true;
    return to;
  };
  while (pos < bytes.length) {
    // A piece ends after a line break (`\n` is never inside a UTF-8 sequence), or at the end.
    const lf = pos + PIECE_BYTES >= bytes.length ? -1 : bytes.indexOf(10, pos + PIECE_BYTES);
    const end = lf === -1 ? bytes.length : lf + 1;
    // A line of hundreds of kilobytes (a file on one line, a hostile one): read whole, as before.
    if (end - pos > 4 * PIECE_BYTES) return undefined;
    let s: string;
    try {
      s = UTF8.decode(bytes.subarray(pos, end));
    } catch {
      return undefined; // not UTF-8: decoded whole, with its problem reported
    }
    depth.newPiece();
    let k = 0;
    while (k < s.length) {
      if (depth.depth === 1 && depth.mode === Mode.Text) {
        if (runs) {
          runs.lastIndex = k;
          if (runs.test(s)) {
            if (run.name === '') {
              run.name = '-'; // blank lines: one run, whatever the names
              run.breaks = -1;
            }
            k = leaveOut(s, k, runs.lastIndex);
            continue;
          }
        }
        PLAIN_LINES.lastIndex = k;
        if (PLAIN_LINES.test(s)) {
          const after = PLAIN_LINES.lastIndex;
          const lt = s.indexOf('<', k);
          // An element not read, one at a time with `named` (without it, `runs` has taken every such one).
          if (run.named && !namedOneOf(s, lt, read)) {
            const gt = s.indexOf('>', lt);
            if (run.name === '' || gt - lt - 1 !== run.name.length || !s.startsWith(run.name, lt + 1)) {
              if (run.name !== '') kept.push(run.take());
              run.name = s.slice(lt + 1, gt);
              run.head = s.slice(k, gt + 1);
              run.breaks = -1;
            }
            // Where the end tag ends: before the line's trailing white space and break.
            let e = after - 1;
            while (e > k && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9 || s.charCodeAt(e - 1) === 13)) e--;
            run.endColumn = e - (s.lastIndexOf('\n', e - 1) + 1);
            k = leaveOut(s, k, after);
            continue;
          }
          // A plain element that is read: kept whole (it leaves the depth as it was).
          if (run.name !== '') kept.push(run.take());
          kept.push(s.slice(k, after));
          k = after;
          continue;
        }
      }
      const lineEnd = s.indexOf('\n', k);
      const next = lineEnd === -1 ? s.length : lineEnd + 1;
      depth.read(s, k, next);
      if (depth.unsure) return undefined;
      if (run.name !== '') kept.push(run.take());
      kept.push(s.slice(k, next));
      k = next;
    }
    // A run goes on into the next piece only through its lines' count: its last line is in this one.
    if (run.name !== '') kept.push(run.take());
    // Copied: a slice of the piece would keep all of it alive (V8's sliced strings point at their parent).
    if (kept.length > 0) out.push(kept.length === 1 ? detach(kept[0] as string) : kept.join(''));
    kept = [];
    pos = end;
  }
  if (!left) return undefined;
  return out.join('');
}

/**
 * The facts of a metadata file from its text without what they do not read (`compactText`);
 * undefined when the file is to be read whole: its type reads more, it cannot be compacted, or its
 * text has an XML error (whose report must be that of the whole file).
 */
export function compactedFacts(path: string, info: MetadataFileInfo, bytes: Uint8Array): MetadataFacts | undefined {
  const read = topLevelRead(info);
  if (!read) return undefined;
  // A permission set's insertion points need the names of its top-level elements; the others, blank lines.
  const text = compactText(bytes, read, info.type === 'PermissionSet');
  if (text === undefined) return undefined;
  const facts = metadataFacts(path, info, text);
  if (facts.xmlError) return undefined;
  // A permission set's facts read its top level by name under a `PermissionSet` root only (`topLevelRead`).
  if (info.type === 'PermissionSet' && facts.root?.value !== 'PermissionSet') return undefined;
  return facts;
}
