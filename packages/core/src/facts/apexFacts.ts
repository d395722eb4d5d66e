import { LineIndex } from '../text/positions.js';
import { apexTokens, type Literal, Tokens } from './apex/lexer.js';
import { DML, Scopes } from './apex/scopes.js';
import { identityOf, querySelection, soqlLiterals } from './apex/soql.js';
import type { ApexFacts, ApexTarget, ApexUse, Located } from './facts.js';

/** Types whose constructor argument or initialiser holds the users put into them. */
const COLLECTIONS = new Set(['list', 'set', 'map']);
/** Records that stand for a user through one field: `new User(Id = u.Id)`, `new PermissionSetAssignment(AssigneeId = u.Id)`. */
const USER_FIELD: Record<string, string> = { user: 'id', permissionsetassignment: 'assigneeid', permissionsetlicenseassign: 'assigneeid' };
/** Methods that hand back what a variable holds (an element, its values, a copy). */
const ELEMENT_METHODS = new Set(['get', 'values', 'clone', 'deepclone']);
/** Methods that put users into a collection, and which argument holds them (-1: the last). */
const ADDERS: Record<string, number> = { add: -1, addall: 0, put: 1, putall: 0 };

const LOOKS_LIKE_USERNAME = /^[^\s@]+@[^\s@]+$/;

/**
 * Finds, in Apex (a class, a trigger, or an anonymous Apex file, whose statements stand at top level),
 * the users selected by a query over User and what the code does with them: `System.runAs`, DML
 * (`update u`, `Database.update(users, false)`, an inserted PermissionSetAssignment for them) and
 * `System.setPassword`.
 *
 * A query selects by a condition (`UserType = 'CloudIntegrationUser'`), by usernames (`=`,
 * `IN ('a', 'b')`), or by a local list, set or string bound to it (`Username IN :names`, and the same
 * on `Alias`, `UserType`, `Name`, `LastName`) whose string literals are given in this file: an
 * initialiser (`new List<String>{'a'}`, `new Set<String>{...}`, `new String[]{...}`), `names.add('a')`
 * or `names.addAll(new List<String>{...})`.
 *
 * Selected users are followed (the "Apex collections" of the v3 rules) through variables (`User u = ...`,
 * `for (User u : ...)`), into collections (`add`, `addAll`, `put`, `putAll`, `new List<User>(query)`,
 * `new Map<Id, User>(query)` and its `values()`, initialisers), through their `Id` (`new User(Id = u.Id)`,
 * `new PermissionSetAssignment(AssigneeId = u.Id)`, `psa.AssigneeId = u.Id`), to the DML that changes
 * them. Which usernames are system users is the org model's call, in the rules.
 */
export function apexFacts(path: string, text: string): ApexFacts {
  const uses: ApexUse[] = [];
  const usernames: Located[] = [];
  if (!/select/i.test(text)) return { kind: 'apex', path, uses, usernames };
  const tokens = new Tokens(apexTokens(text));
  const scopes = new Scopes(tokens);
  const lines = new LineIndex(text);

  for (const t of tokens.list) {
    if (t.kind === 'string' && LOOKS_LIKE_USERNAME.test(t.value))
      usernames.push({ value: t.value, range: lines.rangeAt(t.start + 1, t.end - 1) });
    if (t.kind === 'soql')
      for (const l of soqlLiterals(t.value))
        if (LOOKS_LIKE_USERNAME.test(l.value)) usernames.push({ value: l.value, range: lines.rangeAt(t.start + l.start, t.start + l.end) });
  }

  const literals = boundLiterals(tokens, scopes);
  const queries = new Queries(tokens, scopes, literals, lines);
  const held = new HeldUsers(tokens, scopes, queries);

  const push = (action: ApexUse['action'], startTok: number, endTok: number, targets: ApexTarget[]) => {
    const start = tokens.at(startTok);
    const end = tokens.at(Math.min(endTok, tokens.length - 1));
    if (targets.length > 0 && start && end) uses.push({ action, range: lines.rangeAt(start.start, end.end), targets });
  };
  /** The users the first argument of the call whose `(` is at `open` holds. */
  const firstArgument = (open: number): ApexTarget[] => {
    const [first] = tokens.split(open + 1, tokens.closing(open));
    return first ? held.valueOf(first[0], first[1]) : [];
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens.at(k);
    if (t?.kind !== 'ident') continue;
    const prev = tokens.at(k - 1);
    const system = prev?.value === '.' && tokens.is(k - 2, 'system') ? k - 2 : k;
    if ((t.value === 'runas' || t.value === 'setpassword') && tokens.isPunct(k + 1, '(')) {
      push(t.value === 'runas' ? 'runAs' : 'setPassword', system, tokens.closing(k + 1), firstArgument(k + 1));
    } else if (DML.has(t.value) && prev?.value !== '.' && (tokens.at(k + 1)?.kind === 'ident' || tokens.at(k + 1)?.kind === 'soql')) {
      // `update u;`, `update as user u;`, `upsert users External_Id__c;`, `insert new PermissionSetAssignment(...)`.
      const end = tokens.statementEnd(k + 1);
      let from = k + 1;
      if (tokens.is(from, 'as') && (tokens.is(from + 1, 'user') || tokens.is(from + 1, 'system'))) from += 2;
      const target = held.primary(from, end);
      // What follows the target may only be upsert's external id field.
      const whole = target.next === end || (t.value === 'upsert' && externalIdField(tokens, target.next, end));
      push('dml', k, end - 1, whole ? target.targets : []);
    } else if (t.value === 'database' && tokens.is(k + 1, '.') && DML.has(tokens.at(k + 2)?.value ?? '') && tokens.isPunct(k + 3, '(')) {
      push('dml', k, tokens.closing(k + 3), firstArgument(k + 3));
    }
  }
  return { kind: 'apex', path, uses, usernames };
}

