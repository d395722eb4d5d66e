import {
  CLOUD_INTEGRATION_USER,
  isFeatureIntegrationLicense,
  isGeneralPurposeLicense,
  SALESFORCE_INTEGRATION,
  sameLicense,
} from '../domain/licenses.js';
import { SYSTEM_USER_LABELS, type SystemUserKind } from '../domain/users.js';
import type { FileFacts, Located } from '../facts/facts.js';
import type { UserReferenceKind } from '../metadata/userReferences.js';
import type { Position, Range } from '../text/positions.js';
import type { LicenseAnswer, OrgModel, Reason, UserView } from './model.js';

/**
 * Why a user is what it is, as the model sees it: the structured answer (for an agent, a report) and
 * its Markdown (for a hover). Every part that rests on a place says where (`path`, `range`).
 */
export interface UserExplanation {
  /** The username, when the user has one (a tree record may not). */
  username: string | undefined;
  /** Where the user is defined: its record in a user definition or tree file, its record in the org snapshot. */
  definedAt: Array<{ text: string; path: string; range: Range }>;
  /** The Platform Integration User or another reserved user, and why; undefined for any other user. */
  system: { kind: SystemUserKind; label: string; reason: string } | undefined;
  /** Whether the user is an integration user, and every reason why (the certain ones first); undefined when not. */
  integration: { reasons: Reason[]; byNameOnly: boolean } | undefined;
  /**
   * The agents that run as the user (agent running-user elements naming it), and why it is
   * an agent user on Salesforce's own profile or licence for agents (never an integration user to
   * license); undefined when neither holds.
   */
  agent: { runs: Reason[]; profile: Reason | undefined } | undefined;
  /** The user's licence and where it comes from (the snapshot, a profile file, a standard profile). */
  license: LicenseAnswer | undefined;
  /** The user's profile: its name, where the user names it, and the profile's file when the workspace has it. */
  profile: { name: string; path: string | undefined; range: Range | undefined; file: string | undefined } | undefined;
  /** The permission sets (and groups) assigned to the user, with where each assignment is made. */
  permissionSets: Array<{ name: string; via: Reason }>;
  /** What the org snapshot says of the username. */
  snapshot: 'active' | 'inactive' | 'missing' | 'no-snapshot';
}

/** What iulint explains at a position of a file (a hover). */
export type Explanation =
  /**
   * A user named there (a login, run-as or agent element of metadata or Agent Script, a user record, a
   * script flag, `target-org`, an Apex username); `element.kind` is the element's group.
   */
  | { kind: 'user'; element: { name: string; login: boolean; kind: UserReferenceKind } | undefined; user: UserExplanation }
  /** A profile's `<userLicense>` or a permission set's `<license>`; for a profile, why it is an integration profile. */
  | { kind: 'license'; license: string; integrationProfile: Reason | undefined }
  /** A user permission of a profile or permission set. */
  | { kind: 'permission'; name: string; enabled: boolean; highRisk: boolean }
  /** A permission set's `<hasActivationRequired>`, and why the set is consented for the PIU. */
  | { kind: 'activation'; sessionBased: boolean; consented: Reason | undefined }
  /** An Apex query condition that selects a reserved user. */
  | { kind: 'query'; user: SystemUserKind; condition: string };

/** Whether names make integration users and profiles (the hover says "by its name" only when a rule that is on reads them). */
export interface ExplainOptions {
  byName: boolean;
}

/** Why a user is what it is: PIU or reserved, integration user and by what, licence, profile, permission sets. */
export function userExplanation(org: OrgModel, user: UserView, options: ExplainOptions): UserExplanation {
  const definedAt: UserExplanation['definedAt'] = [];
  if (user.record)
    definedAt.push({
      text: user.record.referenceId === undefined ? 'a user definition' : 'a User record of a tree file',
      path: user.record.path,
      range: user.record.range,
    });
  if (user.snapshot) definedAt.push({ text: 'the org snapshot', path: user.snapshot.source.path, range: user.snapshot.source.range });
  const system = org.systemUser(user);
  const reasons = system ? undefined : org.integrationUser(user, { byName: options.byName });
  const profileName = org.profileNameOf(user);
  const profileFile = profileName ? org.profile(profileName.value) : undefined;
  const runs = user.username ? org.agentsOf(user.username) : [];
  const agentProfile = system ? undefined : org.agentUserProfile(user);
  return {
    username: user.username,
    definedAt,
    system: system ? { ...system, label: SYSTEM_USER_LABELS[system.kind] } : undefined,
    integration: reasons ? { reasons, byNameOnly: reasons.every((r) => r.byName === true) } : undefined,
    agent: runs.length > 0 || agentProfile ? { runs, profile: agentProfile } : undefined,
    license: org.resolveLicense(user),
    profile: profileName
      ? {
          name: profileName.value,
          path: user.record?.profileName || user.record?.profileId ? user.record.path : user.snapshot?.source.path,
          range: profileName.range,
          file: profileFile?.file.path,
        }
      : undefined,
    permissionSets: org.permissionSetsOf(user),
    snapshot: user.username ? org.snapshotHas(user.username) : 'no-snapshot',
  };
}

