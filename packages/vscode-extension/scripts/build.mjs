// Bundles the extension client and the language server into dist/: nothing from node_modules is
// needed at run time.

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const lspPkg = JSON.parse(readFileSync(new URL('../../lsp/package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow: take its ES modules.
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  conditions: ['@iulint/source'],
};
await Promise.all([
  build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: ['../lsp/src/extensionServer.ts'],
    outfile: 'dist/server.js',
    define: { IULINT_VERSION: JSON.stringify(lspPkg.version) },
    // The rule pages that iulint mcp serves (lsp/src/mcp/ruleDocs.ts).
    loader: { '.md': 'text' },
  }),
]);
mkdirSync('dist', { recursive: true });
copyFileSync('../core/schema/iulint.config.schema.json', 'dist/iulint.config.schema.json');
