import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../src/text/positions.js';

const RUNS = Number(process.env.FUZZ_RUNS || 150);

/** The position of an offset the plain way: the line breaks before it, and the distance to the last. */
function naive(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  // A '\r' just before the offset followed by '\n' is one break that has not ended yet.
  const cut = before.endsWith('\r') && text[before.length] === '\n' ? before.slice(0, -1) : before;
  const lines = cut.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] as string;
  return { line: lines.length - 1, character: before.length - (cut.length - last.length) };
}

describe('LineIndex', () => {
  it('gives the position of offsets asked in any order in a long text (reached from its marks)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 120 }), fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 400 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (lines, picks) => {
          const text = lines.map(([n, br], i) => `${String.fromCharCode(97 + (i % 26)).repeat(n)}${br}`).join('');
          const index = new LineIndex(text);
          for (const p of picks) {
            const o = p % (text.length + 1);
            expect(index.positionAt(o)).toEqual(naive(text, o));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('crosses runs of empty lines (a compacted text) at once, and stops inside one where asked', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.nat({ max: 5000 }).map((n) => '\n'.repeat(n)),
            fc.constantFrom('<a>x</a>\n', 'yz\r\n', 'w'),
          ),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (parts, picks) => {
          const text = parts.join('');
          const index = new LineIndex(text);
          for (const p of picks) {
            const o = p % (text.length + 1);
            expect(index.positionAt(o)).toEqual(naive(text, o));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives the position of any sequence of offsets, forwards and backwards, with any line breaks', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é', '😀'), maxLength: 60 }),
          fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r\n', '\r', 'é', '😀'), maxLength: 60 }),
          fc.string({ unit: fc.constantFrom('a', '\n', '\r\n', '😀'), maxLength: 60 }),
        ),
        fc.array(fc.integer({ min: -2, max: 70 }), { maxLength: 30 }),
        (text, offsets) => {
          const lines = new LineIndex(text);
          for (const o of offsets) expect(lines.positionAt(o), `${JSON.stringify(text)} @${o}`).toEqual(naive(text, o));
          for (const o of offsets) {
            const p = lines.positionAt(o);
            expect(lines.offsetAt(p)).toBe(Math.max(0, Math.min(o, text.length)));
          }
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });
});
