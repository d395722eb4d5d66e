import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';
import { queryOutput, xml } from './ruleTester.js';

/**
 * How much of the org snapshot a whole lint reads, as a project and its org grow: questions the rules
 * ask for each file (is this set assigned to the Platform Integration User, which groups hold it, how
 * many integration licences are taken, which profile has this Id) were answered by scanning the whole
 * snapshot each time (3,000 permission sets and 20,000 assignments took 7 s instead of 1; 400 user
 * definitions against 2,000 users, 30 s). Counted, not timed: every read of a property of a snapshot
 * user or assignment, at one size and at four times that size. Linear work reads about four times as
 * much; a scan for each file, sixteen times.
 */
const ROOT = '/p';
const PIU = 'cloud@00d5e000000abcdeaa';
const person = (i: number) => `person${i}@acme.example.com`;
const PROJECT = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] });

/** Every property read of the snapshot's users and assignments during one `lintAll`, and the findings of the project's files. */
async function lintMetered(files: Record<string, string>, snapshot: Record<string, unknown>): Promise<{ reads: number; findings: number }> {
  const all: Record<string, string> = {
    'sfdx-project.json': PROJECT,
    'iulint.config.json': JSON.stringify({ orgSnapshot: '.snapshot' }),
    ...files,
  };
  for (const [name, output] of Object.entries(snapshot)) all[`.snapshot/${name}`] = JSON.stringify(output);
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(all).map(([p, text]) => [`${ROOT}/${p}`, text])));
  const ws = await Workspace.load(fs, ROOT, RULES);
  const org = ws.snapshot;
  if (!org) throw new Error('no snapshot loaded');
  let reads = 0;
  const metered = <T extends object>(o: T): T =>
    new Proxy(o, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
  org.users = org.users.map(metered);
  org.permissionSetAssignments = org.permissionSetAssignments.map(metered);
  const findings = ws.lintAll().filter((f) => !f.path.startsWith(`${ROOT}/.snapshot/`)).length;
  return { reads, findings };
}

/** Lints the project at size n and 4n: the reads grow about as the size does, with the same findings each time where they should. */
async function expectLinear(project: (n: number) => { files: Record<string, string>; snapshot: Record<string, unknown> }, n: number) {
  const metered = (size: number) => {
    const { files, snapshot } = project(size);
    return lintMetered(files, snapshot);
  };
  const small = await metered(n);
  const large = await metered(4 * n);
  expect(small.findings).toBeGreaterThan(0);
  expect(small.reads).toBeGreaterThan(0);
  expect(large.reads, `${small.reads} reads at ${n}, ${large.reads} at ${4 * n}`).toBeLessThanOrEqual(6 * small.reads);
  return { small, large };
}

const permissionSet = (name: string) => xml('PermissionSet', `    <label>${name}</label>`);

