import { errorMessage } from '../errors.js';
import type { Located } from '../facts/facts.js';
import { type FileSystem, joinPath } from '../fs.js';
import { type JsonNode, parseJson, prop } from '../json/parser.js';
import { decodeBytes } from '../text/decode.js';
import { LineIndex, type Range } from '../text/positions.js';

/** Where a snapshot record stands, for related locations. */
export interface SnapshotSource {
  path: string;
  range: Range;
}

export interface SnapshotUser {
  id: string | undefined;
  username: string;
  name: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  alias: string | undefined;
  userType: string | undefined;
  isActive: boolean;
  profileId: string | undefined;
  profileName: Located | undefined;
  licenseName: string | undefined;
  licenseKey: string | undefined;
  source: SnapshotSource;
}

export interface SnapshotUserLicense {
  name: string;
  key: string | undefined;
  total: number | undefined;
  used: number | undefined;
  source: SnapshotSource;
}

export interface SnapshotPermissionSetLicense {
  developerName: string | undefined;
  masterLabel: string | undefined;
  key: string | undefined;
  isAvailableForIntegrations: boolean | undefined;
}

export interface SnapshotAssignment {
  assigneeId: string | undefined;
  assigneeUsername: string | undefined;
  permissionSetName: string | undefined;
  namespacePrefix: string | undefined;
  hasActivationRequired: boolean | undefined;
  licenseName: string | undefined;
  groupId: string | undefined;
  isOwnedByProfile: boolean;
  source: SnapshotSource;
}

/** The org as `iulint snapshot` (or `sf data query --json`) recorded it. Any part may be missing. */
export interface OrgSnapshot {
  dir: string;
  users: SnapshotUser[];
  userLicenses: SnapshotUserLicense[];
  permissionSetLicenses: SnapshotPermissionSetLicense[];
  permissionSetAssignments: SnapshotAssignment[];
  permissionSetLicenseAssignments: Array<{ assigneeUsername: string | undefined; developerName: string | undefined }>;
  /** Files that exist but could not be read, with the reason. */
  problems: string[];
}

export const SNAPSHOT_FILES = [
  'User.json',
  'UserLicense.json',
  'PermissionSetLicense.json',
  'PermissionSetAssignment.json',
  'PermissionSetLicenseAssign.json',
];

/** A field of a query record, following relationship paths: `Profile.UserLicense.Name`. */
function field(record: JsonNode, path: string): JsonNode | undefined {
  let node: JsonNode | undefined = record;
  for (const part of path.split('.')) {
    node = prop(node, part, true)?.value;
    if (!node) return undefined;
  }
  return node;
}

function str(record: JsonNode, path: string): string | undefined {
  const n = field(record, path);
  return n?.type === 'string' ? n.value : undefined;
}

function bool(record: JsonNode, path: string): boolean | undefined {
  const n = field(record, path);
  return n?.type === 'boolean' ? (n.value as boolean) : undefined;
}

function num(record: JsonNode, path: string): number | undefined {
  const n = field(record, path);
  return n?.type === 'number' ? n.value : undefined;
}

/** The records of a query output: the CLI envelope `{status, result: {records}}` or a bare result. */
function records(root: JsonNode): JsonNode[] | undefined {
  const result = prop(root, 'result')?.value ?? root;
  const recs = prop(result, 'records')?.value;
  return recs?.type === 'array' ? recs.items : undefined;
}

/**
 * How many records the query matched, when the output holds fewer: `sf data query` stops at the org's
 * query limit (the `org-max-query-limit` setting) with status 0, `totalSize` the whole count and a
 * warning; an output cut short has `done: false`. Undefined when the output is whole.
 */
function missing(root: JsonNode, held: number): { total: number | undefined } | undefined {
  const result = prop(root, 'result')?.value ?? root;
  const total = prop(result, 'totalSize')?.value;
  const done = prop(result, 'done')?.value;
  if (total?.type === 'number' && Number(total.value) > held) return { total: Number(total.value) };
  if (done?.type === 'boolean' && done.value === false) return { total: undefined };
  return undefined;
}

