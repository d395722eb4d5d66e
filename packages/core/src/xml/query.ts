import { readReference, type XmlDocument, type XmlElement } from './parser.js';

/** The text of a leaf element: its decoded value and the offsets of the trimmed raw text. */
export interface TextValue {
  value: string;
  start: number;
  end: number;
  /**
   * Set (to the element's name) for a self-closing element, `<name/>`: it has no place for a value, so
   * the offsets cover the whole element, and writing a value means writing `<name>value</name>` there.
   */
  emptyElement?: string;
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => localName(c.name) === name);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => localName(c.name) === name);
}

/** The element name without a namespace prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Reads the text of an element that holds no child elements. Whitespace around the value is
 * trimmed (the range covers the trimmed text); CDATA sections are taken as they are; comments
 * are skipped; the predefined entities and character references are decoded, nothing else.
 * Returns undefined for an element with child elements or without an end tag.
 */
export function textValue(doc: XmlDocument, el: XmlElement): TextValue | undefined {
  if (el.children.length > 0) return undefined;
  if (el.selfClosing) return { value: '', start: el.start, end: el.end, emptyElement: el.name };
  if (el.openEnd === -1 || el.closeStart === -1) return undefined;
  const t = doc.text;
  let from = el.openEnd;
  let to = el.closeStart;
  while (from < to && isSpace(t.charCodeAt(from))) from++;
  while (to > from && isSpace(t.charCodeAt(to - 1))) to--;
  const raw = t.slice(from, to);
  if (raw.indexOf('&') === -1 && raw.indexOf('<') === -1) return { value: raw, start: from, end: to };
  let value = '';
  let k = from;
  while (k < to) {
    const c = t.charCodeAt(k);
    if (c === 38) {
      const ref = readReference(t, k);
      value += 'value' in ref ? ref.value : t.slice(k, k + ref.length);
      k += ref.length;
    } else if (c === 60 && t.startsWith('<![CDATA[', k)) {
      const close = t.indexOf(']]>', k + 9);
      const stop = close === -1 || close > to ? to : close;
      value += t.slice(k + 9, stop);
      k = stop + 3;
    } else if (c === 60 && t.startsWith('<!--', k)) {
      const close = t.indexOf('-->', k + 4);
      k = close === -1 || close > to ? to : close + 3;
    } else {
      value += t[k];
      k++;
    }
  }
  return { value: value.trim(), start: from, end: to };
}

/** Visits every element of the tree in document order without recursion. */
export function walk(root: XmlElement, visit: (el: XmlElement) => void): void {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as XmlElement;
    visit(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i] as XmlElement);
  }
}
