import { type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';

/**
 * JSON with the offsets of every value and property name, for user definition files, data tree
 * files, org snapshots and configuration: `jsonc-parser`'s scanner, built into small nodes.
 */

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;

interface Base {
  start: number;
  end: number;
}

export interface JsonProperty {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export interface JsonObject extends Base {
  type: 'object';
  properties: JsonProperty[];
}

export interface JsonArray extends Base {
  type: 'array';
  items: JsonNode[];
}

export interface JsonString extends Base {
  type: 'string';
  value: string;
}

export interface JsonNumber extends Base {
  type: 'number';
  value: number;
}

export interface JsonLiteral extends Base {
  type: 'boolean' | 'null';
  value: boolean | null;
}

export interface JsonError {
  message: string;
  offset: number;
}

export interface JsonParseResult {
  /** The document; undefined when it has any error (a half-written file is not ours to judge). */
  value: JsonNode | undefined;
  /** The first error, if any. */
  error: JsonError | undefined;
  /** Every error, in order: the scanner recovers and goes on (at most 100). */
  errors: JsonError[];
}

const MAX_DEPTH = 512;
const MAX_ERRORS = 100;
/** Thrown from a callback to stop the scan (nesting too deep for the recursive scanner). */
const STOP = Symbol('stop');

/** Messages for `jsonc-parser`'s error codes (by `printParseErrorCode` name). */
const MESSAGES: Record<string, string> = {
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name',
  ColonExpected: "Expected ':'",
  CommaExpected: "Expected ','",
  CloseBraceExpected: "Expected ',' or '}'",
  CloseBracketExpected: "Expected ',' or ']'",
  EndOfFileExpected: 'Unexpected content after the JSON value',
  InvalidCommentToken: 'Invalid comment',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid \\u escape in string',
  InvalidEscapeCharacter: 'Invalid escape in string',
  InvalidCharacter: 'Control character in string',
};

function errorMessage(code: ParseErrorCode, text: string, offset: number): string {
  const name = printParseErrorCode(code);
  if (name === 'InvalidSymbol' || name === 'ValueExpected')
    return offset >= text.length ? 'Unexpected end of JSON' : `Unexpected character '${text[offset]}'`;
  return MESSAGES[name] ?? 'Invalid JSON';
}

/**
 * Parses JSON with the offsets of every value and property name, through `jsonc-parser` (VS Code's
 * scanner): strict JSON plus `//` and `/* *\/` comments, no trailing commas. Never throws: errors
 * come back with their offsets.
 */
export function parseJson(text: string): JsonParseResult {
  const errors: JsonError[] = [];
  const stack: Array<JsonObject | JsonArray> = [];
  let key: { key: string; keyStart: number; keyEnd: number } | undefined;
  let root: JsonNode | undefined;
  const add = (node: JsonNode): void => {
    const parent = stack[stack.length - 1];
    if (!parent) root ??= node;
    else if (parent.type === 'array') parent.items.push(node);
    else if (key) {
      parent.properties.push({ key: key.key, keyStart: key.keyStart, keyEnd: key.keyEnd, value: node });
      key = undefined;
    }
  };
  const open = (node: JsonObject | JsonArray, offset: number): void => {
    if (stack.length >= MAX_DEPTH) {
      errors.push({ message: 'JSON nested too deeply', offset });
      throw STOP;
    }
    add(node);
    stack.push(node);
  };
  const close = (offset: number, length: number): void => {
    const node = stack.pop();
    if (node) node.end = offset + length;
  };
  try {
    visit(
      // A byte order mark is not JSON; a space in its place keeps every offset.
      text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text,
      {
        onObjectBegin: (offset) => open({ type: 'object', properties: [], start: offset, end: offset }, offset),
        onObjectProperty: (name, offset, length) => {
          key = { key: name, keyStart: offset, keyEnd: offset + length };
        },
        onObjectEnd: close,
        onArrayBegin: (offset) => open({ type: 'array', items: [], start: offset, end: offset }, offset),
        onArrayEnd: close,
        onLiteralValue: (value: unknown, start, length) => {
          const end = start + length;
          if (typeof value === 'string') add({ type: 'string', value, start, end });
          else if (typeof value === 'number') add({ type: 'number', value, start, end });
          else if (typeof value === 'boolean') add({ type: 'boolean', value, start, end });
          else if (value === null) add({ type: 'null', value: null, start, end });
        },
        onError: (code, offset) => {
          if (errors.length >= MAX_ERRORS) return;
          const after = root !== undefined && stack.length === 0; // the document is complete
          const at = Math.min(offset, text.length);
          // The scanner's second word on the same spot (a cut-off document "ends" too): one problem, one error.
          if (errors.at(-1)?.offset === at) return;
          const message = after ? 'Unexpected content after the JSON value' : errorMessage(code, text, offset);
          errors.push({ message, offset: at });
        },
      },
      { disallowComments: false, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (e) {
    if (e !== STOP) throw e;
  }
  const error = errors[0];
  return { value: error ? undefined : root, error, errors };
}

/** The property of that name (the last one, as JSON.parse does); `caseInsensitive` for sObject fields. */
export function prop(obj: JsonNode | undefined, key: string, caseInsensitive = false): JsonProperty | undefined {
  if (obj?.type !== 'object') return undefined;
  const k = caseInsensitive ? key.toLowerCase() : key;
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i] as JsonProperty;
    if ((caseInsensitive ? p.key.toLowerCase() : p.key) === k) return p;
  }
  return undefined;
}

/** The string value of a property, if it is a string. */
export function stringProp(obj: JsonNode | undefined, key: string, caseInsensitive = false): JsonString | undefined {
  const p = prop(obj, key, caseInsensitive);
  return p?.value.type === 'string' ? p.value : undefined;
}

/** Converts a parsed node to a plain value (for configuration). */
export function toPlain(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(node.properties.map((p) => [p.key, toPlain(p.value)]));
    case 'array':
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}
