import type { CancellationToken } from 'vscode-languageserver';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** A request whose params are not what the protocol says is answered -32602 (Invalid params), never with a TypeError. */
export function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosition = (v: unknown) =>
  isObject(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;

/** `params.textDocument.uri`, checked. */
export function documentUri(params: unknown): string {
  const td = isObject(params) ? params.textDocument : undefined;
  if (!isObject(td) || typeof td.uri !== 'string') throw invalid('textDocument.uri must be a string');
  return td.uri;
}

export function checkPosition(v: unknown, name: string): void {
  if (!isPosition(v)) throw invalid(`${name} must be a position ({ line, character }, non-negative integers)`);
}

export function checkRange(v: unknown, name: string): void {
  if (!isObject(v)) throw invalid(`${name} must be a range`);
  checkPosition(v.start, `${name}.start`);
  checkPosition(v.end, `${name}.end`);
}

/** Code action params: a document, a range (when given) and a context whose `diagnostics` and `only`, when given, are arrays. */
export function checkCodeAction(params: unknown): void {
  documentUri(params);
  const p = params as Record<string, unknown>;
  if (p.range !== undefined) checkRange(p.range, 'range'); // some clients leave it out: the whole document
  if (!isObject(p.context)) throw invalid('context must be an object');
  const { diagnostics, only } = p.context;
  if (diagnostics !== undefined) {
    if (!Array.isArray(diagnostics) || !diagnostics.every(isObject)) throw invalid('context.diagnostics must be an array of diagnostics');
    for (const [i, d] of diagnostics.entries()) checkRange(d.range, `context.diagnostics[${i}].range`);
  }
  if (only !== undefined && !(Array.isArray(only) && only.every((k) => typeof k === 'string')))
    throw invalid('context.only must be an array of strings');
}

/** Stops a request the client cancelled (-32800), read between units of work. */
export function stopIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}
