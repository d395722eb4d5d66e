import type { UserPermissionFact } from '../model/facts.js';
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
    const highRisk = new Set(context.config.highRiskPermissions.map((p) => p.toLowerCase()));
    const query = byNameOption(context);
    const report = (what: string, why: string, perms: UserPermissionFact[], byName = false) => {
      for (const p of perms) {
        if (!p.enabled || !highRisk.has(p.name.toLowerCase())) continue;
        context.report({
          range: p.nameRange,
          message: `${what} belongs to integration users (${why}) and grants ${p.name}; give an integration user only the access its integration needs (one user per integration, least privilege) and remove ${p.name}.`,
          byName,
        });
      }
    };
    return {
      Profile(_file, profile) {
        const why = context.org.integrationProfile(profile, query);
        if (why) report(`Profile "${profile.name}"`, why.text, profile.userPermissions, why.byName === true);
      },
      PermissionSet(_file, ps) {
        const view = context.org.permissionSet(ps.name);
        const main = view?.facts ?? (ps.part ? undefined : ps);
        if (main && context.org.consented(main)) return; // piu-consent-scope speaks for those
        const apiOnly = (view?.userPermissions ?? ps.userPermissions).some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
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
        if (why) report(`Permission set ${ps.name}`, why, ps.userPermissions, byName);
      },
    };
  },
};
