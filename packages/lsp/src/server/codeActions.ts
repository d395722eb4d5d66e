import type { Finding, Range } from '@iulint/core';
import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../protocol.js';
import { toDiagnostic } from '../toDiagnostic.js';

export const FIX_ALL_KIND = 'source.fixAll.iulint';

type Pos = Range['start'];
const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character < b.character);
const same = (a: Pos, b: Pos) => a.line === b.line && a.character === b.character;

/**
 * Whether two edits conflict: they share a character, or an insertion meets the other edit (the order
 * of the two would be undefined). Two replacements that only touch at an end are fine.
 */
export function overlap(a: TextEdit, b: TextEdit): boolean {
  if (before(a.range.end, b.range.start) || before(b.range.end, a.range.start)) return false;
  const touch = same(a.range.end, b.range.start) || same(b.range.end, a.range.start);
  const empty = (e: TextEdit) => same(e.range.start, e.range.end);
  return !(touch && !empty(a) && !empty(b));
}

/** The kinds a request asks for (`context.only`): a kind is wanted when a requested kind is a prefix of it. */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

const sameDiagnostic = (d: Diagnostic, f: Finding) =>
  String(d.code) === f.ruleId &&
  d.range.start.line === f.range.start.line &&
  d.range.start.character === f.range.start.character &&
  d.range.end.line === f.range.end.line &&
  d.range.end.character === f.range.end.character;

/** Whether a comment can start at this offset: between elements, not inside a tag, comment or CDATA section. */
function betweenMarkup(text: string, offset: number): boolean {
  const head = text.slice(0, offset);
  if (head.lastIndexOf('<!--') > head.lastIndexOf('-->')) return false;
  if (head.lastIndexOf('<![CDATA[') > head.lastIndexOf(']]>')) return false;
  return head.lastIndexOf('<') <= head.lastIndexOf('>');
}

/** The end of the XML declaration (after a BOM), if the text starts with one. */
function declarationEnd(text: string): number | undefined {
  const decl = /^\uFEFF?<\?xml[^>]*\?>/.exec(text);
  return decl ? decl[0].length : undefined;
}

/** "Disable … for this line": a v2 comment on the line before the finding, never before the XML declaration. */
function disableLine(doc: TextDocument, f: Finding): TextEdit | undefined {
  const text = doc.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const comment = `<!-- iulint-disable-next-line ${f.ruleId} -->`;
  const declEnd = declarationEnd(text);
  const lineStart = doc.offsetAt({ line: f.range.start.line, character: 0 });
  if (declEnd !== undefined && lineStart < declEnd) {
    // The finding is on the declaration's line: the comment goes on its own line after the declaration.
    if (doc.offsetAt(f.range.start) < declEnd) return undefined;
    const at = doc.positionAt(declEnd);
    return { range: { start: at, end: at }, newText: `${eol}${comment}${eol}` };
  }
  if (!betweenMarkup(text, lineStart)) return undefined;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const at = { line: f.range.start.line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}${comment}${eol}` };
}

/** "Disable … for this file": a v2 comment after the XML declaration (or at the top without one). */
function disableFile(doc: TextDocument, f: Finding): TextEdit {
  const text = doc.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const comment = `<!-- iulint-disable-file ${f.ruleId} -->`;
  const declEnd = declarationEnd(text);
  if (declEnd === undefined)
    return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${comment}${eol}` };
  const at = doc.positionAt(declEnd);
  return { range: { start: at, end: at }, newText: `${eol}${comment}` };
}

/** What the client can do with code actions (from its capabilities). */
export interface CodeActionClient {
  /**
   * Whether it honours `isPreferred` (`textDocument.codeAction.isPreferredSupport`): it lets the user
   * choose among alternatives. A client that does not (Kate 22.12 applies every action its quick fix
   * gets) receives one action per diagnostic, the one a user would prefer, and fix-all only when it asks.
   */
  canPick: boolean;
}

/** Whether a rule id is a rule's (a suppression comment can name it), or another code (`unused-disable`, `forceignore`). */
export type IsRule = (id: string) => boolean;

const AUTOMATIC = 2; // CodeActionTriggerKind.Automatic: the client asked on its own (a lightbulb), not the user

/**
 * The findings a request is about: those of the diagnostics in `context.diagnostics`; when it names
 * none of iulint's, those in the range; and when none is in the range of a request the user made (ALE
 * sends the word under the cursor and no diagnostic), those on the range's lines.
 */
function findingsAsked(params: CodeActionParams, findings: Finding[]): Finding[] {
  const given = Array.isArray(params.context.diagnostics) ? params.context.diagnostics : [];
  const named = findings.filter((f) => given.some((d) => sameDiagnostic(d, f)));
  if (named.length > 0) return named;
  const range = params.range ?? { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } };
  const inRange = findings.filter((f) => !(before(f.range.end, range.start) || before(range.end, f.range.start)));
  if (inRange.length > 0 || params.context.triggerKind === AUTOMATIC) return inRange;
  return findings.filter((f) => f.range.start.line <= range.end.line && f.range.end.line >= range.start.line);
}

