import { apexName, apexRelated, label, systemUserOf, systemUserOfClause, systemUsersOfApex, usernamesIn } from './helpers.js';
import type { Rule } from './rule.js';

export const piuNoEdit: Rule = {
  meta: {
    id: 'piu-no-edit',
    defaultLevel: 'error',
    description: "A change to the Platform Integration User's own record or assignments.",
    fixable: false,
  },
  create(context) {
    const why = 'Salesforce manages that user and nobody may edit it or its assignments';
    return {
      dataTree(file) {
        for (const a of file.assignments) {
          if (!a.assignee) continue;
          const view =
            context.org.userByAssignee(a.assignee.value) ??
            (a.assignee.value.includes('@') ? context.org.viewOf(a.assignee.value) : undefined);
          const m = view ? context.org.systemUser(view) : undefined;
          if (m?.kind !== 'piu') continue;
          context.report({
            range: a.assignee.range,
            message: `This PermissionSetAssignment targets the Platform Integration User (${m.reason}); ${why}, so grant a feature's access through the permission sets it asks you to approve instead.`,
          });
        }
      },
      script(file) {
        for (const c of file.commands) {
          if (c.command === 'org assign permset' || c.command === 'org assign permsetlicense') {
            const target = c.flags['on-behalf-of'];
            if (!target) continue;
            for (const u of usernamesIn(target)) {
              const m = systemUserOf(context.org, u.value);
              if (m?.kind !== 'piu') continue;
              context.report({
                range: u.range,
                message: `sf ${c.command} --on-behalf-of ${u.value} assigns to the Platform Integration User (${m.reason}); ${why}, so drop this command.`,
              });
            }
          } else if (c.command === 'data update record') {
            const sobject = c.flags.sobject?.value.toLowerCase();
            const where = c.flags.where;
            if (sobject !== 'user' || !where) continue;
            const m = systemUserOfClause(where.value);
            if (m?.kind !== 'piu') continue;
            context.report({
              range: where.range,
              message: `sf data update record edits ${label('piu')} (${m.text}); ${why}, so drop this command.`,
            });
          }
        }
      },
      apex(file) {
        for (const use of file.uses) {
          if (use.action === 'runAs') continue;
          const piu = systemUsersOfApex(context.org, use).find((s) => s.kind === 'piu');
          if (!piu) continue;
          context.report({
            range: use.range,
            message: `${apexName(file)} ${use.action === 'setPassword' ? 'sets the password of' : 'changes'} a user selected as the Platform Integration User (${piu.target.condition}); ${why}, so remove this code.`,
            related: apexRelated(file, piu),
          });
        }
      },
    };
  },
};
