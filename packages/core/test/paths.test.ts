import { describe, expect, it } from 'vitest';
import { dirname, joinPath, normalizePath, relativePath } from '../src/fs.js';

describe('paths', () => {
  it('normalizes POSIX paths', () => {
    expect(normalizePath('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(normalizePath('a/../../b')).toBe('b');
    expect(joinPath('/p', 'force-app', '../x.json')).toBe('/p/x.json');
    expect(dirname('/a/b.xml')).toBe('/a');
    expect(dirname('/a')).toBe('/');
    expect(relativePath('/p', '/p/force-app/a.xml')).toBe('force-app/a.xml');
  });

  it('keeps a Windows drive as the root', () => {
    expect(normalizePath('C:/Users/me/proj/../proj/force-app')).toBe('C:/Users/me/proj/force-app');
    expect(normalizePath('C:/../x')).toBe('C:/x');
    expect(dirname('C:/proj/sfdx-project.json')).toBe('C:/proj');
    expect(dirname('C:/proj')).toBe('C:/');
    expect(dirname('C:/')).toBe('C:/');
    expect(relativePath('C:/proj', 'C:/proj/force-app/a.xml')).toBe('force-app/a.xml');
  });
});
