import { matchesValueGlob } from '../text/glob.js';
import { isFeatureIntegrationLicense } from './licenses.js';
import { isStandardProfileName } from './profiles.js';

/**
 * Integration by name (docs/integration-names.md, with the census of 69 real orgs behind it):
 * whether a profile's or a user's name says it is for an integration. Pure: no model, no files.
 */

/** `integrationNames` of the configuration. */
export interface IntegrationNames {
  /** More words (one word: letters only, or digits only), or glob patterns (`*`, `?`) of whole names. */
  add: string[];
  /** Glob patterns of profile names or usernames that are never integration by name. */
  exclude: string[];
}

export const INTEGRATION_WORDS: readonly string[] = [
  'integration',
  'integrations',
  'api',
  'mulesoft',
  'mule',
  'anypoint',
  'boomi',
  'informatica',
  'jitterbit',
  'workato',
  'zapier',
  'fivetran',
  'talend',
  'snaplogic',
  'celigo',
  'connector',
  'interface',
  'sync',
  'etl',
  'webservice',
  'webservices',
];

/** Two consecutive words that together are an integration word. */
const INTEGRATION_PAIRS: ReadonlyArray<readonly [string, string]> = [['data', 'loader']];

/** Words before `api` that negate it: "System Administrator (non-API user)". */
const API_NEGATIONS = new Set(['non', 'no']);

/** A person's role: "External Integration Developer" is a person, not an integration. */
export const HUMAN_ROLE_WORDS: readonly string[] = [
  'developer',
  'manager',
  'team',
  'analyst',
  'consultant',
  'specialist',
  'engineer',
  'architect',
  'agent',
  'staff',
  'officer',
  'rep',
  'supervisor',
  'lead',
];

/**
 * Shipped profiles whose names hold an integration word: never integration by name, whatever their
 * `<custom>` says (11 of 18 orgs ship `Salesforce API Only System Integrations` with `<custom>true</custom>`).
 */
export const SHIPPED_INTEGRATION_PROFILES: readonly string[] = [
  'Minimum Access - API Only Integrations',
  'Salesforce API Only System Integrations',
  'Anypoint Integration',
  'Analytics Cloud Integration User',
  'Analytics Cloud Security User',
  // The profiles of Salesforce's feature integration licences, named after their licence: on that
  // licence they are never taken; by name they are not either when a partial file omits <userLicense>.
  'Cloud Integration User',
  'Sales Insights Integration User',
  'SalesforceIQ Integration User',
  'CPQ Integration User',
  'B2BMA Integration User',
];

const HUMAN = new Set(HUMAN_ROLE_WORDS);
const WORDS = new Set(INTEGRATION_WORDS);
const SHIPPED = new Set(SHIPPED_INTEGRATION_PROFILES.map((p) => p.toLowerCase()));

/**
 * The words of a name: split on every character that is not a letter or a digit, and between letters
 * and digits (`CDP Integration2` → cdp, integration, 2); lower-case; camelCase is not split (`VeSync`).
 */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u)
    .filter((w) => w.length > 0);
}

/** An `add` entry that is one word (letters only, or digits only) is a word; any other is a glob of a whole name. */
function isWord(entry: string): boolean {
  return /^(?:\p{L}+|\p{N}+)$/u.test(entry);
}

/**
 * Why a name is an integration name: the integration word (or added pattern) it holds; undefined when
 * it holds none, or when a human-role word cancels it.
 */
export function integrationWordOf(name: string, names: IntegrationNames = { add: [], exclude: [] }): string | undefined {
  const pattern = addedPattern(name, names);
  if (pattern) return pattern;
  const words = nameWords(name);
  if (words.some((w) => HUMAN.has(w))) return undefined;
  const added = new Set(names.add.filter(isWord).map((a) => a.toLowerCase()));
  for (const [i, w] of words.entries()) {
    if (w === 'api' && i > 0 && API_NEGATIONS.has(words[i - 1] as string)) continue;
    if (WORDS.has(w) || added.has(w)) return w;
    const next = words[i + 1];
    if (next && INTEGRATION_PAIRS.some(([a, b]) => a === w && b === next)) return `${w} ${next}`;
  }
  return undefined;
}

/** The `add` glob pattern that matches the whole name, if any. */
function addedPattern(name: string, names: IntegrationNames): string | undefined {
  return names.add.find((a) => !isWord(a) && matchesValueGlob(a, name.trim()));
}

function excluded(value: string, names: IntegrationNames): boolean {
  return names.exclude.some((g) => matchesValueGlob(g, value.trim()));
}

/** What iulint knows of a profile when it asks whether its name makes it an integration profile. */
export interface ProfileNameFacts {
  name: string;
  /** `<custom>` of the profile file: `false` marks one of Salesforce's standard profiles. */
  custom?: boolean | undefined;
  /** `<userLicense>`, or the licence the org snapshot gives. */
  license?: string | undefined;
}

/**
 * Whether a profile is an integration profile by its name: a custom profile (not a standard one, not
 * a shipped integration profile, not on a feature integration licence) whose name holds an
 * integration word. Returns the word.
 */
export function integrationProfileWord(profile: ProfileNameFacts, names?: IntegrationNames): string | undefined {
  if (profile.custom === false || isStandardProfileName(profile.name) || SHIPPED.has(profile.name.trim().toLowerCase())) return undefined;
  if (profile.license && isFeatureIntegrationLicense(profile.license)) return undefined;
  if (names && excluded(profile.name, names)) return undefined;
  return integrationWordOf(profile.name, names);
}

/** The name fields of a user that may mark it as an integration user. */
export interface UserNameFacts {
  username?: string | undefined;
  alias?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  name?: string | undefined;
}

const USER_FIELDS = ['username', 'alias', 'firstName', 'lastName', 'name'] as const;
const FIELD_LABELS: Record<(typeof USER_FIELDS)[number], string> = {
  username: 'username',
  alias: 'Alias',
  firstName: 'FirstName',
  lastName: 'LastName',
  name: 'Name',
};

/**
 * Whether a user's own names mark it as an integration user: the local part of its username (before
 * `@`), its Alias, FirstName, LastName or Name holds an integration word. The caller rules out the
 * reserved system users first. Returns the field and its value.
 */
export function integrationUserName(
  user: UserNameFacts,
  names?: IntegrationNames,
): { key: keyof UserNameFacts; field: string; value: string } | undefined {
  if (names && user.username && excluded(user.username, names)) return undefined;
  // FirstName, LastName and Name are one person's name: a human-role word in it cancels all three
  // ("Integration" "Manager" is a person, as "Integration Manager" is).
  const personal = [user.firstName, user.lastName, user.name].filter(Boolean).join(' ');
  const person = nameWords(personal).some((w) => HUMAN.has(w));
  for (const field of USER_FIELDS) {
    const value = user[field];
    if (!value || (person && field !== 'username' && field !== 'alias')) continue;
    const local = field === 'username' && value.includes('@') ? value.slice(0, value.indexOf('@')) : value;
    if (integrationWordOf(local, names) || (names && addedPattern(value, names))) return { key: field, field: FIELD_LABELS[field], value };
  }
  return undefined;
}
