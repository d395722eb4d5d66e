import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@iulint/source'] },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
  },
});
