import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@iulint/source'] },
  ssr: { resolve: { conditions: ['@iulint/source', 'node', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
