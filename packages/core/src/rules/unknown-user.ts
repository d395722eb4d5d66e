import { isPlaceholder, recogniseUsername } from '../domain/users.js';
import type { Rule } from './rule.js';

export const unknownUser: Rule = {
  meta: {
    id: 'unknown-user',
    defaultLevel: 'warning',
    description: 'With an org snapshot: a user-bearing element names a username the org does not have, or has as inactive.',
    fixable: false,
  },
  create(context) {
    return {
      userReferences(file) {
        for (const ref of file.userReferences) {
          const username = ref.username.value;
          if (isPlaceholder(username, context.org.placeholders) || recogniseUsername(username)) continue;
          const state = context.org.snapshotHas(username);
          if (state === 'no-snapshot' || state === 'active') continue;
          context.report({
            range: ref.username.range,
            message:
              state === 'missing'
                ? `${ref.element} names ${username}, a user the org snapshot does not hold, so the deploy will fail; name a user of the target org (usernames differ between orgs: a sandbox appends its name).`
                : `${ref.element} names ${username}, a user that is inactive in the org snapshot; name an active user instead.`,
          });
        }
      },
    };
  },
};
