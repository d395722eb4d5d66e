import type { Config } from '../config/config.js';
import { isAgentLicense, isAgentProfile } from '../domain/agents.js';
import { integrationProfileWord, integrationUserName } from '../domain/integrationNames.js';
import { CLOUD_INTEGRATION_USER, isFeatureIntegrationLicense, SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import { API_ONLY_PROFILES, standardProfileLicense } from '../domain/profiles.js';
import { recogniseUsername, type SystemUserKind } from '../domain/users.js';
import type {
  FileFacts,
  Located,
  MetadataFacts,
  ObjectPermissionFact,
  PermissionSetFacts,
  PermissionSetGroupFacts,
  ProfileFacts,
  UserPermissionFact,
  UserRecord,
} from '../facts/facts.js';
import { matchesValueGlob } from '../text/glob.js';
import type { Range } from '../text/positions.js';
import {
  agentsKey,
  assignmentsKey,
  type DependencyKey,
  groupsKey,
  type KeyRecorder,
  loginsKey,
  permissionSetKey,
  profileKey,
  userKey,
  usersKey,
} from './keys.js';
import type { OrgSnapshot, SnapshotAssignment, SnapshotUser } from './snapshot.js';

/** One reason behind an answer of the model, with the place that makes it so when there is one. */
export interface Reason {
  text: string;
  path?: string;
  range?: Range;
  /** The reason is a name (docs/integration-names.md), not a certain signal. */
  byName?: boolean;
}

/** How a rule asks the model about integration users and profiles. */
export interface IntegrationQuery {
  /** Whether names count (the rule option `byName`, default true). */
  byName?: boolean;
}

/** A query's part of an answer's key (`OrgModel.once`): the same answer for the same question. */
export function queryKey(query: IntegrationQuery): string {
  return query.byName === false ? 'ids only' : 'names count';
}

/** A user as iulint knows it: from a workspace record, from the snapshot, or from both. */
export interface UserView {
  username: string | undefined;
  record: UserRecord | undefined;
  snapshot: SnapshotUser | undefined;
}

export interface LicenseAnswer {
  license: string;
  reason: Reason;
}

export interface PermissionSetView {
  name: string;
  /** The main file (license, hasActivationRequired), when the workspace has it. */
  main: MetadataFacts | undefined;
  facts: PermissionSetFacts | undefined;
  /** User permissions from every file of the set (decomposed sets spread them over several files). */
  userPermissions: Array<UserPermissionFact & { path: string }>;
  /** Object permissions from every file of the set. */
  objectPermissions: Array<ObjectPermissionFact & { path: string }>;
}

export interface Assignment {
  user: UserView;
  /** The place that assigns it: a `permsets` entry, a tree or snapshot record, a connected app. */
  via: Reason;
  /** The user record whose own `permsets` entry this is (a user definition's, a tree User record's). */
  permsetsOf?: UserRecord;
}

const lower = (s: string) => s.trim().toLowerCase();
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
/** Appends to a key's list in place (a copy per append made a file naming one user 40,000 times take minutes). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What the model is built from, indexed once: profiles, permission sets and groups by name, users by
 * username and by tree reference, the snapshot's users, logins and assignments. Never changed after
 * it is built, and never read without a recorder: only `OrgModel` reads it.
 */
class OrgIndex {
  readonly profiles = new Map<string, Array<{ facts: ProfileFacts; file: MetadataFacts }>>();
  readonly permissionSets = new Map<string, PermissionSetView>();
  readonly groups: Array<{ facts: PermissionSetGroupFacts; file: MetadataFacts }> = [];
  /** The first group of each name (lower-case). */
  readonly groupsByName = new Map<string, { facts: PermissionSetGroupFacts; file: MetadataFacts }>();
  /** The groups that hold a permission set, by its name (lower-case), in the order of `groups`. */
  readonly groupsByMember = new Map<string, Array<{ facts: PermissionSetGroupFacts; file: MetadataFacts }>>();
  readonly records = new Map<string, UserRecord[]>();
  readonly recordsByRef = new Map<string, UserRecord>();
  readonly snapshotUsers = new Map<string, SnapshotUser>();
  readonly snapshotById = new Map<string, SnapshotUser>();
  readonly logins = new Map<string, Reason[]>();
  /** Agent running-user elements by the username they name (lower-case). */
  readonly agents = new Map<string, Reason[]>();
  readonly assignments = new Map<string, Assignment[]>();
  /** The same assignments by the assignee's username (lower-case), with the permission set's name as written. */
  readonly assignmentsByUser = new Map<string, Array<{ name: string; assignment: Assignment }>>();
  /**
   * The snapshot's assignments that name a set (or group) and a user, by the set's name (lower-case),
   * in the snapshot's order: a rule asks for each permission set of the project, and a scan of tens
   * of thousands of assignments for each made a large org take seconds.
   */
  readonly snapshotAssignments = new Map<string, SnapshotAssignment[]>();
  /** The first of the snapshot's users with a profile of each Id, by the Id's first 15 characters (Ids match on those). */
  readonly snapshotByProfileId = new Map<string, SnapshotUser>();
  /** Answers computed once for the model (`OrgModel.once`), with the keys their computation read. */
  readonly answers = new Map<string, { value: unknown; keys: readonly DependencyKey[] }>();
  private readonly ids = new WeakMap<UserRecord, number>();
  private lastId = 0;

  /** A number for a user record, the same for the model's life: part of an answer's key (`integrationUser`). */
  idOf(facts: UserRecord): number {
    let id = this.ids.get(facts);
    if (id === undefined) {
      id = ++this.lastId;
      this.ids.set(facts, id);
    }
    return id;
  }

  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    readonly snapshot: OrgSnapshot | undefined,
  ) {
    for (const f of files.values()) this.add(f);
    for (const g of this.groups) {
      const name = lower(g.facts.name);
      if (!this.groupsByName.has(name)) this.groupsByName.set(name, g);
      for (const member of new Set(g.facts.permissionSets.map((p) => lower(p.value)))) push(this.groupsByMember, member, g);
    }
    for (const a of snapshot?.permissionSetAssignments ?? [])
      if (a.permissionSetName && a.assigneeUsername) push(this.snapshotAssignments, lower(a.permissionSetName), a);
    for (const u of snapshot?.users ?? []) {
      this.snapshotUsers.set(lower(u.username), u);
      if (u.id) {
        this.snapshotById.set(u.id, u);
        this.snapshotById.set(u.id.slice(0, 15), u);
      }
    }
    for (const u of this.snapshotUsers.values()) {
      const id = u.profileId?.slice(0, 15);
      if (id && u.profileName && !this.snapshotByProfileId.has(id)) this.snapshotByProfileId.set(id, u);
    }
    this.indexAssignments();
  }

  private add(f: FileFacts): void {
    if (f.kind === 'metadata') {
      if (f.profile) {
        const key = lower(f.profile.name);
        push(this.profiles, key, { facts: f.profile, file: f });
      }
      if (f.permissionSet) {
        const key = lower(f.permissionSet.name);
        const view = this.permissionSets.get(key) ?? {
          name: f.permissionSet.name,
          main: undefined,
          facts: undefined,
          userPermissions: [],
          objectPermissions: [],
        };
        if (!f.permissionSet.part) {
          view.main = f;
          view.facts = f.permissionSet;
        }
        // Each field named, not spread: a spread of objects of many shapes (facts read here and facts
        // copied from worker threads) is several times slower, and the model is built on every check.
        const path = f.path;
        for (const p of f.permissionSet.userPermissions)
          view.userPermissions.push({ name: p.name, enabled: p.enabled, nameRange: p.nameRange, enabledValue: p.enabledValue, path });
        for (const o of f.permissionSet.objectPermissions)
          view.objectPermissions.push({
            object: o.object,
            allowCreate: o.allowCreate,
            allowEdit: o.allowEdit,
            allowDelete: o.allowDelete,
            modifyAllRecords: o.modifyAllRecords,
            path,
          });
        this.permissionSets.set(key, view);
      }
      if (f.permissionSetGroup) this.groups.push({ facts: f.permissionSetGroup, file: f });
      for (const ref of f.userReferences) {
        if (ref.kind !== 'login' && ref.kind !== 'agent') continue;
        const reason = { text: `${ref.element} in ${baseName(f.path)}`, path: f.path, range: ref.username.range };
        if (ref.kind === 'login') this.addLogin(ref.username.value, reason);
        else this.addAgent(ref.username.value, reason);
      }
    } else if (f.kind === 'agentScript') {
      for (const ref of f.userReferences)
        this.addAgent(ref.username.value, { text: `${ref.element} in ${baseName(f.path)}`, path: f.path, range: ref.username.range });
    } else if (f.kind === 'userDefinition') {
      this.addRecord(f.user);
    } else if (f.kind === 'dataTree') {
      for (const u of f.users) this.addRecord(u);
    } else if (f.kind === 'script') {
      for (const c of f.commands) {
        const u = c.command === 'org login jwt' ? c.flags.username : undefined;
        if (u) this.addLogin(u.value, { text: `sf ${c.command} in ${baseName(f.path)}`, path: f.path, range: u.range });
      }
    } else if (f.kind === 'sfConfig' && f.targetOrg) {
      this.addLogin(f.targetOrg.value, { text: `target-org in ${baseName(f.path)}`, path: f.path, range: f.targetOrg.range });
    }
  }

  private addRecord(u: UserRecord): void {
    if (u.username) {
      const key = lower(u.username.value);
      push(this.records, key, u);
    }
    if (u.referenceId) this.recordsByRef.set(`@${u.referenceId.toLowerCase()}`, u);
  }

  private addLogin(username: string, reason: Reason): void {
    const key = lower(username);
    push(this.logins, key, reason);
  }

  private addAgent(username: string, reason: Reason): void {
    const key = lower(username);
    push(this.agents, key, reason);
  }

  private addAssignment(psName: string, a: Assignment): void {
    const key = lower(psName);
    push(this.assignments, key, a);
    if (a.user.username) {
      const u = lower(a.user.username);
      push(this.assignmentsByUser, u, { name: psName.trim(), assignment: a });
    }
  }

  /** Every assignment of a permission set (or group) to a user the model knows. */
  private indexAssignments(): void {
    for (const f of this.files.values()) {
      const records = f.kind === 'userDefinition' ? [f.user] : f.kind === 'dataTree' ? f.users : [];
      for (const u of records) {
        const user = this.viewOfRecord(u);
        for (const ps of u.permsets)
          this.addAssignment(ps.value, {
            user,
            via: { text: `permsets of ${baseName(f.path)}`, path: f.path, range: ps.range },
            permsetsOf: u,
          });
      }
      if (f.kind === 'dataTree') {
        for (const a of f.assignments) {
          if (!a.permissionSetName || !a.assignee) continue;
          const user = this.userByAssignee(a.assignee.value);
          if (user)
            this.addAssignment(a.permissionSetName.value, {
              user,
              via: { text: `PermissionSetAssignment in ${baseName(f.path)}`, path: f.path, range: a.permissionSetName.range },
            });
        }
      }
      if (f.kind === 'metadata' && f.connectedApp?.runAsUser) {
        const user = this.viewOf(f.connectedApp.runAsUser.value);
        for (const ps of f.connectedApp.permissionSetNames) {
          this.addAssignment(ps.value, {
            user,
            via: { text: `permissionSetName of connected app ${f.connectedApp.name}`, path: f.path, range: ps.range },
          });
        }
      }
    }
    for (const a of this.snapshot?.permissionSetAssignments ?? []) {
      if (!a.permissionSetName || a.isOwnedByProfile || !a.assigneeUsername) continue;
      this.addAssignment(a.permissionSetName, {
        user: this.viewOf(a.assigneeUsername),
        via: { text: `a PermissionSetAssignment in the org snapshot`, path: a.source.path, range: a.source.range },
      });
    }
  }

  viewOf(username: string): UserView {
    const key = lower(username);
    return { username, record: this.records.get(key)?.[0], snapshot: this.snapshotUsers.get(key) };
  }

  viewOfRecord(record: UserRecord): UserView {
    const username = record.username?.value;
    return { username, record, snapshot: username ? this.snapshotUsers.get(lower(username)) : undefined };
  }

  /** The user an `AssigneeId` names (see `OrgModel.userByAssignee`). */
  userByAssignee(value: string): UserView | undefined {
    if (value.startsWith('@')) {
      const r = this.recordsByRef.get(value.toLowerCase());
      return r ? this.viewOfRecord(r) : undefined;
    }
    const s = this.snapshotById.get(value) ?? this.snapshotById.get(value.slice(0, 15));
    return s ? this.viewOf(s.username) : undefined;
  }
}

