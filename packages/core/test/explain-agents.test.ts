import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { explanationMarkdown, userMarkdown } from '../src/org/explain.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';
import { nodeFs } from './nodeFs.js';

/** Rules v3: the explanation of a user (core's, which the hover formats) speaks of agents and agent users. */
const ROOT = projectPath('catalogue');
const ORDER_HELP = join(ROOT, 'force-app/main/default/aiAuthoringBundles/Order_Help/Order_Help.agent');
const BILLING = join(ROOT, 'force-app/main/default/bots/Billing_Agent/Billing_Agent.bot-meta.xml');

/** The position of a text in a file, read here. */
function at(path: string, text: string) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return { line, character: (lines[line] as string).indexOf(text) + 2 };
}

let ws: Workspace;
beforeAll(async () => {
  ws = await Workspace.load(nodeFs, ROOT, RULES);
});

describe('agent users in the explanation', () => {
  it('a proper agent user: on the Einstein Agent User profile, not an integration user, with the agent that runs as it', () => {
    const e = ws.explainUser('service.agent@acme.example.com');
    expect(e.integration).toBeUndefined();
    expect(e.agent?.profile?.text).toBe('its profile is Einstein Agent User');
    expect(e.agent?.runs.map((r) => r.text)).toEqual(['Bot.botUser in Service_Agent.bot-meta.xml']);
    expect(e.license?.license).toBe('Einstein Agent');
    const md = userMarkdown(e);
    expect(md).toContain('**service.agent@acme.example.com** is an agent user: its profile is Einstein Agent User');
    expect(md).toContain('not an integration user to license');
    expect(md).toContain('Agents run as this user (Bot.botUser in Service_Agent.bot-meta.xml)');
    expect(md).not.toContain('A service agent should run as a dedicated agent user');
  });

  it('an Agent Script value: the element is an agent element, and its borrowed user is explained as such', () => {
    const e = ws.explainAt(ORDER_HELP, at(ORDER_HELP, 'ops.reports@'));
    expect(e?.kind).toBe('user');
    if (e?.kind !== 'user') return;
    expect(e.element).toEqual({ name: 'access.default_agent_user', login: false, kind: 'agent' });
    expect(e.user.agent?.profile).toBeUndefined();
    const md = explanationMarkdown(e);
    expect(md).toContain('`access.default_agent_user` is an agent running-user element');
    expect(md).toContain('Agents run as this user (access.default_agent_user in Order_Help.agent)');
    expect(md).toContain('A service agent should run as a dedicated agent user on the Einstein Agent User profile');
    expect(md).toContain('Licence: **Salesforce**');
  });

  it('a Bot naming its user in another case is the same user', () => {
    const e = ws.explainAt(BILLING, at(BILLING, 'Portal.Agent@'));
    expect(e?.kind === 'user' && e.user.agent?.profile?.text).toBe('its profile is Einstein Agent User');
    expect(e?.kind === 'user' && e.user.agent?.runs.map((r) => r.text)).toEqual(['Bot.botUser in Billing_Agent.bot-meta.xml']);
  });
});
