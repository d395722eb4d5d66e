import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { explanationMarkdown, userMarkdown } from '../src/org/explain.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';
import { nodeFs } from './nodeFs.js';

const ROOT = projectPath('catalogue');
const USER_DEF = join(ROOT, 'config/erp-user-def.json');
const PIU_DEF = join(ROOT, 'config/piu-user-def.json');
const PROFILE = join(ROOT, 'force-app/main/default/profiles/ERP Integration.profile-meta.xml');
const SNAPSHOT = join(ROOT, '.iulint/snapshot/User.json');
const DASHBOARD = join(ROOT, 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml');
const CONNECTED_APP = join(ROOT, 'force-app/main/default/connectedApps/ERP_Sync.connectedApp-meta.xml');

/** The range of the n-th occurrence of `text` in a file, found by reading the file here (a JSON string's range holds its quotes). */
function locate(path: string, text: string, n = 0) {
  const lines = readFileSync(path, 'utf8').split('\n');
  let seen = 0;
  for (const [line, l] of lines.entries()) {
    let at = l.indexOf(text);
    while (at !== -1) {
      if (seen++ === n) return { start: { line, character: at }, end: { line, character: at + text.length } };
      at = l.indexOf(text, at + 1);
    }
  }
  throw new Error(`${text} is not in ${path}`);
}

let ws: Workspace;
beforeAll(async () => {
  ws = await Workspace.load(nodeFs, ROOT, RULES);
});

describe('why a user is what it is (Workspace.explainUser)', () => {
  it('an integration user: by what, its licence and where it comes from, its profile, its permission sets, with files and ranges', () => {
    const e = ws.explainUser('erp.sync@acme.example.com');
    expect(e.username).toBe('erp.sync@acme.example.com');
    expect(e.definedAt).toEqual([{ text: 'a user definition', path: USER_DEF, range: expect.any(Object) }]);
    expect(e.system).toBeUndefined();
    expect(e.integration?.byNameOnly).toBe(false);
    expect(e.integration?.reasons.slice(0, 2)).toEqual([
      { text: 'its profile ERP Integration enables API Only User', path: PROFILE, range: locate(PROFILE, 'ApiUserOnly') },
      {
        text: 'its licence is Salesforce Integration (from the profile ERP Integration)',
        path: PROFILE,
        range: locate(PROFILE, 'Salesforce Integration'),
      },
    ]);
    expect(e.license).toEqual({
      license: 'Salesforce Integration',
      reason: { text: 'the profile ERP Integration', path: PROFILE, range: locate(PROFILE, 'Salesforce Integration') },
    });
    expect(e.profile).toEqual({ name: 'ERP Integration', path: USER_DEF, range: locate(USER_DEF, '"ERP Integration"'), file: PROFILE });
    expect(e.permissionSets).toEqual([
      { name: 'ERP_Sync', via: { text: 'its permsets', path: USER_DEF, range: locate(USER_DEF, '"ERP_Sync"') } },
      { name: 'Legacy_Full_Access', via: { text: 'its permsets', path: USER_DEF, range: locate(USER_DEF, '"Legacy_Full_Access"') } },
      // The connected app whose client-credentials user it is grants ERP_Sync too.
      { name: 'ERP_Sync', via: { text: 'permissionSetName of connected app ERP_Sync', path: CONNECTED_APP, range: expect.any(Object) } },
    ]);
    expect(e.snapshot).toBe('active'); // not in the snapshot, but the workspace creates it
    const md = userMarkdown(e);
    expect(md.split('\n').slice(0, 3)).toEqual([
      '**erp.sync@acme.example.com** is an integration user:',
      '- its profile ERP Integration enables API Only User',
      '- its licence is Salesforce Integration (from the profile ERP Integration)',
    ]);
    expect(md).toContain('Licence: **Salesforce Integration**, from the profile ERP Integration.');
    expect(md).toContain('Profile: **ERP Integration**.');
    expect(md).toContain(
      'Permission sets: **ERP_Sync** (its permsets; permissionSetName of connected app ERP_Sync), **Legacy_Full_Access** (its permsets).',
    );
  });

  it('the Platform Integration User: which kind and why, from the user definition and the snapshot', () => {
    const e = ws.explainUser('cloud@00d5e000000abcdeaa');
    expect(e.system).toEqual({ kind: 'piu', label: 'the Platform Integration User', reason: 'its UserType is CloudIntegrationUser' });
    expect(e.integration).toBeUndefined();
    expect(e.definedAt.map((d) => [d.text, d.path])).toEqual([
      ['a user definition', PIU_DEF],
      ['the org snapshot', SNAPSHOT],
    ]);
    expect(e.license).toEqual({
      license: 'Cloud Integration User',
      reason: { text: 'the org snapshot', path: SNAPSHOT, range: expect.any(Object) },
    });
    expect(userMarkdown(e).split('\n').slice(0, 3)).toEqual([
      '**cloud@00d5e000000abcdeaa** is the Platform Integration User: its UserType is CloudIntegrationUser.',
      '',
      'Salesforce creates and manages this user: nobody may create it, edit it, log in as it or make it run work.',
    ]);
  });

  it('a username nobody defines: an ordinary user the snapshot does not have', () => {
    const e = ws.explainUser('nobody@acme.example.com');
    expect([e.system, e.integration, e.license, e.profile, e.definedAt, e.permissionSets, e.snapshot]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      [],
      [],
      'missing',
    ]);
  });
});

describe('what iulint explains at a position (Workspace.explainAt, the hover)', () => {
  it('a run-as element: the element, then the user', () => {
    const at = locate(DASHBOARD, 'former.lead@acme.example.com').start;
    const e = ws.explainAt(DASHBOARD, { line: at.line, character: at.character + 3 });
    expect(e?.kind === 'user' && [e.element, e.user.username]).toEqual([
      { name: 'Dashboard.runningUser', login: false, kind: 'runAs' },
      'former.lead@acme.example.com',
    ]);
    const md = explanationMarkdown(e as NonNullable<typeof e>);
    expect(md).toContain('`Dashboard.runningUser` is a run-as element');
    expect(md).toContain('Licence: **Salesforce**, from the org snapshot.\nOrg snapshot: inactive.');
  });

  it("a profile's licence, a permission; nothing between elements or in a file the index does not hold", () => {
    const licence = locate(PROFILE, 'Salesforce Integration').start;
    expect(ws.explainAt(PROFILE, licence)).toEqual({
      kind: 'license',
      license: 'Salesforce Integration',
      integrationProfile: { text: 'it enables API Only User', range: locate(PROFILE, 'ApiUserOnly') },
    });
    const perm = locate(PROFILE, 'ModifyAllData').start;
    const e = ws.explainAt(PROFILE, perm);
    expect(e).toEqual({ kind: 'permission', name: 'ModifyAllData', enabled: true, highRisk: true });
    expect(explanationMarkdown(e as NonNullable<typeof e>)).toBe(
      '**ModifyAllData**\n\nA high-risk permission: integration users and the Platform Integration User should not hold it.\n\nEnabled: true.',
    );
    expect(ws.explainAt(PROFILE, { line: 0, character: 1 })).toBeUndefined();
    expect(ws.explainAt(join(ROOT, 'README.md'), { line: 0, character: 0 })).toBeUndefined();
  });
});
