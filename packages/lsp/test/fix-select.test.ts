// A file saved between the lint and --fix is linted again before it is fixed: the fixes taken from that
// second lint are chosen as the first lint's were (what the run reports: its paths, --changed-since, the
// baseline, suggestions only with --fix-suggestions), never every fix the file has.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProject } from '@iulint/core';
import { FIX_CASE_FILES } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { planFixes } from '../src/fixFiles.js';
import { NodeFileSystem } from '../src/nodeFs.js';
import { SFDX_PROJECT, writeFiles } from './helpers.js';

const PROFILE = 'force-app/main/default/profiles/Api False.profile-meta.xml';

describe('--fix on a file saved after its lint', () => {
  it('takes from the new lint only the fixes the run chose (select), every fix without it', async () => {
    const root = writeFiles('iulint-fix-select-', {
      'sfdx-project.json': SFDX_PROJECT,
      [PROFILE]: FIX_CASE_FILES[PROFILE] as string,
    });
    const result = await checkProject(new NodeFileSystem(), root);
    const path = join(root, PROFILE);
    const fixable = result.findings.filter((f) => f.path === path && f.fix);
    expect(fixable.length).toBeGreaterThan(0);
    // A save: a comment above the root element, so the facts differ and the file is linted again.
    writeFileSync(path, readFileSync(path, 'utf8').replace('<Profile', '<!-- saved -->\n<Profile'));
    // The run chose none of this file's findings (a baseline hid them): the new lint's fixes are not taken.
    expect(planFixes({ findings: fixable, workspace: result.workspace, select: () => [] })).toEqual([]);
    // Without a choice, every fix of the new lint.
    const all = planFixes({ findings: fixable, workspace: result.workspace });
    expect(all.map((f) => f.path)).toEqual([path]);
    expect(all[0]?.before).toContain('<!-- saved -->');
  });
});
