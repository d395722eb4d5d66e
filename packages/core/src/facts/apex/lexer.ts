/** The tokens of Apex source text: what the scope resolver and the facts read. */

export type TokenKind = 'ident' | 'string' | 'soql' | 'punct' | 'number';

export interface Token {
  kind: TokenKind;
  /** Identifiers lower-cased (Apex is case-insensitive); strings without quotes; SOQL as written. */
  value: string;
  start: number;
  end: number;
}

/** A string literal at offsets of some text: its value and the offsets of its characters (inside the quotes). */
export interface Literal {
  value: string;
  start: number;
  end: number;
}

/** Apex tokens, without comments; an inline `[SELECT ...]` query is one `soql` token. */
export function apexTokens(text: string): Token[] {
  const out: Token[] = [];
  const L = text.length;
  let i = 0;
  while (i < L) {
    const c = text[i] as string;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? L : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? L : close + 2;
    } else if (c === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < L && text[i] !== "'" && text[i] !== '\n') {
        if (text[i] === '\\' && i + 1 < L) {
          value += text[i + 1];
          i += 2;
        } else {
          value += text[i];
          i++;
        }
      }
      i++;
      out.push({ kind: 'string', value, start, end: Math.min(i, L) });
    } else if (c === '[' && /^\[\s*select\b/i.test(text.slice(i, i + 20))) {
      const start = i;
      let depth = 0;
      for (; i < L; i++) {
        const d = text[i];
        if (d === "'") {
          i++;
          while (i < L && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
        } else if (d === '[') depth++;
        else if (d === ']' && --depth === 0) {
          i++;
          break;
        }
      }
      out.push({ kind: 'soql', value: text.slice(start, i), start, end: i });
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < L && /[A-Za-z0-9_]/.test(text[i] as string)) i++;
      out.push({ kind: 'ident', value: text.slice(start, i).toLowerCase(), start, end: i });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < L && /[0-9.]/.test(text[i] as string)) i++;
      out.push({ kind: 'number', value: text.slice(start, i), start, end: i });
    } else if (/\s/.test(c)) {
      i++;
    } else {
      out.push({ kind: 'punct', value: c, start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** Apex's generic types: a `<` after one of them opens type arguments (`Map<Id, User>`), not a comparison. */
const GENERIC = new Set(['list', 'set', 'map', 'iterable', 'iterator']);

/** Reading helpers over a token list: look-ups by index that never throw, and bracket matching. */
export class Tokens {
  constructor(readonly list: readonly Token[]) {}

  get length(): number {
    return this.list.length;
  }

  at(k: number): Token | undefined {
    return this.list[k];
  }

  /** Whether the token at k has that value (identifiers are lower-case). */
  is(k: number, value: string): boolean {
    return this.list[k]?.value === value;
  }

  isPunct(k: number, value: string): boolean {
    const t = this.list[k];
    return t?.kind === 'punct' && t.value === value;
  }

  /** The token that closes the bracket opened at `open` (the last token when it is never closed). */
  closing(open: number, o = '(', c = ')'): number {
    let depth = 0;
    for (let k = open; k < this.list.length; k++) {
      const t = this.list[k] as Token;
      if (t.kind !== 'punct') continue;
      if (t.value === o) depth++;
      else if (t.value === c && --depth === 0) return k;
    }
    return this.list.length - 1;
  }

  /** The `;` that ends the statement the token at k is in (or the end of the tokens). */
  statementEnd(k: number): number {
    let end = k;
    while (end < this.list.length && !this.isPunct(end, ';')) end++;
    return end;
  }

  /**
   * The top-level parts of tokens [from, to) split at commas (brackets of any kind nest), as
   * [start, end) pairs: the arguments of a call, the elements of an initialiser.
   */
  split(from: number, to: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let depth = 0;
    let angles = 0;
    let start = from;
    for (let k = from; k < to; k++) {
      const t = this.list[k] as Token;
      if (t.kind !== 'punct') continue;
      if ('({['.includes(t.value)) depth++;
      else if (')}]'.includes(t.value)) depth--;
      else if (t.value === '<' && GENERIC.has(this.list[k - 1]?.value ?? '')) angles++;
      else if (t.value === '>' && angles > 0) angles--;
      else if (t.value === ',' && depth === 0 && angles === 0) {
        out.push([start, k]);
        start = k + 1;
      }
    }
    if (to > start) out.push([start, to]);
    return out;
  }

  /** A string token's literal, with the offsets of its characters. */
  literal(k: number): Literal | undefined {
    const t = this.list[k];
    if (t?.kind !== 'string') return undefined;
    return { value: t.value, start: t.start + 1, end: Math.max(t.start + 1, t.end - 1) };
  }
}
