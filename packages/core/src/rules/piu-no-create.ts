import type { FileFacts } from '../facts/facts.js';
import { identifyingField, recordsOf, sourceName } from './helpers.js';
import type { Rule, RuleContext } from './rule.js';

function check(context: RuleContext, file: FileFacts): void {
  for (const record of recordsOf(file)) {
    const m = context.org.systemUser(context.org.viewOfRecord(record));
    if (m?.kind !== 'piu') continue;
    context.report({
      range: identifyingField(record, m.reason),
      message: `${sourceName(file)} would create the Platform Integration User (${m.reason}); Salesforce builds that user into every org and nobody may create it, so remove the record and create an integration user of your own on the Salesforce Integration licence if you need one.`,
    });
  }
}

export const piuNoCreate: Rule = {
  meta: {
    id: 'piu-no-create',
    defaultLevel: 'error',
    description: 'A user source that would create the Platform Integration User or a user on its licence.',
    fixable: false,
  },
  create(context) {
    return {
      userDefinition: (file) => check(context, file),
      dataTree: (file) => check(context, file),
    };
  },
};