/**
 * The org as the workspace, the snapshot and the configuration describe it, built from file facts
 * (never from XML) and never changed. Each lookup tells the recorder the model was made with which
 * dependency key it read (`keys.ts`), so the workspace knows which files depend on which:
 * `recording(recorder)` gives a model over the same index that records into another recorder.
 */
export class OrgModel {
  private constructor(
    private readonly index: OrgIndex,
    readonly config: Config,
    /** Strings that stand for a username until deploy time (`replacements` of sfdx-project.json). */
    readonly placeholders: readonly string[],
    private readonly record: KeyRecorder,
  ) {}

  /** Builds the model of these files, snapshot and configuration; its lookups record nothing. */
  static build(
    files: ReadonlyMap<string, FileFacts>,
    snapshot: OrgSnapshot | undefined,
    config: Config,
    placeholders: readonly string[] = [],
  ): OrgModel {
    return new OrgModel(new OrgIndex(files, snapshot), config, placeholders, () => {});
  }

  /**
   * An answer computed once for the model, under `key` (the model is built again after any change, so
   * an answer is never stale): `compute` runs with a model that records into the answer's own keys, and
   * every caller records those keys, as if it had computed the answer itself. For what the rules ask
   * again and again, file after file: computed each time, such answers made a large org quadratic.
   * The answer is shared: callers must not change it.
   */
  once<T>(key: string, compute: (org: OrgModel) => T): T {
    let hit = this.index.answers.get(key);
    if (!hit) {
      const keys = new Set<DependencyKey>();
      const value = compute(new OrgModel(this.index, this.config, this.placeholders, (k) => keys.add(k)));
      hit = { value, keys: [...keys] };
      this.index.answers.set(key, hit);
    }
    for (const k of hit.keys) this.record(k);
    return hit.value as T;
  }

