import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import type { Rule } from '../src/rules/rule.js';
import { Workspace } from '../src/workspace/workspace.js';
import { xml } from './ruleTester.js';

const perm = (name: string) =>
  `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const profile = (licence: string) => xml('Profile', `    <userLicense>${licence}</userLicense>\n${perm('ApiUserOnly')}`);
const ROOT = '/p';
const P = `${ROOT}/force-app/main/default/profiles/ERP.profile-meta.xml`;
const USER = `${ROOT}/config/erp-user.json`;
const APP = `${ROOT}/force-app/main/default/connectedApps/ERP.connectedApp-meta.xml`;
const DASH = `${ROOT}/force-app/main/default/dashboards/F/D.dashboard-meta.xml`;

async function project(): Promise<{ ws: Workspace; fs: MemoryFileSystem }> {
  const fs = new MemoryFileSystem({
    [`${ROOT}/sfdx-project.json`]: JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
    [P]: profile('Salesforce Integration'),
    [USER]: JSON.stringify({ Username: 'erp@acme.com', LastName: 'ERP', profileName: 'ERP' }),
    [APP]: xml(
      'ConnectedApp',
      '    <oauthConfig>\n        <oauthClientCredentialUser>erp@acme.com</oauthClientCredentialUser>\n    </oauthConfig>',
    ),
    [DASH]: xml('Dashboard', '    <runningUser>ops@acme.com</runningUser>'),
  });
  return { ws: await Workspace.load(fs, ROOT, RULES), fs };
}

describe('the incremental workspace index', () => {
  it('keeps facts, not XML trees, and counts what it found', async () => {
    const { ws } = await project();
    expect([...ws.files.keys()].sort()).toEqual([USER, APP, DASH, P].sort());
    const facts = ws.files.get(P);
    expect(facts?.kind).toBe('metadata');
    expect(JSON.stringify(facts)).not.toContain('children');
  });

  it('re-evaluates only the files that depend on a changed profile licence', async () => {
    const { ws } = await project();
    expect(ws.lintAll().map((f) => f.ruleId)).toEqual([]);
    const dependents = ws.updateText(P, profile('Salesforce'));
    // The user definition and the connected app resolve the user's licence through the profile; the dashboard does not.
    expect(dependents).toEqual([USER, APP]);
    const after = [...dependents, P].flatMap((p) => ws.lint(p)).map((f) => `${f.ruleId} ${f.path.slice(ROOT.length)}`);
    expect(after.sort()).toEqual([
      'integration-user-license /config/erp-user.json',
      'integration-user-license /force-app/main/default/connectedApps/ERP.connectedApp-meta.xml',
      'integration-user-license /force-app/main/default/profiles/ERP.profile-meta.xml',
    ]);
  });

  it('a change that provides nothing others read re-evaluates nobody', async () => {
    const { ws } = await project();
    ws.lintAll();
    expect(ws.updateText(DASH, xml('Dashboard', '    <runningUser>cloud@00d5e000000abcdeaa</runningUser>'))).toEqual([]);
    expect(ws.lint(DASH).map((f) => f.ruleId)).toEqual(['piu-no-run-as']);
  });

  it('handles create, delete and rename of one file', async () => {
    const { ws, fs } = await project();
    ws.lintAll();
    expect(ws.remove(P)).toEqual([USER, APP]);
    expect(ws.files.has(P)).toBe(false);
    const renamed = `${ROOT}/force-app/main/default/profiles/ERP2.profile-meta.xml`;
    fs.write(renamed, profile('Salesforce'));
    ws.lintAll();
    expect(ws.rename(renamed, P, await fs.readFile(renamed))).toEqual([USER, APP]);
    expect(ws.files.has(P)).toBe(true);
  });

  it('runs the rules its caller hands it, and no others', async () => {
    const fs = new MemoryFileSystem({
      [DASH]: xml('Dashboard', '    <runningUser>cloud@00d5e000000abcdeaa</runningUser>\n    <oops>'),
    });
    const ids = async (rules: readonly Rule[]) => (await Workspace.load(fs, ROOT, rules)).lintAll().map((f) => f.ruleId);
    expect(await ids(RULES)).toEqual(['piu-no-run-as', 'xml-syntax']);
    expect(await ids(RULES.filter((r) => r.meta.id === 'xml-syntax'))).toEqual(['xml-syntax']);
    expect(await ids([])).toEqual([]);
  });

  it('respects .forceignore and the configuration ignore list', async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/.forceignore`]: '**/legacy/**\n',
      [`${ROOT}/iulint.config.json`]: JSON.stringify({ ignore: ['**/old.dashboard-meta.xml'] }),
      [`${ROOT}/force-app/legacy/dashboards/F/D.dashboard-meta.xml`]: xml(
        'Dashboard',
        '<runningUser>cloud@00d5e000000abcdeaa</runningUser>',
      ),
      [`${ROOT}/force-app/main/dashboards/F/old.dashboard-meta.xml`]: xml(
        'Dashboard',
        '<runningUser>cloud@00d5e000000abcdeaa</runningUser>',
      ),
      [`${ROOT}/force-app/main/dashboards/F/new.dashboard-meta.xml`]: xml(
        'Dashboard',
        '<runningUser>cloud@00d5e000000abcdeaa</runningUser>',
      ),
    });
    const ws = await Workspace.load(fs, ROOT, RULES);
    expect(ws.lintAll().map((f) => f.path)).toEqual([`${ROOT}/force-app/main/dashboards/F/new.dashboard-meta.xml`]);
  });
});
