import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeFolder } from './folders.js';
import type { Io } from './io.js';
import { runSf } from './sfCommand.js';
import { UsageError } from './usageError.js';

/**
 * The queries `iulint snapshot` runs (`sf data query --json`), one file each, named after the object
 * (what `--org-snapshot` reads): users with their profile and licence, user licences and their counts,
 * permission set licences, and the assignments of both.
 */
export const SNAPSHOT_QUERIES: Array<{ file: string; soql: string; tooling: boolean }> = [
  {
    file: 'User.json',
    soql: 'SELECT Id, Username, Name, FirstName, LastName, Alias, UserType, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name, Profile.UserLicense.LicenseDefinitionKey FROM User',
    tooling: false,
  },
  {
    file: 'UserLicense.json',
    soql: 'SELECT Id, Name, MasterLabel, LicenseDefinitionKey, Status, TotalLicenses, UsedLicenses FROM UserLicense',
    tooling: false,
  },
  {
    file: 'PermissionSetLicense.json',
    soql: 'SELECT Id, DeveloperName, MasterLabel, PermissionSetLicenseKey, IsAvailableForIntegrations, Status, TotalLicenses, UsedLicenses FROM PermissionSetLicense',
    tooling: false,
  },
  {
    file: 'PermissionSetLicenseAssign.json',
    soql: 'SELECT AssigneeId, Assignee.Username, PermissionSetLicenseId, PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign',
    tooling: false,
  },
  {
    file: 'PermissionSetAssignment.json',
    soql: 'SELECT AssigneeId, Assignee.Username, PermissionSetId, PermissionSet.Name, PermissionSet.NamespacePrefix, PermissionSet.HasActivationRequired, PermissionSet.License.Name, PermissionSetGroupId, PermissionSet.IsOwnedByProfile FROM PermissionSetAssignment',
    tooling: false,
  },
];

export const SNAPSHOT_HELP = `Usage: iulint snapshot -o, --target-org <alias|username> [-d, --output-dir <dir>]

(--out is another name of --output-dir.)

Runs the Salesforce CLI (sf data query --json) for the queries iulint reads and writes each raw output to
<dir> (default: .iulint/snapshot): User.json, UserLicense.json, PermissionSetLicense.json,
PermissionSetLicenseAssign.json, PermissionSetAssignment.json. Point iulint at it with "orgSnapshot" in
iulint.config.json or --org-snapshot.
`;

/** `iulint snapshot`: returns the exit code (0, or 2 when sf is missing or the org cannot be queried). */
export function runSnapshot(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: {
      'target-org': { type: 'string', short: 'o' },
      // --output-dir and -d as in sf iulint snapshot and the Salesforce CLI's own commands; --out as before.
      'output-dir': { type: 'string', short: 'd' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values['output-dir'] !== undefined && values.out !== undefined)
    throw new UsageError('--output-dir and --out are one option: give it once');
  if (values.help) {
    io.stdout(SNAPSHOT_HELP);
    return 0;
  }
  const org = values['target-org'];
  if (!org) throw new UsageError('iulint snapshot needs --target-org <alias|username>');
  const out = resolve(io.cwd, values['output-dir'] ?? values.out ?? '.iulint/snapshot');
  const sf = io.env.IULINT_SF ?? 'sf';
  const results: Array<{ file: string; text: string; count: number }> = [];
  for (const q of SNAPSHOT_QUERIES) {
    const argv = ['data', 'query', '--query', q.soql, '--target-org', org, '--json', ...(q.tooling ? ['--use-tooling-api'] : [])];
    const r = runSf(sf, argv, {
      env: { ...io.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' },
      maxBuffer: 1 << 30,
    });
    if (r.error) {
      throw new UsageError(
        (r.error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'the Salesforce CLI (sf) is not installed or not on PATH: install it with "npm install --global @salesforce/cli"'
          : `could not run the Salesforce CLI (${sf}): ${r.error.message}`,
      );
    }
    let parsed:
      | { status?: number; result?: { records?: unknown[]; totalSize?: unknown; done?: unknown }; message?: string; name?: string }
      | undefined;
    try {
      parsed = JSON.parse(r.stdout ?? '');
    } catch {
      parsed = undefined;
    }
    if (parsed?.status !== 0 || !Array.isArray(parsed.result?.records)) {
      const reason = parsed?.message ?? ((r.stderr ?? '').trim().split('\n')[0] || `sf exited with ${r.status}`);
      throw new UsageError(
        `sf data query for ${q.file.replace('.json', '')} failed on ${org}: ${reason}${/auth|expired|No .*org/i.test(reason) ? ` (authorise it with "sf org login web --alias ${org}")` : ''}`,
      );
    }
    const held = parsed.result?.records?.length ?? 0;
    const total = parsed.result?.totalSize;
    // sf stops at the org's query limit with status 0 and a warning: a snapshot is all or nothing.
    if ((typeof total === 'number' && total > held) || parsed.result?.done === false)
      throw new UsageError(
        `sf data query for ${q.file.replace('.json', '')} returned ${held} of ${typeof total === 'number' ? total : 'more'} records on ${org} (the org's query limit): raise it with "sf config set org-max-query-limit=<n>" and run iulint snapshot again`,
      );
    results.push({ file: q.file, text: r.stdout, count: held });
  }
  io.stderr(`iulint: wrote the snapshot of ${org} to ${out}: ${writeSnapshot(out, results)}\n`);
  return 0;
}

/** One file of a snapshot: its name, its text (an `sf data query --json` output) and its record count. */
export interface SnapshotFile {
  file: string;
  text: string;
  count: number;
}

/**
 * Writes the snapshot folder; call it once every query worked (no half snapshot). Returns the list of
 * files with their record counts, for the closing message.
 */
export function writeSnapshot(out: string, results: SnapshotFile[]): string {
  makeFolder(out);
  for (const r of results) writeFileSync(join(out, r.file), r.text.endsWith('\n') ? r.text : `${r.text}\n`);
  return results.map((r) => `${r.file} (${r.count})`).join(', ');
}