  /** The same model (nothing is built again) whose lookups tell `recorder` every key they read. */
  recording(recorder: KeyRecorder): OrgModel {
    return new OrgModel(this.index, this.config, this.placeholders, recorder);
  }

  get files(): ReadonlyMap<string, FileFacts> {
    return this.index.files;
  }

  get snapshot(): OrgSnapshot | undefined {
    return this.index.snapshot;
  }

  /** The user an `AssigneeId` names: an `@reference` to a tree record, or an Id the snapshot knows. */
  userByAssignee(value: string): UserView | undefined {
    const user = this.index.userByAssignee(value);
    if (user?.username) this.record(userKey(user.username));
    return user;
  }

  // ---- lookups (each records what it read) ----

  profile(name: string): { facts: ProfileFacts; file: MetadataFacts } | undefined {
    this.record(profileKey(name));
    return this.index.profiles.get(lower(name))?.[0];
  }

  permissionSet(name: string): PermissionSetView | undefined {
    this.record(permissionSetKey(name));
    return this.index.permissionSets.get(lower(name));
  }

  /** The permission set groups that contain a permission set. */
  groupsContaining(psName: string): ReadonlyArray<{ facts: PermissionSetGroupFacts; file: MetadataFacts }> {
    this.record(groupsKey());
    return this.index.groupsByMember.get(lower(psName)) ?? [];
  }

