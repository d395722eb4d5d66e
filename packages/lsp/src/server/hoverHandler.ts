import { explanationMarkdown } from '@iulint/core';
import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import { checkPosition, documentUri, stopIfCancelled } from './params.js';
import type { Roots } from './roots.js';

/**
 * `textDocument/hover`: core's explanation of the user, licence or permission under the cursor
 * (`Workspace.explainAt`), in its Markdown. The file's pending edit is read first (`update`).
 */
export async function hover(
  roots: Roots,
  params: HoverParams,
  token: CancellationToken,
  update: (path: string) => void,
): Promise<Hover | null> {
  const uri = documentUri(params);
  checkPosition(params.position, 'position');
  stopIfCancelled(token);
  const path = roots.pathOf(uri);
  if (path === undefined) return null;
  const root = roots.rootOf(path);
  const ws = root ? await roots.workspace(root).catch(() => undefined) : roots.loadedWorkspaceOf(path);
  stopIfCancelled(token);
  update(path);
  const explanation = ws?.explainAt(path, params.position);
  return explanation ? { contents: { kind: 'markdown', value: explanationMarkdown(explanation) } } : null;
}
