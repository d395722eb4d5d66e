import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@iulint/source'] },
  // Node-side tests resolve through ssr: without this they would import core's dist/ (a stale build) instead of its sources.
  ssr: { resolve: { conditions: ['@iulint/source', 'node', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
