/**
 * Agentforce agent users (the facts and their sources: docs/rules/agent-user-privilege.md):
 * an agent that serves customers runs as its agent user, which `sf org create agent-user` and Agent
 * Builder's "New Agent User" create on the Einstein Agent User profile with the service-agent
 * permission sets. That profile and its licence are a Salesforce feature's own, like the feature
 * integration licences: never an integration user to license.
 */

/** The profile Salesforce gives agent users. */
export const EINSTEIN_AGENT_USER_PROFILE = 'Einstein Agent User';

/** The licence behind that profile as orgs report it; any licence whose name starts with `Einstein Agent` counts. */
export const EINSTEIN_AGENT_LICENSE = 'Einstein Agent';

/**
 * The high-risk permissions the standard System Administrator profile grants, taken as granted when
 * its file is not in the workspace (`agent-user-privilege` (a)).
 */
export const SYSTEM_ADMINISTRATOR_GRANTS: readonly string[] = [
  'ModifyAllData',
  'ViewAllData',
  'ManageUsers',
  'AuthorApex',
  'CustomizeApplication',
];
export const SYSTEM_ADMINISTRATOR = 'System Administrator';

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Whether a licence is the agent users' own (`Einstein Agent`, and any licence whose name starts so). */
export function isAgentLicense(name: string): boolean {
  return norm(name).startsWith(norm(EINSTEIN_AGENT_LICENSE));
}

/** Whether a profile is the agent users' own, `Einstein Agent User`. */
export function isAgentProfile(name: string): boolean {
  return norm(name) === norm(EINSTEIN_AGENT_USER_PROFILE);
}
