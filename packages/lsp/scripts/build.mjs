// Bundles the CLI and language server into one file with no run-time dependencies, and `iulint mcp`
// (the MCP SDK, zod and ajv: 1.6 MB) into a second file that only `iulint mcp` loads, so that the other
// commands start as fast as before.
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
  define: { IULINT_VERSION: JSON.stringify(pkg.version) },
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
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/iulint.cjs',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [mcpApart],
  }),
  build({ ...common, entryPoints: ['src/mcp/stdio.ts'], outfile: 'dist/iulint-mcp.cjs' }),
]);
