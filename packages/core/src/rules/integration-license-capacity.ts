import { SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import type { UserRecord } from '../facts/facts.js';
import type { OrgModel } from '../org/model.js';
import type { SnapshotUserLicense } from '../org/snapshot.js';
import { profileField } from './helpers.js';
import type { Rule } from './rule.js';

/** How the org's Salesforce Integration licences are taken, as the snapshot and the user definitions say. */
export interface IntegrationLicenceUse {
  licence: SnapshotUserLicense & { total: number };
  /** Active users already on the licence in the org. */
  used: number;
  /** The user definitions (not yet in the org) that would take one, in path order. */
  added: UserRecord[];
}

/** undefined without a snapshot that gives the licence's total. Worked out once for the model: every user definition's rules ask. */
export function integrationLicenceUse(org: OrgModel): IntegrationLicenceUse | undefined {
  return org.once('integrationLicenceUse', licenceUse);
}

function licenceUse(org: OrgModel): IntegrationLicenceUse | undefined {
  const snapshot = org.snapshot;
  const licence = snapshot?.userLicenses.find((l) => sameLicense(l.name, SALESFORCE_INTEGRATION));
  if (!snapshot || licence?.total === undefined) return undefined;
  const used = snapshot.users.filter((u) => u.isActive && u.licenseName && sameLicense(u.licenseName, SALESFORCE_INTEGRATION)).length;
  const added: UserRecord[] = [];
  for (const record of org.userDefinitions()) {
    if (inOrg(org, record)) continue;
    const view = org.viewOfRecord(record);
    const resolved = org.resolveLicense(view);
    if (!resolved || !sameLicense(resolved.license, SALESFORCE_INTEGRATION) || !org.integrationUser(view)) continue;
    added.push(record);
  }
  return { licence: { ...licence, total: licence.total }, used, added };
}

/** Whether the snapshot already holds the user a definition creates (it takes no new licence). */
export function inOrg(org: OrgModel, record: UserRecord): boolean {
  return record.username !== undefined && org.inSnapshot(record.username.value);
}

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
        const use = integrationLicenceUse(context.org);
        if (!use) return;
        const { licence, used } = use;
        use.added.forEach((record, i) => {
          const count = used + i + 1;
          if (count <= licence.total || record.path !== file.path) return;
          context.report({
            range: profileField(record),
            message: `This user would be integration user number ${count} on the ${SALESFORCE_INTEGRATION} licence, but the org has ${licence.total} (${used} already used by active users); buy more licences or reuse an existing integration user, or sf org create user fails with "no available user licenses".`,
            related: [
              {
                path: licence.source.path,
                range: licence.source.range,
                message: `UserLicense ${SALESFORCE_INTEGRATION}: TotalLicenses ${licence.total}`,
              },
            ],
          });
        });
      },
    };
  },
};
