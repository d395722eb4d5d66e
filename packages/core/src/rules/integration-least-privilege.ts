import type { MetadataFacts, UserPermissionFact } from '../facts/facts.js';
import { copyOfSet, highRiskGrants, oneFindingPerSet, permissionsPhrase } from './grants.js';
import { BY_NAME_OPTION, byNameOption, onlyByName, type Rule } from './rule.js';

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
        return `${what} belongs to integration users (${why}) and grants ${permissionsPhrase(grants)}; give an integration user only the access its integration needs (one user per integration, least privilege) and remove ${removed}.`;
      });
      if (problem) context.report(byName ? { ...problem, byName } : problem);
    };
    return {
      Profile(file, profile) {
        const why = context.org.integrationProfile(profile, query);
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
        const view = context.org.permissionSet(ps.name);
        const main = view?.facts ?? (ps.part ? undefined : ps);
        if (main && context.org.consented(main)) return; // piu-consent-scope speaks for those
        // This copy of the set (another package directory may hold another copy of the same name).
        const perms = view ? copyOfSet(view, file.path).userPermissions : ps.userPermissions.map((p) => ({ ...p, path: file.path }));
        const apiOnly = perms.some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        let why = apiOnly ? 'it enables API Only User' : undefined;
        let byName = false;
        if (!why) {
          // A user that is an integration user for certain wins over one that is by name only.
          const hits = context.org.assignmentsOf(ps.name).flatMap((a) => {
            const reasons = context.org.integrationUser(a.user, query);
            return reasons ? [{ a, reasons, named: onlyByName(reasons) }] : [];
          });
          const hit = hits.find((h) => !h.named) ?? hits[0];
          if (hit) {
            why =
              `it is assigned to the integration user ${hit.a.user.username ?? ''} by ${hit.a.via.text}${hit.named ? `, ${hit.reasons[0]?.text}` : ''}`.replace(
                '  ',
                ' ',
              );
            byName = hit.named;
          }
        }
        if (why) report(file, `Permission set ${ps.name}`, why, perms, byName);
      },
    };
  },
};
