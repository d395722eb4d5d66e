import { win32 } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dirname, type FileSystem, isAbsolutePath, isInside, joinPath, MemoryFileSystem, normalizePath, relativePath } from '../src/fs.js';
import { listFiles } from '../src/layout/project.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';

describe('paths', () => {
  it('normalizes POSIX paths', () => {
    expect(normalizePath('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(normalizePath('a/../../b')).toBe('b');
    expect(normalizePath('/../x')).toBe('/x');
    expect(joinPath('/p', 'force-app', '../x.json')).toBe('/p/x.json');
    expect(joinPath('/', 'a/b')).toBe('/a/b');
    expect(dirname('/a/b.xml')).toBe('/a');
    expect(dirname('/a')).toBe('/');
    expect(dirname('a')).toBe('.');
    expect(relativePath('/p', '/p/force-app/a.xml')).toBe('force-app/a.xml');
    expect(relativePath('/p/a', '/p/b/c')).toBe('../b/c');
  });

  it('keeps a backslash in a POSIX file name', () => {
    expect(normalizePath('/p/a\\b.xml')).toBe('/p/a\\b.xml');
    expect(joinPath('/p', 'a\\b.xml')).toBe('/p/a\\b.xml');
  });

  it('keeps a Windows drive as the root, its letter lower-cased', () => {
    expect(normalizePath('C:/Users/me/proj/../proj/force-app')).toBe('c:/Users/me/proj/force-app');
    expect(normalizePath('C:/../x')).toBe('c:/x');
    expect(normalizePath('C:')).toBe('c:/');
    expect(dirname('C:/proj/sfdx-project.json')).toBe('c:/proj');
    expect(dirname('C:/proj')).toBe('c:/');
    expect(dirname('C:/')).toBe('c:/');
    expect(relativePath('C:/proj', 'c:/proj/force-app/a.xml')).toBe('force-app/a.xml');
  });

  it('reads Windows-native paths as Node gives them', () => {
    const native = win32.resolve('C:\\Users\\me', 'proj\\force-app\\..\\sfdx-project.json');
    expect(native).toBe('C:\\Users\\me\\proj\\sfdx-project.json');
    expect(normalizePath(native)).toBe('c:/Users/me/proj/sfdx-project.json');
    expect(joinPath('C:\\proj', 'force-app\\main\\default')).toBe('c:/proj/force-app/main/default');
    expect(dirname(win32.join('C:\\proj', 'x.xml'))).toBe('c:/proj');
    expect(normalizePath('\\\\?\\C:\\proj\\x.xml')).toBe('c:/proj/x.xml');
    expect(normalizePath('\\\\?\\UNC\\server\\share\\x.xml')).toBe('//server/share/x.xml');
  });

  it('keeps a UNC share as the root, never popped by ..', () => {
    const wsl = win32.resolve('\\\\wsl.localhost\\Ubuntu\\home\\me', 'proj');
    expect(wsl).toBe('\\\\wsl.localhost\\Ubuntu\\home\\me\\proj');
    expect(normalizePath(wsl)).toBe('//wsl.localhost/Ubuntu/home/me/proj');
    expect(normalizePath('\\\\server\\share\\x\\..\\..\\..\\y')).toBe('//server/share/y');
    expect(normalizePath('//SERVER/share/x/')).toBe('//server/share/x');
    expect(joinPath('//server/share', '..', 'a.xml')).toBe('//server/share/a.xml');
    expect(dirname('//server/share/proj')).toBe('//server/share');
    expect(dirname('//server/share')).toBe('//server/share');
    expect(dirname('\\\\server\\share\\')).toBe('//server/share');
    expect(relativePath('//server/share/p', '//server/share/p/force-app/a.xml')).toBe('force-app/a.xml');
  });

  it('answers the path itself for another root', () => {
    expect(relativePath('c:/proj', 'D:/other/a.xml')).toBe('d:/other/a.xml');
    expect(relativePath('c:/proj', '//server/share/a.xml')).toBe('//server/share/a.xml');
    expect(relativePath('//server/share/p', '//server/other/p')).toBe('//server/other/p');
  });

  it('tells whether a path lies inside a folder', () => {
    expect(isInside('/p', '/p/a.xml')).toBe(true);
    expect(isInside('/p', '/p')).toBe(true);
    expect(isInside('/p', '/p2/a.xml')).toBe(false);
    expect(isInside('/', '/a')).toBe(true);
    expect(isInside('C:\\proj', 'c:/proj/a.xml')).toBe(true);
    expect(isInside('c:/', 'C:\\a.xml')).toBe(true);
    expect(isInside('//server/share', '//server/share/a.xml')).toBe(true);
    expect(isInside('//server/share', '//server/shared/a.xml')).toBe(false);
  });
});

describe('isAbsolutePath', () => {
  it('knows POSIX, drive and UNC paths as Windows and Node spell them', () => {
    for (const p of ['/home/me', 'c:/proj', 'C:\\proj\\cfg.json', '\\\\wsl.localhost\\Ubuntu\\x', '//server/share/x'])
      expect(isAbsolutePath(p), p).toBe(true);
    for (const p of ['cfg.json', './x', '../x', 'c:relative', 'config/iulint.json']) expect(isAbsolutePath(p), p).toBe(false);
  });
});

describe('the paths the walk and the ignore matching use', () => {
  const ROOTS = ['/', '/p', '/p/q', 'c:/', 'c:/proj', '//server/share', '//server/share/proj', '/p/./q', 'C:\\proj', '/p/'];
  const NAMES = ['a', 'b.xml', '.forceignore', '.', '..', '', 'a\\b', 'x:y', ' sp ace', 'é'];

  it('lists each file of a folder at the path joinPath gives, whatever the folder and the names', async () => {
    for (const root of ROOTS) {
      const fs: FileSystem = {
        readFile: async () => new Uint8Array(),
        readDirectory: async () => NAMES.map((name) => ({ name, kind: 'file' as const })),
        stat: async (p) => (p === root ? 'directory' : 'file'),
      };
      // Each path once, and never the folder itself (`.` joins to it).
      const expected = [...new Set(NAMES.map((n) => joinPath(root, n)))].filter((p) => p !== root);
      expect(await listFiles(fs, [root]), root).toEqual(expected);
    }
  });

  it('matches ignore patterns on the path relative to the root, for any spelling of a path', async () => {
    const segments = ['p', 'q', 'a', 'x', '.', '..', '', 'b.dup', 'a\\b', 'proj', 'c:', 'C:'];
    fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/', '/p', 'c:/proj', '//server/share/proj'),
        fc.array(fc.constantFrom(...segments), { minLength: 0, maxLength: 6 }),
        fc.constantFrom('', '/'),
        async (root, parts, tail) => {
          const ws = new Workspace(new MemoryFileSystem(), root, RULES);
          await ws.loadSettings({ ignorePatterns: ['x/**', '*.dup', 'a/q'] });
          const path = `${root.endsWith('/') ? root : `${root}/`}${parts.join('/')}${tail}`;
          const rel = relativePath(ws.root, path);
          const inside = !(rel.startsWith('..') || rel === '.' || rel === '');
          expect(ws.isIgnored(path), path).toBe(inside && ws.ignore.ignoresFile(rel));
          expect(ws.isIgnoredFolder(path), path).toBe(inside && ws.ignore.ignoresFolder(rel));
        },
      ),
      { numRuns: 400 },
    );
  });
});
