import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const lspPkg = JSON.parse(readFileSync(new URL('../lsp/package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // The version the reports name, as in the build.
  define: { IULINT_VERSION: JSON.stringify(lspPkg.version) },
  resolve: { conditions: ['@iulint/source'] },
  // Tests run in vite's server environment: @iulint/* come from their TypeScript sources.
  ssr: { resolve: { conditions: ['@iulint/source', 'node', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // @salesforce/core's TestContext registers its stubs in the global beforeEach and afterEach.
    globals: true,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
