// Bundles the `iulint` command with no run-time dependencies: dist/iulint.cjs hands over to the bundle
// of the command asked for (dist/cli.cjs for check, rules, snapshot and mcp; dist/server.cjs for the
// language server). `iulint mcp` (the MCP SDK, zod and ajv: 1.6 MB) is a further file, dist/iulint-mcp.cjs,
// that only it loads, dist/worker.cjs, the worker threads of `iulint check`, holds only the core's
// readers, and dist/re2js.cjs, the linear-time regular expressions, is loaded by the first pattern that
// needs them: each command compiles only its own code.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// A clean dist/: a file an older build left (a bundle since renamed, a source map) would be packed too.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow: take its ES modules.
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'cjs',
  conditions: ['@iulint/source'],
  define: { IULINT_VERSION: JSON.stringify(pkg.version), IULINT_BUNDLE: 'true' },
  // The rule pages (docs/rules/*.md) go into the bundle as text: iulint mcp serves them.
  loader: { '.md': 'text' },
  sourcemap: true,
  logLevel: 'warning',
};
/** main.ts imports ./mcp/stdio.js on demand: in the bundle that is a require of dist/iulint-mcp.cjs. */
const mcpApart = {
  name: 'iulint-mcp-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/mcp\/stdio\.js$/ }, () => ({ path: './iulint-mcp.cjs', external: true }));
  },
};
/**
 * The re2js package (a third of the CLI's bundle; only a `.forceignore` pattern with many wildcards needs
 * it) is dist/re2js.cjs, which src/lazyRe2js.ts requires on first use: the other bundles import that
 * stand-in instead of the package.
 */
const re2jsApart = {
  name: 'iulint-re2js-apart',
  setup(b) {
    b.onResolve({ filter: /^re2js$/ }, () => ({ path: new URL('../src/lazyRe2js.ts', import.meta.url).pathname }));
    b.onResolve({ filter: /^\.\/re2js\.cjs$/ }, () => ({ path: './re2js.cjs', external: true }));
  },
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
  build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/cli.cjs', plugins: [mcpApart, re2jsApart] }),
  build({ ...common, entryPoints: ['src/serverMain.ts'], outfile: 'dist/server.cjs', plugins: [re2jsApart] }),
  build({ ...common, entryPoints: ['src/mcp/stdio.ts'], outfile: 'dist/iulint-mcp.cjs', plugins: [re2jsApart] }),
  build({ ...common, entryPoints: ['re2js'], outfile: 'dist/re2js.cjs' }),
  build({ ...common, entryPoints: ['src/worker.ts'], outfile: 'dist/worker.cjs' }),
]);
