import { agentUserPrivilege } from './agent-user-privilege.js';
import { integrationDeprecatedProfile } from './integration-deprecated-profile.js';
import { integrationLeastPrivilege } from './integration-least-privilege.js';
import { integrationLicenseCapacity } from './integration-license-capacity.js';
import { integrationPermissionSetLicense } from './integration-permission-set-license.js';
import { integrationProfileApiOnly } from './integration-profile-api-only.js';
import { integrationUserLicense } from './integration-user-license.js';
import { piuConsentScope } from './piu-consent-scope.js';
import { piuNoCreate } from './piu-no-create.js';
import { piuNoEdit } from './piu-no-edit.js';
import { piuNoLogin } from './piu-no-login.js';
import { piuNoRunAs } from './piu-no-run-as.js';
import { piuSessionBased } from './piu-session-based.js';
import { reservedUser } from './reserved-user.js';
import type { Rule } from './rule.js';
import { unknownUser } from './unknown-user.js';
import { xmlSyntax } from './xml-syntax.js';

/**
 * The built-in rules, in the order of the catalogue. Nothing below the top reads this list: the hosts
 * and `checkProject` hand it down to the workspace, the configuration and the formats.
 */
export const RULES: readonly Rule[] = [
  piuNoCreate,
  piuNoEdit,
  piuNoLogin,
  piuNoRunAs,
  piuSessionBased,
  piuConsentScope,
  integrationUserLicense,
  integrationProfileApiOnly,
  integrationPermissionSetLicense,
  integrationLeastPrivilege,
  integrationDeprecatedProfile,
  integrationLicenseCapacity,
  reservedUser,
  unknownUser,
  agentUserPrivilege,
  xmlSyntax,
];
