import { recogniseUsername, SYSTEM_USER_LABELS } from '../domain/users.js';
import { findUserReferences } from '../metadata/userReferences.js';
import type { Rule } from './rule.js';

export const piuNoRunAs: Rule = {
  meta: {
    id: 'piu-no-run-as',
    defaultLevel: 'error',
    description: 'The Platform Integration User named in a run-as element (a running user, owner or assignee).',
    fixable: false,
  },
  create(context) {
    return {
      '*'(file) {
        for (const ref of findUserReferences(file.doc, file.info.type)) {
          if (ref.kind !== 'runAs') continue;
          const match = recogniseUsername(ref.value.value);
          if (match?.kind !== 'piu') continue;
          context.report({
            start: ref.value.start,
            end: ref.value.end,
            message: `${ref.element} names ${SYSTEM_USER_LABELS.piu} (${ref.value.value}), a Salesforce-managed system user that cannot run, own or be assigned work; name an admin-created integration user on the Salesforce Integration licence instead.`,
          });
        }
      },
    };
  },
};
