import { SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import { valueEdit } from './fixes.js';
import type { Rule } from './rule.js';

const LOCKED = ['apienabled', 'apiuseronly'];

export const integrationProfileApiOnly: Rule = {
  meta: {
    id: 'integration-profile-api-only',
    defaultLevel: 'error',
    description: 'A profile on the Salesforce Integration licence that sets ApiEnabled or ApiUserOnly to false.',
    fixable: true,
  },
  create(context) {
    return {
      Profile(_file, profile) {
        if (!profile.userLicense || !sameLicense(profile.userLicense.value, SALESFORCE_INTEGRATION)) return;
        for (const p of profile.userPermissions) {
          if (p.enabled || !LOCKED.includes(p.name.toLowerCase())) continue;
          const range = p.enabledValue?.range ?? p.nameRange;
          context.report({
            range,
            message: `Profile "${profile.name}" is on the ${SALESFORCE_INTEGRATION} licence, whose API-only access cannot be turned off, but sets ${p.name} to false; set it to true (Salesforce rejects or ignores the change).`,
            ...(p.enabledValue ? { fix: { title: `Set ${p.name} to true`, edits: [valueEdit(p.enabledValue, 'true')] } } : {}),
          });
        }
      },
    };
  },
};
