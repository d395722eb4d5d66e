import type { Literal } from './lexer.js';

/** The string literals of a SOQL query, in order. */
export function soqlLiterals(soql: string): Literal[] {
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

/** The User fields whose value alone identifies a system user, and the values that do (lower-case). */
const IDENTITIES: Record<string, Record<string, string>> = {
  usertype: { cloudintegrationuser: 'piu', automatedprocess: 'automated-process' },
  name: { 'platform integration user': 'piu', 'automated process': 'automated-process' },
  lastname: { 'platform integration user': 'piu' },
  alias: { autoproc: 'automated-process' },
};

/** The system user kind a field's value identifies on its own (`Alias` `autoproc`), if any. */
export function identityOf(field: string, value: string): string | undefined {
  return IDENTITIES[field.toLowerCase()]?.[value.trim().toLowerCase()];
}

/** What a SOQL query over User selects, from its WHERE clause; offsets are the query's own. */
export interface QuerySelection {
  /** Conditions that identify a system user on their own. */
  conditions: Array<{ kind: string; condition: string; start: number; end: number }>;
  /** Usernames compared with `=` or listed in `IN (...)`. */
  usernames: Array<Literal & { condition: string }>;
  /**
   * Variables bound as `Username = :x`, `Username IN :x`, or the same on a field that identifies a
   * system user (`Alias IN :aliases`): lower-case field and variable names, `this.` dropped.
   */
  binds: Array<{ field: string; name: string; condition: string; start: number; end: number }>;
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
/** A bind on `Username` or on a field that identifies a system user, not a relationship's field. */
const BIND = /(?<![.\w])(Username|Alias|UserType|LastName|Name)\s*(=|\s+in)\s*:\s*([A-Za-z_][\w.]*)/gi;

const FIELD_NAMES: Record<string, string> = {
  username: 'Username',
  alias: 'Alias',
  usertype: 'UserType',
  lastname: 'LastName',
  name: 'Name',
};

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
    // The list's literals, separated by commas and spaces; anything else ends it (a bind, a sub-query,
    // or no ')' at all: a scan to the end of the query for each `Username IN (` took minutes on 500 KB).
    for (let i = open; i < soql.length && soql[i] !== ')'; i++) {
      const l = literals.get(i + 1);
      if (l) {
        listed.push(l);
        i = l.end;
      } else if (!/[\s,]/.test(soql[i] as string)) break;
    }
    for (const l of listed) out.usernames.push({ ...l, condition: `Username IN ('${l.value}'${listed.length > 1 ? ', ...' : ''})` });
  }
  for (const m of clause.matchAll(BIND)) {
    const name = (m[3] as string).toLowerCase().replace(/^this\./, '');
    if (name.includes('.')) continue; // a field of another object or class: not a local of this file
    const op = (m[2] as string).trim() === '=' ? '=' : 'IN';
    out.binds.push({
      field: (m[1] as string).toLowerCase(),
      name,
      condition: `${FIELD_NAMES[(m[1] as string).toLowerCase()]} ${op} :${m[3]}`,
      start: at + m.index,
      end: at + m.index + m[0].length,
    });
  }
  return out;
}
