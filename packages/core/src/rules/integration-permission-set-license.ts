import { SALESFORCE_INTEGRATION, sameLicense } from '../domain/licenses.js';
import { BY_NAME_OPTION, byNameOption, onlyByName, type Rule, relatedFrom } from './rule.js';

/** Licences a permission set for an integration user may carry (the PSL's label and DeveloperName). */
const ALLOWED = [SALESFORCE_INTEGRATION, 'Salesforce API Integration', 'SalesforceAPIIntegrationPsl'];

export const integrationPermissionSetLicense: Rule = {
  meta: {
    id: 'integration-permission-set-license',
    defaultLevel: 'error',
    description:
      'A permission set assigned to an integration user whose licence is not Salesforce Integration or the Salesforce API Integration PSL.',
    fixable: false,
    options: BY_NAME_OPTION,
  },
  create(context) {
    const query = byNameOption(context);
    return {
      PermissionSet(_file, ps) {
        if (ps.part || !ps.license || ALLOWED.some((a) => sameLicense(a, ps.license?.value ?? ''))) return;
        const hits = context.org.assignmentsOf(ps.name).flatMap((a) => {
          const reasons = context.org.integrationUser(a.user, query);
          return reasons ? [{ a, reasons }] : [];
        });
        // A user that is an integration user for certain goes first; the finding rests on names only when every hit does.
        hits.sort((x, y) => Number(onlyByName(x.reasons)) - Number(onlyByName(y.reasons)));
        const first = hits[0];
        if (!first) return;
        const who = first.a.user.username ?? 'an integration user';
        context.report({
          range: ps.license.range,
          message: `Permission set ${ps.name} is tied to the licence "${ps.license.value}" but is assigned to the integration user ${who} (${first.reasons[0]?.text}), and Salesforce refuses that assignment; tie it to "${SALESFORCE_INTEGRATION}" or the Salesforce API Integration permission set licence, or leave the licence empty.`,
          related: relatedFrom(hits.map((h) => ({ ...h.a.via, text: `assigned to ${h.a.user.username ?? 'a user'} by ${h.a.via.text}` }))),
          byName: onlyByName(first.reasons),
        });
      },
    };
  },
};