  /** Every assignment of a permission set, directly or through a group that contains it. */
  assignmentsOf(psName: string): Assignment[] {
    this.record(assignmentsKey(psName));
    this.record(usersKey());
    const direct = this.index.assignments.get(lower(psName)) ?? [];
    const viaGroups = this.groupsContaining(psName).flatMap((g) =>
      (this.index.assignments.get(lower(g.facts.name)) ?? []).map((a) => ({
        ...a,
        via: { ...a.via, text: `${a.via.text}, through permission set group ${g.facts.name}` },
      })),
    );
    return [...direct, ...viaGroups];
  }

  /** The user of that username, from every source that knows it. */
  viewOf(username: string): UserView {
    this.record(userKey(username));
    return this.index.viewOf(username);
  }

  /** The user of a record (a user definition, a tree file's User), with what the snapshot knows of it. */
  viewOfRecord(record: UserRecord): UserView {
    if (record.username) this.record(userKey(record.username.value));
    return this.index.viewOfRecord(record);
  }

  /**
   * Whether the snapshot holds that username, and whether it is active. A user that the workspace's
   * own user sources create counts as present.
   */
  snapshotHas(username: string): 'active' | 'inactive' | 'missing' | 'no-snapshot' {
    if (!this.snapshot || this.snapshot.users.length === 0) return 'no-snapshot';
    this.record(userKey(username));
    const u = this.index.snapshotUsers.get(lower(username));
    if (!u && this.index.records.has(lower(username))) return 'active';
    return !u ? 'missing' : u.isActive ? 'active' : 'inactive';
  }

