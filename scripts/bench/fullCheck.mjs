// Full checks as users run them (a new process, every core) against the one-thread read-and-scan floor:
// the 453 MB generated project, the 100 MB project of large profiles among small files (profiles sorting
// last and first), the NPSP-shaped project of 9,000 small files, NPSP itself and the corpus when present.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNpspShapedProject, generateProject, generateShapedProject } from '@iulint/fixtures';
import { CORPUS, QUICK } from './context.mjs';
import { checkTime, floor, mbOf, versusFloor } from './measure.mjs';

export const PROJECT_SPEC = QUICK
  ? { files: 2000, profiles: 20, profileBytes: 1024 * 1024 }
  : { files: 10_000, profiles: 150, profileBytes: 3 * 1024 * 1024 };
export const SHAPED_SPEC = QUICK
  ? { profiles: 10, profileBytes: 2 * 1024 * 1024, permissionSets: 750, permissionSetFields: 42, dashboards: 250 }
  : { profiles: 40, profileBytes: 2 * 1024 * 1024, permissionSets: 3000, permissionSetFields: 42, dashboards: 1000 };
export const NPSP_FILES = QUICK ? 3000 : 9000;

/** The org snapshot of the 100 MB project's second check: assignments of its permission sets to users. */
export const SNAPSHOT_SPEC = QUICK ? { assignments: 5000, users: 1250 } : { assignments: 20_000, users: 5000 };

/**
 * Writes an org snapshot as `iulint snapshot` (and `sf data query --json`) writes it: User.json and
 * PermissionSetAssignment.json, assigning the project's permission sets (`PS_<n>`) to people.
 */
function writeSnapshot(dir, permissionSets) {
  const query = (records) => JSON.stringify({ status: 0, result: { records, totalSize: records.length, done: true }, warnings: [] });
  const user = (i) => `person${i}@acme.example.com`;
  mkdirSync(join(dir, SNAPSHOT_DIR), { recursive: true });
  const users = Array.from({ length: SNAPSHOT_SPEC.users }, (_, i) => ({
    Username: user(i),
    IsActive: true,
    Profile: { Name: 'Standard User' },
  }));
  writeFileSync(join(dir, SNAPSHOT_DIR, 'User.json'), query(users));
  const assignments = Array.from({ length: SNAPSHOT_SPEC.assignments }, (_, i) => ({
    Assignee: { Username: user(i % SNAPSHOT_SPEC.users) },
    PermissionSet: { Name: `PS_${i % permissionSets}`, IsOwnedByProfile: false },
  }));
  writeFileSync(join(dir, SNAPSHOT_DIR, 'PermissionSetAssignment.json'), query(assignments));
}
const SNAPSHOT_DIR = '.snapshot';

/** Runs the full checks; leaves the generated project in place for the server and memory jobs. */
export function fullCheckJob(ctx) {
  ctx.log(
    `generating a project of ${PROJECT_SPEC.files} files (${PROJECT_SPEC.profiles} profiles of ${(PROJECT_SPEC.profileBytes / 1048576).toFixed(0)} MB)`,
  );
  const projectDir = join(ctx.work, 'project');
  const generated = generateProject({ dir: projectDir, ...PROJECT_SPEC });
  ctx.log('floor and full check of the generated project');
  const project = versusFloor(projectDir);

  const shaped = [];
  let withSnapshot;
  for (const largeFirst of [false, true]) {
    const dir = join(ctx.work, largeFirst ? 'shaped-first' : 'shaped');
    ctx.log(`floor and full check of ${SHAPED_SPEC.profiles} profiles of 2 MB among small files${largeFirst ? ', profiles first' : ''}`);
    generateShapedProject({ dir, ...SHAPED_SPEC, largeFirst });
    shaped.push({ largeFirst, ...versusFloor(dir) });
    if (!largeFirst) {
      ctx.log(`the same with an org snapshot of ${SNAPSHOT_SPEC.assignments} assignments`);
      writeSnapshot(dir, SHAPED_SPEC.permissionSets);
      const check = checkTime(dir, 3, ['--org-snapshot', SNAPSHOT_DIR]);
      const { floor: f } = shaped[0];
      withSnapshot = { floor: f, check, ratio: f.ms / check.ms };
    }
    rmSync(dir, { recursive: true, force: true });
  }

  ctx.log(`floor and full check of an NPSP-shaped project of ${NPSP_FILES} files`);
  const npspDir = join(ctx.work, 'npsp');
  generateNpspShapedProject({ dir: npspDir, files: NPSP_FILES });
  const npsp = versusFloor(npspDir);
  rmSync(npspDir, { recursive: true, force: true });

  let npspReal;
  let corpus;
  if (existsSync(CORPUS)) {
    const real = join(CORPUS, 'SalesforceFoundation__NPSP');
    if (existsSync(real)) {
      ctx.log('floor and full check of NPSP (the corpus copy)');
      npspReal = versusFloor(real);
    }
    ctx.log('floor and full check of the corpus (project by project)');
    corpus = { floorMs: 0, checkMs: 0, bytes: 0, files: 0, projects: 0 };
    for (const name of readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isDirectory())) {
      const f = floor(join(CORPUS, name));
      const c = checkTime(join(CORPUS, name));
      corpus.floorMs += f.ms;
      corpus.checkMs += c.ms;
      corpus.bytes += f.bytes;
      corpus.files += c.files;
      corpus.projects++;
    }
  }

  const [issueShape, issueFirst] = shaped;
  ctx.budget(
    `full check of the ${mbOf(issueShape.floor.bytes).toFixed(0)} MB project (${SHAPED_SPEC.profiles} profiles of 2 MB, ${issueShape.check.files} files), new process, vs the one-thread floor`,
    `${issueShape.ratio.toFixed(2)} (profiles sorting first: ${issueFirst.ratio.toFixed(2)})`,
    '≥ 0.60',
    issueShape.ratio >= 0.6 && issueFirst.ratio >= 0.6,
  );
  ctx.budget(
    `full check of the ${mbOf(project.floor.bytes).toFixed(0)} MB generated project vs the one-thread floor`,
    project.ratio.toFixed(2),
    '≥ 0.80',
    project.ratio >= 0.8,
  );
  ctx.budget(
    `full check of an NPSP-shaped project (${npsp.check.files} small files, ${mbOf(npsp.floor.bytes).toFixed(0)} MB), new process, vs the one-thread floor`,
    `${npsp.ratio.toFixed(2)}${npspReal ? ` (NPSP itself: ${npspReal.ratio.toFixed(2)})` : ''}`,
    '≥ 0.35',
    npsp.ratio >= 0.35,
  );
  ctx.budget(
    `peak RSS of the full check of the ${mbOf(issueShape.floor.bytes).toFixed(0)} MB project`,
    issueShape.check.peak ? `${mbOf(issueShape.check.peak).toFixed(0)} MB` : 'not measured (no /usr/bin/time)',
    '< 200 MB',
    issueShape.check.peak !== undefined && issueShape.check.peak < 200 * 1048576,
  );
  return { projectDir, generated, project, shaped, withSnapshot, npsp, npspReal, corpus };
}
