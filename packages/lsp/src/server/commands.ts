import type { ExecuteCommandParams } from 'vscode-languageserver';
import type { Diagnostics } from './diagnostics.js';
import { invalid } from './params.js';

export const COMMANDS = { lintWorkspace: 'iulint.lintWorkspace', clearProblems: 'iulint.clearProblems' } as const;

/** `workspace/executeCommand`: "Lint Workspace" answers how many files it reported (push and pull alike). */
export async function executeCommand(diagnostics: Diagnostics, params: ExecuteCommandParams): Promise<unknown> {
  if (typeof params?.command !== 'string') throw invalid('command must be a string');
  if (params.command === COMMANDS.lintWorkspace) return { files: await diagnostics.lintWorkspace() };
  if (params.command === COMMANDS.clearProblems) {
    await diagnostics.clear();
    return {};
  }
  throw invalid(`unknown command ${params.command}`);
}
