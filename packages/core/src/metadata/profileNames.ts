/**
 * Standard profiles whose file name (API full name) differs from the name users see and that
 * `profileName`, `Profile.Name` and licence resolution use (DOMAIN.md §3.0).
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