const MANAGED = 'Salesforce creates and manages this user: nobody may create it, edit it, log in as it or make it run work.';

/** A user's explanation in Markdown: who it is, its licence, what the snapshot says, its profile and permission sets. */
export function userMarkdown(e: UserExplanation): string {
  const name = e.username ?? 'This user';
  const lines: string[] = [];
  if (e.system) lines.push(`**${name}** is ${e.system.label}: ${e.system.reason}.`, '', MANAGED);
  else if (e.agent?.profile)
    lines.push(
      `**${name}** is an agent user: ${e.agent.profile.text}, Salesforce's own profile and licence for the users Agentforce agents run as (what \`sf org create agent-user\` makes), so it is not an integration user to license. Give it only the permission sets its agent's topics need.`,
    );
  else if (e.integration) {
    lines.push(
      `**${name}** is an integration user${e.integration.byNameOnly ? ' by its name only (less certain than the other signals)' : ''}:`,
    );
    for (const r of e.integration.reasons) lines.push(`- ${r.text}`);
  } else
    lines.push(
      `**${name}** is an ordinary user (not an integration user as far as the workspace, the snapshot and the configuration tell).`,
    );
  if (e.agent && e.agent.runs.length > 0) {
    lines.push(
      '',
      `Agents run as this user (${e.agent.runs.map((r) => r.text).join(', ')}): whatever a prompt can make such an agent do, it does with this user's permissions.`,
    );
    if (!e.agent.profile && !e.system)
      lines.push(
        '',
        'A service agent should run as a dedicated agent user on the Einstein Agent User profile, not as a shared or human user.',
      );
  }
  if (e.license) lines.push('', `Licence: **${e.license.license}**, from ${e.license.reason.text}.`);
  else lines.push('', 'Licence: unknown (no snapshot, profile file or standard profile resolves it).');
  if (e.snapshot !== 'no-snapshot') lines.push(`Org snapshot: ${e.snapshot === 'missing' ? 'no such user' : e.snapshot}.`);
  if (e.profile) lines.push('', `Profile: **${e.profile.name}**${e.profile.file ? '' : ' (no file of it in the workspace)'}.`);
  if (e.permissionSets.length > 0) {
    // One entry per set, with every place that assigns it.
    const vias = new Map<string, { name: string; texts: string[] }>();
    for (const p of e.permissionSets) {
      const entry = vias.get(p.name.toLowerCase()) ?? { name: p.name, texts: [] };
      if (!entry.texts.includes(p.via.text)) entry.texts.push(p.via.text);
      vias.set(p.name.toLowerCase(), entry);
    }
    lines.push('', `Permission sets: ${[...vias.values()].map((v) => `**${v.name}** (${v.texts.join('; ')})`).join(', ')}.`);
  }
  return lines.join('\n');
}

