import type { SystemUserKind } from '../domain/users.js';
import type { FileFacts } from '../facts/facts.js';
import {
  AGENT_INSTEAD,
  agentUserLookalike,
  apexName,
  apexRelated,
  identifyingField,
  label,
  recordsOf,
  sourceName,
  systemUserOf,
  systemUserOfClause,
  systemUsersOfApex,
  usernamesIn,
} from './helpers.js';
import type { Rule, RuleContext } from './rule.js';

const RESERVED: SystemUserKind[] = ['automated-process', 'analytics-integration', 'analytics-security'];
const WHY = 'Salesforce creates and manages that user; nobody may create it, edit it or log in as it';

function createsReserved(context: RuleContext, file: FileFacts): void {
  for (const record of recordsOf(file)) {
    const m = context.org.systemUser(context.org.viewOfRecord(record));
    if (!m || !RESERVED.includes(m.kind)) continue;
    context.report({
      range: identifyingField(record, m.reason),
      message: `${sourceName(file)} would create ${label(m.kind)} (${m.reason}); ${WHY}, so remove the record.`,
    });
  }
}

export const reservedUser: Rule = {
  meta: {
    id: 'reserved-user',
    defaultLevel: 'error',
    description: 'A reserved system user (Automated Process, CRM Analytics Integration or Security User) created, edited or logged in as.',
    fixable: false,
  },
  create(context) {
    const reserved = (username: string) => {
      const m = systemUserOf(context.org, username);
      return m && RESERVED.includes(m.kind) ? m : undefined;
    };
    return {
      userDefinition: (file) => createsReserved(context, file),
      dataTree(file) {
        createsReserved(context, file);
        for (const a of file.assignments) {
          const view = a.assignee
            ? (context.org.userByAssignee(a.assignee.value) ??
              (a.assignee.value.includes('@') ? context.org.viewOf(a.assignee.value) : undefined))
            : undefined;
          const found = view ? context.org.systemUser(view) : undefined;
          const m = found && RESERVED.includes(found.kind) ? found : undefined;
          if (a.assignee && m)
            context.report({ range: a.assignee.range, message: `This PermissionSetAssignment targets ${label(m.kind)}; ${WHY}.` });
        }
      },
      userReferences(file) {
        for (const ref of file.userReferences) {
          if (ref.kind === 'runAs') continue;
          const m = reserved(ref.username.value);
          if (!m) continue;
          context.report({
            range: ref.username.range,
            message:
              ref.kind === 'agent'
                ? `${ref.element} makes an agent run as ${label(m.kind)} (${ref.username.value}); ${WHY}, so ${AGENT_INSTEAD}.`
                : `${ref.element} logs in as ${label(m.kind)} (${ref.username.value}); ${WHY}, so name an admin-created integration user instead.`,
          });
        }
      },
      script(file) {
        for (const c of file.commands) {
          if (c.command === 'org login jwt' && c.flags.username) {
            const m = reserved(c.flags.username.value);
            if (m)
              context.report({
                range: c.flags.username.range,
                message: `sf org login jwt logs in as ${label(m.kind)} (${c.flags.username.value}); ${WHY}.`,
              });
          } else if ((c.command === 'org assign permset' || c.command === 'org assign permsetlicense') && c.flags['on-behalf-of']) {
            for (const u of usernamesIn(c.flags['on-behalf-of'])) {
              const m = reserved(u.value);
              if (m)
                context.report({
                  range: u.range,
                  message: `sf ${c.command} --on-behalf-of ${u.value} edits ${label(m.kind)}'s assignments; ${WHY}.`,
                });
            }
          } else if (c.command === 'data update record' && c.flags.sobject?.value.toLowerCase() === 'user' && c.flags.where) {
            const m = systemUserOfClause(c.flags.where.value);
            if (m && RESERVED.includes(m.kind))
              context.report({ range: c.flags.where.range, message: `sf data update record edits ${label(m.kind)} (${m.text}); ${WHY}.` });
          } else if (c.command === 'org create agent-user') {
            const m = agentUserLookalike(c);
            if (m && RESERVED.includes(m.kind))
              context.report({
                range: m.range,
                message: `sf org create agent-user would create a user made to look like ${label(m.kind)} (${m.reason}); ${WHY}, so give the agent user a name and base username of its own.`,
              });
          } else if (c.command === 'data create record' && c.flags.sobject?.value.toLowerCase() === 'user' && c.flags.values) {
            const m = systemUserOfClause(c.flags.values.value);
            if (m && RESERVED.includes(m.kind))
              context.report({
                range: c.flags.values.range,
                message: `sf data create record creates ${label(m.kind)} (${m.text}); ${WHY}.`,
              });
          }
        }
      },
      sfConfig(file) {
        const m = file.targetOrg ? reserved(file.targetOrg.value) : undefined;
        if (file.targetOrg && m)
          context.report({
            range: file.targetOrg.range,
            message: `target-org logs in as ${label(m.kind)} (${file.targetOrg.value}); ${WHY}.`,
          });
      },
      apex(file) {
        for (const use of file.uses) {
          const found = systemUsersOfApex(context.org, use).filter((s) => RESERVED.includes(s.kind));
          const first = found[0];
          if (!first) continue;
          const verb = use.action === 'runAs' ? 'impersonates' : use.action === 'setPassword' ? 'sets the password of' : 'changes';
          const who = found.map((s) => `${label(s.kind)} (${s.target.condition})`).join(' and ');
          context.report({
            range: use.range,
            message: `${apexName(file)} ${verb} ${found.length > 1 ? 'users' : 'a user'} selected as ${who}; ${WHY}, so use a user the code creates itself.`,
            related: found.flatMap((s) => apexRelated(file, s)),
          });
        }
      },
    };
  },
};
