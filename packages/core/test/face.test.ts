import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? (name === 'node_modules' ? [] : sources(p)) : /\.(ts|mts|cts)$/.test(name) ? [p] : [];
  });
}

describe("core's public face", () => {
  it('index.ts and internal.ts name every export: no export *', () => {
    for (const face of ['../src/index.ts', '../src/internal.ts']) {
      const text = readFileSync(here(face), 'utf8');
      expect(text, face).toMatch(/^export \{/m);
      expect(text.match(/^export \*|^export type \*/gm), face).toBeNull();
    }
  });

  it('the hosts use the public face only; the internal subpath is for tests and the benchmarks', () => {
    const hosts = ['../../lsp/src', '../../vscode-extension/src', '../../sf-plugin/src'].flatMap((d) => sources(here(d)));
    expect(hosts.length).toBeGreaterThan(20);
    const offenders = hosts.filter((f) => /from '@iulint\/core\/internal'|from '@iulint\/core\/src\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    expect(/from '@iulint\/core\/internal'/.test("import { lintText } from '@iulint/core/internal';")).toBe(true);
  });

  it('the package maps the internal subpath for the sources and for the build', () => {
    const pkg = JSON.parse(readFileSync(here('../package.json'), 'utf8'));
    expect(pkg.exports['./internal']).toEqual({
      '@iulint/source': './src/internal.ts',
      types: './dist/internal.d.ts',
      default: './dist/internal.js',
    });
  });
});
