import { LineIndex } from '../text/positions.js';
import type { ApexFacts, ApexUse } from './facts.js';

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

/** The system user a SOQL query over User selects, by its WHERE clause, with the matching condition. */
export function systemUserOfQuery(soql: string): { kind: string; condition: string; index: number } | undefined {
  if (!/\bfrom\s+user\b/i.test(soql)) return undefined;
  const where = /\bwhere\b/i.exec(soql);
  if (!where) return undefined;
  const q = (v: string) => `'${v}'`;
  const eq = (field: string, value: string) => new RegExp(`\\b${field}\\s*(?:=\\s*|in\\s*\\(\\s*)${q(value)}`, 'i');
  const checks: Array<[string, RegExp]> = [
    ['piu', eq('UserType', 'CloudIntegrationUser')],
    ['piu', eq('(?:Name|LastName)', 'Platform Integration User')],
    ['piu', /\bUsername\s*(?:=|like)\s*'cloud@(?:00d[a-z0-9]{15}|%)'/i],
    ['piu', eq('Profile\\.UserLicense\\.Name', 'Cloud Integration User')],
    ['automated-process', eq('UserType', 'AutomatedProcess')],
    ['automated-process', eq('(?:Name)', 'Automated Process')],
    ['automated-process', eq('Alias', 'autoproc')],
    ['automated-process', /\bUsername\s*(?:=|like)\s*'autoproc@(?:00d[a-z0-9]{15}|%)'/i],
    ['analytics-integration', eq('Profile\\.Name', 'Analytics Cloud Integration User')],
    ['analytics-security', eq('Profile\\.Name', 'Analytics Cloud Security User')],
  ];
  const clause = soql.slice(where.index);
  for (const [kind, re] of checks) {
    const m = re.exec(clause);
    if (m) return { kind, condition: m[0], index: where.index + m.index };
  }
  return undefined;
}

/**
 * Finds, in an Apex class or trigger, the users selected by a query that identifies the PIU or a
 * reserved user, and what the code does with them: `System.runAs`, DML (`update u`,
 * `Database.update(u)`, a PermissionSetAssignment for them) and `System.setPassword`.
 */
export function apexFacts(path: string, text: string): ApexFacts {
  const uses: ApexUse[] = [];
  if (!/select/i.test(text)) return { kind: 'apex', path, uses };
  const tokens = apexTokens(text);
  const lines = new LineIndex(text);
  const targets = new Map<string, ApexUse['target']>();
  const targetOf = (t: Token): ApexUse['target'] | undefined => {
    if (t.kind !== 'soql') return undefined;
    const m = systemUserOfQuery(t.value);
    if (!m) return undefined;
    return { kind: m.kind, condition: m.condition, range: lines.rangeAt(t.start + m.index, t.start + m.index + m.condition.length) };
  };
  // Variables assigned from such a query: `User u = [SELECT ...]`, `u = [SELECT ...][0]`.
  for (let k = 1; k + 1 < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'punct' || t.value !== '=') continue;
    const prev = tokens[k - 1] as Token;
    const next = tokens[k + 1] as Token;
    const target = targetOf(next);
    if (prev.kind === 'ident' && target) targets.set(prev.value, target);
  }
  /** The target named by the tokens of an argument list or expression, if any. */
  const targetIn = (from: number, to: number): ApexUse['target'] | undefined => {
    for (let k = from; k < to; k++) {
      const t = tokens[k] as Token;
      const direct = targetOf(t);
      if (direct) return direct;
      if (t.kind === 'ident' && targets.has(t.value) && (tokens[k - 1]?.value !== '.' || k === from)) return targets.get(t.value);
    }
    return undefined;
  };
  const closeParen = (open: number): number => {
    let depth = 0;
    for (let k = open; k < tokens.length; k++) {
      const v = (tokens[k] as Token).value;
      if (v === '(') depth++;
      else if (v === ')' && --depth === 0) return k;
    }
    return tokens.length - 1;
  };
  const DML = new Set(['update', 'upsert', 'delete', 'insert', 'merge', 'undelete']);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'ident') continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const push = (action: ApexUse['action'], endTok: number, target: ApexUse['target'] | undefined, startTok = k) => {
      if (target) uses.push({ action, range: lines.rangeAt((tokens[startTok] as Token).start, (tokens[endTok] as Token).end), target });
    };
    if (t.value === 'runas' && next?.value === '(') {
      const close = closeParen(k + 1);
      const start = prev?.value === '.' && tokens[k - 2]?.value === 'system' ? k - 2 : k;
      push('runAs', close, targetIn(k + 2, close), start);
    } else if (DML.has(t.value) && prev?.value !== '.' && next && (next.kind === 'ident' || next.kind === 'soql')) {
      // `update u;` — a DML statement on a selected user, or `insert new PermissionSetAssignment(AssigneeId = u.Id)`.
      let end = k + 1;
      while (end < tokens.length && (tokens[end] as Token).value !== ';') end++;
      push('dml', Math.min(end - 1, tokens.length - 1), targetIn(k + 1, end));
    } else if (t.value === 'database' && next?.value === '.' && DML.has(tokens[k + 2]?.value ?? '') && tokens[k + 3]?.value === '(') {
      const close = closeParen(k + 3);
      push('dml', close, targetIn(k + 4, close));
    } else if (t.value === 'setpassword' && next?.value === '(') {
      const close = closeParen(k + 1);
      const start = prev?.value === '.' && tokens[k - 2]?.value === 'system' ? k - 2 : k;
      push('setPassword', close, targetIn(k + 2, close), start);
    }
  }
  return { kind: 'apex', path, uses };
}
