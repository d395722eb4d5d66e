import type { Located, MetadataFacts } from '../facts/facts.js';
import type { Reason } from '../org/model.js';
import { setTopLevelElement } from './fixes.js';
import { type Rule, type RuleContext, relatedFrom } from './rule.js';

function check(
  context: RuleContext,
  file: MetadataFacts,
  what: string,
  name: string,
  flag: Located | undefined,
  reason: Reason | undefined,
): void {
  if (!reason || flag?.value.toLowerCase() === 'true') return;
  const range = flag?.range ?? file.root?.range;
  if (!range) return;
  const state = flag ? `sets hasActivationRequired to ${flag.value || 'nothing'}` : 'has no hasActivationRequired';
  const fix = setTopLevelElement(file, 'hasActivationRequired', flag, 'true', 'Make it session-based (hasActivationRequired true)');
  context.report({
    range,
    message: `${what} ${name} is consented for the Platform Integration User (${reason.text}) but ${state}; permission sets and groups used for that user are always session-based, so set hasActivationRequired to true.`,
    related: relatedFrom([reason]).filter((r) => r.path !== file.path || r.range !== range),
    ...(fix ? { fix } : {}),
  });
}

export const piuSessionBased: Rule = {
  meta: {
    id: 'piu-session-based',
    defaultLevel: 'error',
    description: 'A consented permission set, or a group containing one, that is not session-based (hasActivationRequired).',
    fixable: true,
  },
  create(context) {
    return {
      PermissionSet(file, ps) {
        if (ps.part) return;
        check(context, file, 'Permission set', ps.name, ps.hasActivationRequired, context.org.consented(ps));
      },
      PermissionSetGroup(file, group) {
        check(context, file, 'Permission set group', group.name, group.hasActivationRequired, context.org.consentedGroup(group));
      },
    };
  },
};
