import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonNode, parseJson, toPlain } from '../src/json/parser.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Every node of a document, with its property keys. */
function* nodes(node: JsonNode): Generator<{ node: JsonNode; key?: { key: string; keyStart: number; keyEnd: number } }> {
  yield { node };
  if (node.type === 'object')
    for (const p of node.properties) {
      yield { node: p.value, key: p };
      yield* nodes(p.value);
    }
  if (node.type === 'array') for (const item of node.items) yield* nodes(item);
}

describe('the JSON parser (jsonc-parser, judged by JSON.parse)', () => {
  it('valid JSON: the same value as JSON.parse, and every node and key range holds exactly its text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(undefined, 2, '\t'), fc.boolean(), (value, indent, bom) => {
        const body = JSON.stringify(value, null, indent).replace(/\n/g, indent === '\t' ? '\r\n' : '\n');
        const text = bom ? `\uFEFF${body}` : body;
        const r = parseJson(text);
        expect(r.errors).toEqual([]);
        const root = r.value as JsonNode;
        expect(toPlain(root)).toEqual(JSON.parse(body));
        for (const { node, key } of nodes(root)) {
          expect(toPlain(node)).toEqual(JSON.parse(text.slice(node.start, node.end)));
          if (key) expect(JSON.parse(text.slice(key.keyStart, key.keyEnd))).toBe(key.key);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('text without comments is valid exactly when JSON.parse accepts it; an error has an offset inside the text', () => {
    const texts = fc.oneof(
      fc.string({
        maxLength: 40,
        unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '1', '-', '.', 'e', 't', 'n', '\\', 'u', 'a', '\n'),
      }),
      fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const r = parseJson(text);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(r.value !== undefined, text).toBe(valid);
        for (const e of r.errors) expect(e.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('comments are allowed; errors say what is wrong, where', () => {
    expect(parseJson('// a\n{ /* b */ "a": 1 }').value?.type).toBe('object');
    const cases: Array<[string, string, number]> = [
      ['{ "rules": { "a": }', "Unexpected character '}'", 18],
      ['{"a":1,}', 'Expected a property name', 7],
      ['{"a" 1}', "Expected ':'", 5],
      ['{"a":1 "b":2}', "Expected ','", 7],
      ['{"a":"x\\q"}', 'Invalid escape in string', 5],
      ['{"a":"\u0001"}', 'Control character in string', 5],
      ['"abc', 'Unterminated string', 0],
      ['/* x', 'Unterminated comment', 0],
      ['{"a":1} x', 'Unexpected content after the JSON value', 8],
      ['', 'Unexpected end of JSON', 0],
      ['['.repeat(100_000), 'JSON nested too deeply', 512],
    ];
    for (const [text, message, offset] of cases) expect(parseJson(text).error, text.slice(0, 20)).toEqual({ message, offset });
  });
});
