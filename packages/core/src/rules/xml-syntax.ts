import { comparePositions } from '../text/positions.js';
import type { Rule } from './rule.js';

export const xmlSyntax: Rule = {
  meta: {
    id: 'xml-syntax',
    defaultLevel: 'error',
    description: 'A metadata file that is not well-formed XML.',
    fixable: true,
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
        // The first error is the `--` of an iulint comment (the v1 ` -- reason`): fixed by writing the
        // reason after a colon, in every such comment of the file at once.
        const inComment = file.comments.find(
          (c) => c.colonForm && comparePositions(c.range.start, e.range.start) <= 0 && comparePositions(e.range.start, c.range.end) < 0,
        );
        if (inComment?.colonForm) {
          const legacy = file.comments.filter((c) => c.colonForm);
          context.report({
            range: e.range,
            message: `This iulint comment writes its reason after ' -- ' (the v1 form), but XML forbids '--' inside a comment${more}: Salesforce will refuse to deploy the file. Write the reason after a colon: ${inComment.colonForm}`,
            fix: {
              title:
                legacy.length > 1 ? `Write the reason after a colon (${legacy.length} iulint comments)` : 'Write the reason after a colon',
              edits: legacy.map((c) => ({ range: c.range, newText: c.colonForm as string })),
            },
          });
          return;
        }
        context.report({
          range: e.range,
          message: `This file is not well-formed XML: ${e.message}${more}. Salesforce will refuse to deploy it; fix the XML here.`,
        });
      },
    };
  },
};
