import type { Rule } from './rule.js';

export const xmlSyntax: Rule = {
  meta: {
    id: 'xml-syntax',
    defaultLevel: 'error',
    description: 'A metadata file that is not well-formed XML.',
    fixable: false,
  },
  create(context) {
    return {
      metadata(file) {
        if (file.unreadable) {
          context.report({
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: `This metadata file cannot be read as XML: ${file.unreadable}.`,
          });
          return;
        }
        const e = file.xmlError;
        if (!e) return;
        const more = e.more > 0 ? ` (and ${e.more} more ${e.more === 1 ? 'error' : 'errors'})` : '';
        context.report({
          range: e.range,
          message: `This file is not well-formed XML: ${e.message}${more}. Salesforce will refuse to deploy it; fix the XML here.`,
        });
      },
    };
  },
};