  /** Whether the org snapshot holds a user of this username, active or not. */
  inSnapshot(username: string): boolean {
    return this.index.snapshotUsers.has(lower(username));
  }

  /** The login elements, scripts and CLI configs that name a username. */
  loginsOf(username: string): Reason[] {
    this.record(loginsKey());
    return this.index.logins.get(lower(username)) ?? [];
  }

  /** The agent running-user elements that make an agent run as a username. */
  agentsOf(username: string): Reason[] {
    this.record(agentsKey());
    return this.index.agents.get(lower(username)) ?? [];
  }

  /**
   * Why a user is an agent user on Salesforce's own profile or licence for agents (the Einstein Agent
   * User profile, a licence whose name starts with `Einstein Agent`), or undefined. Such a user is a
   * feature's user, like one on a feature integration licence: never an integration user to license.
   */
  agentUserProfile(user: UserView): Reason | undefined {
    const profileName = this.profileNameOf(user);
    if (profileName && isAgentProfile(profileName.value)) return { text: `its profile is ${profileName.value}` };
    const licence = this.resolveLicense(user);
    if (licence && isAgentLicense(licence.license))
      return { text: `its licence is ${licence.license} (from ${licence.reason.text})`, ...at(licence.reason) };
    return undefined;
  }

  /** The permission sets of a permission set group the workspace holds, by name; undefined for any other name. */
  groupMembers(name: string): string[] | undefined {
    this.record(groupsKey());
    return this.index.groupsByName.get(lower(name))?.facts.permissionSets.map((p) => p.value);
  }

  /** The profile name of a user: `profileName`, the snapshot's `Profile.Name`, or a `ProfileId` the snapshot knows. */
  profileNameOf(user: UserView): Located | undefined {
    if (user.record?.profileName) return user.record.profileName;
    if (user.snapshot?.profileName) return user.snapshot.profileName;
    const id = user.record?.profileId?.value;
    if (id) {
      this.record(usersKey());
      const s = this.index.snapshotByProfileId.get(id.slice(0, 15));
      if (s?.profileName) return { value: s.profileName.value, range: user.record?.profileId?.range as Range };
    }
    return undefined;
  }

