import type { MetadataFileInfo } from '../metadata/classify.js';
import { editLineStarts, LineIndex } from '../text/positions.js';
import { parseXml, type XmlComment, type XmlDocument, type XmlElement } from '../xml/parser.js';
import { localName } from '../xml/query.js';
import { detach, detachStrings } from './detach.js';
import { extractFacts, sourceKind } from './extract.js';
import type { FileFacts } from './facts.js';
import { metadataFactsOf, metadataParseOptions } from './metadataFacts.js';

/** Below this many characters a file is simply read again: it takes less than a millisecond. */
const MIN_LENGTH = 128 * 1024;
/** How many edited files are remembered (the most recently edited). */
const MAX_FILES = 8;
/** The types whose top-level elements are independent records (permissions), re-read one at a time. */
const TYPES = new Set(['Profile', 'PermissionSet']);

/** What is remembered of an edited file between two edits. */
interface Edited {
  info: MetadataFileInfo;
  text: string;
  /** Parsed with every top-level element built (`metadataParseOptions(info, 'topLevel')`). */
  doc: XmlDocument;
  lineStarts: number[];
}

/** The length of the common prefix of two strings, compared a block at a time. */
export function commonPrefix(a: string, b: string, limit = Math.min(a.length, b.length)): number {
  const BLOCK = 4096;
  let i = 0;
  while (i + BLOCK <= limit && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the common suffix of two strings, at most `limit`. */
export function commonSuffix(a: string, b: string, limit = Math.min(a.length, b.length)): number {
  const BLOCK = 4096;
  let n = 0;
  while (n + BLOCK <= limit && a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)) n += BLOCK;
  while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

/** Moves an element and everything inside it by `delta` characters. */
function shift(el: XmlElement, delta: number): void {
  const stack = [el];
  while (stack.length > 0) {
    const e = stack.pop() as XmlElement;
    e.start += delta;
    e.nameEnd += delta;
    if (e.openEnd !== -1) e.openEnd += delta;
    if (e.closeStart !== -1) e.closeStart += delta;
    e.end += delta;
    if (e.attributes)
      for (const a of e.attributes) {
        a.nameStart += delta;
        a.valueStart += delta;
        a.valueEnd += delta;
      }
    for (const c of e.children) stack.push(c);
  }
}

/**
 * The facts of files being edited, re-read incrementally: after an edit inside one top-level element
 * of a large profile or permission set, only that element is parsed again (alone, as its own root);
 * every other element keeps its tree, moved by the edit's change in length, and the line table is
 * patched around the edit. The facts are then read from the patched tree, so they are the same as a
 * full re-read's. Anything else (an edit across elements or in the root's own tags, a file or an
 * element with a well-formedness error, another kind of file) is read again in full.
 *
 * The change is found by comparing the new text with the last one (common prefix and suffix), since
 * editors send whole texts. Element names and comments are copied out of the text they were parsed
 * from, so a remembered tree holds no older text alive.
 */
export class EditedFiles {
  private readonly files = new Map<string, Edited>();
  private readonly names = new Map<string, string>();
  /** How many reads were full and how many re-read one element (for tests). */
  readonly counts = { full: 0, partial: 0 };

  constructor(private readonly minLength = MIN_LENGTH) {}

  /** The facts of a file from its new text, the same as `extractFacts(path, text, root)`. */
  facts(path: string, text: string, root?: string): FileFacts | undefined {
    const kind = sourceKind(path, root);
    const info = kind?.info;
    if (kind?.kind !== 'metadata' || !info || !TYPES.has(info.type) || text.length < this.minLength) {
      this.files.delete(path);
      return extractFacts(path, text, root);
    }
    const before = this.files.get(path);
    let edited = before && before.info.type === info.type ? this.reread(before, text) : undefined;
    if (edited) this.counts.partial++;
    else {
      edited = this.read(info, text);
      this.counts.full++;
    }
    this.files.delete(path);
    // Built with every top-level element, a tree gives the facts of a full read only under its own root.
    if (!edited.doc.root || localName(edited.doc.root.name) !== info.type) return extractFacts(path, text, root);
    this.files.set(path, edited);
    if (this.files.size > MAX_FILES) this.files.delete(this.files.keys().next().value as string);
    return detachStrings(metadataFactsOf(path, info, edited.doc, new LineIndex(text, edited.lineStarts)));
  }

  /** Forgets a file (deleted, or changed on disk). */
  forget(path: string): void {
    this.files.delete(path);
  }

  private read(info: MetadataFileInfo, text: string): Edited {
    const doc = parseXml(text, metadataParseOptions(info, 'topLevel'));
    this.own(doc.root, doc.comments);
    return { info, text, doc, lineStarts: new LineIndex(text).lineStarts() };
  }

  /** Re-reads only the top-level element an edit falls in; undefined when that cannot be done exactly. */
  private reread(before: Edited, text: string): Edited | undefined {
    const old = before.text;
    const { doc } = before;
    const root = doc.root;
    if (!root || doc.errors.length > 0 || root.children.length === 0) return undefined;
    const from = commonPrefix(old, text);
    const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - from);
    const oldTo = old.length - suffix;
    const newTo = text.length - suffix;
    const delta = text.length - old.length;
    // The top-level element holding the whole change: the last one starting at or before it.
    const kids = root.children;
    let lo = 0;
    let hi = kids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((kids[mid] as XmlElement).start <= from) lo = mid;
      else hi = mid - 1;
    }
    const el = kids[lo] as XmlElement;
    if (el.start > from || oldTo > el.end || el.end === -1) return undefined;
    const fragmentText = text.slice(el.start, el.end + delta);
    const fragment = parseXml(fragmentText, metadataParseOptions(before.info, 'fragment'));
    const next = fragment.root;
    // It must read as exactly one well-formed element, as the one it replaces did.
    if (!next || fragment.errors.length > 0 || next.start !== 0 || next.end !== fragmentText.length) return undefined;
    this.own(next, fragment.comments);
    const start = el.start;
    const end = el.end;
    shift(next, start);
    next.parent = root;
    for (let k = lo + 1; k < kids.length; k++) shift(kids[k] as XmlElement, delta);
    kids[lo] = next;
    if (root.closeStart !== -1) root.closeStart += delta;
    root.end += delta;
    const move = (c: XmlComment, by: number): XmlComment => ({ start: c.start + by, end: c.end + by, body: c.body });
    const comments = [
      ...doc.comments.filter((c) => c.end <= start),
      ...fragment.comments.map((c) => move(c, start)),
      ...doc.comments.filter((c) => c.start >= end).map((c) => move(c, delta)),
    ];
    return {
      info: before.info,
      text,
      doc: { text, root, errors: [], comments },
      lineStarts: editLineStarts(before.lineStarts, text, from, oldTo, newTo),
    };
  }

  /** Copies element names and comment bodies out of the text they were sliced from. */
  private own(root: XmlElement | undefined, comments: XmlComment[]): void {
    const name = (s: string): string => {
      let n = this.names.get(s);
      if (n === undefined) {
        if (this.names.size > 10_000) this.names.clear();
        n = detach(s);
        this.names.set(n, n);
      }
      return n;
    };
    const stack = root ? [root] : [];
    while (stack.length > 0) {
      const e = stack.pop() as XmlElement;
      e.name = name(e.name);
      if (e.attributes) for (const a of e.attributes) a.name = name(a.name);
      for (const c of e.children) stack.push(c);
    }
    for (const c of comments) c.body = detach(c.body);
  }
}
