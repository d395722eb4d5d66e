import { isAgentProfile } from '../domain/agents.js';
import { isGeneralPurposeLicense, SALESFORCE_INTEGRATION } from '../domain/licenses.js';
import type { FileFacts, Located, UserRecord } from '../facts/facts.js';
import { queryKey, type UserView } from '../org/model.js';
import { profileField, recordsOf } from './helpers.js';
import { inOrg, integrationLicenceUse } from './integration-license-capacity.js';
import { BY_NAME_OPTION, byNameOption, decisive, onlyByName, type Rule, relatedFrom } from './rule.js';

const API_ONLY_PROFILE = 'Minimum Access - API Only Integrations';

export const integrationUserLicense: Rule = {
  meta: {
    id: 'integration-user-license',
    defaultLevel: 'warning',
    description: 'An integration user on a general-purpose licence instead of Salesforce Integration.',
    fixable: true,
    options: BY_NAME_OPTION,
  },
  create(context) {
    const general = (licence: string) => isGeneralPurposeLicense(licence, context.config.generalPurposeLicenses);
    const query = byNameOption(context);
    const insteadText = `put integration users on the "${SALESFORCE_INTEGRATION}" licence (for example the "${API_ONLY_PROFILE}" profile) instead`;

    /** Why a user source's record is an integration user on a general-purpose licence, with that licence; else undefined. */
    const onGeneralLicence = (record: UserRecord, org = context.org) => {
      const view = org.viewOfRecord(record);
      const reasons = org.integrationUser(view, query);
      const licence = reasons ? org.resolveLicense(view) : undefined;
      return reasons && licence && general(licence.license) ? { reasons, licence } : undefined;
    };

    /**
     * Whether moving this user definition onto the Salesforce Integration licence leaves the org within
     * its count of them (with a snapshot): the fix is offered to the first definitions that fit, in path
     * order, so no fix, nor all of them applied together, makes an integration-license-capacity finding.
     */
    const licenceLeft = (record: UserRecord) => {
      if (inOrg(context.org, record)) return true;
      const use = integrationLicenceUse(context.org);
      if (!use) return true;
      const room = use.licence.total - use.used - use.added.length;
      // Once for the model: every user definition asks.
      const movable = context.org.once(`integration-user-license movable ${queryKey(query)}`, (org) =>
        org.userDefinitions().filter((r) => r.profileName && !inOrg(org, r) && onGeneralLicence(r, org) !== undefined),
      );
      return movable.indexOf(record) < room;
    };

    /** (c): a user source's integration user on a general-purpose licence. */
    const users = (file: FileFacts) => {
      for (const record of recordsOf(file)) {
        const found = onGeneralLicence(record);
        if (!found) continue;
        const { reasons, licence } = found;
        const who = record.username?.value ?? 'This user';
        const fix =
          file.kind === 'userDefinition' && record.profileName && licenceLeft(record)
            ? {
                title: `Use the ${API_ONLY_PROFILE} profile`,
                edits: [{ range: record.profileName.range, newText: JSON.stringify(API_ONLY_PROFILE) }],
              }
            : undefined;
        context.report({
          range: profileField(record),
          message: `${who} is an integration user (${reasons[0]?.text}) but gets the general-purpose licence "${licence.license}" from ${licence.reason.text}; ${insteadText}.`,
          related: relatedFrom([licence.reason, ...decisive(reasons)]),
          byName: onlyByName(reasons),
          ...(fix ? { fix } : {}),
        });
      }
    };

    /** (d): a login element naming an integration user whose licence is general-purpose. */
    const login = (username: Located, where: string) => {
      const view: UserView = context.org.viewOf(username.value);
      if (!view.record && !view.snapshot) return;
      const reasons = context.org.integrationUser(view, query);
      const licence = reasons ? context.org.resolveLicense(view) : undefined;
      if (!reasons || !licence || !general(licence.license)) return;
      const record = view.record
        ? [{ text: `the user record of ${username.value}`, path: view.record.path, range: view.record.range }]
        : [];
      context.report({
        range: username.range,
        message: `${where} logs in as the integration user ${username.value}, whose licence resolves to the general-purpose "${licence.license}" (from ${licence.reason.text}); ${insteadText}.`,
        related: relatedFrom([...record, licence.reason]),
      });
    };

    return {
      // (a): a profile that makes its users API-only on a general-purpose licence;
      // (e, v2): an integration profile by name on a general-purpose licence.
      Profile(_file, profile) {
        if (!profile.userLicense || !general(profile.userLicense.value) || isAgentProfile(profile.name)) return;
        const apiOnly = profile.userPermissions.some((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        const named = apiOnly || !query.byName ? undefined : context.org.profileByName(profile.name, profile);
        if (!apiOnly && !named) return;
        const why = apiOnly ? 'enables API Only User (ApiUserOnly)' : `is ${named?.text}`;
        context.report({
          range: profile.userLicense.range,
          message: `Profile "${profile.name}" ${why}, so its users are integration users, but it gives them the general-purpose licence "${profile.userLicense.value}"; ${insteadText}.`,
          byName: !apiOnly,
        });
      },
      // (b): a permission set that enables API Only User and pins a general-purpose licence.
      PermissionSet(_file, ps) {
        if (ps.part || !ps.license) return;
        const view = context.org.permissionSet(ps.name);
        const perms = view?.userPermissions ?? ps.userPermissions;
        const apiOnly = perms.find((p) => p.enabled && p.name.toLowerCase() === 'apiuseronly');
        if (!apiOnly || !general(ps.license.value)) return;
        context.report({
          range: ps.license.range,
          message: `Permission set ${ps.name} enables API Only User (ApiUserOnly) for integration users but is tied to the general-purpose licence "${ps.license.value}"; tie it to "${SALESFORCE_INTEGRATION}" or leave the licence empty, and give its users the "${SALESFORCE_INTEGRATION}" licence.`,
        });
      },
      userDefinition: users,
      dataTree: users,
      userReferences(file) {
        for (const ref of file.userReferences) if (ref.kind === 'login') login(ref.username, ref.element);
      },
      script(file) {
        for (const c of file.commands) if (c.command === 'org login jwt' && c.flags.username) login(c.flags.username, 'sf org login jwt');
      },
      sfConfig(file) {
        if (file.targetOrg) login(file.targetOrg, 'target-org');
      },
    };
  },
};
