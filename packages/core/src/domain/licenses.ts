/** Licence names as they appear in `<userLicense>`, `<license>` and `UserLicense.Name`. */
export const SALESFORCE_INTEGRATION = 'Salesforce Integration';
export const CLOUD_INTEGRATION_USER = 'Cloud Integration User';

/**
 * The licences an admin could wrongly give an integration user instead of Salesforce Integration
 * (the full CRM and Platform licences of the UserLicense object,
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userlicense.htm; Salesforce recommends the Salesforce Integration licence for integration users,
 * https://help.salesforce.com/s/articleView?id=platform.integration_user.htm&type=5). The configuration may add more.
 */
export const GENERAL_PURPOSE_LICENSES: readonly string[] = [
  'Salesforce',
  'Salesforce Platform',
  'Salesforce Platform One',
  'Salesforce Platform Light',
  'Force.com - One App',
  'Lightning Platform - One App',
  'Force.com - App Subscription',
  'Force.com - Free',
];

function norm(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function isGeneralPurposeLicense(name: string, extra: readonly string[] = []): boolean {
  const n = norm(name);
  return GENERAL_PURPOSE_LICENSES.some((l) => norm(l) === n) || extra.some((l) => norm(l) === n);
}

/**
 * Salesforce's own API-only licences for its features (Analytics Cloud Integration User, Cloud
 * Integration User, ...). Users and profiles on them are Salesforce-managed.
 */
export function isFeatureIntegrationLicense(name: string): boolean {
  const n = norm(name);
  return n.endsWith('integration user') || n === 'analytics cloud security user';
}

export function sameLicense(a: string, b: string): boolean {
  return norm(a) === norm(b);
}
