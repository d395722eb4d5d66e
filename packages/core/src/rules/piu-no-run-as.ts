import { AGENT_INSTEAD, systemUserOf } from './helpers.js';
import type { Rule } from './rule.js';

export const piuNoRunAs: Rule = {
  meta: {
    id: 'piu-no-run-as',
    defaultLevel: 'error',
    description:
      "The Platform Integration User named in a run-as element (a running user, owner or assignee) or as an agent's running user.",
    fixable: false,
  },
  create(context) {
    return {
      userReferences(file) {
        for (const ref of file.userReferences) {
          if (ref.kind === 'login') continue;
          const m = systemUserOf(context.org, ref.username.value);
          if (m?.kind !== 'piu') continue;
          context.report({
            range: ref.username.range,
            message:
              ref.kind === 'agent'
                ? `${ref.element} makes an agent run as the Platform Integration User (${ref.username.value}), a Salesforce-managed system user that cannot run work; ${AGENT_INSTEAD}.`
                : `${ref.element} names the Platform Integration User (${ref.username.value}), a Salesforce-managed system user that cannot run, own or be assigned work; name an admin-created integration user on the Salesforce Integration licence instead.`,
          });
        }
      },
    };
  },
};