/**
 * String literals of local lists, sets and strings, by variable: the values a bind (`IN :names`) can
 * hold. Read from initialisers, `x = 'a'`, `x.add('a')`, `x.add(0, 'a')` and `x.addAll(new List<String>{...})`.
 */
function boundLiterals(tokens: Tokens, scopes: Scopes): Map<string, Literal[]> {
  const literals = new Map<string, Literal[]>();
  const add = (name: string, at: number, ls: Literal[]) => {
    if (ls.length === 0) return;
    const key = scopes.variableKey(name, at);
    const all = literals.get(key);
    if (all) all.push(...ls);
    else literals.set(key, [...ls]);
  };
  /** The string literals that are elements of the first collection initialiser in tokens [from, to). */
  const initialiser = (from: number, to: number): Literal[] => {
    for (let k = from; k < to; k++) {
      if (!tokens.isPunct(k, '{') || !(tokens.is(k - 1, '>') || tokens.is(k - 1, ']'))) continue;
      const out: Literal[] = [];
      for (const [a, b] of tokens.split(k + 1, tokens.closing(k, '{', '}'))) {
        const l = b === a + 1 ? tokens.literal(a) : undefined;
        if (l) out.push(l);
      }
      return out;
    }
    return [];
  };
  for (let k = 0; k + 2 < tokens.length; k++) {
    const name = scopes.variableAt(k);
    if (!name) continue;
    if (tokens.is(k + 1, '=') && !tokens.is(k + 2, '=')) {
      if (tokens.is(k + 2, 'new')) add(name, k, initialiser(k + 2, tokens.statementEnd(k)));
      else if (tokens.at(k + 2)?.kind === 'string' && tokens.isPunct(k + 3, ';')) add(name, k, [tokens.literal(k + 2) as Literal]);
    } else if (tokens.is(k + 1, '.') && (tokens.is(k + 2, 'add') || tokens.is(k + 2, 'addall')) && tokens.isPunct(k + 3, '(')) {
      const close = tokens.closing(k + 3);
      if (tokens.is(k + 2, 'addall')) add(name, k, initialiser(k + 4, close));
      else {
        const parts = tokens.split(k + 4, close);
        const last = parts[parts.length - 1];
        const single = parts.length === 1 || (parts.length === 2 && tokens.at(k + 4)?.kind === 'number');
        const l = last && single && last[1] === last[0] + 1 ? tokens.literal(last[0]) : undefined;
        if (l) add(name, k, [l]);
      }
    }
  }
  return literals;
}

/** The queries over User of a file and what each selects, as targets with positions in the file. */
class Queries {
  private readonly seen = new Map<number, ApexTarget[]>();

  constructor(
    private readonly tokens: Tokens,
    private readonly scopes: Scopes,
    private readonly literals: Map<string, Literal[]>,
    private readonly lines: LineIndex,
  ) {}

  /**
   * The query that starts at token k, if any: an inline `[SELECT ...]`, or `Database.query('SELECT ...')`.
   * Returns the token of its text and the token after it.
   */
  at(k: number): { text: number; next: number } | undefined {
    const t = this.tokens;
    if (t.at(k)?.kind === 'soql') return { text: k, next: k + 1 };
    if (t.is(k, 'database') && t.is(k + 1, '.') && t.is(k + 2, 'query') && t.isPunct(k + 3, '(') && t.at(k + 4)?.kind === 'string')
      return t.isPunct(k + 5, ')') ? { text: k + 4, next: k + 6 } : undefined;
    return undefined;
  }