export async function loadSnapshot(fs: FileSystem, dir: string): Promise<OrgSnapshot> {
  const snapshot: OrgSnapshot = {
    dir,
    users: [],
    userLicenses: [],
    permissionSetLicenses: [],
    permissionSetAssignments: [],
    permissionSetLicenseAssignments: [],
    problems: [],
  };
  if ((await fs.stat(dir)) !== 'directory') {
    snapshot.problems.push(`the org snapshot folder ${dir} does not exist (record one with "iulint snapshot --target-org <org>")`);
    return snapshot;
  }
  for (const name of SNAPSHOT_FILES) {
    const path = joinPath(dir, name);
    if ((await fs.stat(path)) !== 'file') continue;
    let text: string;
    try {
      const decoded = decodeBytes(await fs.readFile(path));
      if ('binary' in decoded) throw new Error(decoded.reason);
      text = decoded.text;
    } catch (e) {
      snapshot.problems.push(`cannot read ${path}: ${errorMessage(e)}`);
      continue;
    }
    const parsed = parseJson(text);
    const recs = parsed.value ? records(parsed.value) : undefined;
    if (!recs) {
      snapshot.problems.push(
        `${path} is not the output of sf data query --json${parsed.error ? ` (${parsed.error.message} at offset ${parsed.error.offset})` : ''}`,
      );
      continue;
    }
    const short = parsed.value ? missing(parsed.value, recs.length) : undefined;
    if (short) {
      // A snapshot without some users or assignments would make the rules wrong (unknown users, counts).
      snapshot.problems.push(
        `${path} holds ${recs.length} of ${short.total ?? 'more'} records: the query stopped at the org's query limit; record the snapshot again with a higher limit (sf config set org-max-query-limit=<n>, then iulint snapshot)`,
      );
      continue;
    }
    const lines = new LineIndex(text);
    const source = (r: JsonNode): SnapshotSource => ({ path, range: lines.rangeAt(r.start, r.end) });
    for (const r of recs) {
      if (r.type !== 'object') continue;
      if (name === 'User.json') {
        const username = str(r, 'Username');
        if (!username) continue;
        const profileNameNode = field(r, 'Profile.Name');
        snapshot.users.push({
          id: str(r, 'Id'),
          username,
          name: str(r, 'Name'),
          firstName: str(r, 'FirstName'),
          lastName: str(r, 'LastName'),
          alias: str(r, 'Alias'),
          userType: str(r, 'UserType'),
          isActive: bool(r, 'IsActive') ?? true,
          profileId: str(r, 'ProfileId'),
          profileName:
            profileNameNode?.type === 'string'
              ? { value: profileNameNode.value, range: lines.rangeAt(profileNameNode.start, profileNameNode.end) }
              : undefined,
          licenseName: str(r, 'Profile.UserLicense.Name'),
          licenseKey: str(r, 'Profile.UserLicense.LicenseDefinitionKey'),
          source: source(r),
        });
      } else if (name === 'UserLicense.json') {
        const licence = str(r, 'Name') ?? str(r, 'MasterLabel');
        if (!licence) continue;
        snapshot.userLicenses.push({
          name: licence,
          key: str(r, 'LicenseDefinitionKey'),
          total: num(r, 'TotalLicenses'),
          used: num(r, 'UsedLicenses'),
          source: source(r),
        });
      } else if (name === 'PermissionSetLicense.json') {
        snapshot.permissionSetLicenses.push({
          developerName: str(r, 'DeveloperName'),
          masterLabel: str(r, 'MasterLabel'),
          key: str(r, 'PermissionSetLicenseKey'),
          isAvailableForIntegrations: bool(r, 'IsAvailableForIntegrations'),
        });
      } else if (name === 'PermissionSetAssignment.json') {
        snapshot.permissionSetAssignments.push({
          assigneeId: str(r, 'AssigneeId'),
          assigneeUsername: str(r, 'Assignee.Username'),
          permissionSetName: str(r, 'PermissionSet.Name'),
          namespacePrefix: str(r, 'PermissionSet.NamespacePrefix'),
          hasActivationRequired: bool(r, 'PermissionSet.HasActivationRequired'),
          licenseName: str(r, 'PermissionSet.License.Name'),
          groupId: str(r, 'PermissionSetGroupId'),
          isOwnedByProfile: bool(r, 'PermissionSet.IsOwnedByProfile') ?? false,
          source: source(r),
        });
      } else if (name === 'PermissionSetLicenseAssign.json') {
        snapshot.permissionSetLicenseAssignments.push({
          assigneeUsername: str(r, 'Assignee.Username'),
          developerName: str(r, 'PermissionSetLicense.DeveloperName'),
        });
      }
    }
  }
  return snapshot;
}
