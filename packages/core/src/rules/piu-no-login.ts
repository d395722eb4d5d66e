import { apexRelated, systemUserOf, systemUsersOfApex } from './helpers.js';
import type { Rule } from './rule.js';

const INSTEAD = 'use an admin-created integration user on the Salesforce Integration licence instead';

export const piuNoLogin: Rule = {
  meta: {
    id: 'piu-no-login',
    defaultLevel: 'error',
    description: 'The Platform Integration User named in a login element, a login command or a CLI config, or impersonated in Apex.',
    fixable: false,
  },
  create(context) {
    const isPiu = (username: string) => {
      const m = systemUserOf(context.org, username);
      return m?.kind === 'piu' ? m : undefined;
    };
    return {
      userReferences(file) {
        for (const ref of file.userReferences) {
          if (ref.kind !== 'login') continue;
          const m = isPiu(ref.username.value);
          if (!m) continue;
          context.report({
            range: ref.username.range,
            message: `${ref.element} signs in as the Platform Integration User ${ref.username.value} (${m.reason}), an internal system user nobody may log in as; ${INSTEAD}.`,
          });
        }
      },
      script(file) {
        for (const c of file.commands) {
          const u = c.command === 'org login jwt' ? c.flags.username : undefined;
          const m = u ? isPiu(u.value) : undefined;
          if (!u || !m) continue;
          context.report({
            range: u.range,
            message: `sf org login jwt logs in as the Platform Integration User ${u.value} (${m.reason}), an internal system user nobody may log in as; ${INSTEAD}.`,
          });
        }
      },
      sfConfig(file) {
        const u = file.targetOrg;
        const m = u ? isPiu(u.value) : undefined;
        if (!u || !m) return;
        context.report({
          range: u.range,
          message: `target-org is the Platform Integration User ${u.value} (${m.reason}), an internal system user nobody may log in as; ${INSTEAD}.`,
        });
      },
      apex(file) {
        for (const use of file.uses) {
          if (use.action !== 'runAs') continue;
          const piu = systemUsersOfApex(context.org, use).find((s) => s.kind === 'piu');
          if (!piu) continue;
          context.report({
            range: use.range,
            message: `System.runAs impersonates a user selected as the Platform Integration User (${piu.target.condition}), an internal system user nobody may log in as; run the test as a user you create in the test instead.`,
            related: apexRelated(file, piu),
          });
        }
      },
    };
  },
};
