import type { Fix } from '../diagnostic.js';
import { DEPRECATED_PROFILE } from '../domain/profiles.js';
import type { Located } from '../facts/facts.js';
import type { Rule } from './rule.js';

const REPLACEMENT = 'Minimum Access - API Only Integrations';
const isDeprecated = (name: string) => name.trim().toLowerCase() === DEPRECATED_PROFILE.toLowerCase();
const MESSAGE = `refers to the profile "${DEPRECATED_PROFILE}", which Salesforce deprecated and no longer provisions in new orgs; use "${REPLACEMENT}" instead.`;

export const integrationDeprecatedProfile: Rule = {
  meta: {
    id: 'integration-deprecated-profile',
    defaultLevel: 'info',
    description: `Any reference to the deprecated profile ${DEPRECATED_PROFILE}.`,
    fixable: true,
  },
  create(context) {
    const reference = (what: string, value: Located, fix: Fix | undefined) =>
      context.report({ range: value.range, message: `${what} ${MESSAGE}`, ...(fix ? { fix } : {}) });
    const replace = (value: Located, quoted: boolean): Fix => ({
      title: `Use "${REPLACEMENT}"`,
      edits: [{ range: value.range, newText: quoted ? JSON.stringify(REPLACEMENT) : REPLACEMENT }],
    });
    return {
      Profile(file, profile) {
        if (isDeprecated(profile.name) && file.root) {
          context.report({ range: file.root.range, message: `This profile file ${MESSAGE}` });
        }
      },
      metadata(file) {
        for (const ref of file.profileReferences)
          if (isDeprecated(ref.value)) reference(`${file.info.type} ${file.info.fullName}`, ref, replace(ref, false));
      },
      userDefinition(file) {
        const p = file.user.profileName;
        if (p && isDeprecated(p.value)) reference('This user definition', p, replace(p, true));
      },
      dataTree(file) {
        for (const u of file.users)
          if (u.profileName && isDeprecated(u.profileName.value))
            reference('This User record', u.profileName, replace(u.profileName, true));
      },
      snapshot(snapshot) {
        for (const u of snapshot.users) {
          if (u.profileName && isDeprecated(u.profileName.value)) {
            context.report({
              path: u.source.path,
              range: u.profileName.range,
              message: `The org snapshot's user ${u.username} ${MESSAGE}`,
            });
          }
        }
      },
    };
  },
};