  /**
   * The user's licence, first found wins: the snapshot's `Profile.UserLicense.Name`; the
   * `<userLicense>` of the workspace's profile of that name; the table of standard profiles.
   */
  resolveLicense(user: UserView): LicenseAnswer | undefined {
    if (user.snapshot?.licenseName) {
      return {
        license: user.snapshot.licenseName,
        reason: { text: 'the org snapshot', path: user.snapshot.source.path, range: user.snapshot.source.range },
      };
    }
    const profileName = this.profileNameOf(user);
    if (!profileName) {
      // `sf org create user` without a profile gives Standard User.
      if (user.record && !user.record.profileId) {
        return { license: 'Salesforce', reason: { text: 'no profileName: sf org create user gives the Standard User profile' } };
      }
      return undefined;
    }
    const file = this.profile(profileName.value);
    if (file?.facts.userLicense) {
      return {
        license: file.facts.userLicense.value,
        reason: { text: `the profile ${file.facts.name}`, path: file.file.path, range: file.facts.userLicense.range },
      };
    }
    const builtIn = standardProfileLicense(profileName.value);
    if (builtIn) return { license: builtIn, reason: { text: `the standard profile ${profileName.value}` } };
    return undefined;
  }

  /** Whether a user is the PIU or a reserved system user, and why. */
  systemUser(user: UserView): { kind: SystemUserKind; reason: string } | undefined {
    const r = user.record;
    const s = user.snapshot;
    const userType = r?.userType?.value ?? s?.userType;
    if (userType?.toLowerCase() === 'cloudintegrationuser') return { kind: 'piu', reason: 'its UserType is CloudIntegrationUser' };
    if (userType?.toLowerCase() === 'automatedprocess') return { kind: 'automated-process', reason: 'its UserType is AutomatedProcess' };
    const licence = this.resolveLicense(user);
    if (licence && sameLicense(licence.license, CLOUD_INTEGRATION_USER))
      return { kind: 'piu', reason: `its licence is Cloud Integration User (from ${licence.reason.text})` };
    if (user.username) {
      const m = recogniseUsername(user.username);
      if (m) return m;
    }
    const names = [
      r?.name?.value,
      r?.lastName?.value,
      s?.name,
      r?.firstName && r?.lastName ? `${r.firstName.value} ${r.lastName.value}` : undefined,
    ];
    for (const n of names) {
      if (!n) continue;
      if (lower(n) === 'platform integration user') return { kind: 'piu', reason: `its name is ${n}` };
      if (lower(n) === 'automated process') return { kind: 'automated-process', reason: `its name is ${n}` };
    }
    if (
      licence &&
      sameLicense(licence.license, 'Analytics Cloud Integration User') &&
      user.username &&
      /^integration@/i.test(user.username)
    ) {
      return { kind: 'analytics-integration', reason: 'its licence is Analytics Cloud Integration User' };
    }
    if (licence && sameLicense(licence.license, 'Analytics Cloud Security User'))
      return { kind: 'analytics-security', reason: 'its licence is Analytics Cloud Security User' };
    return undefined;
  }

  /**
   * The permission sets assigned to a user, with where each assignment is made: its record's own
   * `permsets`, then every other assignment of its username (another user source's `permsets`, a tree
   * `PermissionSetAssignment`, the org snapshot, a client-credentials connected app).
   */
  permissionSetsOf(user: UserView): Array<{ name: string; via: Reason }> {
    const out: Array<{ name: string; via: Reason }> = [];
    for (const ps of user.record?.permsets ?? [])
      out.push({ name: ps.value, via: { text: 'its permsets', path: user.record?.path, range: ps.range } });
    if (user.username) {
      this.record(usersKey());
      for (const { name, assignment } of this.index.assignmentsByUser.get(lower(user.username)) ?? []) {
        // The record's own permsets are listed above; an assignment made elsewhere is not one of them.
        if (!user.record || assignment.permsetsOf !== user.record) out.push({ name, via: assignment.via });
      }
    }
    return out;
  }

  /**
   * Why a profile is an integration profile by its name (docs/integration-names.md), or undefined. `license` is the
   * licence known from elsewhere (the snapshot) when the profile's file does not say.
   */
  profileByName(name: string, facts?: ProfileFacts, license?: string): Reason | undefined {
    const word = integrationProfileWord(
      { name, custom: facts?.custom, license: facts?.userLicense?.value ?? license },
      this.config.integrationNames,
    );
    return word ? { text: `named like an integration profile: '${name}'`, byName: true } : undefined;
  }

