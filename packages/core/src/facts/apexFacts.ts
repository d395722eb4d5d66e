import { LineIndex } from '../text/positions.js';
import type { ApexFacts, ApexTarget, ApexUse, Located } from './facts.js';

type TokenKind = 'ident' | 'string' | 'soql' | 'punct' | 'number';

interface Token {
  kind: TokenKind;
  /** Identifiers lower-cased (Apex is case-insensitive); strings without quotes; SOQL as written. */
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

/** A string literal at offsets of some text: its value and the offsets of its characters (inside the quotes). */
interface Literal {
  value: string;
  start: number;
  end: number;
}

/** The string literals of a SOQL query, in order. */
function soqlLiterals(soql: string): Literal[] {
  const out: Literal[] = [];
  for (let i = 0; i < soql.length; i++) {
    if (soql[i] !== "'") continue;
    const start = i + 1;
    let value = '';
    for (i = start; i < soql.length && soql[i] !== "'"; i++) {
      if (soql[i] === '\\' && i + 1 < soql.length) i++;
      value += soql[i];
    }
    out.push({ value, start, end: Math.min(i, soql.length) });
  }
  return out;
}

/** What a SOQL query over User selects, from its WHERE clause; offsets are the query's own. */
export interface QuerySelection {
  /** Conditions that identify a system user on their own. */
  conditions: Array<{ kind: string; condition: string; start: number; end: number }>;
  /** Usernames compared with `=` or listed in `IN (...)`. */
  usernames: Array<Literal & { condition: string }>;
  /** Variables bound as `Username = :x` or `Username IN :x` (lower-case names, `this.` dropped). */
  binds: Array<{ name: string; condition: string; start: number; end: number }>;
}

const LIST_OF = (value: string) => `(?:=\\s*|in\\s*\\((?:\\s*'[^']*'\\s*,)*\\s*)'${value}'`;
const CONDITIONS: Array<[string, RegExp]> = [
  ['piu', new RegExp(`\\bUserType\\s*${LIST_OF('CloudIntegrationUser')}`, 'i')],
  ['piu', new RegExp(`\\b(?:Name|LastName)\\s*${LIST_OF('Platform Integration User')}`, 'i')],
  ['piu', /\bUsername\s+like\s*'cloud@(?:00d[a-z0-9]{15}|%)'/i],
  ['piu', new RegExp(`\\bProfile\\.UserLicense\\.Name\\s*${LIST_OF('Cloud Integration User')}`, 'i')],
  ['automated-process', new RegExp(`\\bUserType\\s*${LIST_OF('AutomatedProcess')}`, 'i')],
  ['automated-process', new RegExp(`\\bName\\s*${LIST_OF('Automated Process')}`, 'i')],
  ['automated-process', new RegExp(`\\bAlias\\s*${LIST_OF('autoproc')}`, 'i')],
  ['automated-process', /\bUsername\s+like\s*'autoproc@(?:00d[a-z0-9]{15}|%)'/i],
  ['analytics-integration', new RegExp(`\\bProfile\\.Name\\s*${LIST_OF('Analytics Cloud Integration User')}`, 'i')],
  ['analytics-security', new RegExp(`\\bProfile\\.Name\\s*${LIST_OF('Analytics Cloud Security User')}`, 'i')],
];
/** `Username` itself, not a relationship's (`Manager.Username`). */
const USERNAME = '(?<![.\\w])Username';

/** The users a SOQL query over User selects, by its WHERE clause. */
export function querySelection(soql: string): QuerySelection | undefined {
  if (!/\bfrom\s+user\b/i.test(soql)) return undefined;
  const where = /\bwhere\b/i.exec(soql);
  if (!where) return undefined;
  const clause = soql.slice(where.index);
  const at = where.index;
  const out: QuerySelection = { conditions: [], usernames: [], binds: [] };
  for (const [kind, re] of CONDITIONS) {
    const m = re.exec(clause);
    if (m) out.conditions.push({ kind, condition: m[0], start: at + m.index, end: at + m.index + m[0].length });
  }
  const literals = new Map(
    soqlLiterals(soql)
      .filter((l) => l.start > at)
      .map((l) => [l.start, l] as const),
  );
  for (const m of clause.matchAll(new RegExp(`${USERNAME}\\s*=\\s*'`, 'gi'))) {
    const l = literals.get(at + m.index + m[0].length);
    if (l) out.usernames.push({ ...l, condition: `Username = '${l.value}'` });
  }
  for (const m of clause.matchAll(new RegExp(`${USERNAME}\\s+in\\s*\\(`, 'gi'))) {
    const open = at + m.index + m[0].length;
    const listed: Literal[] = [];
    for (let i = open; i < soql.length && soql[i] !== ')'; i++) {
      const l = literals.get(i + 1);
      if (l) {
        listed.push(l);
        i = l.end;
      }
    }
    for (const l of listed) out.usernames.push({ ...l, condition: `Username IN ('${l.value}'${listed.length > 1 ? ', ...' : ''})` });
  }
  for (const m of clause.matchAll(new RegExp(`${USERNAME}\\s*(=|\\s+in)\\s*:\\s*([A-Za-z_][\\w.]*)`, 'gi'))) {
    const name = (m[2] as string).toLowerCase().replace(/^this\./, '');
    if (name.includes('.')) continue; // a field of another object or class: not a local of this file
    const op = (m[1] as string).trim() === '=' ? '=' : 'IN';
    out.binds.push({ name, condition: `Username ${op} :${m[2]}`, start: at + m.index, end: at + m.index + m[0].length });
  }
  return out;
}

const DML = new Set(['update', 'upsert', 'delete', 'insert', 'merge', 'undelete']);
/** Words that stand before a name without being its type (`return names;`, `update u;`). */
const NOT_A_TYPE = new Set([...DML, 'return', 'new', 'else', 'throw', 'in', 'instanceof', 'when', 'case', 'then', 'and', 'or', 'not']);

/**
 * Finds, in Apex (a class, a trigger, or an anonymous Apex file, whose statements stand at top level),
 * the users selected by a query over User and what the code does with them: `System.runAs`, DML
 * (`update u`, `Database.update(u)`, a PermissionSetAssignment for them) and `System.setPassword`.
 * A query selects by a condition (`UserType = 'CloudIntegrationUser'`), by usernames (`=`,
 * `IN ('a', 'b')`), or by a local list, set or string bound to it (`Username IN :names`) whose
 * string literals are given in this file: an initialiser (`new List<String>{'a'}`, `new Set<String>{...}`,
 * `new String[]{...}`), `names.add('a')` or `names.addAll(new List<String>{...})`. Which usernames are
 * system users is the org model's call, in the rules.
 */
export function apexFacts(path: string, text: string): ApexFacts {
  const uses: ApexUse[] = [];
  const usernames: Located[] = [];
  if (!/select/i.test(text)) return { kind: 'apex', path, uses, usernames };
  const tokens = apexTokens(text);
  const lines = new LineIndex(text);
  const tok = (k: number): Token | undefined => tokens[k];
  const is = (k: number, value: string) => tokens[k]?.value === value;
  const closing = (open: number, o: string, c: string): number => {
    let depth = 0;
    for (let k = open; k < tokens.length; k++) {
      const v = (tokens[k] as Token).value;
      if ((tokens[k] as Token).kind !== 'punct') continue;
      if (v === o) depth++;
      else if (v === c && --depth === 0) return k;
    }
    return tokens.length - 1;
  };
  const closeParen = (open: number) => closing(open, '(', ')');
  /** A string token's literal, with the offsets of its characters. */
  const literalOf = (t: Token): Literal => ({ value: t.value, start: t.start + 1, end: Math.max(t.start + 1, t.end - 1) });

  for (const t of tokens) {
    if (t.kind === 'string' && /^[^\s@]+@[^\s@]+$/.test(t.value))
      usernames.push({ value: t.value, range: lines.rangeAt(t.start + 1, t.end - 1) });
    if (t.kind === 'soql')
      for (const l of soqlLiterals(t.value))
        if (/^[^\s@]+@[^\s@]+$/.test(l.value)) usernames.push({ value: l.value, range: lines.rangeAt(t.start + l.start, t.start + l.end) });
  }

  // Blocks: the innermost `{` around each token (-1 at top level, as in anonymous Apex) and where it ends,
  // so that a local list of one method is not another method's list of the same name.
  const blockOf = new Int32Array(tokens.length);
  const blockEnd = new Map<number, number>();
  const open: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind === 'punct' && t.value === '}') {
      const from = open.pop();
      if (from !== undefined) blockEnd.set(from, k);
    }
    blockOf[k] = open.length > 0 ? (open[open.length - 1] as number) : -1;
    if (t.kind === 'punct' && t.value === '{') open.push(k);
  }
  // Declarations (`List<String> names`, `String[] names`, `User u`, parameters, `for (User u : ...)`), by block and name.
  const declarations = new Map<string, number[]>();
  for (let k = 1; k + 1 < tokens.length; k++) {
    const t = tokens[k] as Token;
    const prev = tokens[k - 1] as Token;
    if (t.kind !== 'ident' || is(k - 1, '.') || !['=', ';', ',', ')', ':'].includes(tok(k + 1)?.value ?? '')) continue;
    const typed = prev.value === '>' || prev.value === ']' || (prev.kind === 'ident' && !NOT_A_TYPE.has(prev.value));
    if (!typed || (is(k + 1, '=') && is(k + 2, '='))) continue;
    const key = `${blockOf[k]}:${t.value}`;
    const all = declarations.get(key);
    if (all) all.push(k);
    else declarations.set(key, [k]);
  }
  /**
   * The declaration a name at token k refers to: in the innermost enclosing block that declares it,
   * the last one before k (else the first); -1 when none does.
   */
  const declarationOf = (name: string, k: number): number => {
    for (let block = blockOf[k] as number; ; block = blockOf[block] as number) {
      const found = declarations.get(`${block}:${name}`);
      if (found) {
        let pick = found[0] as number;
        for (const d of found) if (d < k) pick = d;
        return pick;
      }
      if (block === -1) return -1;
    }
  };
  // String literals of local lists, sets and strings, by declaration: the values a bind can hold.
  const literals = new Map<string, Literal[]>();
  const variableKey = (name: string, k: number) => `${name}@${declarationOf(name, k)}`;
  const addLiterals = (name: string, at: number, ls: Literal[]) => {
    if (ls.length === 0) return;
    const key = variableKey(name, at);
    const all = literals.get(key);
    if (all) all.push(...ls);
    else literals.set(key, [...ls]);
  };
  /** The string literals that are elements of the first collection initialiser in tokens [from, to). */
  const initialiser = (from: number, to: number): Literal[] => {
    for (let k = from; k < to; k++) {
      if (!is(k, '{') || !(is(k - 1, '>') || is(k - 1, ']'))) continue;
      const close = closing(k, '{', '}');
      const out: Literal[] = [];
      let element: Token[] = [];
      let depth = 0;
      for (let j = k + 1; j <= close; j++) {
        const t = tokens[j] as Token;
        const boundary = depth === 0 && t.kind === 'punct' && (t.value === ',' || j === close);
        if (boundary) {
          if (element.length === 1 && (element[0] as Token).kind === 'string') out.push(literalOf(element[0] as Token));
          element = [];
          continue;
        }
        if (t.kind === 'punct' && '({['.includes(t.value)) depth++;
        if (t.kind === 'punct' && ')}]'.includes(t.value)) depth--;
        element.push(t);
      }
      return out;
    }
    return [];
  };
  /** The variable a token names, when it is a plain local or `this.x` (not a field of something else). */
  const variableAt = (k: number): string | undefined => {
    const t = tok(k);
    if (t?.kind !== 'ident') return undefined;
    if (!is(k - 1, '.') || (is(k - 2, 'this') && !is(k - 3, '.'))) return t.value;
    return undefined;
  };
  const statementEnd = (k: number) => {
    let end = k;
    while (end < tokens.length && !is(end, ';')) end++;
    return end;
  };
  for (let k = 0; k + 2 < tokens.length; k++) {
    const name = variableAt(k);
    if (!name) continue;
    if (is(k + 1, '=') && !is(k + 2, '=')) {
      if (is(k + 2, 'new')) addLiterals(name, k, initialiser(k + 2, statementEnd(k)));
      else if (tok(k + 2)?.kind === 'string' && is(k + 3, ';')) addLiterals(name, k, [literalOf(tok(k + 2) as Token)]);
    } else if (is(k + 1, '.') && (is(k + 2, 'add') || is(k + 2, 'addall')) && is(k + 3, '(')) {
      const close = closeParen(k + 3);
      if (is(k + 2, 'addall')) addLiterals(name, k, initialiser(k + 4, close));
      else {
        const last = tok(close - 1);
        const single = close === k + 5 || (close === k + 7 && tok(k + 4)?.kind === 'number' && is(k + 5, ','));
        if (single && last?.kind === 'string') addLiterals(name, k, [literalOf(last)]);
      }
    }
  }

  const range = (start: number, end: number) => lines.rangeAt(start, end);
  const seen = new Map<number, ApexTarget[]>();
  /** A query at token k: inline `[SELECT ...]`, or the string literal of `Database.query('SELECT ...')`. */
  const isQuery = (k: number) =>
    tok(k)?.kind === 'soql' ||
    (tok(k)?.kind === 'string' && is(k - 1, '(') && is(k - 2, 'query') && is(k - 3, '.') && is(k - 4, 'database') && is(k + 1, ')'));
  /** The targets of the query at token k (none for any other token). */
  const targetsOf = (k: number): ApexTarget[] => {
    if (!isQuery(k)) return [];
    const known = seen.get(k);
    if (known) return known;
    const found = queryTargets(k);
    seen.set(k, found);
    return found;
  };
  const queryTargets = (k: number): ApexTarget[] => {
    const token = tokens[k] as Token;
    // Offsets into a string literal's value count from after its quote (exact unless it holds escapes).
    const t = token.kind === 'soql' ? token : { ...token, start: token.start + 1 };
    const q = querySelection(t.value);
    if (!q) return [];
    const out: ApexTarget[] = [];
    for (const c of q.conditions)
      out.push({ kind: c.kind, username: undefined, condition: c.condition, range: range(t.start + c.start, t.start + c.end) });
    for (const u of q.usernames)
      out.push({ kind: undefined, username: u.value, condition: u.condition, range: range(t.start + u.start, t.start + u.end) });
    for (const b of q.binds)
      for (const l of literals.get(variableKey(b.name, k)) ?? [])
        out.push({
          kind: undefined,
          username: l.value,
          condition: `${b.condition}, which holds '${l.value}'`,
          range: range(l.start, l.end),
          query: range(t.start + b.start, t.start + b.end),
        });
    return out;
  };

  // Variables that hold selected users, by declaration, with where each assignment stands:
  // `User u = [SELECT ...]`, `u = [SELECT ...][0]`, `User u = users[0]`, `for (User u : users)`; the
  // latest one before a use wins.
  const held = new Map<string, Array<{ at: number; targets: ApexTarget[] }>>();
  /** What a variable holds at token k: its last assignment before k (assignments are recorded in order). */
  const heldAt = (name: string, k: number): ApexTarget[] => {
    const all = held.get(variableKey(name, k));
    if (!all) return [];
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid] as { at: number }).at < k) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? (all[lo - 1] as { targets: ApexTarget[] }).targets : [];
  };
  const hold = (name: string, at: number, targets: ApexTarget[]) => {
    const key = variableKey(name, at);
    const all = held.get(key);
    if (all) all.push({ at, targets });
    else held.set(key, [{ at, targets }]);
  };
  /** The targets named by the tokens of an argument list or expression. */
  const targetsIn = (from: number, to: number): ApexTarget[] => {
    for (let k = from; k < to; k++) {
      const t = tokens[k] as Token;
      const direct = targetsOf(k);
      if (direct.length > 0) return direct;
      if (t.kind === 'ident' && (tokens[k - 1]?.value !== '.' || k === from)) {
        const found = heldAt(t.value, k);
        if (found.length > 0) return found;
      }
    }
    return [];
  };
  for (let k = 1; k + 1 < tokens.length; k++) {
    const t = tokens[k] as Token;
    const name = variableAt(k - 1);
    if (name && is(k, '=') && !is(k + 1, '=')) {
      // Any other value replaces what the variable held.
      const next = tok(k + 1) as Token;
      const direct = is(k + 1, 'database') && is(k + 3, 'query') ? targetsOf(k + 5) : targetsOf(k + 1);
      const alias = next.kind === 'ident' && !is(k + 2, '.') && !is(k + 2, '(') ? heldAt(next.value, k) : [];
      hold(name, k - 1, direct.length > 0 ? direct : alias);
    } else if (t.kind === 'ident' && t.value === 'for' && is(k + 1, '(') && tok(k + 3)?.kind === 'ident' && is(k + 4, ':')) {
      hold((tok(k + 3) as Token).value, k + 3, targetsIn(k + 5, closeParen(k + 1)));
    }
  }

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'ident') continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const push = (action: ApexUse['action'], endTok: number, targets: ApexTarget[], startTok = k) => {
      if (targets.length > 0)
        uses.push({ action, range: lines.rangeAt((tokens[startTok] as Token).start, (tokens[endTok] as Token).end), targets });
    };
    if (t.value === 'runas' && next?.value === '(') {
      const close = closeParen(k + 1);
      const start = prev?.value === '.' && tokens[k - 2]?.value === 'system' ? k - 2 : k;
      push('runAs', close, targetsIn(k + 2, close), start);
    } else if (DML.has(t.value) && prev?.value !== '.' && next && (next.kind === 'ident' || next.kind === 'soql')) {
      // `update u;` — a DML statement on a selected user, or `insert new PermissionSetAssignment(AssigneeId = u.Id)`.
      const end = statementEnd(k + 1);
      push('dml', Math.min(end - 1, tokens.length - 1), targetsIn(k + 1, end));
    } else if (t.value === 'database' && next?.value === '.' && DML.has(tokens[k + 2]?.value ?? '') && tokens[k + 3]?.value === '(') {
      const close = closeParen(k + 3);
      push('dml', close, targetsIn(k + 4, close));
    } else if (t.value === 'setpassword' && next?.value === '(') {
      const close = closeParen(k + 1);
      const start = prev?.value === '.' && tokens[k - 2]?.value === 'system' ? k - 2 : k;
      push('setPassword', close, targetsIn(k + 2, close), start);
    }
  }
  return { kind: 'apex', path, uses, usernames };
}
