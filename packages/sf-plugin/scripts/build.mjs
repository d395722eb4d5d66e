// Bundles the commands into dist/commands/iulint/*.js (ES modules, Node 22): iulint's own code is
// bundled from source; the Salesforce CLI libraries stay dependencies, resolved at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  // CommonJS modules bundled into these ES modules (cross-spawn) require Node's built-ins: give them `require`.
  banner: { js: "import { createRequire as __iulintRequire } from 'node:module'; const require = __iulintRequire(import.meta.url);" },
  // The command classes keep their names: the CLI's --json errors name the command by its class (Check, not _Check).
  keepNames: true,
  sourcemap: true,
  logLevel: 'warning',
});

// The oclif manifest (what `oclif manifest` writes): the CLI reads every command's flags and help from it,
// and loads a command's module only to run it, instead of importing all of them at every start. Making
// it loads the commands, which needs Node 22 (@salesforce/core): this Node, else IULINT_NODE22.
const major = (v) => Number(/^v?(\d+)/.exec(v)?.[1] ?? 0);
const node22 = major(process.version) >= 22 ? process.execPath : process.env.IULINT_NODE22;
const manifest = fileURLToPath(new URL('../oclif.manifest.json', import.meta.url));
rmSync(manifest, { force: true });
if (node22 && existsSync(node22)) {
  const r = spawnSync(node22, [fileURLToPath(new URL('manifest.mjs', import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else {
  console.warn(
    'sf-plugin: oclif.manifest.json not written (it needs Node 22: set IULINT_NODE22); sf loads every command at start without it',
  );
  if (process.env.CI) process.exit(1);
}
