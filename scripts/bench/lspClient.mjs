// The language-server client of the tests (packages/lsp/test/lspClient.ts, a real protocol connection
// to a spawned `iulint lsp --stdio`), bundled by esbuild into the run's scratch folder: one client for
// the tests and the benchmarks.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROOT } from './context.mjs';

/** The tests' `TestClient` class. */
export async function loadTestClient(ctx) {
  const source = join(ROOT, 'packages/lsp/test/lspClient.ts');
  const outfile = join(ctx.work, 'lspClient.mjs');
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The client's helpers find the built server beside their own source.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'packages/lsp/test/helpers.ts')).href) },
    // Its CommonJS dependencies require Node's modules.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return (await import(pathToFileURL(outfile).href)).TestClient;
}
