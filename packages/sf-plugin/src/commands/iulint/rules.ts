import type { RuleRow } from '@iulint/lsp/cli';
import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@iulint/plugin-iulint', 'iulint.rules');

export default class Rules extends SfCommand<RuleRow[]> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public async run(): Promise<RuleRow[]> {
    await this.parse(Rules);
    const { ruleCatalogue, ruleCatalogueText } = await import('@iulint/lsp/cli');
    const rows = ruleCatalogue();
    if (!this.jsonEnabled()) process.stdout.write(ruleCatalogueText(rows));
    return rows;
  }
}
