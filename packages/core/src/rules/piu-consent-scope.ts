import type { Rule } from './rule.js';

export const piuConsentScope: Rule = {
  meta: {
    id: 'piu-consent-scope',
    defaultLevel: 'warning',
    description: 'A consented permission set that grants a high-risk user permission or object write, delete or modify-all access.',
    fixable: false,
  },
  create(context) {
    const highRisk = new Set(context.config.highRiskPermissions.map((p) => p.toLowerCase()));
    return {
      PermissionSet(_file, ps) {
        const view = context.org.permissionSet(ps.name);
        const main = view?.facts ?? (ps.part ? undefined : ps);
        const reason = main ? context.org.consented(main) : undefined;
        if (!reason) return;
        for (const p of ps.userPermissions) {
          if (!p.enabled || !highRisk.has(p.name.toLowerCase())) continue;
          context.report({
            range: p.nameRange,
            message: `Permission set ${ps.name} is consented for the Platform Integration User (${reason.text}) and grants ${p.name}, a high-risk permission every feature running as that user would hold; approve only the access the feature needs and remove ${p.name}.`,
          });
        }
        for (const o of ps.objectPermissions) {
          const grants = [
            o.allowCreate && 'create',
            o.allowEdit && 'edit',
            o.allowDelete && 'delete',
            o.modifyAllRecords && 'modify all',
          ].filter(Boolean);
          if (grants.length === 0) continue;
          context.report({
            range: o.object.range,
            message: `Permission set ${ps.name} is consented for the Platform Integration User (${reason.text}) and grants ${grants.join(', ')} on ${o.object.value}; review that the feature needs to write ${o.object.value}, and keep its access read-only otherwise.`,
          });
        }
      },
    };
  },
};
