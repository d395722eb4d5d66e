import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../hover.js';
import { checkPosition, documentUri, stopIfCancelled } from './params.js';
import type { Roots } from './roots.js';

/** `textDocument/hover`: what iulint knows about the user, licence or permission under the cursor (see hover.ts). */
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
  const facts = ws?.files.get(path);
  if (!ws || !facts) return null;
  const text = hoverAt(ws.model(), facts, params.position, ws.rules);
  return text ? { contents: { kind: 'markdown', value: text } } : null;
}
