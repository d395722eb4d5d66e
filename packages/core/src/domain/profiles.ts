import { EINSTEIN_AGENT_LICENSE } from './agents.js';
import { SALESFORCE_INTEGRATION } from './licenses.js';

/**
 * Standard profiles whose file name (API full name) differs from the name users see and that
 * `profileName`, `Profile.Name` and licence resolution use: a profile's file is named after its API full
 * name (Metadata API, https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_profile.htm), which for these standard profiles is
 * not their label, as retrieved metadata shows.
 */
const STANDARD_PROFILE_FILE_NAMES: Record<string, string> = {
  Admin: 'System Administrator',
  Standard: 'Standard User',
  StandardAul: 'Standard Platform User',
  ContractManager: 'Contract Manager',
  SolutionManager: 'Solution Manager',
  MarketingProfile: 'Marketing User',
  ReadOnly: 'Read Only',
};

/** The profile's name as users see it, from the full name of its file (already percent-decoded). */
export function profileNameFromFullName(fullName: string): string {
  return STANDARD_PROFILE_FILE_NAMES[fullName] ?? fullName;
}

/**
 * Salesforce's standard profiles by the name users see (lower-case): never custom, so never an
 * integration profile by name. The shipped profiles whose names hold an integration word are in
 * `domain/integrationNames.ts`.
 */
const STANDARD_PROFILE_NAMES = new Set(
  [
    ...Object.values(STANDARD_PROFILE_FILE_NAMES),
    'Minimum Access - Salesforce',
    'Chatter Free User',
    'Chatter External User',
    'Chatter Moderator User',
    'Identity User',
    'External Identity User',
    'Customer Community User',
    'Customer Community Login User',
    'Customer Community Plus User',
    'Customer Community Plus Login User',
    'Partner Community User',
    'Partner Community Login User',
    'Gold Partner User',
    'Silver Partner User',
    'Customer Portal Manager Standard',
    'Customer Portal Manager Custom',
    'High Volume Customer Portal',
    'Authenticated Website',
    'Force.com - App Subscription User',
    'Force.com - Free User',
    'Standard Platform One App User',
    'Work.com Only User',
    'Cross Org Data Proxy User',
    'Einstein Agent User',
  ].map((n) => n.toLowerCase()),
);

export function isStandardProfileName(name: string): boolean {
  return STANDARD_PROFILE_NAMES.has(name.trim().toLowerCase());
}

/** The licences of standard profiles by name (lower-case), used when neither the snapshot nor a profile file says. */
const STANDARD_PROFILE_LICENSES: Record<string, string> = {
  'minimum access - api only integrations': SALESFORCE_INTEGRATION,
  'salesforce api only system integrations': SALESFORCE_INTEGRATION,
  'system administrator': 'Salesforce',
  'standard user': 'Salesforce',
  'minimum access - salesforce': 'Salesforce',
  'read only': 'Salesforce',
  'solution manager': 'Salesforce',
  'marketing user': 'Salesforce',
  'contract manager': 'Salesforce',
  'standard platform user': 'Salesforce Platform',
  'analytics cloud integration user': 'Analytics Cloud Integration User',
  'analytics cloud security user': 'Analytics Cloud Security User',
  // Agent users; the licence name is as orgs report it (any `Einstein Agent...` counts).
  'einstein agent user': EINSTEIN_AGENT_LICENSE,
};

/** The licence of a standard profile, by the name users see; undefined for any other profile. */
export function standardProfileLicense(name: string): string | undefined {
  return STANDARD_PROFILE_LICENSES[name.trim().toLowerCase()];
}

/** The standard profiles of the Salesforce Integration licence: every user on them is API-only. */
export const API_ONLY_PROFILES: readonly string[] = ['Minimum Access - API Only Integrations', 'Salesforce API Only System Integrations'];

/** The Salesforce Integration profile Salesforce deprecated; `Minimum Access - API Only Integrations` replaces it. */
export const DEPRECATED_PROFILE = 'Salesforce API Only System Integrations';
