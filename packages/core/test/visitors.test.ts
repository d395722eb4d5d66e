import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config/config.js';
import { extractFacts } from '../src/facts/extract.js';
import type { FileFacts } from '../src/facts/facts.js';
import { dispatch, lintFacts, visitorsOf } from '../src/lint.js';
import { OrgModel } from '../src/org/model.js';
import { RULES } from '../src/rules/index.js';
import type { Rule, Visitors } from '../src/rules/rule.js';

/** The facts of every file of the fixture projects iulint reads. */
function fixtureFacts(): FileFacts[] {
  const out: FileFacts[] = [];
  for (const name of ['sample', 'catalogue', 'agentforce']) {
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else {
          const facts = extractFacts(p.split('\\').join('/'), readFileSync(p, 'utf8'));
          if (facts) out.push(facts);
        }
      }
    };
    walk(projectPath(name));
  }
  // No fixture project has a `.sf/config.json`.
  out.push(extractFacts('/project/.sf/config.json', '{ "target-org": "ci@example.com" }') as FileFacts);
  return out;
}

const ALL_VISITORS: ReadonlyArray<keyof Visitors> = [
  'metadata',
  'userReferences',
  'agentScript',
  'Profile',
  'PermissionSet',
  'PermissionSetGroup',
  'userDefinition',
  'dataTree',
  'script',
  'sfConfig',
  'apex',
  'snapshot',
];

describe('visitors', () => {
  const facts = fixtureFacts();

  it('dispatch calls only the visitors visitorsOf names, and each of them', () => {
    const kinds = new Set(facts.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['agentScript', 'apex', 'dataTree', 'metadata', 'script', 'sfConfig', 'userDefinition']);
    for (const f of facts) {
      const called: string[] = [];
      const v = Object.fromEntries(ALL_VISITORS.map((name) => [name, () => called.push(name)])) as Visitors;
      dispatch(f, v);
      expect(called, f.path).toEqual([...visitorsOf(f)]);
    }
  });

  it('a rule is created only for files it has a visitor for, after its first file', () => {
    const created: string[] = [];
    const rule: Rule = {
      meta: { ...(RULES[0] as Rule).meta, id: 'counting-rule' },
      create: () => {
        created.push('x');
        return { PermissionSet() {} };
      },
    };
    const model = OrgModel.build(new Map(facts.map((f) => [f.path, f])), undefined, defaultConfig(), []);
    for (const f of facts) lintFacts(f, model, defaultConfig(), [rule]);
    const withSets = facts.filter((f) => f.kind === 'metadata' && f.permissionSet).length;
    expect(withSets).toBeGreaterThan(0);
    // The first file (whatever its kind) teaches the rule's visitors; then only permission sets create it.
    const first = facts[0] as FileFacts;
    expect(created.length).toBe(withSets + (first.kind === 'metadata' && first.permissionSet ? 0 : 1));
  });
});
