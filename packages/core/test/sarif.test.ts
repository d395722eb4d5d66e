import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/diagnostic.js';
import { formatSarif, sarifRootUri } from '../src/formats/sarif.js';
import { RULES } from '../src/rules/index.js';

const finding = (path: string): Finding => ({
  ruleId: 'piu-no-run-as',
  severity: 'error',
  message: 'm',
  path,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  related: [],
});

const runOf = (root: string, paths: string[]) =>
  JSON.parse(formatSarif({ root, findings: paths.map(finding), filesChecked: 1, toolVersion: '0', rules: RULES })).runs[0];

describe('SARIF PROJECTROOT', () => {
  it('a posix root: the file URL Node makes of it, ending with /; Node reads it back as the root', () => {
    expect(sarifRootUri('/work/proj')).toBe(pathToFileURL('/work/proj/').href);
    for (const root of ['/work/proj', '/tmp/a b/project (2) & co', '/x/é#%?', '/']) {
      expect(sarifRootUri(root).endsWith('/')).toBe(true);
      expect(fileURLToPath(sarifRootUri(root))).toBe(root === '/' ? '/' : `${root}/`);
    }
  });

  it('Windows-shaped roots: three slashes, the drive in the path (not the authority), ending with /', () => {
    expect(sarifRootUri('c:/Users/me/proj')).toBe('file:///c%3A/Users/me/proj/');
    expect(sarifRootUri('C:\\Users\\me\\my proj')).toBe('file:///c%3A/Users/me/my%20proj/');
    expect(sarifRootUri('c:/')).toBe('file:///c%3A/');
    expect(sarifRootUri('//server/share/proj')).toBe('file://server/share/proj/');
    const url = new URL(sarifRootUri('c:/Users/me/proj'));
    expect([url.host, url.pathname]).toEqual(['', '/c%3A/Users/me/proj/']);
  });

  it('results inside the root are relative to it; a file on another drive is an absolute URI', () => {
    const run = runOf('c:/proj', ['c:/proj/force-app/a b.xml', 'd:/other/x.xml']);
    expect(run.originalUriBaseIds).toEqual({ PROJECTROOT: { uri: 'file:///c%3A/proj/' } });
    expect(
      run.results.map(
        (r: { locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }) => r.locations[0]?.physicalLocation.artifactLocation,
      ),
    ).toEqual([{ uri: 'force-app/a%20b.xml', uriBaseId: 'PROJECTROOT' }, { uri: 'file:///d%3A/other/x.xml' }]);
  });
});
