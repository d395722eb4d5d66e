// Bundles the CLI and language server into one file with no run-time dependencies, and the worker
// threads of `iulint check` into another that holds only the core's readers (it starts faster).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow: take its ES modules.
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'cjs',
  conditions: ['@iulint/source'],
  define: { IULINT_VERSION: JSON.stringify(pkg.version), IULINT_BUNDLE: 'true' },
  sourcemap: true,
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/iulint.cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['src/worker.ts'], outfile: 'dist/worker.cjs' }),
]);
