import { UNREGISTERED_TYPES } from './classify.js';
import { registry } from './registry.js';
import { USER_REFERENCE_TYPES } from './userReferences.js';

/**
 * The metadata types whose content iulint's rules read (xml-syntax checks every metadata file, these
 * are read for more): profiles, permission sets and groups, connected apps, sites (guest profiles), and
 * every type with a user-bearing element.
 */
export const TYPES_READ: readonly string[] = [
  ...new Set(['Profile', 'PermissionSet', 'PermissionSetGroup', 'ConnectedApp', 'CustomSite', ...USER_REFERENCE_TYPES]),
];

// Globs of the Metadata API format files of the types iulint reads, each only in its type's folder
// (`**/profiles/*.profile`, and `**/dashboards/*/*.dashboard` for a type in folders), so that a name such
// as a shell's `~/.profile` never matches. Types whose files end in `.xml` anyway, and types the registry
// does not have are taken from `UNREGISTERED_TYPES`. Sorted, without duplicates (every settings type is `**/settings/*.settings`).
export function metadataApiGlobs(): string[] {
  const globs = new Set<string>();
  for (const name of TYPES_READ) {
    const type = registry.types[name.endsWith('Settings') ? 'settings' : name.toLowerCase()];
    if (!type?.directoryName || !type.suffix || type.suffix === 'xml') continue;
    globs.add(`**/${type.directoryName}/${type.inFolder ? '*/' : ''}*.${type.suffix}`);
  }
  // Types the registry does not know yet are read by their root element, in their folder.
  for (const t of UNREGISTERED_TYPES) globs.add(`**/${t.directoryName}/*.${t.suffix}`);
  return [...globs].sort();
}
