import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@iulint/source'] },
  // The rule pages (docs/rules/*.md) are imported as text, as esbuild's `text` loader bundles them.
  plugins: [
    {
      name: 'iulint-markdown-as-text',
      transform(code, id) {
        return id.endsWith('.md') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
