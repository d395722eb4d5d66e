import { describe, expect, it } from 'vitest';
import { agentScriptProperties } from '../src/facts/agentScript.js';
import { agentScriptFacts } from '../src/facts/agentScriptFacts.js';
import { extractFacts, sourceKind } from '../src/facts/extract.js';

const PATH = 'force-app/main/default/aiAuthoringBundles/Order_Help/Order_Help.agent';
/** The text a range covers. */
const covered = (text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
  const lines = text.split('\n');
  return r.start.line === r.end.line ? lines[r.start.line]?.slice(r.start.character, r.end.character) : '(several lines)';
};
const users = (text: string) =>
  agentScriptFacts(PATH, text).userReferences.map((u) => [u.element, u.username.value, covered(text, u.username.range)]);

/** The current form, as the Agent Script reference shows it: `access:` holds the agent user. */
const CURRENT = `system:
    instructions: "You help customers with their orders."
    messages:
        welcome: "Hi!"
        error: "Sorry, something went wrong."

config:
    developer_name: "Order_Help"
    agent_type: "AgentforceServiceAgent"

access:
    default_agent_user: "order.agent@acme.com"

topic orders:
    description: "Order questions"
    reasoning:
        instructions: ->
            | default_agent_user: "not.this@acme.com"
`;

describe('Agent Script: default_agent_user as an agent running-user element', () => {
  it('reads the access block (the current form), range without the quotes', () => {
    expect(users(CURRENT)).toEqual([['access.default_agent_user', 'order.agent@acme.com', 'order.agent@acme.com']]);
    expect(agentScriptFacts(PATH, CURRENT).agentType?.value).toBe('AgentforceServiceAgent');
  });

  it('reads the config block (the older form, and sf agent generate’s template), a bare value with a comment after it', () => {
    const text =
      'config:\n    developer_name: "Old"\n    default_agent_user: old.agent@acme.com   # the agent user\n    agent_label: "Old"\n';
    expect(users(text)).toEqual([['config.default_agent_user', 'old.agent@acme.com', 'old.agent@acme.com']]);
  });

  it('reads both blocks when a file has both', () => {
    const text = 'config:\n    default_agent_user: "old@acme.com"\naccess:\n    default_agent_user: "new@acme.com"\n';
    expect(users(text).map((u) => u[0])).toEqual(['config.default_agent_user', 'access.default_agent_user']);
  });

  it('indentation by tabs, by two spaces, by tabs and spaces mixed at one width, and CRLF line ends', () => {
    expect(users('access:\n\tdefault_agent_user: "tab@acme.com"\n')).toEqual([
      ['access.default_agent_user', 'tab@acme.com', 'tab@acme.com'],
    ]);
    expect(users("access:\n  default_agent_user: 'two@acme.com'\n")).toEqual([
      ['access.default_agent_user', 'two@acme.com', 'two@acme.com'],
    ]);
    expect(users('config:\n\tdeveloper_name: "X"\n    default_agent_user: "mixed@acme.com"\n').map((u) => u[1])).toEqual([
      'mixed@acme.com',
    ]);
    const crlf = 'access:\r\n    default_agent_user: bare@acme.com\r\n';
    const [ref] = agentScriptFacts(PATH, crlf).userReferences;
    expect(ref?.username.value).toBe('bare@acme.com');
    expect(ref?.username.range).toEqual({ start: { line: 1, character: 24 }, end: { line: 1, character: 37 } });
  });

  it('ignores values that are not usernames: placeholders, None, a user id, an empty value', () => {
    for (const value of [
      '"<default_agent_user_placeholder>"',
      '"<provisioned per agent by Salesforce>"',
      'None',
      '"005xx000001Svqw"',
      '""',
      '"{{agentUser}}"',
      `"\${AGENT_USER}"`,
    ])
      expect(users(`access:\n    default_agent_user: ${value}\n`), value).toEqual([]);
  });

  it('reads only the top-level access and config blocks, and only their direct properties', () => {
    const text = [
      'topic access_help:',
      '    default_agent_user: "topic@acme.com"',
      'access:',
      '    verified_customer_record_access:',
      '        default_agent_user: "nested@acme.com"',
      '    description: |',
      '        default_agent_user: "text@acme.com"',
      '# access:',
      '#     default_agent_user: "comment@acme.com"',
      'variables:',
      '    default_agent_user: mutable string = "var@acme.com"',
      '',
    ].join('\n');
    expect(users(text)).toEqual([]);
  });

  it('an employee agent names no user', () => {
    const text = 'config:\n    developer_name: "Helper"\n    agent_type: "AgentforceEmployeeAgent"\n';
    const facts = agentScriptFacts(PATH, text);
    expect(facts.userReferences).toEqual([]);
    expect(facts.agentType?.value).toBe('AgentforceEmployeeAgent');
  });

  it('the property reader: blocks, keys and value offsets', () => {
    const text = 'config:\n    agent_label: "A # not a comment"\n    x: 1 # one\n';
    expect(agentScriptProperties(text).map((p) => [p.block, p.key, p.value, text.slice(p.start, p.end), p.quoted])).toEqual([
      ['config', 'agent_label', 'A # not a comment', 'A # not a comment', true],
      ['config', 'x', '1', '1', false],
    ]);
  });
});

describe('Agent Script files are found by their path', () => {
  it('aiAuthoringBundles/<Name>/<Name>.agent is an Agent Script file; its bundle-meta.xml and other paths are not', () => {
    expect(sourceKind(PATH)?.kind).toBe('agentScript');
    expect(sourceKind('aiAuthoringBundles/X/X.agent')?.kind).toBe('agentScript');
    expect(sourceKind('force-app/main/default/aiAuthoringBundles/X/X.bundle-meta.xml')).toBeUndefined();
    expect(sourceKind('force-app/main/default/aiAuthoringBundles/X/sub/X.agent')).toBeUndefined();
    expect(sourceKind('specs/X.agent')).toBeUndefined();
    expect(extractFacts(PATH, CURRENT)?.kind).toBe('agentScript');
  });
});
