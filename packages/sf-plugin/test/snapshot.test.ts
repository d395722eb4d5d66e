import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { SfError } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import type { AnyJson } from '@salesforce/ts-types';
import { beforeEach, describe, expect, it } from 'vitest';
import Snapshot from '../src/commands/iulint/snapshot.js';
import { API_VERSION, answer, type OrgShape, orgRecords, PAGE_SIZE } from './fakeOrg.js';
import { checkFindings } from './host.js';

/** The plugin's root: the commands load its oclif configuration, as the CLI does. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES = [
  'PermissionSetAssignment.json',
  'PermissionSetLicense.json',
  'PermissionSetLicenseAssign.json',
  'User.json',
  'UserLicense.json',
];

describe('sf iulint snapshot (through @salesforce/core with a stubbed connection)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let calls: string[];

  /** The connection answers as the org would; every request is logged. */
  function serve(shape: OrgShape): void {
    $$.fakeConnectionRequest = (request: AnyJson): Promise<AnyJson> => {
      const r = typeof request === 'string' ? { method: 'GET', url: request } : (request as { method?: string; url: string });
      const a = answer(shape, r.method ?? 'GET', r.url, calls);
      if (a.status !== 200) return Promise.reject(new Error(JSON.stringify(a.body)));
      return Promise.resolve(a.body as AnyJson);
    };
  }

  beforeEach(async () => {
    calls = [];
    await $$.stubAuths(testOrg);
  });

  it('queries the five objects on one connection, follows every page, and writes the folder --org-snapshot reads', async () => {
    serve({ integrationLicence: true });
    const out = join(mkdtempSync(join(tmpdir(), 'iulint-sfsnap-')), 'snap');
    const result = await Snapshot.run(['--target-org', testOrg.username, '--output-dir', out, '--api-version', API_VERSION], ROOT);
    expect(readdirSync(out).sort()).toEqual(FILES);
    const users = orgRecords({ integrationLicence: true }).User as unknown[];
    expect(users.length).toBeGreaterThan(2 * PAGE_SIZE);
    expect(result.files).toEqual([
      { file: 'User.json', records: users.length },
      { file: 'UserLicense.json', records: 4 },
      { file: 'PermissionSetLicense.json', records: 2 },
      { file: 'PermissionSetLicenseAssign.json', records: 1 },
      { file: 'PermissionSetAssignment.json', records: 3 },
    ]);
    // The first page by the query (SNAPSHOT_QUERIES of lsp/src/snapshot.ts, with FirstName and LastName for integration by name), the next ones by
    // their nextRecordsUrl (queryMore).
    const queries = calls.map((c) => decodeURIComponent(c)).filter((c) => c.startsWith(`GET /services/data/v${API_VERSION}/query`));
    expect(queries.slice(0, 3).map((c) => c.replace(/ FROM User$/, ''))).toEqual([
      `GET /services/data/v${API_VERSION}/query?q=SELECT Id, Username, Name, FirstName, LastName, Alias, UserType, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name, Profile.UserLicense.LicenseDefinitionKey`,
      `GET /services/data/v${API_VERSION}/query/User-${PAGE_SIZE}`,
      `GET /services/data/v${API_VERSION}/query/User-${2 * PAGE_SIZE}`,
    ]);
    expect(queries.map((c) => / FROM (\w+)$/.exec(c)?.[1]).filter(Boolean)).toEqual([
      'User',
      'UserLicense',
      'PermissionSetLicense',
      'PermissionSetLicenseAssign',
      'PermissionSetAssignment',
    ]);
    // The shape sf data query --json prints: the envelope, every record, done.
    const file = JSON.parse(readFileSync(join(out, 'User.json'), 'utf8'));
    expect(file).toEqual({ status: 0, result: { records: users, totalSize: users.length, done: true }, warnings: [] });
    // An independent judge: the shipped iulint CLI reads it as it reads the recorded snapshot.
    const expected = loadExpected('catalogue')
      .map((e) => `${e.rule} ${e.file.replace('.iulint/snapshot/', '<snapshot>/')}`)
      .sort();
    expect(checkFindings(projectPath('catalogue'), out)).toEqual(expected);
  });

  it('records an org without the Salesforce Integration licence: the licence-capacity finding goes away', async () => {
    serve({ integrationLicence: false });
    const out = join(mkdtempSync(join(tmpdir(), 'iulint-sfsnap-')), 'snap');
    await Snapshot.run(['--target-org', testOrg.username, '--output-dir', out], ROOT);
    const licences = JSON.parse(readFileSync(join(out, 'UserLicense.json'), 'utf8')).result.records.map((r: { Name: string }) => r.Name);
    expect(licences).toEqual(['Salesforce', 'Salesforce Platform', 'Cloud Integration User']);
    expect(JSON.parse(readFileSync(join(out, 'PermissionSetLicenseAssign.json'), 'utf8')).result).toEqual({
      records: [],
      totalSize: 0,
      done: true,
    });
    const findings = checkFindings(projectPath('catalogue'), out);
    expect(findings).not.toContain('integration-license-capacity config/etl-user-def.json');
    expect(findings).toContain('piu-no-create config/piu-user-def.json');
  });

  it('says clearly that the authorisation expired, and writes nothing', async () => {
    // What @salesforce/core throws when the org refuses the stored refresh token.
    $$.fakeConnectionRequest = () =>
      Promise.reject(
        new SfError('Error authenticating with the refresh token due to: expired access/refresh token', 'RefreshTokenAuthError'),
      );
    const out = join(mkdtempSync(join(tmpdir(), 'iulint-sfsnap-')), 'snap');
    const error = await Snapshot.run(['--target-org', testOrg.username, '--output-dir', out], ROOT).then(
      () => undefined,
      (e: unknown) => e as SfError,
    );
    expect(error?.name).toBe('AuthExpiredError');
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      `The authorisation of ${testOrg.username} has expired or was revoked: Error authenticating with the refresh token due to: expired access/refresh token`,
    );
    expect(error?.actions).toEqual([`Log in again with "sf org login web --alias ${testOrg.username}", then run this command again.`]);
    expect(existsSync(out)).toBe(false);
  });

  it('names the object when a query fails, and writes nothing', async () => {
    $$.fakeConnectionRequest = (request: AnyJson) => {
      const url = typeof request === 'string' ? request : (request as { url: string }).url;
      if (decodeURIComponent(url).includes('FROM PermissionSetLicenseAssign'))
        return Promise.reject(new Error("sObject type 'PermissionSetLicenseAssign' is not supported."));
      return Promise.resolve(answer({ integrationLicence: true }, 'GET', url).body as AnyJson);
    };
    const out = join(mkdtempSync(join(tmpdir(), 'iulint-sfsnap-')), 'snap');
    const error = await Snapshot.run(['--target-org', testOrg.username, '--output-dir', out], ROOT).then(
      () => undefined,
      (e: unknown) => e as SfError,
    );
    expect(error?.message).toBe(
      `The query of PermissionSetLicenseAssign failed on ${testOrg.username}: sObject type 'PermissionSetLicenseAssign' is not supported.`,
    );
    expect(error?.exitCode).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
