import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import { skippedNote } from '../src/workspace/problems.js';
import { type PathReport, Workspace } from '../src/workspace/workspace.js';
import { queryOutput, xml } from './ruleTester.js';

const ROOT = '/p';
const DASH = `${ROOT}/force-app/main/default/dashboards/F/D.dashboard-meta.xml`;
const PROFILE = `${ROOT}/force-app/main/default/profiles/ERP.profile-meta.xml`;
const USER = `${ROOT}/config/erp-user.json`;
const BIG = `${ROOT}/force-app/main/default/profiles/Big.profile-meta.xml`;
const LEGACY = `${ROOT}/legacy/dashboards/F/D.dashboard-meta.xml`;
const CONFIG = `${ROOT}/iulint.config.json`;
const FORCEIGNORE = `${ROOT}/.forceignore`;
const SNAPSHOT_USERS = `${ROOT}/.iulint/snapshot/User.json`;

const profile = (licence: string) =>
  xml(
    'Profile',
    `    <userLicense>${licence}</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>`,
  );
const runAsPiu = xml('Dashboard', '    <runningUser>cloud@00d5e000000abcdeaa</runningUser>');
const ids = (r: PathReport) => (r.kind === 'findings' ? r.findings.map((f) => f.ruleId) : r.kind);

async function project(): Promise<Workspace> {
  const fs = new MemoryFileSystem({
    [`${ROOT}/sfdx-project.json`]: JSON.stringify({ packageDirectories: [{ path: 'force-app' }, { path: 'legacy' }] }),
    [CONFIG]: '{\n  "orgSnapshot": ".iulint/snapshot",\n  "maxFileSize": 4096,\n  "colour": true\n}\n',
    [FORCEIGNORE]: 'legacy\\dashboards\nlegacy/**\n',
    [DASH]: runAsPiu,
    [PROFILE]: profile('Salesforce Integration'),
    [USER]: JSON.stringify({ Username: 'erp@acme.com', LastName: 'ERP', profileName: 'ERP' }),
    [BIG]: xml('Profile', `    <description>${'x'.repeat(5000)}</description>`),
    [LEGACY]: runAsPiu,
    [`${ROOT}/README.md`]: '# not a source\n',
    [SNAPSHOT_USERS]: JSON.stringify(
      queryOutput([{ Username: 'mule@acme.com', IsActive: true, Profile: { Name: 'Salesforce API Only System Integrations' } }]),
    ),
  });
  return Workspace.load(fs, ROOT, RULES);
}

describe('Workspace.report: what one path reports', () => {
  it("a source's rules' findings, .forceignore's, a snapshot file's, the configuration's problems, a skipped file, or nothing", async () => {
    const ws = await project();
    expect(ids(ws.report(DASH))).toEqual(['piu-no-run-as']);
    expect(ids(ws.report(USER))).toEqual([]);
    expect(ids(ws.report(FORCEIGNORE))).toEqual(['forceignore']);
    expect(ids(ws.report(SNAPSHOT_USERS))).toEqual(['integration-deprecated-profile']);
    const config = ws.report(CONFIG);
    expect(config.kind === 'config' && config.problems.map((p) => [p.message.split(' (')[0], p.range.start.line])).toEqual([
      ['Unknown setting "colour"', 3],
    ]);
    const big = ws.report(BIG);
    expect(big).toEqual({ kind: 'skipped', skipped: { kind: 'too-large', path: BIG, size: expect.any(Number), maxFileSize: 4096 } });
    expect(big.kind === 'skipped' && skippedNote(big.skipped)).toBe(
      'iulint skipped this file: it is larger than maxFileSize (0 MB); raise "maxFileSize" in iulint.config.json to lint it.',
    );
    expect(ws.report(LEGACY)).toEqual({ kind: 'none' }); // ignored by .forceignore
    expect(ws.report(`${ROOT}/README.md`)).toEqual({ kind: 'none' });
    expect(ws.report(`${ROOT}/.iulint/snapshot/UserLicense.json`)).toEqual({ kind: 'findings', findings: [] }); // a snapshot file without findings
  });

  it('reportedFiles: every path with something to report, and their reports are what the CLI prints', async () => {
    const ws = await project();
    expect(ws.reportedFiles()).toEqual([FORCEIGNORE, SNAPSHOT_USERS, USER, PROFILE, DASH, BIG, CONFIG].sort());
    const findings = ws.reportedFiles().flatMap((p) => {
      const r = ws.report(p);
      return r.kind === 'findings' ? r.findings : [];
    });
    expect(JSON.stringify(findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))).toBe(JSON.stringify(ws.lintAll()));
  });

  it("an editor's text the index has not read is reported without being stored; an update makes it the index's", async () => {
    const ws = await project();
    const unsaved = profile('Salesforce');
    // The user's licence comes from the profile: with the unsaved profile it is a general-purpose one.
    expect(ids(ws.report(PROFILE, unsaved))).toEqual(['integration-user-license']);
    expect(ids(ws.report(PROFILE))).toEqual([]);
    expect(ids(ws.report(USER))).toEqual([]);
    expect(ws.updateText(PROFILE, unsaved)).toEqual([USER, ...ws.snapshotFiles()]);
    expect(ids(ws.report(USER))).toEqual(['integration-user-license']);
    expect(ids(ws.report(PROFILE))).toEqual(['integration-user-license']);
  });

  it("an editor's text over maxFileSize is skipped, and so is the file once the index reads it; a smaller text lints again", async () => {
    const ws = await project();
    const huge = `${runAsPiu}<!--${'y'.repeat(5000)}-->`;
    expect(ws.report(DASH, huge)).toEqual({
      kind: 'skipped',
      skipped: { kind: 'too-large', path: DASH, size: huge.length, maxFileSize: 4096 },
    });
    expect(ids(ws.report(DASH))).toEqual(['piu-no-run-as']);
    ws.updateText(DASH, huge);
    expect(ws.report(DASH).kind).toBe('skipped');
    expect(ws.reportedFiles()).toContain(DASH);
    ws.updateText(DASH, runAsPiu);
    expect(ids(ws.report(DASH))).toEqual(['piu-no-run-as']);
    ws.remove(DASH);
    expect(ws.report(DASH)).toEqual({ kind: 'none' });
  });

  it("the configuration file's unsaved text is read for its problems", async () => {
    const ws = await project();
    const r = ws.report(CONFIG, '{ "rules": { "no-such-rule": "error" } }');
    expect(r.kind === 'config' && r.problems.map((p) => p.message.split(' (')[0])).toEqual(['Unknown rule "no-such-rule"']);
  });

  it('a workspace that was never loaded reports an open text on its own, as lintText does', () => {
    const ws = new Workspace(new MemoryFileSystem(), ROOT, RULES);
    expect(ids(ws.report(DASH, runAsPiu))).toEqual(['piu-no-run-as']);
    expect(ws.report(DASH)).toEqual({ kind: 'none' });
    expect(ws.reportedFiles()).toEqual([]);
  });

  it('every update returns the snapshot files as dependants: their findings read the whole model', async () => {
    const ws = await project();
    ws.lintAll();
    expect(ws.updateText(DASH, xml('Dashboard', ''))).toEqual(ws.snapshotFiles());
    expect(ws.snapshotFiles()).toContain(SNAPSHOT_USERS);
  });
});
