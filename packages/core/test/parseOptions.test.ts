import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIX_CASE_FILES, projectsDir } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { metadataFacts, metadataFactsOf, metadataParseOptions } from '../src/facts/metadataFacts.js';
import { classifyPath } from '../src/metadata/classify.js';
import { LineIndex } from '../src/text/positions.js';
import { parseXml } from '../src/xml/parser.js';

/** Every file below a folder, `/`-separated. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).split('\\').join('/'));
}

describe('what a metadata file is built into', () => {
  it('gives the facts a whole tree gives, on every XML file of the fixture projects and of the fix cases', () => {
    const files: Array<[string, string]> = [
      ...filesBelow(projectsDir).map((p): [string, string] => [p, readFileSync(p, 'utf8')]),
      ...Object.entries(FIX_CASE_FILES).map(([p, text]): [string, string] => [`/fix/${p}`, text]),
    ];
    const built = { rootOnly: 0, more: 0 };
    for (const [path, text] of files) {
      const info = classifyPath(path);
      if (!info?.isXml) continue;
      const options = metadataParseOptions(info);
      const rootOnly = options.keep !== undefined && parseXml(text, options).root?.children.length === 0;
      built[rootOnly ? 'rootOnly' : 'more']++;
      const whole = metadataFactsOf(path, info, parseXml(text), new LineIndex(text));
      expect(metadataFacts(path, info, text), path).toEqual(whole);
    }
    // Both kinds are there: types whose facts need only the root, and types that read below it.
    expect(built.rootOnly).toBeGreaterThan(3);
    expect(built.more).toBeGreaterThan(20);
  });
});
