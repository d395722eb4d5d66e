import { isGeneralPurposeLicense, SALESFORCE_INTEGRATION } from '../domain/licenses.js';
import { enabledPermission, readProfile } from '../metadata/permissions.js';
import { profileNameFromFullName } from '../metadata/profileNames.js';
import type { Rule } from './rule.js';

export const integrationUserLicense: Rule = {
  meta: {
    id: 'integration-user-license',
    defaultLevel: 'warning',
    description: 'An integration user on a general-purpose licence instead of Salesforce Integration.',
    fixable: false,
  },
  create(context) {
    return {
      Profile(file) {
        const profile = readProfile(file.doc);
        if (!profile?.userLicense) return;
        const apiOnly = enabledPermission(profile.userPermissions, 'ApiUserOnly');
        if (!apiOnly) return;
        const licence = profile.userLicense.value;
        if (!isGeneralPurposeLicense(licence, context.options.generalPurposeLicenses)) return;
        const name = profileNameFromFullName(file.info.fullName);
        context.report({
          start: profile.userLicense.start,
          end: profile.userLicense.end,
          message: `Profile "${name}" enables API Only User (ApiUserOnly), so its users are integration users, but it gives them the general-purpose licence "${licence}"; put integration users on the "${SALESFORCE_INTEGRATION}" licence (for example the "Minimum Access - API Only Integrations" profile) instead.`,
        });
      },
    };
  },
};
