import { SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import { profileField } from './helpers.js';
import type { Rule } from './rule.js';

export const integrationLicenseCapacity: Rule = {
  meta: {
    id: 'integration-license-capacity',
    defaultLevel: 'warning',
    description:
      'With an org snapshot: the integration users the user definition files would add exceed the Salesforce Integration licences left.',
    fixable: false,
  },
  create(context) {
    return {
      userDefinition(file) {
        const snapshot = context.org.snapshot;
        const licence = snapshot?.userLicenses.find((l) => sameLicense(l.name, SALESFORCE_INTEGRATION));
        if (!snapshot || licence?.total === undefined) return;
        const onLicence = snapshot.users.filter((u) => u.isActive && u.licenseName && sameLicense(u.licenseName, SALESFORCE_INTEGRATION));
        const known = new Set(snapshot.users.map((u) => u.username.toLowerCase()));
        let count = onLicence.length;
        for (const record of context.org.userDefinitions()) {
          if (record.username && known.has(record.username.value.toLowerCase())) continue;
          const view = context.org.viewOfRecord(record);
          const resolved = context.org.resolveLicense(view);
          if (!resolved || !sameLicense(resolved.license, SALESFORCE_INTEGRATION) || !context.org.integrationUser(view)) continue;
          count++;
          if (count <= licence.total || record.path !== file.path) continue;
          context.report({
            range: profileField(record),
            message: `This user would be integration user number ${count} on the ${SALESFORCE_INTEGRATION} licence, but the org has ${licence.total} (${onLicence.length} already used by active users); buy more licences or reuse an existing integration user, or sf org create user fails with "no available user licenses".`,
            related: [
              {
                path: licence.source.path,
                range: licence.source.range,
                message: `UserLicense ${SALESFORCE_INTEGRATION}: TotalLicenses ${licence.total}`,
              },
            ],
          });
        }
      },
    };
  },
};