/**
 * The code actions for a request, safe to apply all at once (as Kate does): for the findings the
 * request is about (`findingsAsked`), the quick fix (preferred), disable comments for a rule's finding
 * in XML, and "Show documentation for <rule>" (a command); fix-all as `source.fixAll.iulint`; the kinds
 * `context.only` asks for; never two actions whose edits overlap (a later one is dropped, fix-all
 * leaves out what an earlier action fixes). A client that cannot pick (`CodeActionClient`) gets the
 * preferred action of each finding alone.
 */
export function codeActions(
  params: CodeActionParams,
  doc: TextDocument,
  findings: Finding[],
  xml: boolean,
  uriOf: (path: string) => string,
  client: CodeActionClient,
  isRule: IsRule,
): CodeAction[] {
  const uri = params.textDocument.uri;
  const { only } = params.context;
  const chosen = findingsAsked(params, findings);

  const taken: TextEdit[] = [];
  const actions: CodeAction[] = [];
  const commands: CodeAction[] = [];
  const free = (edits: TextEdit[]) => edits.every((e) => taken.every((t) => !overlap(e, t)));
  const add = (action: CodeAction, edits: TextEdit[]): boolean => {
    if (edits.length === 0 || !free(edits)) return false;
    taken.push(...edits);
    actions.push({ ...action, edit: { changes: { [uri]: edits } } });
    return true;
  };

  if (wants(only, CodeActionKind.QuickFix)) {
    const documented = new Set<string>();
    for (const f of chosen) {
      const diagnostics = [toDiagnostic(f, uriOf)];
      const kind = CodeActionKind.QuickFix;
      let offered = f.fix ? add({ title: f.fix.title, kind, diagnostics, isPreferred: true }, f.fix.edits) : false;
      // A suggestion (the fix of a finding that rests on a name only) is offered, never preferred nor in fix-all.
      for (const s of f.suggestions ?? [])
        if (client.canPick || !offered) offered = add({ title: s.title, kind, diagnostics }, s.edits) || offered;
      if (xml && isRule(f.ruleId) && (client.canPick || !offered)) {
        const line = disableLine(doc, f);
        if (line) offered = add({ title: `Disable ${f.ruleId} for this line`, kind, diagnostics }, [line]) || offered;
        if (client.canPick || !offered) add({ title: `Disable ${f.ruleId} for this file`, kind, diagnostics }, [disableFile(doc, f)]);
      }
      if (client.canPick && !documented.has(f.ruleId)) {
        documented.add(f.ruleId);
        const title = `Show documentation for ${f.ruleId}`;
        commands.push({ title, kind, diagnostics, command: { title, command: COMMANDS.showRuleDocumentation, arguments: [f.ruleId] } });
      }
    }
  }
  // A client that cannot pick gets fix-all only when it asks for it by kind.
  if (wants(only, FIX_ALL_KIND) && (client.canPick || only !== undefined)) {
    // Each finding's fix whole or not at all, none overlapping another (the first one wins).
    const edits: TextEdit[] = [];
    for (const f of findings) {
      const fix = f.fix?.edits ?? [];
      if (fix.length === 0) continue;
      if (fix.every((e) => [...taken, ...edits].every((t) => !overlap(e, t)))) edits.push(...fix);
    }
    add({ title: 'Fix all iulint problems', kind: FIX_ALL_KIND }, edits);
  }
  return [...bottomUp(actions, uri), ...commands];
}

/**
 * The actions ordered from the end of the document to its start, when each one's edits then all lie
 * before the previous ones': a client that applies them one after another, each in the coordinates of
 * the text it asked about, gets the same file as one that applies them all at once. Otherwise (fix-all
 * around a quick fix) the order stays; applied together they still never overlap.
 */
function bottomUp(actions: CodeAction[], uri: string): CodeAction[] {
  const edits = (a: CodeAction) => (a.edit?.changes?.[uri] ?? []) as TextEdit[];
  const first = (a: CodeAction) =>
    edits(a).reduce((m, e) => (before(e.range.start, m) ? e.range.start : m), edits(a)[0]?.range.start as Pos);
  const last = (a: CodeAction) => edits(a).reduce((m, e) => (before(m, e.range.end) ? e.range.end : m), edits(a)[0]?.range.end as Pos);
  const sorted = actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => {
      const [p, q] = [first(x.a), first(y.a)];
      return before(q, p) ? -1 : before(p, q) ? 1 : x.i - y.i;
    })
    .map((x) => x.a);
  const sequential = sorted.every((a, i) => {
    const previous = sorted[i - 1];
    if (!previous) return true;
    // Ends where the previous one starts at the latest (two edits never overlap, see overlap()).
    return !before(first(previous), last(a));
  });
  return sequential ? sorted : actions;
}
