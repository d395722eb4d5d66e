import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { pathToUri, uriToPath } from '../src/uri.js';

// Each client's URI for one file, written as that client sends it (VS Code: vscode-uri's
// encoding; Kate: literal spaces and characters; Neovim 0.7: lower-case hex, `(`, `)`, `&`, `+` kept).
const FILES: { path: string; vscode: string; kate: string; neovim: string }[] = [
  {
    path: '/home/u/proj/Order (EU) é.dashboard-meta.xml',
    vscode: 'file:///home/u/proj/Order%20%28EU%29%20%C3%A9.dashboard-meta.xml',
    kate: 'file:///home/u/proj/Order (EU) é.dashboard-meta.xml',
    neovim: 'file:///home/u/proj/Order%20(EU)%20%c3%a9.dashboard-meta.xml',
  },
  {
    path: '/home/u/proj/a #1 100% R&D+x.profile-meta.xml',
    vscode: 'file:///home/u/proj/a%20%231%20100%25%20R%26D%2Bx.profile-meta.xml',
    kate: 'file:///home/u/proj/a %231 100%25 R&D+x.profile-meta.xml',
    neovim: 'file:///home/u/proj/a%20%231%20100%25%20R&D+x.profile-meta.xml',
  },
  {
    path: '/home/u/proj/😀 Café.permissionset-meta.xml',
    vscode: 'file:///home/u/proj/%F0%9F%98%80%20Caf%C3%A9.permissionset-meta.xml',
    kate: 'file:///home/u/proj/😀 Café.permissionset-meta.xml',
    neovim: 'file:///home/u/proj/%f0%9f%98%80%20Caf%c3%a9.permissionset-meta.xml',
  },
  {
    path: 'c:/Users/x/proj/Order (EU).xml',
    vscode: 'file:///c%3A/Users/x/proj/Order%20%28EU%29.xml',
    kate: 'file:///C:/Users/x/proj/Order (EU).xml',
    neovim: 'file:///C:/Users/x/proj/Order%20(EU).xml',
  },
];

describe('uriToPath', () => {
  it.each(FILES)('maps every client spelling of $path to one path', (file) => {
    expect(uriToPath(file.vscode)).toBe(file.path);
    expect(uriToPath(file.kate)).toBe(file.path);
    expect(uriToPath(file.neovim)).toBe(file.path);
  });

  it("maps Vim ALE's spelling (ale#path#ToFileURI: lower-case hex, `(` `)` kept, `&` `+` encoded)", () => {
    expect(uriToPath('file:///p/Order%20(EU)%20%c3%a9%20%231%20100%25%20R%26D%2bx.xml')).toBe('/p/Order (EU) é #1 100% R&D+x.xml');
    expect(uriToPath('file:///C:/Users/x/a%20b.xml')).toBe('c:/Users/x/a b.xml');
  });

  it('keeps the NFC form of an accented name', () => {
    const path = uriToPath('file:///p/%C3%A9.xml');
    expect(path).toBe('/p/\u00e9.xml');
    expect(path?.normalize('NFC')).toBe(path);
  });

  it('folds a drive letter and its colon spelling', () => {
    expect(uriToPath('file:///c%3A/Users/x')).toBe('c:/Users/x');
    expect(uriToPath('file:///C:/Users/x')).toBe('c:/Users/x');
    expect(uriToPath('file:///C%3a/Users/x')).toBe('c:/Users/x');
    expect(uriToPath('file:///c:')).toBe('c:/');
  });

  it('maps a UNC share to //server/share', () => {
    expect(uriToPath('file://wsl.localhost/Ubuntu/home/x')).toBe('//wsl.localhost/Ubuntu/home/x');
    expect(uriToPath('file://server/share/x')).toBe('//server/share/x');
    expect(uriToPath('file://SERVER/share/x')).toBe('//server/share/x');
    expect(uriToPath('file://localhost/etc/x')).toBe('/etc/x');
  });

  it('collapses dot segments and repeated slashes', () => {
    expect(uriToPath('file:///home/u/./proj//a/../x.xml')).toBe('/home/u/proj/x.xml');
    expect(uriToPath('file:///c%3A/../x.xml')).toBe('c:/x.xml');
    expect(uriToPath('file://server/share/../x.xml')).toBe('//server/share/x.xml');
  });

  it('accepts the short form file:/path', () => {
    expect(uriToPath('file:/home/u/x.xml')).toBe('/home/u/x.xml');
  });

  it('answers undefined for another scheme or a malformed URI', () => {
    for (const uri of [
      'untitled:Untitled-1',
      'http://example.com/x.xml',
      'garbage',
      '',
      '/home/u/x.xml',
      'file:',
      'file://',
      'file://server',
      'file://server/',
      'file:///p/a#b.xml',
      'file:///p/a?b.xml',
      'file:///p/%00x',
    ])
      expect(uriToPath(uri), uri).toBeUndefined();
  });

  it('leaves an invalid percent sequence as it is', () => {
    expect(uriToPath('file:///p/%zz.xml')).toBe('/p/%zz.xml');
  });
});

describe('pathToUri', () => {
  it.each(FILES)('spells $path as VS Code does', (file) => {
    expect(pathToUri(file.path)).toBe(file.vscode);
    expect(pathToUri(file.path)).toBe(URI.file(file.path).toString());
  });

  it('spells a UNC path with its server as the authority', () => {
    expect(pathToUri('//wsl.localhost/Ubuntu/home/x')).toBe('file://wsl.localhost/Ubuntu/home/x');
    expect(pathToUri('//server/share/x')).toBe('file://server/share/x');
  });

  it('spells a Windows path as VS Code does for that file', () => {
    // VS Code on Windows: URI.file('C:\\Users\\x\\a b.xml') turns backslashes into slashes.
    expect(pathToUri('C:\\Users\\x\\a b.xml')).toBe('file:///c%3A/Users/x/a%20b.xml');
    expect(pathToUri('\\\\server\\share\\x')).toBe('file://server/share/x');
  });

  it('round-trips through uriToPath', () => {
    for (const file of FILES) expect(uriToPath(pathToUri(file.path))).toBe(file.path);
    expect(uriToPath(pathToUri('//server/share/x'))).toBe('//server/share/x');
  });
});
