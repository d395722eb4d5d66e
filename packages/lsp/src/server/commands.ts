import type { ExecuteCommandParams } from 'vscode-languageserver';
import { COMMANDS } from '../protocol.js';
import type { Diagnostics } from './diagnostics.js';
import { invalid } from './params.js';

/** What the commands act on. */
export interface CommandsHost {
  readonly diagnostics: Diagnostics;
  /** Opens a rule's page (`window/showDocument`, else a message with its link); undefined for an unknown id. */
  showRuleDocumentation(ruleId: string): Promise<{ url: string; shown: boolean } | undefined>;
}

/** `workspace/executeCommand`: "Lint Workspace" answers how many files it reported (push and pull alike). */
export async function executeCommand(host: CommandsHost, params: ExecuteCommandParams): Promise<unknown> {
  if (typeof params?.command !== 'string') throw invalid('command must be a string');
  if (params.command === COMMANDS.lintWorkspace) return { files: await host.diagnostics.lintWorkspace() };
  if (params.command === COMMANDS.clearProblems) {
    await host.diagnostics.clear();
    return {};
  }
  if (params.command === COMMANDS.showRuleDocumentation) {
    const id = Array.isArray(params.arguments) ? params.arguments[0] : undefined;
    const shown = typeof id === 'string' ? await host.showRuleDocumentation(id) : undefined;
    if (!shown) throw invalid(`${COMMANDS.showRuleDocumentation} takes one argument, the id of a rule or diagnostic code`);
    return shown;
  }
  throw invalid(`unknown command ${params.command}`);
}
