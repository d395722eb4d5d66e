import { isFeatureIntegrationLicense, SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import type { UserPermissionFact } from '../model/facts.js';
import type { Rule } from './rule.js';

export const integrationLeastPrivilege: Rule = {
  meta: {
    id: 'integration-least-privilege',
    defaultLevel: 'warning',
    description: 'A profile or permission set of an integration user that grants a high-risk user permission.',
    fixable: false,
  },
  create(context) {
    const highRisk = new Set(context.config.highRiskPermissions.map((p) => p.toLowerCase()));
    const report = (what: string, why: string, perms: UserPermissionFact[]) => {
      for (const p of perms) {
        if (!p.enabled || !highRisk.has(p.name.toLowerCase())) continue;
        context.report({
          range: p.nameRange,
          message: `${what} belongs to integration users (${why}) and grants ${p.name}; give an integration user only the access its integration needs (one user per integration, least privilege) and remove ${p.name}.`,
        });
      }
    };
    return {
      Profile(_file, profile) {
        const licence = profile.userLicense?.value;
        if (licence && isFeatureIntegrationLicense(licence)) return;
        const apiOnly = profile.userPermissions.some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        const why = apiOnly
          ? 'it enables API Only User'
          : licence && sameLicense(licence, SALESFORCE_INTEGRATION)
            ? `its licence is ${SALESFORCE_INTEGRATION}`
            : undefined;
        if (why) report(`Profile "${profile.name}"`, why, profile.userPermissions);
      },
      PermissionSet(_file, ps) {
        const view = context.org.permissionSet(ps.name);
        const main = view?.facts ?? (ps.part ? undefined : ps);
        if (main && context.org.consented(main)) return; // piu-consent-scope speaks for those
        const apiOnly = (view?.userPermissions ?? ps.userPermissions).some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        let why = apiOnly ? 'it enables API Only User' : undefined;
        if (!why) {
          const hit = context.org.assignmentsOf(ps.name).find((a) => context.org.integrationUser(a.user));
          if (hit) why = `it is assigned to the integration user ${hit.user.username ?? ''} by ${hit.via.text}`.replace('  ', ' ');
        }
        if (why) report(`Permission set ${ps.name}`, why, ps.userPermissions);
      },
    };
  },
};
