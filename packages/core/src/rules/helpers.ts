import type { RelatedLocation } from '../diagnostic.js';
import { recogniseUsername, SYSTEM_USER_LABELS, type SystemUserKind } from '../domain/users.js';
import type { ApexFacts, ApexTarget, ApexUse, FileFacts, Located, SfCommand, UserRecord } from '../facts/facts.js';
import type { OrgModel, UserView } from '../org/model.js';
import type { Range } from '../text/positions.js';

/** What an agent should run as instead of a shared, privileged or human user. */
export const AGENT_INSTEAD =
  'give the agent a dedicated agent user (the Einstein Agent User profile, as sf org create agent-user makes) with only the permission sets its topics need';

/** The user records a file holds: a user definition or the User records of a tree file. */
export function recordsOf(file: FileFacts): UserRecord[] {
  if (file.kind === 'userDefinition') return [file.user];
  if (file.kind === 'dataTree') return file.users;
  return [];
}

/** What a user source calls the file, for messages. */
export function sourceName(file: FileFacts): string {
  return file.kind === 'userDefinition' ? 'This user definition' : 'This User record';
}

/** The field of a record that best shows why it is a given system user. */
export function identifyingField(record: UserRecord, reason: string): Range {
  const pick = (l: Located | undefined) => l?.range;
  const fallback = pick(record.username) ?? pick(record.lastName) ?? pick(record.name) ?? record.range;
  if (/UserType/.test(reason)) return pick(record.userType) ?? fallback;
  if (/username/.test(reason)) return fallback;
  if (/licence/.test(reason)) return pick(record.profileName) ?? pick(record.profileId) ?? fallback;
  return pick(record.lastName) ?? pick(record.name) ?? fallback;
}

/** The field a user-source finding about the licence points at: the profile, else the username. */
export function profileField(record: UserRecord): Range {
  return record.profileName?.range ?? record.profileId?.range ?? record.username?.range ?? record.range;
}

export function label(kind: SystemUserKind): string {
  return SYSTEM_USER_LABELS[kind];
}

/** The system user a username names, through the model (snapshot, records, username pattern). */
export function systemUserOf(org: OrgModel, username: string): { kind: SystemUserKind; reason: string; view: UserView } | undefined {
  const view = org.viewOf(username);
  const m = org.systemUser(view);
  return m ? { ...m, view } : undefined;
}

/** Splits a flag value that may hold several comma-separated usernames. */
export function usernamesIn(value: Located): Located[] {
  if (!value.value.includes(',')) return [value];
  return value.value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => ({ value: v, range: value.range }));
}

/**
 * The system user that `sf org create agent-user` would make a look-alike of:
 * its `--base-username` (or `--username`) has a system user's form, or its first and last names
 * (default `Agent` `User`) are `Platform Integration User` or `Automated Process`. The range is the
 * flag value that makes it so.
 */
export function agentUserLookalike(c: SfCommand): { kind: SystemUserKind; reason: string; range: Range } | undefined {
  for (const flag of ['username', 'base-username']) {
    const value = c.flags[flag];
    const m = value ? recogniseUsername(value.value) : undefined;
    if (value && m) return { kind: m.kind, reason: `--${flag} ${value.value}: ${m.reason}`, range: value.range };
  }
  const first = c.flags['first-name'];
  const last = c.flags['last-name'];
  if (!first && !last) return undefined;
  const name = `${first?.value.trim() ?? 'Agent'} ${last?.value.trim() ?? 'User'}`.replace(/\s+/g, ' ');
  const range = (last ?? first)?.range as Range;
  const lastName = last?.value.trim().toLowerCase();
  if (name.toLowerCase() === 'platform integration user' || lastName === 'platform integration user')
    return { kind: 'piu', reason: `its name would be ${lastName === 'platform integration user' ? last?.value.trim() : name}`, range };
  if (name.toLowerCase() === 'automated process') return { kind: 'automated-process', reason: `its name would be ${name}`, range };
  return undefined;
}

/** The system user a `--where` or `--values` clause of `sf data update record` selects. */
export function systemUserOfClause(clause: string): { kind: SystemUserKind; text: string } | undefined {
  const username = /\bUsername\s*=\s*['"]?([^'"\s]+)/i.exec(clause)?.[1];
  const byName = username ? recogniseUsername(username) : undefined;
  if (byName) return { kind: byName.kind, text: `Username=${username}` };
  if (/\bUserType\s*=\s*'?CloudIntegrationUser/i.test(clause)) return { kind: 'piu', text: 'UserType=CloudIntegrationUser' };
  if (/\b(?:Last)?Name\s*=\s*'Platform Integration User'/i.test(clause)) return { kind: 'piu', text: "Name='Platform Integration User'" };
  if (/\bUserType\s*=\s*'?AutomatedProcess/i.test(clause)) return { kind: 'automated-process', text: 'UserType=AutomatedProcess' };
  if (/\bName\s*=\s*'Automated Process'/i.test(clause)) return { kind: 'automated-process', text: "Name='Automated Process'" };
  return undefined;
}

/** A system user an Apex expression acts on, and the query target that selects it. */
export interface ApexSystemUser {
  kind: SystemUserKind;
  target: ApexTarget;
}

/**
 * The system users an Apex use acts on, the first target of each kind: a condition that identifies
 * one on its own, or a username the model recognises (its form, or the snapshot's record).
 */
export function systemUsersOfApex(org: OrgModel, use: ApexUse): ApexSystemUser[] {
  const out: ApexSystemUser[] = [];
  for (const target of use.targets) {
    const kind = (target.kind as SystemUserKind | undefined) ?? (target.username ? systemUserOf(org, target.username)?.kind : undefined);
    if (kind && !out.some((o) => o.kind === kind)) out.push({ kind, target });
  }
  return out;
}

/** What an Apex file is called in messages: anonymous Apex (`*.apex`, run with `sf apex run`) or Apex. */
export function apexName(file: ApexFacts): string {
  return file.path.endsWith('.apex') ? 'This anonymous Apex' : 'This Apex';
}

/** Related locations of an Apex finding: the condition or username literal that selects the user, and the query that binds a list. */
export function apexRelated(file: ApexFacts, s: ApexSystemUser): RelatedLocation[] {
  const who = label(s.kind);
  if (!s.target.query) return [{ path: file.path, range: s.target.range, message: `the query that selects ${who}` }];
  return [
    { path: file.path, range: s.target.range, message: `'${s.target.literal ?? s.target.username}', ${who}, in the list the query binds` },
    { path: file.path, range: s.target.query, message: `the query that selects ${who}` },
  ];
}