  /**
   * Why a profile is an integration profile: it enables API Only User, its licence is Salesforce
   * Integration, or (v2) its name; undefined when not, and always for a feature integration licence.
   */
  integrationProfile(profile: ProfileFacts, query: IntegrationQuery = {}): Reason | undefined {
    const licence = profile.userLicense?.value;
    if (licence && isFeatureIntegrationLicense(licence)) return undefined;
    // v3: the agent users' own profile and licence are a feature's, whatever ApiUserOnly says.
    if (isAgentProfile(profile.name) || (licence && isAgentLicense(licence))) return undefined;
    const api = profile.userPermissions.find((p) => p.enabled && lower(p.name) === 'apiuseronly');
    if (api) return { text: 'it enables API Only User', range: api.nameRange };
    if (licence && sameLicense(licence, SALESFORCE_INTEGRATION)) return { text: `its licence is ${SALESFORCE_INTEGRATION}` };
    return query.byName === false ? undefined : this.profileByName(profile.name, profile);
  }

  /**
   * Whether a user is an integration user and every reason why, the certain ones first;
   * undefined when not. The PIU, reserved users and users on feature integration licences never are.
   */
  integrationUser(user: UserView, query: IntegrationQuery = {}): Reason[] | undefined {
    // Once for each user (its username and record) and question: a permission set's rules ask it of
    // every assignee, and a user's answer reads every set it holds.
    const record = user.record ? this.index.idOf(user.record) : 0;
    const key = `integrationUser ${queryKey(query)} ${record} ${user.username ?? ''}`;
    return this.once(key, (org) => org.integrationUserOnce(user, query));
  }

  private integrationUserOnce(user: UserView, query: IntegrationQuery): Reason[] | undefined {
    if (this.systemUser(user)) return undefined;
    const licence = this.resolveLicense(user);
    if (licence && isFeatureIntegrationLicense(licence.license)) return undefined;
    if (this.agentUserProfile(user)) return undefined; // v3: an agent user, whatever its name or ApiUserOnly says
    const reasons: Reason[] = [];
    const named: Reason[] = [];
    const profileName = this.profileNameOf(user);
    if (profileName) {
      const file = this.profile(profileName.value);
      if (file) {
        const api = file.facts.userPermissions.find((p) => p.enabled && lower(p.name) === 'apiuseronly');
        if (api) reasons.push({ text: `its profile ${file.facts.name} enables API Only User`, path: file.file.path, range: api.nameRange });
      }
      if (API_ONLY_PROFILES.some((p) => lower(p) === lower(profileName.value)))
        reasons.push({ text: `its profile is ${profileName.value}` });
      const byName = query.byName === false ? undefined : this.profileByName(profileName.value, file?.facts, licence?.license);
      const where = file?.facts.userLicense?.range ?? file?.file.root?.range;
      if (byName)
        named.push({ ...byName, text: `its profile is ${byName.text}`, ...(file && where ? { path: file.file.path, range: where } : {}) });
    }
    if (licence && sameLicense(licence.license, SALESFORCE_INTEGRATION))
      reasons.push({ text: `its licence is Salesforce Integration (from ${licence.reason.text})`, ...at(licence.reason) });
    for (const ps of this.permissionSetsOf(user)) {
      const view = this.permissionSet(ps.name) ?? this.groupAsPermissionSets(ps.name);
      const api = view?.userPermissions.find((p) => p.enabled && lower(p.name) === 'apiuseronly');
      if (api) reasons.push({ text: `its permission set ${ps.name} enables API Only User`, path: api.path, range: api.nameRange });
    }
    if (user.username) {
      for (const l of this.loginsOf(user.username)) reasons.push({ text: `it is named by ${l.text}`, ...at(l) });
      const pattern = this.config.integrationUsers.find((g) => matchesValueGlob(g, user.username as string));
      if (pattern) reasons.push({ text: `its username matches "${pattern}" of integrationUsers in the configuration` });
    }
    const own = query.byName === false ? undefined : this.userByName(user);
    if (own) named.unshift(own);
    const all = [...reasons, ...named];
    return all.length > 0 ? all : undefined;
  }

