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
      '*'(file) {
        const first = file.doc.errors[0];
        if (!first) return;
        const more = file.doc.errors.length - 1;
        context.report({
          start: first.start,
          end: Math.max(first.end, first.start + 1),
          message: `This file is not well-formed XML: ${first.message}${more > 0 ? ` (and ${more} more ${more === 1 ? 'error' : 'errors'})` : ''}. Salesforce will refuse to deploy it; fix the XML here.`,
        });
      },
    };
  },
};
