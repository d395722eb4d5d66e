/** The kinds of Salesforce-managed users that nobody may create, edit, log in as or run work as. */
export type SystemUserKind = 'piu' | 'automated-process' | 'analytics-integration' | 'analytics-security';

export interface SystemUserMatch {
  kind: SystemUserKind;
  /** Why the value was recognised, for messages and hovers. */
  reason: string;
}

export const SYSTEM_USER_LABELS: Record<SystemUserKind, string> = {
  piu: 'the Platform Integration User',
  'automated-process': 'the Automated Process user',
  'analytics-integration': 'the CRM Analytics Integration User',
  'analytics-security': 'the CRM Analytics Security User',
};

const ORG_ID = '00d[a-z0-9]{15}';
const PIU_USERNAME = new RegExp(`^cloud@${ORG_ID}$`, 'i');
const AUTOPROC_USERNAME = new RegExp(`^autoproc@${ORG_ID}$`, 'i');
const ANALYTICS_INTEGRATION_USERNAME = new RegExp(`^integration@${ORG_ID}\\.com$`, 'i');
const ANALYTICS_SECURITY_USERNAME = new RegExp(`^(?:insights)?security@${ORG_ID}\\.com$`, 'i');

/** Recognises a Salesforce-managed system user by its username alone. */
export function recogniseUsername(username: string): SystemUserMatch | undefined {
  const u = username.trim();
  if (PIU_USERNAME.test(u)) return { kind: 'piu', reason: `username ${u} has the form cloud@<18-character org id>` };
  if (AUTOPROC_USERNAME.test(u)) return { kind: 'automated-process', reason: `username ${u} has the form autoproc@<org id>` };
  if (ANALYTICS_INTEGRATION_USERNAME.test(u)) {
    return { kind: 'analytics-integration', reason: `username ${u} has the form integration@<org id>.com` };
  }
  if (ANALYTICS_SECURITY_USERNAME.test(u)) {
    return { kind: 'analytics-security', reason: `username ${u} has the form security@<org id>.com` };
  }
  return undefined;
}

const PLACEHOLDER = [
  /%%%?[A-Za-z0-9_]+%%%?/, // %%%NAMESPACE%%%, %%SF_CC_PLACEHOLDER_USERNAME%%
  /\{\{[^}]*\}\}/, // {{username}}
  /\$\{[^}]*\}/, // ${USERNAME}
  /^\$[A-Z_][A-Z0-9_]*$/, // $SF_USERNAME
  /^your[_ -]?user(name)?[_ -]?here$/i,
  /^<[^>]+>$/, // <username>
];

/**
 * Values written in place of a username, to be replaced at deploy time. They are never a user.
 * `extra` holds the strings that `replacements` entries of sfdx-project.json replace.
 */
export function isPlaceholder(value: string, extra: readonly string[] = []): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (extra.some((e) => e.length > 0 && v.includes(e))) return true;
  return PLACEHOLDER.some((p) => p.test(v));
}
