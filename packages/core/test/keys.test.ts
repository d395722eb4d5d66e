import { projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import {
  agentsKey,
  assignmentsKey,
  groupsKey,
  loginsKey,
  permissionSetKey,
  profileKey,
  providedKeys,
  userKey,
  usersKey,
} from '../src/org/keys.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';
import { nodeFs } from './nodeFs.js';

const CATALOGUE = projectPath('catalogue');
const kind = (key: string) => key.slice(0, key.includes(':') ? key.indexOf(':') : undefined);
const findingsOf = (ws: Workspace, path: string) => JSON.stringify(ws.lint(path));

describe('dependency keys', () => {
  it('one function per kind of key, case and spacing of names ignored', () => {
    expect([profileKey(' ERP Integration '), permissionSetKey('Api_PS'), groupsKey(), assignmentsKey('Api_PS')]).toEqual([
      'profile:erp integration',
      'permset:api_ps',
      'psg',
      'assign:api_ps',
    ]);
    expect([usersKey(), userKey('Svc@Acme.com'), loginsKey(), agentsKey()]).toEqual(['users', 'user:svc@acme.com', 'logins', 'agents']);
  });

  it('the catalogue (every rule, every source) reads every kind of key, and its files provide every kind a lookup reads', async () => {
    const ws = await Workspace.load(nodeFs, CATALOGUE, RULES);
    ws.lintAll();
    const read = new Set<string>();
    const provided = new Set<string>();
    for (const path of ws.files.keys()) {
      for (const k of ws.dependenciesOf(path)) read.add(kind(k));
      for (const k of providedKeys(ws.files.get(path))) provided.add(kind(k));
    }
    const every = ['assign', 'logins', 'permset', 'profile', 'psg', 'user', 'users'];
    expect([...read].sort()).toEqual(every);
    // Agent running-user elements provide 'agents', which only the explanation of a user reads (no rule's
    // findings depend on another file's agents).
    expect([...provided].sort()).toEqual(['agents', ...every]);
  });

  it('removing any file of the catalogue names every other file whose findings change (judged by linting them all again)', async () => {
    const ws = await Workspace.load(nodeFs, CATALOGUE, RULES);
    ws.lintAll();
    const paths = [...ws.files.keys()].sort();
    let checked = 0;
    for (const removed of paths) {
      const fresh = await Workspace.load(nodeFs, CATALOGUE, RULES);
      const before = new Map(paths.map((p) => [p, findingsOf(fresh, p)]));
      const dependants = new Set(fresh.remove(removed));
      const changed = paths.filter((p) => p !== removed && findingsOf(fresh, p) !== before.get(p));
      expect(
        changed.filter((p) => !dependants.has(p)),
        `files whose findings change when ${removed} goes`,
      ).toEqual([]);
      checked += changed.length;
    }
    // The property is not empty: some removals do change other files' findings.
    expect(checked).toBeGreaterThan(3);
  });
});
