import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'app/build/**', 'app/.svelte-kit/**', '.data/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['dev/src/testing/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    env: { WRANGLER_SEND_METRICS: 'false' },
  },
});
