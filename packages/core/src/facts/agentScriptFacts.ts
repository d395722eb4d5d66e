import { isPlaceholder } from '../domain/users.js';
import { LineIndex } from '../text/positions.js';
import { agentScriptProperties } from './agentScript.js';
import type { AgentScriptFacts, Located, UserReferenceFact } from './facts.js';

/** The blocks that name an agent's running user: `access` (the current form) and `config` (the older one). */
const USER_BLOCKS = ['access', 'config'];
const USERNAME = /^[^\s@]+@[^\s@]+$/;

/**
 * The facts of an Agent Script file (`aiAuthoringBundles/<Name>/<Name>.agent`): the agent's running
 * user, `default_agent_user` of the top-level `access` or `config` block, quoted or bare, as an agent
 * running-user element, whatever the agent's `agent_type`; a value that is not a username
 * (`<default_agent_user_placeholder>`, `None`, a user id) is ignored. The range is the value without its quotes.
 */
export function agentScriptFacts(path: string, text: string): AgentScriptFacts {
  const lines = new LineIndex(text);
  const userReferences: UserReferenceFact[] = [];
  let agentType: Located | undefined;
  for (const p of agentScriptProperties(text)) {
    if (p.block === 'config' && p.key === 'agent_type' && p.value) agentType = { value: p.value, range: lines.rangeAt(p.start, p.end) };
    if (p.key !== 'default_agent_user' || !USER_BLOCKS.includes(p.block)) continue;
    const username = p.value.trim();
    if (!USERNAME.test(username) || isPlaceholder(username)) continue;
    const lead = p.value.length - p.value.trimStart().length;
    userReferences.push({
      kind: 'agent',
      element: `${p.block}.default_agent_user`,
      username: { value: username, range: lines.rangeAt(p.start + lead, p.start + lead + username.length) },
    });
  }
  return { kind: 'agentScript', path, agentType, userReferences };
}
