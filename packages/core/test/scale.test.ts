import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';
import { queryOutput, xml } from './ruleTester.js';

/**
 * How much of the org snapshot the rules read: each permission set's rules asked whether the snapshot
 * assigns it to the Platform Integration User by scanning every assignment of the snapshot, and which
 * groups hold it by scanning every group (3,000 sets and 20,000 assignments took 7 s instead of 1).
 * Counted, not timed: how many times an assignment of the snapshot is read during a whole lint.
 */
const ROOT = '/p';
const D = `${ROOT}/force-app/main/default`;

async function lintCountingReads(sets: number, assignments: number, groups: number): Promise<{ reads: number; findings: number }> {
  const files: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    'iulint.config.json': JSON.stringify({ orgSnapshot: '.snapshot' }),
    '.snapshot/User.json': JSON.stringify(
      queryOutput([
        { Username: 'cloud@00d5e000000abcdeaa', IsActive: true },
        ...Array.from({ length: 50 }, (_, i) => ({ Username: `person${i}@acme.example.com`, IsActive: true })),
      ]),
    ),
    '.snapshot/PermissionSetAssignment.json': JSON.stringify(
      queryOutput(
        Array.from({ length: assignments }, (_, i) => ({
          // Set 0 is the PIU's (consented: every rule of it speaks); the others are people's.
          Assignee: { Username: i === 0 ? 'cloud@00d5e000000abcdeaa' : `person${i % 50}@acme.example.com` },
          PermissionSet: { Name: `Set_${i % sets}`, IsOwnedByProfile: false },
        })),
      ),
    ),
  };
  for (let i = 0; i < sets; i++)
    files[`force-app/main/default/permissionsets/Set_${i}.permissionset-meta.xml`] = xml('PermissionSet', `    <label>Set ${i}</label>`);
  for (let g = 0; g < groups; g++)
    files[`force-app/main/default/permissionsetgroups/G_${g}.permissionsetgroup-meta.xml`] = xml(
      'PermissionSetGroup',
      `    <label>G ${g}</label>\n${Array.from({ length: 10 }, (_, k) => `    <permissionSets>Set_${(g * 10 + k) % sets}</permissionSets>`).join('\n')}`,
    );
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, text]) => [`${ROOT}/${p}`, text])));
  const ws = await Workspace.load(fs, ROOT, RULES);
  const snapshot = ws.snapshot;
  if (!snapshot) throw new Error('no snapshot loaded');
  expect(snapshot.permissionSetAssignments).toHaveLength(assignments);
  let reads = 0;
  snapshot.permissionSetAssignments = new Proxy(snapshot.permissionSetAssignments, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  const findings = ws.lintAll();
  return { reads, findings: findings.filter((f) => f.path.startsWith(D)).length };
}

describe('the org snapshot at scale', () => {
  it('its assignments are read a bounded number of times, not once for each permission set and group', async () => {
    const small = await lintCountingReads(100, 1000, 20);
    const large = await lintCountingReads(400, 4000, 80);
    // The PIU's set is reported in both; the lint did read the snapshot.
    expect(small.findings).toBeGreaterThan(0);
    expect(large.findings).toBe(small.findings);
    expect(small.reads).toBeGreaterThanOrEqual(1000);
    // A few passes over the assignments, whatever the number of sets: four times the sets and
    // assignments, four times the reads (a scan for each set read them sixteen times as often).
    expect(large.reads).toBeLessThanOrEqual(3 * 4000);
    expect(large.reads).toBeLessThanOrEqual(5 * small.reads);
  });
});
