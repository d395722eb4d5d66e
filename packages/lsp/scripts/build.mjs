// Bundles the CLI and language server into one file with no run-time dependencies.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/iulint.cjs',
  bundle: true,
  platform: 'node',
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow: take its ES modules.
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'cjs',
  conditions: ['@iulint/source'],
  banner: { js: '#!/usr/bin/env node' },
  define: { IULINT_VERSION: JSON.stringify(pkg.version) },
  sourcemap: true,
  logLevel: 'warning',
});
