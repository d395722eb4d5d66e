import type { FileFacts } from '../facts/facts.js';
import { agentUserLookalike, identifyingField, recordsOf, sourceName } from './helpers.js';
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
      script(file) {
        for (const c of file.commands) {
          if (c.command !== 'org create agent-user') continue;
          const m = agentUserLookalike(c);
          if (m?.kind !== 'piu') continue;
          context.report({
            range: m.range,
            message: `sf org create agent-user would create a user made to look like the Platform Integration User (${m.reason}); Salesforce builds that user into every org and nobody may create it, so give the agent user a name and base username of its own.`,
          });
        }
      },
    };
  },
};
