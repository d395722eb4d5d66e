// Bundles the commands into dist/commands/iulint/*.js (ES modules, Node 22): iulint's own code is
// bundled from source; the Salesforce CLI libraries stay dependencies, resolved at run time.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lspPkg = JSON.parse(readFileSync(new URL('../../lsp/package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/commands/iulint/check.ts', 'src/commands/iulint/rules.ts', 'src/commands/iulint/snapshot.ts'],
  outdir: 'dist',
  entryNames: 'commands/iulint/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  conditions: ['@iulint/source'],
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ES module build bundles.
  mainFields: ['module', 'main'],
  external: Object.keys(pkg.dependencies),
  define: { IULINT_VERSION: JSON.stringify(lspPkg.version) },
  // CommonJS bundled into ES modules (cross-spawn requires node's modules) needs a `require`.
  banner: {
    js: "import { createRequire as iulintCreateRequire } from 'node:module';\nconst require = iulintCreateRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
});