  /** The targets of the query whose text is the token k. */
  targets(k: number): ApexTarget[] {
    const known = this.seen.get(k);
    if (known) return known;
    const found = this.read(k);
    this.seen.set(k, found);
    return found;
  }

  private read(k: number): ApexTarget[] {
    const token = this.tokens.at(k);
    if (!token) return [];
    // Offsets into a string literal's value count from after its quote (exact unless it holds escapes).
    const start = token.kind === 'soql' ? token.start : token.start + 1;
    const q = querySelection(token.value);
    if (!q) return [];
    const range = (a: number, b: number) => this.lines.rangeAt(a, b);
    const out: ApexTarget[] = [];
    for (const c of q.conditions)
      out.push({ kind: c.kind, username: undefined, condition: c.condition, range: range(start + c.start, start + c.end) });
    for (const u of q.usernames)
      out.push({ kind: undefined, username: u.value, condition: u.condition, range: range(start + u.start, start + u.end) });
    for (const b of q.binds) {
      for (const l of this.literals.get(this.scopes.variableKey(b.name, k)) ?? []) {
        const byName = b.field === 'username';
        const kind = byName ? undefined : identityOf(b.field, l.value);
        if (!byName && !kind) continue;
        out.push({
          kind,
          username: byName ? l.value : undefined,
          condition: `${b.condition}, which holds '${l.value}'`,
          range: range(l.start, l.end),
          query: range(start + b.start, start + b.end),
          literal: l.value,
        });
      }
    }
    return out;
  }
}

/**
 * The selected users each variable holds, position by position: an assignment replaces what it held,
 * an `add`/`put` into it (or `psa.AssigneeId = u.Id`) adds to it. Recorded in one pass in reading
 * order, so a use sees what was assigned and added before it.
 */
class HeldUsers {
  private readonly events = new Map<string, Array<{ at: number; set: boolean; targets: ApexTarget[] }>>();

  constructor(
    private readonly tokens: Tokens,
    private readonly scopes: Scopes,
    private readonly queries: Queries,
  ) {
    const t = tokens;
    // From the first token: anonymous Apex may start with `for (User u : [SELECT ...])`.
    for (let k = 0; k < t.length; k++) {
      const name = k > 0 ? scopes.variableAt(k - 1) : undefined;
      if (t.isPunct(k, '=') && !t.isPunct(k + 1, '=') && name) {
        this.record(name, k - 1, true, this.valueOf(k + 1, t.statementEnd(k)));
      } else if (t.isPunct(k, '=') && !t.isPunct(k + 1, '=') && t.is(k - 1, 'assigneeid') && t.is(k - 2, '.')) {
        // `psa.AssigneeId = u.Id;`: the assignment record now stands for that user.
        const record = scopes.variableAt(k - 3);
        if (record) this.record(record, k - 3, false, this.valueOf(k + 1, t.statementEnd(k)));
      } else if (name && t.is(k, '.') && ADDERS[t.at(k + 1)?.value ?? ''] !== undefined && t.isPunct(k + 2, '(')) {
        // `toUpdate.add(u)`, `byId.put(u.Id, u)`, `all.addAll(users)`.
        const which = ADDERS[t.at(k + 1)?.value ?? ''] as number;
        const parts = t.split(k + 3, t.closing(k + 2));
        const part = parts[which === -1 ? parts.length - 1 : which];
        if (part) this.record(name, k - 1, false, this.valueOf(part[0], part[1]));
      } else if (t.is(k, 'for') && t.isPunct(k + 1, '(')) {
        // `for (User u : users)`, `for (List<User> chunk : [SELECT ...])`.
        const close = t.closing(k + 1);
        for (let j = k + 2; j < close; j++) {
          if (!t.isPunct(j, ':')) continue;
          const loopVariable = t.at(j - 1)?.kind === 'ident' ? t.at(j - 1)?.value : undefined;
          if (loopVariable) this.record(loopVariable, j - 1, true, this.valueOf(j + 1, close));
          break;
        }
      }
    }
  }

  private record(name: string, at: number, set: boolean, targets: ApexTarget[]): void {
    const key = this.scopes.variableKey(name, at);
    const all = this.events.get(key) ?? [];
    let i = all.length;
    while (i > 0 && (all[i - 1] as { at: number }).at > at) i--;
    all.splice(i, 0, { at, set, targets });
    this.events.set(key, all);
  }

