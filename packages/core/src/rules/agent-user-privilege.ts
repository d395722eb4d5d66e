import type { RelatedLocation } from '../diagnostic.js';
import { isAgentProfile, SYSTEM_ADMINISTRATOR, SYSTEM_ADMINISTRATOR_GRANTS } from '../domain/agents.js';
import { isGeneralPurposeLicense } from '../domain/licenses.js';
import { isPlaceholder } from '../domain/users.js';
import type { UserReferenceFact } from '../facts/facts.js';
import type { OrgModel, Reason, UserView } from '../org/model.js';
import { type Grant, highRiskGrants, namesPhrase } from './grants.js';
import { AGENT_INSTEAD } from './helpers.js';
import type { Rule } from './rule.js';
import { firstOfEachPlace, relatedFrom } from './rule.js';

/** Where a user's high-risk permissions come from: its profile, or a permission set (or group) assigned to it. */
interface Source {
  what: string;
  permissions: string[];
  /** Where each permission is granted, and where the set is assigned, when the files are in the workspace. */
  locations: RelatedLocation[];
}

/**
 * The high-risk permissions a user holds (`agent-user-privilege` (a)): from its profile
 * (the standard System Administrator counting as granting its five when its file is absent) and from
 * each permission set or group assigned to it.
 */
function privilegedSources(org: OrgModel, user: UserView, profileName: string | undefined): Source[] {
  const risky = org.config.highRiskPermissions;
  const out: Source[] = [];
  const located = (what: string, grants: Grant[]): RelatedLocation[] =>
    grants.map((g) => ({ path: g.path, range: g.range, message: `${what} grants ${g.name}` }));
  if (profileName) {
    const profile = org.profile(profileName);
    if (profile) {
      const grants = highRiskGrants(
        profile.facts.userPermissions.map((p) => ({ ...p, path: profile.file.path })),
        risky,
      );
      const what = `the profile "${profile.facts.name}"`;
      if (grants.length > 0) out.push({ what, permissions: grants.map((g) => g.name), locations: located(what, grants) });
    } else if (profileName.trim().toLowerCase() === SYSTEM_ADMINISTRATOR.toLowerCase()) {
      const granted = SYSTEM_ADMINISTRATOR_GRANTS.filter((g) => risky.some((r) => r.toLowerCase() === g.toLowerCase()));
      if (granted.length > 0) out.push({ what: `the standard profile "${SYSTEM_ADMINISTRATOR}"`, permissions: granted, locations: [] });
    }
  }
  const seen = new Set<string>();
  for (const ps of org.permissionSetsOf(user)) {
    if (seen.has(ps.name.toLowerCase())) continue;
    seen.add(ps.name.toLowerCase());
    const isSet = org.permissionSet(ps.name) !== undefined;
    const members = isSet ? [ps.name] : (org.groupMembers(ps.name) ?? []);
    const grants = members.flatMap((m) => highRiskGrants(org.permissionSet(m)?.userPermissions ?? [], risky));
    if (grants.length === 0) continue;
    const what = `the permission set${isSet ? '' : ' group'} ${ps.name}`;
    const assigned = ps.via.path && ps.via.range ? [{ path: ps.via.path, range: ps.via.range, message: `assigns ${ps.name}` }] : [];
    out.push({ what, permissions: grants.map((g) => g.name), locations: [...located(what, grants), ...assigned] });
  }
  return out;
}

export const agentUserPrivilege: Rule = {
  meta: {
    id: 'agent-user-privilege',
    defaultLevel: 'warning',
    description:
      "An agent's running user with high-risk permissions, shared with a login or integration use, or a general-purpose user lent to an agent.",
    fixable: false,
  },
  create(context) {
    const org = context.org;
    const check = (ref: UserReferenceFact) => {
      const username = ref.username.value;
      if (isPlaceholder(username, org.placeholders)) return;
      const user = org.viewOf(username);
      if (org.systemUser(user)) return; // piu-no-run-as and reserved-user speak for those
      const logins = org.loginsOf(username);
      if (!user.record && !user.snapshot && logins.length === 0) return; // unresolved: unknown-user speaks
      const parts: string[] = [];
      const related: RelatedLocation[] = [];
      if (user.record) related.push({ path: user.record.path, range: user.record.range, message: `the user record of ${username}` });
      else if (user.snapshot)
        related.push({ path: user.snapshot.source.path, range: user.snapshot.source.range, message: `${username} in the org snapshot` });
      const profileName = org.profileNameOf(user)?.value;
      // (a) high-risk permissions from the profile or an assigned permission set or group.
      const sources = privilegedSources(org, user, profileName);
      if (sources.length > 0) {
        parts.push(`holds ${namesPhrase(sources.flatMap((s) => s.permissions))} through ${sources.map((s) => s.what).join(' and ')}`);
        for (const s of sources) related.push(...s.locations);
      }
      // (b) the same identity signs in for an external system.
      if (logins.length > 0) {
        const first = logins[0] as Reason;
        parts.push(`is also a login identity (${first.text}${logins.length > 1 ? ` and ${logins.length - 1} more` : ''})`);
        related.push(...relatedFrom(logins));
      }
      // (c) a general-purpose licence on a profile other than Einstein Agent User.
      const licence = org.resolveLicense(user);
      if (
        licence &&
        isGeneralPurposeLicense(licence.license, context.config.generalPurposeLicenses) &&
        !(profileName && isAgentProfile(profileName))
      ) {
        parts.push(
          `is on the general-purpose licence "${licence.license}" (from ${licence.reason.text})${profileName ? ` with the profile "${profileName}"` : ''}, a human's or an admin's user lent to an agent`,
        );
        related.push(...relatedFrom([licence.reason]));
      }
      if (parts.length === 0) return;
      context.report({
        range: ref.username.range,
        message: `${ref.element} runs an agent as ${username}, who ${joinParts(parts)}; whatever a prompt can make the agent do, it does with this user's access, so ${AGENT_INSTEAD}.`,
        related: firstOfEachPlace(related),
      });
    };
    return {
      userReferences(file) {
        for (const ref of file.userReferences) if (ref.kind === 'agent') check(ref);
      },
    };
  },
};

function joinParts(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]}`;
}
