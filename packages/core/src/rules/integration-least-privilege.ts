import { SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import type { FileFacts, Located, MetadataFacts, UserPermissionFact } from '../facts/facts.js';
import { queryKey, type Reason, type UserView } from '../org/model.js';
import { copyOfSet, highRiskGrants, inReadingOrder, oneFindingPerSet, otherGrants, permissionsPhrase } from './grants.js';
import { profileField, recordsOf } from './helpers.js';
import { BY_NAME_OPTION, byNameOption, decisive, onlyByName, type Rule, relatedFrom } from './rule.js';

/** Licences a permission set tied to integration users carries (the licence and its permission set licence). */
const INTEGRATION_SET_LICENSES = [SALESFORCE_INTEGRATION, 'Salesforce API Integration', 'SalesforceAPIIntegrationPsl'];
const LEAST = 'give an integration user only the access its integration needs (one user per integration, least privilege)';

export const integrationLeastPrivilege: Rule = {
  meta: {
    id: 'integration-least-privilege',
    defaultLevel: 'warning',
    description: 'A profile or permission set of an integration user that grants a high-risk user permission.',
    fixable: false,
    options: BY_NAME_OPTION,
  },
  create(context) {
    const query = byNameOption(context);
    const org = context.org;
    /** One finding per profile or permission set, at its first high-risk permission, naming them all. */
    const report = (
      file: MetadataFacts,
      what: string,
      why: string,
      perms: ReadonlyArray<UserPermissionFact & { path: string }>,
      byName: boolean,
    ) => {
      const grants = highRiskGrants(perms, context.config.highRiskPermissions);
      const problem = oneFindingPerSet(file.path, grants, () => {
        const removed = grants.length === 1 ? (grants[0]?.name ?? '') : 'them';
        return `${what} belongs to integration users (${why}) and grants ${permissionsPhrase(grants)}; ${LEAST} and remove ${removed}.`;
      });
      if (problem) context.report(byName ? { ...problem, byName } : problem);
    };

    /**
     * (v3) An integration user on a profile that is not an integration profile (a System Administrator
     * clone that people may share): one finding on the user's profile reference, naming the profile's
     * high-risk permissions; the profile itself is not flagged.
     */
    const users = (file: FileFacts) => {
      for (const record of recordsOf(file)) {
        const view = org.viewOfRecord(record);
        const reasons = org.integrationUser(view, query);
        const profileName = reasons ? org.profileNameOf(view) : undefined;
        const profile = profileName ? org.profile(profileName.value) : undefined;
        if (!reasons || !profile || org.integrationProfile(profile.facts, query)) continue;
        const perms = profile.facts.userPermissions.map((p) => ({ ...p, path: profile.file.path }));
        const grants = inReadingOrder(highRiskGrants(perms, context.config.highRiskPermissions));
        const first = grants[0];
        if (!first) continue;
        const who = record.username?.value ?? 'This user';
        context.report({
          range: profileField(record),
          message: `${who} is an integration user (${reasons[0]?.text}) on the profile "${profile.facts.name}", which grants ${permissionsPhrase(grants)} and is not an integration profile (people may share it); ${LEAST}: give it a profile of its own, such as "Minimum Access - API Only Integrations", with permission sets for what it needs.`,
          related: [
            { path: first.path, range: first.range, message: `the profile ${profile.facts.name} grants ${first.name}` },
            ...otherGrants(grants),
            ...relatedFrom(decisive(reasons)),
          ],
          byName: onlyByName(reasons),
        });
      }
    };

    /**
     * (v3) A permission set an integration user holds that people hold too (a set of high-risk
     * permissions shared with non-integration users): one finding on the integration user's assignment
     * reference (a `permsets` entry, a tree `PermissionSetAssignment`'s permission set), naming the
     * set's high-risk permissions; the shared set itself is not flagged. `entry` names a set or a group.
     */
    const sharedSets = (user: UserView, reasons: Reason[], entry: Located, seen: Set<string>) => {
      const isSet = org.permissionSet(entry.value) !== undefined;
      const names = isSet ? [entry.value] : (org.groupMembers(entry.value) ?? []);
      for (const name of names) {
        const view = org.permissionSet(name);
        if (!view || seen.has(view.name.toLowerCase())) continue;
        seen.add(view.name.toLowerCase());
        if (view.facts && org.consented(view.facts)) continue; // piu-consent-scope speaks for those
        const licence = view.facts?.license?.value;
        const integrationSet =
          view.userPermissions.some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly') ||
          (licence !== undefined && INTEGRATION_SET_LICENSES.some((l) => sameLicense(l, licence)));
        if (integrationSet) continue; // the set itself carries the finding
        // Once for the model: each integration user's reference to the set asks.
        const person = org.once(`shared set's first person ${queryKey(query)} ${view.name.toLowerCase()}`, (o) =>
          o.assignmentsOf(view.name).find((a) => !o.integrationUser(a.user, query)),
        );
        if (!person) continue; // assigned only to integration users: the set itself carries the finding
        const grants = inReadingOrder(highRiskGrants(view.userPermissions, context.config.highRiskPermissions));
        const first = grants[0];
        if (!first) continue;
        const who = user.username ?? 'This user';
        const through = isSet ? '' : ` (through the permission set group ${entry.value})`;
        context.report({
          range: entry.range,
          message: `${who} is an integration user (${reasons[0]?.text}) and holds the permission set ${view.name}${through}, which grants ${permissionsPhrase(grants)} and is shared with ${person.user.username ?? 'a user'}, who is not an integration user; ${LEAST}: give it a permission set of its own with only what its integration needs, and leave the shared one to people.`,
          related: [
            { path: first.path, range: first.range, message: `the permission set ${view.name} grants ${first.name}` },
            ...otherGrants(grants),
            ...relatedFrom([{ ...person.via, text: `also assigned to ${person.user.username ?? 'a user'} by ${person.via.text}` }]),
            ...relatedFrom(decisive(reasons)),
          ],
          byName: onlyByName(reasons),
        });
      }
    };

    /** The shared sets of every integration user of a user source, at each assignment reference. */
    const assignmentReferences = (file: FileFacts) => {
      for (const record of recordsOf(file)) {
        const view = org.viewOfRecord(record);
        const reasons = record.permsets.length > 0 ? org.integrationUser(view, query) : undefined;
        if (!reasons) continue;
        const seen = new Set<string>();
        for (const entry of record.permsets) sharedSets(view, reasons, entry, seen);
      }
      if (file.kind !== 'dataTree') return;
      const seenByUser = new Map<string, Set<string>>();
      for (const a of file.assignments) {
        if (!a.permissionSetName || !a.assignee) continue;
        const view = org.userByAssignee(a.assignee.value) ?? (a.assignee.value.includes('@') ? org.viewOf(a.assignee.value) : undefined);
        const reasons = view ? org.integrationUser(view, query) : undefined;
        if (!view || !reasons) continue;
        const key = (view.username ?? a.assignee.value).toLowerCase();
        const seen = seenByUser.get(key) ?? new Set<string>();
        seenByUser.set(key, seen);
        sharedSets(view, reasons, a.permissionSetName, seen);
      }
    };

    return {
      Profile(file, profile) {
        const why = org.integrationProfile(profile, query);
        if (why)
          report(
            file,
            `Profile "${profile.name}"`,
            why.text,
            profile.userPermissions.map((p) => ({ ...p, path: file.path })),
            why.byName === true,
          );
      },
      PermissionSet(file, ps) {
        const view = org.permissionSet(ps.name);
        const main = view?.facts ?? (ps.part ? undefined : ps);
        if (main && org.consented(main)) return; // piu-consent-scope speaks for those
        // This copy of the set (another package directory may hold another copy of the same name).
        const perms = view ? copyOfSet(view, file.path).userPermissions : ps.userPermissions.map((p) => ({ ...p, path: file.path }));
        const apiOnly = perms.some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        const licence = main?.license?.value;
        let why = apiOnly
          ? 'it enables API Only User'
          : licence && INTEGRATION_SET_LICENSES.some((l) => sameLicense(l, licence))
            ? `its licence is ${licence}`
            : undefined;
        let byName = false;
        if (!why) {
          // (v3) Assigned only to integration users: a set that people hold too is not flagged.
          const assignments = org.assignmentsOf(ps.name);
          const hits = assignments.map((a) => ({ a, reasons: org.integrationUser(a.user, query) }));
          if (hits.length > 0 && hits.every((h) => h.reasons)) {
            // A user that is an integration user for certain wins over one that is by name only.
            const named = (h: (typeof hits)[number]) => onlyByName(h.reasons ?? []);
            const hit = hits.find((h) => !named(h)) ?? (hits[0] as (typeof hits)[number]);
            why =
              `it is assigned to the integration user ${hit.a.user.username ?? ''} by ${hit.a.via.text}${named(hit) ? `, ${hit.reasons?.[0]?.text}` : ''}`.replace(
                '  ',
                ' ',
              );
            byName = hits.every(named);
          }
        }
        if (why) report(file, `Permission set ${ps.name}`, why, perms, byName);
      },
      userDefinition(file) {
        users(file);
        assignmentReferences(file);
      },
      dataTree(file) {
        users(file);
        assignmentReferences(file);
      },
    };
  },
};
