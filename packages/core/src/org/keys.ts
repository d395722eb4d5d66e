import type { FileFacts } from '../facts/facts.js';

/**
 * The dependency keys between files: what a lookup of the org model reads, and what a file's facts
 * provide. Both sides are spelled here, one function per kind of key, so that a lookup and the file
 * that answers it cannot disagree on a key (a mistyped key would silently stop a file from being
 * linted again when what it read changed). A key is a branded string: only these functions make one.
 */
export type DependencyKey = string & { readonly __dependencyKey: unique symbol };

/** Where a lookup records the keys it reads (`lintFacts` collects them per file). */
export type KeyRecorder = (key: DependencyKey) => void;

const key = (s: string) => s as DependencyKey;
const lower = (s: string) => s.trim().toLowerCase();

/** A profile by its name: its file's licence and permissions. */
export function profileKey(name: string): DependencyKey {
  return key(`profile:${lower(name)}`);
}

/** A permission set by its name: every file of it (decomposed sets spread over several). */
export function permissionSetKey(name: string): DependencyKey {
  return key(`permset:${lower(name)}`);
}

/** The permission set groups: which sets each holds. */
export function groupsKey(): DependencyKey {
  return key('psg');
}

/** The assignments of a permission set (or group) by its name: `permsets`, tree records, connected apps. */
export function assignmentsKey(permissionSetName: string): DependencyKey {
  return key(`assign:${lower(permissionSetName)}`);
}

/** Every user source and what it assigns: the list of users as a whole. */
export function usersKey(): DependencyKey {
  return key('users');
}

/** One user by its username: its record in a user definition or tree file. */
export function userKey(username: string): DependencyKey {
  return key(`user:${lower(username)}`);
}

/** The places that log in as a user: login elements, `sf org login jwt`, `target-org`. */
export function loginsKey(): DependencyKey {
  return key('logins');
}

/** The agents that run as a user: agent running-user elements. */
export function agentsKey(): DependencyKey {
  return key('agents');
}

/** The keys a file's facts provide to the org model; the files whose findings read one of them depend on it. */
export function providedKeys(f: FileFacts | undefined): Set<DependencyKey> {
  const keys = new Set<DependencyKey>();
  if (!f) return keys;
  if (f.kind === 'metadata') {
    if (f.profile) keys.add(profileKey(f.profile.name));
    if (f.permissionSet) keys.add(permissionSetKey(f.permissionSet.name));
    if (f.permissionSetGroup) keys.add(groupsKey());
    for (const ps of f.connectedApp?.permissionSetNames ?? []) keys.add(assignmentsKey(ps.value));
    if (f.connectedApp) keys.add(usersKey());
    if (f.userReferences.some((r) => r.kind === 'login')) keys.add(loginsKey());
    if (f.userReferences.some((r) => r.kind === 'agent')) keys.add(agentsKey());
  } else if (f.kind === 'agentScript') {
    if (f.userReferences.length > 0) keys.add(agentsKey());
  } else if (f.kind === 'userDefinition' || f.kind === 'dataTree') {
    keys.add(usersKey());
    const records = f.kind === 'userDefinition' ? [f.user] : f.users;
    for (const u of records) {
      if (u.username) keys.add(userKey(u.username.value));
      for (const ps of u.permsets) keys.add(assignmentsKey(ps.value));
    }
    if (f.kind === 'dataTree') for (const a of f.assignments) if (a.permissionSetName) keys.add(assignmentsKey(a.permissionSetName.value));
  } else if ((f.kind === 'script' && f.commands.some((c) => c.command === 'org login jwt')) || f.kind === 'sfConfig') {
    keys.add(loginsKey());
  }
  return keys;
}
