/**
 * A JSON parser that keeps the offsets of every value and property name, for user definition
 * files, data tree files, org snapshots and configuration. Strict JSON, plus `//` and `/* *\/`
 * comments (which some tools write into JSON files). It stops at the first error and reports it
 * with its offset; it never throws.
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

export interface JsonParseResult {
  value: JsonNode | undefined;
  error: { message: string; offset: number } | undefined;
}

class JsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 512;

export function parseJson(text: string): JsonParseResult {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const L = text.length;

  const skip = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const nl = text.indexOf('\n', i);
        i = nl === -1 ? L : nl + 1;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        if (close === -1) throw new JsonError('Unterminated comment', i);
        i = close + 2;
      } else return;
    }
  };

  const parseString = (): JsonString => {
    const start = i;
    i++;
    let value = '';
    let chunk = i;
    for (;;) {
      if (i >= L) throw new JsonError('Unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        value += text.slice(chunk, i);
        i++;
        return { type: 'string', value, start, end: i };
      }
      if (c === 92) {
        value += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else throw new JsonError('Invalid escape in string', i);
        chunk = i;
        continue;
      }
      if (c < 32) throw new JsonError('Control character in string', i);
      i++;
    }
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonError('JSON nested too deeply', i);
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const properties: JsonProperty[] = [];
      skip();
      if (text[i] === '}') {
        i++;
        return { type: 'object', properties, start, end: i };
      }
      for (;;) {
        skip();
        if (text[i] !== '"') throw new JsonError('Expected a property name', i);
        const key = parseString();
        skip();
        if (text[i] !== ':') throw new JsonError("Expected ':'", i);
        i++;
        const value = parseValue(depth + 1);
        properties.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { type: 'object', properties, start, end: i };
        }
        throw new JsonError("Expected ',' or '}'", i);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return { type: 'array', items, start, end: i };
      }
      for (;;) {
        items.push(parseValue(depth + 1));
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { type: 'array', items, start, end: i };
        }
        throw new JsonError("Expected ',' or ']'", i);
      }
    }
    if (c === '"') return parseString();
    const rest = text.slice(i, i + 5);
    if (rest.startsWith('true')) {
      i += 4;
      return { type: 'boolean', value: true, start, end: i };
    }
    if (rest.startsWith('false')) {
      i += 5;
      return { type: 'boolean', value: false, start, end: i };
    }
    if (rest.startsWith('null')) {
      i += 4;
      return { type: 'null', value: null, start, end: i };
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m) {
      i += m[0].length;
      return { type: 'number', value: Number(m[0]), start, end: i };
    }
    throw new JsonError(i >= L ? 'Unexpected end of JSON' : `Unexpected character '${c}'`, i);
  };

  try {
    const value = parseValue(0);
    skip();
    if (i < L) throw new JsonError('Unexpected content after the JSON value', i);
    return { value, error: undefined };
  } catch (e) {
    if (e instanceof JsonError) return { value: undefined, error: { message: e.message, offset: Math.min(e.offset, L) } };
    throw e;
  }
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
