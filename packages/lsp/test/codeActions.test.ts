import { RULES } from '@iulint/core';
import { lintText as lintWith } from '@iulint/core/internal';
import { describe, expect, it } from 'vitest';
import type { CodeAction, CodeActionParams, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../src/protocol.js';
import { codeActions } from '../src/server/codeActions.js';
import { xmlProblem } from './editors.js';

const path = '/proj/force-app/main/default/dashboards/Ops/D.dashboard-meta.xml';
const dashboard = (...lines: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Dashboard xmlns="http://soap.sforce.com/2006/04/metadata">\n${lines.map((l) => `    ${l}\n`).join('')}</Dashboard>\n`;
const PIU = '<runningUser>cloud@00d5e000000abcdeaa</runningUser>';
const isRule = (id: string) => RULES.some((r) => r.meta.id === id);
const lintText = (file: string, text: string) => lintWith(file, text, RULES);
const PERMISSION_SET = '/proj/force-app/main/default/permissionsets/C.permissionset-meta.xml';
/** A consented permission set that is not session-based: piu-session-based, with a fix. */
const consented = `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <hasActivationRequired>false</hasActivationRequired>\n    <label>C</label>\n    <license>Cloud Integration User</license>\n</PermissionSet>\n`;

function ask(file: string, text: string, context: Partial<CodeActionParams['context']>, range?: CodeActionParams['range'], canPick = true) {
  const findings = lintText(file, text);
  const doc = TextDocument.create(`file://${file}`, 'xml', 1, text);
  const params = { textDocument: { uri: `file://${file}` }, range, context: { diagnostics: [], ...context } } as CodeActionParams;
  return { findings, actions: codeActions(params, doc, findings, true, (p) => p, { canPick }, isRule) };
}
const edits = (a: CodeAction, u: string) => (a.edit?.changes?.[u] ?? []) as TextEdit[];
const applyAll = (text: string, actions: CodeAction[], u: string) =>
  TextDocument.applyEdits(
    TextDocument.create(u, 'xml', 1, text),
    actions.flatMap((a) => edits(a, u)),
  );

describe('code actions for a client that lets the user pick (isPreferredSupport)', () => {
  it('the fix (preferred), both disable comments and "Show documentation for <rule>", a command with the rule id', () => {
    const findings = lintText(PERMISSION_SET, consented);
    const f = findings.find((x) => x.ruleId === 'piu-session-based');
    const { actions: asked } = ask(PERMISSION_SET, consented, {
      diagnostics: [{ range: f?.range as never, message: '', code: 'piu-session-based' }],
    });
    expect(asked.map((a) => a.title)).toEqual([
      'Make it session-based (hasActivationRequired true)',
      'Disable piu-session-based for this line',
      'Disable piu-session-based for this file',
      'Show documentation for piu-session-based',
    ]); // fix-all would hold only the fix already offered: none
    expect(asked[0]?.isPreferred).toBe(true);
    expect(asked.at(-1)?.command).toEqual({
      title: 'Show documentation for piu-session-based',
      command: COMMANDS.showRuleDocumentation,
      arguments: ['piu-session-based'],
    });
    expect(asked.at(-1)?.edit).toBeUndefined();
  });

  it('unused-disable: "Remove unused suppression", never a comment that would disable unused-disable (not a rule)', () => {
    const text = dashboard('<!-- iulint-disable-next-line reserved-user -->', '<title>T</title>');
    const { findings, actions } = ask(path, text, {}, { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } });
    expect(findings.map((f) => f.ruleId)).toEqual(['unused-disable']);
    expect(actions.map((a) => a.title)).toEqual(['Remove unused suppression', 'Show documentation for unused-disable']);
    const fixed = applyAll(text, actions, `file://${path}`);
    expect(fixed).toBe(dashboard('<title>T</title>'));
    expect(xmlProblem(fixed)).toBeUndefined();
    expect(lintText(path, fixed)).toEqual([]);
  });
});

describe('code actions for a client that applies everything it gets (Kate 22.12: no isPreferredSupport)', () => {
  it('one action per diagnostic: the fix when there is one, no fix-all, no command', () => {
    const findings = lintText(PERMISSION_SET, consented);
    const f = findings.find((x) => x.ruleId === 'piu-session-based');
    const whole = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };
    const { actions } = ask(
      PERMISSION_SET,
      consented,
      { diagnostics: [{ range: f?.range as never, message: '', code: 'piu-session-based' }] },
      whole,
      false,
    );
    expect(actions.map((a) => a.title)).toEqual(['Make it session-based (hasActivationRequired true)']);
    const fixed = applyAll(consented, actions, `file://${PERMISSION_SET}`);
    const before = findings.filter((x) => x.ruleId !== 'piu-session-based').map((x) => x.ruleId);
    expect(lintText(PERMISSION_SET, fixed).map((x) => x.ruleId)).toEqual(before);
  });

  it('"disable for this line" alone for a diagnostic without a fix', () => {
    const text = dashboard(PIU);
    const findings = lintText(path, text);
    const { actions } = ask(
      path,
      text,
      { diagnostics: [{ range: findings[0]?.range as never, message: '', code: 'piu-no-run-as' }] },
      undefined,
      false,
    );
    expect(actions.map((a) => a.title)).toEqual(['Disable piu-no-run-as for this line']);
    expect(lintText(path, applyAll(text, actions, `file://${path}`))).toEqual([]);
  });
});

describe("which findings a request is about (ALE's, Kate's menu)", () => {
  const text = dashboard('<title>Ops</title>', `<description>x</description>${PIU}`);
  // The cursor on the word "description", left of the finding on the same line: ALE sends the word as the
  // range and no diagnostic.
  const word = { start: { line: 3, character: 5 }, end: { line: 3, character: 16 } };

  it('a request the user made: the findings on the range’s lines, though the range does not meet them', () => {
    const { actions } = ask(path, text, {}, word);
    expect(actions.map((a) => a.title)).toContain('Disable piu-no-run-as for this line');
  });

  it('a request the client made on its own (a lightbulb, triggerKind Automatic): only what the range meets', () => {
    expect(ask(path, text, { triggerKind: 2 }, word).actions).toEqual([]);
  });

  it("Kate's code action menu: the cursor's line as the range, no diagnostic", () => {
    const line = { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } };
    expect(ask(path, text, {}, line, false).actions.map((a) => a.title)).toEqual(['Disable piu-no-run-as for this line']);
  });
});