describe('the org snapshot at scale: a whole lint reads it a bounded number of times', () => {
  it('permission sets, each asking whether the snapshot assigns it to the PIU, and groups holding them', async () => {
    const { small, large } = await expectLinear((n) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < n; i++)
        files[`force-app/main/default/permissionsets/Set_${i}.permissionset-meta.xml`] = permissionSet(`Set_${i}`);
      for (let g = 0; g < n / 5; g++)
        files[`force-app/main/default/permissionsetgroups/G_${g}.permissionsetgroup-meta.xml`] = xml(
          'PermissionSetGroup',
          `    <label>G ${g}</label>\n${Array.from({ length: 10 }, (_, k) => `    <permissionSets>Set_${(g * 10 + k) % n}</permissionSets>`).join('\n')}`,
        );
      const users = [{ Username: PIU, IsActive: true }, ...Array.from({ length: 50 }, (_, i) => ({ Username: person(i), IsActive: true }))];
      // Set 0 is the PIU's (consented: the rules of it and of the groups that hold it speak); the others are people's.
      const assignments = Array.from({ length: 10 * n }, (_, i) => ({
        Assignee: { Username: i === 0 ? PIU : person(i % 50) },
        PermissionSet: { Name: `Set_${i % n}`, IsOwnedByProfile: false },
      }));
      return { files, snapshot: { 'User.json': queryOutput(users), 'PermissionSetAssignment.json': queryOutput(assignments) } };
    }, 100);
    expect(large.findings).toBe(small.findings);
  });

  it('groups that all hold one popular set, assigned to many people', async () => {
    await expectLinear((n) => {
      const files: Record<string, string> = { 'force-app/main/default/permissionsets/Base.permissionset-meta.xml': permissionSet('Base') };
      for (let g = 0; g < n; g++)
        files[`force-app/main/default/permissionsetgroups/G_${g}.permissionsetgroup-meta.xml`] = xml(
          'PermissionSetGroup',
          `    <label>G ${g}</label>\n    <permissionSets>Base</permissionSets>`,
        );
      const users = [
        { Username: PIU, IsActive: true },
        ...Array.from({ length: 10 * n }, (_, i) => ({ Username: person(i), IsActive: true })),
      ];
      const assignments = [
        { Assignee: { Username: PIU }, PermissionSet: { Name: 'G_0', IsOwnedByProfile: false } },
        ...Array.from({ length: 10 * n }, (_, i) => ({
          Assignee: { Username: person(i) },
          PermissionSet: { Name: 'Base', IsOwnedByProfile: false },
        })),
      ];
      return { files, snapshot: { 'User.json': queryOutput(users), 'PermissionSetAssignment.json': queryOutput(assignments) } };
    }, 50);
  });

  it('user definitions of integration users against the org’s users and its Salesforce Integration licences', async () => {
    const { small, large } = await expectLinear((n) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < n; i++)
        files[`config/int${i}-user-def.json`] = JSON.stringify({
          Username: `int${i}@acme.example.com`,
          LastName: 'Int',
          profileName: 'Minimum Access - API Only Integrations',
        });
      const users = Array.from({ length: 5 * n }, (_, i) => ({
        Username: person(i),
        IsActive: true,
        Profile: { Name: 'Minimum Access - API Only Integrations', UserLicense: { Name: 'Salesforce Integration' } },
      }));
      return {
        files,
        snapshot: {
          'User.json': queryOutput(users),
          'UserLicense.json': queryOutput([{ Name: 'Salesforce Integration', TotalLicenses: 5 * n + 5, UsedLicenses: 5 * n }]),
        },
      };
    }, 25);
    // Five licences left: the definitions past the fifth are over the count.
    expect(small.findings).toBe(25 - 5);
    expect(large.findings).toBe(100 - 5);
  });

  it('tree-file users with a ProfileId, against the snapshot’s users and their profiles', async () => {
    await expectLinear((n) => {
      // Ids of 18 characters that differ within their first 15, as Salesforce's do; none of the
      // records' is a profile the snapshot's people have, but for one, System Administrator.
      const id = (prefix: string, i: number) => `00e5e${prefix}${String(i).padStart(10 - prefix.length, '0')}AAA`;
      const records = Array.from({ length: n }, (_, i) => ({
        attributes: { type: 'User', referenceId: `U${i}` },
        Username: `integration${i}@acme.example.com`,
        LastName: 'Integration',
        ProfileId: id('p', i % 10),
      }));
      const users = Array.from({ length: 4 * n }, (_, i) => ({
        Username: person(i),
        IsActive: true,
        ProfileId: id('o', i),
        Profile: { Name: 'Standard User', UserLicense: { Name: 'Salesforce' } },
      }));
      users.push({
        Username: 'admin@acme.example.com',
        IsActive: true,
        ProfileId: id('p', 1),
        Profile: { Name: 'System Administrator', UserLicense: { Name: 'Salesforce' } },
      });
      return { files: { 'data/User.json': JSON.stringify({ records }) }, snapshot: { 'User.json': queryOutput(users) } };
    }, 100);
  });
});