function inside(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** What iulint explains at a position of a file, from its facts; undefined where it has nothing to say. */
export function explanationAt(org: OrgModel, facts: FileFacts, at: Position, options: ExplainOptions): Explanation | undefined {
  const user = (view: UserView, element?: { name: string; login: boolean; kind: UserReferenceKind }): Explanation => ({
    kind: 'user',
    element,
    user: userExplanation(org, view, options),
  });
  const named = (u: Located) => (inside(u.range, at) ? user(org.viewOf(u.value)) : undefined);
  if (facts.kind === 'metadata' || facts.kind === 'agentScript') {
    for (const ref of facts.userReferences)
      if (inside(ref.username.range, at))
        return user(org.viewOf(ref.username.value), { name: ref.element, login: ref.kind === 'login', kind: ref.kind });
  }
  if (facts.kind === 'metadata') {
    const licence = facts.profile?.userLicense ?? facts.permissionSet?.license;
    if (licence && inside(licence.range, at))
      return {
        kind: 'license',
        license: licence.value,
        integrationProfile: facts.profile ? org.integrationProfile(facts.profile, { byName: options.byName }) : undefined,
      };
    for (const p of [...(facts.profile?.userPermissions ?? []), ...(facts.permissionSet?.userPermissions ?? [])])
      if (inside(p.nameRange, at))
        return {
          kind: 'permission',
          name: p.name,
          enabled: p.enabled,
          highRisk: org.config.highRiskPermissions.some((h) => h.toLowerCase() === p.name.toLowerCase()),
        };
    const ps = facts.permissionSet;
    if (ps?.hasActivationRequired && inside(ps.hasActivationRequired.range, at))
      return { kind: 'activation', sessionBased: ps.hasActivationRequired.value === 'true', consented: org.consented(ps) };
    return undefined;
  }
  if (facts.kind === 'userDefinition' || facts.kind === 'dataTree') {
    for (const r of facts.kind === 'userDefinition' ? [facts.user] : facts.users) {
      const fields = [r.username, r.profileName, r.profileId, r.firstName, r.lastName, r.name, r.alias, r.userType];
      if (fields.some((f) => f !== undefined && inside(f.range, at))) return user(org.viewOfRecord(r));
    }
    return undefined;
  }
  if (facts.kind === 'script') {
    for (const c of facts.commands)
      for (const v of Object.values(c.flags)) {
        const e = v && /@/.test(v.value) ? named(v) : undefined;
        if (e) return e;
      }
    return undefined;
  }
  if (facts.kind === 'sfConfig' && facts.targetOrg) return named(facts.targetOrg);
  if (facts.kind === 'apex') {
    for (const use of facts.uses)
      for (const t of use.targets)
        if (t.kind && inside(t.range, at)) return { kind: 'query', user: t.kind as SystemUserKind, condition: t.condition };
    for (const u of facts.usernames) {
      const e = named(u);
      if (e) return e;
    }
  }
  return undefined;
}

/** What a licence is, in one sentence. */
function licenseMarkdown(name: string): string {
  if (sameLicense(name, SALESFORCE_INTEGRATION))
    return `**${name}**: the API-only, least-privilege licence Salesforce recommends for integration users.`;
  if (sameLicense(name, CLOUD_INTEGRATION_USER))
    return `**${name}**: the licence of the Platform Integration User, Salesforce's managed system user.`;
  if (isFeatureIntegrationLicense(name))
    return `**${name}**: a Salesforce feature's own integration licence; its users and profiles are Salesforce-managed.`;
  if (isGeneralPurposeLicense(name))
    return `**${name}**: a general-purpose licence; integration users should be on ${SALESFORCE_INTEGRATION} instead.`;
  return `**${name}**: a user or permission set licence.`;
}

/** What each group of user-bearing elements means (login, run-as and agent elements). */
const ELEMENT_KINDS: Record<UserReferenceKind, string> = {
  login: 'a login element: the user signs in or runs code as a session',
  runAs: 'a run-as element: the user runs, owns or is assigned work',
  agent:
    "an agent running-user element: an Agentforce agent that serves customers runs as this user (its agent user), with this user's permissions",
};

const PERMISSIONS: Record<string, string> = {
  apiuseronly:
    '**API Only User** (ApiUserOnly): its users can reach Salesforce only through the API. Users holding it are integration users.',
  apienabled: '**API Enabled** (ApiEnabled): its users can call the Salesforce APIs.',
};

/** An explanation in Markdown (the hover's text). */
export function explanationMarkdown(e: Explanation): string {
  switch (e.kind) {
    case 'user':
      if (!e.element) return userMarkdown(e.user);
      return `\`${e.element.name}\` is ${ELEMENT_KINDS[e.element.kind]}.\n\n${userMarkdown(e.user)}`;
    case 'license': {
      const p = e.integrationProfile;
      return `${licenseMarkdown(e.license)}${p ? `\n\nThis profile is an integration profile${p.byName ? ' by its name only' : ''}: ${p.text}.` : ''}`;
    }
    case 'permission':
      return [
        PERMISSIONS[e.name.toLowerCase()] ?? `**${e.name}**`,
        e.highRisk ? 'A high-risk permission: integration users and the Platform Integration User should not hold it.' : undefined,
        `Enabled: ${e.enabled}.`,
      ]
        .filter(Boolean)
        .join('\n\n');
    case 'activation':
      return `**hasActivationRequired**: ${e.sessionBased ? 'session-based' : 'not session-based'}.${e.consented ? `\n\nThis set is consented for the Platform Integration User (${e.consented.text}), so it must be session-based.` : ''}`;
    case 'query':
      return `This query selects ${SYSTEM_USER_LABELS[e.user]} (\`${e.condition}\`).\n\n${MANAGED}`;
  }
}
