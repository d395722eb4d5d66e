// Bundles the `iulint` command with no run-time dependencies: dist/iulint.cjs hands over to the bundle
// of the command asked for (dist/cli.cjs for check, rules and snapshot; dist/server.cjs for the language
// server), and dist/worker.cjs, the worker threads of `iulint check`, holds only the core's readers.
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
  build({
    ...common,
    entryPoints: ['src/bin.ts'],
    outfile: 'dist/iulint.cjs',
    external: ['./cli.cjs', './server.cjs'],
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: false,
  }),
  build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/cli.cjs' }),
  build({ ...common, entryPoints: ['src/serverMain.ts'], outfile: 'dist/server.cjs' }),
  build({ ...common, entryPoints: ['src/worker.ts'], outfile: 'dist/worker.cjs' }),
]);
