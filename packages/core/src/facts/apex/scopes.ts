import type { Token, Tokens } from './lexer.js';

/** Apex's DML statements. */
export const DML = new Set(['update', 'upsert', 'delete', 'insert', 'merge', 'undelete']);
/** Words that stand before a name without being its type (`return names;`, `update u;`). */
const NOT_A_TYPE = new Set([...DML, 'return', 'new', 'else', 'throw', 'in', 'instanceof', 'when', 'case', 'then', 'and', 'or', 'not']);

/**
 * Which declaration each name refers to: blocks (`{ ... }`, top level being -1, as in anonymous Apex)
 * and the declarations in each (`List<String> names`, `String[] names`, `User u`, parameters,
 * `for (User u : ...)`), so that a local of one method is not another method's local of the same
 * name. A name resolves to the innermost enclosing block that declares it: the last declaration
 * there before the use, else the first (a field declared below its method).
 */
export class Scopes {
  /** The innermost `{` around each token (-1 at top level). */
  private readonly blockOf: Int32Array;
  private readonly declarations = new Map<string, number[]>();

  constructor(private readonly tokens: Tokens) {
    const list = tokens.list;
    this.blockOf = new Int32Array(list.length);
    const open: number[] = [];
    for (let k = 0; k < list.length; k++) {
      const t = list[k] as Token;
      if (t.kind === 'punct' && t.value === '}') open.pop();
      this.blockOf[k] = open.length > 0 ? (open[open.length - 1] as number) : -1;
      if (t.kind === 'punct' && t.value === '{') open.push(k);
    }
    for (let k = 1; k + 1 < list.length; k++) {
      const t = list[k] as Token;
      const prev = list[k - 1] as Token;
      if (t.kind !== 'ident' || tokens.is(k - 1, '.') || !['=', ';', ',', ')', ':'].includes(tokens.at(k + 1)?.value ?? '')) continue;
      const typed = prev.value === '>' || prev.value === ']' || (prev.kind === 'ident' && !NOT_A_TYPE.has(prev.value));
      if (!typed || (tokens.is(k + 1, '=') && tokens.is(k + 2, '='))) continue;
      // `update as user records;` is DML in user mode, not a declaration of `records`.
      if (tokens.is(k - 2, 'as') && DML.has(tokens.at(k - 3)?.value ?? '')) continue;
      const key = `${this.blockOf[k]}:${t.value}`;
      const all = this.declarations.get(key);
      if (all) all.push(k);
      else this.declarations.set(key, [k]);
    }
  }

  /** The declaration (its token) a name at token k refers to; -1 when this file declares none. */
  declarationOf(name: string, k: number): number {
    for (let block = this.blockOf[k] as number; ; block = this.blockOf[block] as number) {
      const found = this.declarations.get(`${block}:${name}`);
      if (found) {
        let pick = found[0] as number;
        for (const d of found) if (d <= k) pick = d;
        return pick;
      }
      if (block === -1) return -1;
    }
  }

  /** A key that is the same for every use of one variable: its name and its declaration. */
  variableKey(name: string, k: number): string {
    return `${name}@${this.declarationOf(name, k)}`;
  }

  /** The variable a token names, when it is a plain local or `this.x` (not a field of something else). */
  variableAt(k: number): string | undefined {
    const t = this.tokens.at(k);
    if (t?.kind !== 'ident') return undefined;
    if (!this.tokens.is(k - 1, '.') || (this.tokens.is(k - 2, 'this') && !this.tokens.is(k - 3, '.'))) return t.value;
    return undefined;
  }
}