  /** What a variable holds at token k: its last assignment before k, and what was added to it since. */
  heldAt(name: string, k: number): ApexTarget[] {
    const all = this.events.get(this.scopes.variableKey(name, k));
    if (!all) return [];
    const out: ApexTarget[] = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const e = all[i] as { at: number; set: boolean; targets: ApexTarget[] };
      if (e.at >= k) continue;
      for (const target of e.targets) if (!out.includes(target)) out.push(target);
      if (e.set) break;
    }
    return out;
  }

  /** The users an expression [from, to) holds; none unless the whole expression is one that carries users. */
  valueOf(from: number, to: number): ApexTarget[] {
    const p = this.primary(from, to);
    return p.next === to ? p.targets : [];
  }

  /**
   * The users the expression starting at `from` carries, and the token after it: a query, a variable,
   * `new List<User>(...)`, `new Map<Id, User>(...)`, an initialiser, `new User(Id = ...)`, `new
   * PermissionSetAssignment(AssigneeId = ...)`, each with element access (`[0]`, `get(...)`, `values()`,
   * `.Id`) after it; a cast or parentheses around it.
   */
  primary(from: number, to: number): { targets: ApexTarget[]; next: number } {
    const t = this.tokens;
    const none = { targets: [], next: from };
    let k = from;
    if (t.isPunct(k, '(')) {
      const close = t.closing(k);
      if (!isCast(t, k + 1, close)) {
        const inner = this.valueOf(k + 1, close);
        return { targets: inner, next: close + 1 };
      }
      k = close + 1;
    }
    if (k >= to) return none;
    let targets: ApexTarget[];
    let next: number;
    const query = this.queries.at(k);
    if (query) {
      targets = this.queries.targets(query.text);
      next = query.next;
    } else if (t.is(k, 'new') && t.at(k + 1)?.kind === 'ident') {
      const type = t.at(k + 1)?.value ?? '';
      let j = k + 2;
      if (t.isPunct(j, '<')) j = t.closing(j, '<', '>') + 1;
      while (t.isPunct(j, '[') && t.isPunct(j + 1, ']')) j += 2;
      if (t.isPunct(j, '(')) {
        const close = t.closing(j);
        next = close + 1;
        if (COLLECTIONS.has(type)) targets = this.valueOf(j + 1, close);
        else if (USER_FIELD[type]) targets = this.namedArgument(j + 1, close, USER_FIELD[type] as string);
        else targets = [];
      } else if (t.isPunct(j, '{')) {
        const close = t.closing(j, '{', '}');
        next = close + 1;
        targets = t.split(j + 1, close).flatMap(([a, b]) => this.valueOf(a, b));
      } else return none;
    } else {
      const name = t.is(k, 'this') && t.is(k + 1, '.') ? t.at(k + 2)?.value : this.scopes.variableAt(k);
      if (!name || t.at(k)?.kind !== 'ident') return none;
      const at = t.is(k, 'this') ? k + 2 : k;
      targets = this.heldAt(name, at);
      next = at + 1;
    }
    // Element access: `users[0]`, `byId.get(id)`, `byId.values()`, `u.Id`.
    while (next < to) {
      if (t.isPunct(next, '[')) next = t.closing(next, '[', ']') + 1;
      else if (t.is(next, '.') && ELEMENT_METHODS.has(t.at(next + 1)?.value ?? '') && t.isPunct(next + 2, '('))
        next = t.closing(next + 2) + 1;
      else if (t.is(next, '.') && t.is(next + 1, 'id') && !t.isPunct(next + 2, '(')) next += 2;
      else break;
    }
    return { targets, next };
  }

  /** The users `field = expression` holds among the named arguments of a constructor, tokens [from, to). */
  private namedArgument(from: number, to: number, field: string): ApexTarget[] {
    for (const [a, b] of this.tokens.split(from, to))
      if (this.tokens.is(a, field) && this.tokens.isPunct(a + 1, '=')) return this.valueOf(a + 2, b);
    return [];
  }
}

/** Whether tokens [from, to) are the external id field of an `upsert` (`Account.Fields.Code__c`). */
function externalIdField(t: Tokens, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let k = from; k < to; k++) if (!(t.at(k)?.kind === 'ident' || t.is(k, '.'))) return false;
  return true;
}

/** Whether tokens [from, to) are a type, so that `(` ... `)` before an expression is a cast: `(List<User>)`. */
function isCast(t: Tokens, from: number, to: number): boolean {
  if (t.at(from)?.kind !== 'ident' || to <= from) return false;
  for (let k = from + 1; k < to; k++) {
    const token = t.at(k);
    if (!token || !(token.kind === 'ident' || ['<', '>', ',', '[', ']', '.'].includes(token.value))) return false;
  }
  return t.at(to + 1) !== undefined && !t.isPunct(to + 1, ';') && !t.isPunct(to + 1, ')');
}