  /** Why a user's own names (username, Alias, FirstName, LastName, Name) make it an integration user (v2). */
  private userByName(user: UserView): Reason | undefined {
    const r = user.record;
    const s = user.snapshot;
    if (!r && !s) return undefined; // only users from a user source
    const hit = integrationUserName(
      {
        username: user.username,
        alias: r?.alias?.value ?? s?.alias,
        firstName: r?.firstName?.value ?? s?.firstName,
        lastName: r?.lastName?.value ?? s?.lastName,
        name: r?.name?.value ?? s?.name,
      },
      this.config.integrationNames,
    );
    if (!hit) return undefined;
    const field = r?.[hit.key];
    return {
      text: `named like an integration user: '${hit.value}' (its ${hit.field})`,
      byName: true,
      ...(r && field ? { path: r.path, range: field.range } : s ? { path: s.source.path, range: s.source.range } : {}),
    };
  }

  /** A group's permission sets seen as one set (for API-only checks through a group). */
  private groupAsPermissionSets(name: string): PermissionSetView | undefined {
    this.record(groupsKey());
    const g = this.index.groupsByName.get(lower(name));
    if (!g) return undefined;
    const perms = g.facts.permissionSets.flatMap((p) => this.permissionSet(p.value)?.userPermissions ?? []);
    return { name, main: undefined, facts: undefined, userPermissions: perms, objectPermissions: [] };
  }

  /** Why a permission set is consented for the PIU (docs/rules/piu-session-based.md), or undefined. */
  consented(ps: PermissionSetFacts): Reason | undefined {
    if (ps.license && sameLicense(ps.license.value, CLOUD_INTEGRATION_USER))
      return { text: 'its licence is Cloud Integration User', range: ps.license.range };
    if (/^sfdcInternalInt__/i.test(ps.name)) return { text: 'its name has the namespace prefix sfdcInternalInt__' };
    this.record(usersKey());
    return this.assignedToPiu(ps.name);
  }

  /**
   * Why the snapshot assigns the set or group of that name to the PIU, or undefined: worked out once
   * for each name that has assignments (each of a set's files' rules asks, and every group holding it).
   */
  private assignedToPiu(name: string): Reason | undefined {
    const assignments = this.index.snapshotAssignments.get(lower(name));
    if (!assignments) return undefined;
    return this.once(`assigned to the PIU ${lower(name)}`, (org) => {
      for (const a of assignments)
        if (org.systemUser(org.viewOf(a.assigneeUsername as string))?.kind === 'piu')
          return { text: 'the org snapshot assigns it to the Platform Integration User', path: a.source.path, range: a.source.range };
      return undefined;
    });
  }

  /** Why a permission set group is consented: it holds a consented set, or the snapshot assigns it to the PIU. */
  consentedGroup(g: PermissionSetGroupFacts): Reason | undefined {
    for (const member of g.permissionSets) {
      const view = this.permissionSet(member.value);
      const memberName = member.value;
      const reason = view?.facts
        ? this.consented(view.facts)
        : /^sfdcInternalInt__/i.test(memberName)
          ? { text: 'its name has the namespace prefix sfdcInternalInt__' }
          : undefined;
      if (reason)
        return {
          text: `it contains ${memberName}, a consented permission set (${reason.text})`,
          path: view?.main?.path,
          range: member.range,
        };
    }
    return this.assignedToPiu(g.name);
  }

  /** Users from the workspace's user definition files, in path order. */
  userDefinitions(): UserRecord[] {
    this.record(usersKey());
    const out: UserRecord[] = [];
    for (const f of this.index.files.values()) if (f.kind === 'userDefinition') out.push(f.user);
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

function at(reason: Reason): { path?: string; range?: Range } {
  const out: { path?: string; range?: Range } = {};
  if (reason.path) out.path = reason.path;
  if (reason.range) out.range = reason.range;
  return out;
}
