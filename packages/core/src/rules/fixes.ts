import type { Fix, TextEdit } from '../diagnostic.js';
import type { InsertionPoints, Located, MetadataFacts } from '../facts/facts.js';

/**
 * The edit that writes a value in place of the one read: the value's own range, or, for a self-closing
 * element (`<name/>`, which has no place for a value), the whole element as `<name>value</name>`.
 */
export function valueEdit(current: Located, value: string): TextEdit {
  const name = current.emptyElement;
  return { range: current.range, newText: name ? `<${name}>${value}</${name}>` : value };
}

/**
 * A fix that sets a top-level element of a metadata file to a value: replaces its value when the
 * element is there, or inserts it in alphabetical order (as Salesforce writes metadata), with the
 * file's own indentation and line endings.
 */
export function setTopLevelElement(
  file: MetadataFacts,
  element: string,
  current: Located | undefined,
  value: string,
  title: string,
): Fix | undefined {
  if (current) return { title, edits: [valueEdit(current, value)] };
  const ins: InsertionPoints | undefined = file.insertion;
  if (!ins) return undefined;
  // After the last run of children whose name sorts before the element's, else first in the root.
  let at = ins.afterRootStart;
  (ins.ends.length === 0 ? [] : ins.names.split(' ')).forEach((name, k) => {
    if (name.localeCompare(element, 'en') < 0) at = { line: ins.ends[2 * k] as number, character: ins.ends[2 * k + 1] as number };
  });
  return { title, edits: [{ range: { start: at, end: at }, newText: `${ins.eol}${ins.indent}<${element}>${value}</${element}>` }] };
}
