import { isFeatureIntegrationLicense, SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import type { MetadataFacts, UserPermissionFact } from '../model/facts.js';
import { copyOfSet, highRiskGrants, oneFindingPerSet, permissionsPhrase } from './grants.js';
import type { Rule } from './rule.js';

export const integrationLeastPrivilege: Rule = {
  meta: {
    id: 'integration-least-privilege',
    defaultLevel: 'warning',
    description: 'A profile or permission set of an integration user that grants a high-risk user permission.',
    fixable: false,
  },
  create(context) {
    /** One finding per profile or permission set (RULES.md v2), at its first high-risk permission, naming them all. */
    const report = (file: MetadataFacts, what: string, why: string, perms: ReadonlyArray<UserPermissionFact & { path: string }>) => {
      const grants = highRiskGrants(perms, context.config.highRiskPermissions);
      const problem = oneFindingPerSet(file.path, grants, () => {
        const removed = grants.length === 1 ? (grants[0]?.name ?? '') : 'them';
        return `${what} belongs to integration users (${why}) and grants ${permissionsPhrase(grants)}; give an integration user only the access its integration needs (one user per integration, least privilege) and remove ${removed}.`;
      });
      if (problem) context.report(problem);
    };
    return {
      Profile(file, profile) {
        const licence = profile.userLicense?.value;
        if (licence && isFeatureIntegrationLicense(licence)) return;
        const apiOnly = profile.userPermissions.some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        const why = apiOnly
          ? 'it enables API Only User'
          : licence && sameLicense(licence, SALESFORCE_INTEGRATION)
            ? `its licence is ${SALESFORCE_INTEGRATION}`
            : undefined;
        if (why)
          report(
            file,
            `Profile "${profile.name}"`,
            why,
            profile.userPermissions.map((p) => ({ ...p, path: file.path })),
          );
      },
      PermissionSet(file, ps) {
        const view = context.org.permissionSet(ps.name);
        const main = view?.facts ?? (ps.part ? undefined : ps);
        if (main && context.org.consented(main)) return; // piu-consent-scope speaks for those
        const apiOnly = (view?.userPermissions ?? ps.userPermissions).some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        let why = apiOnly ? 'it enables API Only User' : undefined;
        if (!why) {
          const hit = context.org.assignmentsOf(ps.name).find((a) => context.org.integrationUser(a.user));
          if (hit) why = `it is assigned to the integration user ${hit.user.username ?? ''} by ${hit.via.text}`.replace('  ', ' ');
        }
        if (why) report(file, `Permission set ${ps.name}`, why, view ? copyOfSet(view, file.path).userPermissions : []);
      },
    };
  },
};
