import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { findProjectRoot } from '@iulint/core';
import { describe, expect, it } from 'vitest';
import { NodeFileSystem, resolveCorePath } from '../src/nodeFs.js';

describe('command-line paths to core paths', () => {
  it('resolves a Windows path as Node on Windows does, then normalises it', () => {
    expect(resolveCorePath('C:\\Users\\me', 'proj', win32)).toBe('c:/Users/me/proj');
    expect(resolveCorePath('C:\\Users\\me', '.', win32)).toBe('c:/Users/me');
    expect(resolveCorePath('C:\\Users\\me\\proj', '..\\other\\force-app', win32)).toBe('c:/Users/me/other/force-app');
    expect(resolveCorePath('C:\\Users\\me', 'D:\\proj\\sfdx-project.json', win32)).toBe('d:/proj/sfdx-project.json');
    expect(resolveCorePath('\\\\wsl.localhost\\Ubuntu\\home\\me', 'proj', win32)).toBe('//wsl.localhost/Ubuntu/home/me/proj');
    expect(resolveCorePath('\\\\server\\share\\proj', '..\\..\\x', win32)).toBe('//server/share/x');
  });

  it('resolves a POSIX path, keeping a backslash in a name', () => {
    expect(resolveCorePath('/home/me', 'proj/./force-app', posix)).toBe('/home/me/proj/force-app');
    expect(resolveCorePath('/home/me', 'a\\b', posix)).toBe('/home/me/a\\b');
  });

  it('reads the real file system through core paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-nodefs-'));
    writeFileSync(join(dir, 'sfdx-project.json'), '{"packageDirectories":[{"path":"."}]}');
    const fs = new NodeFileSystem();
    expect(await findProjectRoot(fs, resolveCorePath(dir, 'force-app/main'))).toBe(resolveCorePath(dir, '.'));
  });
});
