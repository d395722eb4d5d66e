import { copyOfSet, highRiskGrants, objectsPhrase, objectWriteGrants, oneFindingPerSet, permissionsPhrase } from './grants.js';
import type { Rule } from './rule.js';

export const piuConsentScope: Rule = {
  meta: {
    id: 'piu-consent-scope',
    defaultLevel: 'warning',
    description: 'A consented permission set that grants a high-risk user permission or object write, delete or modify-all access.',
    fixable: false,
  },
  create(context) {
    return {
      PermissionSet(file, ps) {
        const view = context.org.permissionSet(ps.name);
        const main = view?.facts ?? (ps.part ? undefined : ps);
        const reason = main ? context.org.consented(main) : undefined;
        if (!reason || !view) return;
        const set = copyOfSet(view, file.path);
        const permissions = highRiskGrants(set.userPermissions, context.config.highRiskPermissions);
        const objects = objectWriteGrants(set.objectPermissions);
        const problem = oneFindingPerSet(file.path, [...permissions, ...objects], () => {
          const grants = [
            permissions.length > 0 && `${permissions.length === 1 ? 'the high-risk permission ' : ''}${permissionsPhrase(permissions)}`,
            objects.length > 0 && objectsPhrase(objects),
          ].filter(Boolean);
          const remedy = [
            permissions.length > 0 && `remove ${permissions.length === 1 ? (permissions[0]?.name ?? '') : 'those permissions'}`,
            objects.length > 0 && 'keep object access read-only where the feature does not write',
          ].filter(Boolean);
          return `Permission set ${ps.name} is consented for the Platform Integration User (${reason.text}) and grants ${grants.join(', and ')}, which every feature running as that user would hold; approve only the access the feature needs: ${remedy.join(', and ')}.`;
        });
        if (problem) context.report(problem);
      },
    };
  },
};
