import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFactsFromBytes } from '@iulint/core';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../src/extractFiles.js';

const work = mkdtempSync(join(tmpdir(), 'iulint-extract-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MB = 1 << 20;

/** A profile of exactly `size` bytes (padded with a comment), its licence after the padding, so a short read would lose it. */
function profileOf(size: number): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n<!--';
  const tail = '-->\n    <custom>true</custom>\n    <userLicense>Salesforce Integration</userLicense>\n</Profile>\n';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

describe('extractFiles reads each file whole, without a stat for the small ones', () => {
  // Around the thread's first buffer (1 MB): a file that fits, one that fills it exactly, one just over it, and a large one.
  const sizes = [200, MB - 1, MB, MB + 1, 3 * MB + 17];

  it('gives the facts of every size as a read of the whole file does', () => {
    const paths = sizes.map((size, i) => {
      const path = join(work, `force-app/main/default/profiles/P${i}.profile-meta.xml`);
      const dir = join(work, 'force-app/main/default/profiles');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, profileOf(size));
      return path;
    });
    for (const path of paths) {
      const results = extractFiles([path]);
      expect(results).toHaveLength(1);
      const expected = extractFactsFromBytes(path, readFileSync(path));
      expect(results[0]).toEqual({ facts: expected });
      const facts = (results[0] as { facts: { profile?: { userLicense?: { value: string } } } }).facts;
      expect(facts.profile?.userLicense?.value).toBe('Salesforce Integration');
    }
  });

  it('reports a file over maxFileSize with its size, and leaves a file of `alone` bytes or more to be read alone', () => {
    const dir = join(work, 'limits/force-app/main/default/profiles');
    mkdirSync(dir, { recursive: true });
    const small = join(dir, 'Small.profile-meta.xml');
    const large = join(dir, 'Large.profile-meta.xml');
    writeFileSync(small, profileOf(5000));
    writeFileSync(large, profileOf(2 * MB + 5));
    expect(extractFiles([small], { maxFileSize: 4999 })).toEqual([{ tooLarge: 5000 }]);
    expect(extractFiles([small], { maxFileSize: 5000 })[0]).toHaveProperty('facts');
    expect(extractFiles([large], { maxFileSize: 2 * MB })).toEqual([{ tooLarge: 2 * MB + 5 }]);
    expect(extractFiles([large], { alone: 2 * MB })).toEqual([{ alone: 2 * MB + 5 }]);
    expect(extractFiles([large], { alone: 2 * MB + 6 })[0]).toHaveProperty('facts');
  });
});
