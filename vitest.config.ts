import { defineConfig } from 'vitest/config';

// One runner for the whole repository. Browser tests (e2e/*.e2e.ts) run separately
// (they need the built web app and Chromium); benchmarks in bench/ are not tests.
export default defineConfig({
  test: {
    include: ['apps/server/**/*.test.ts', 'packages/**/*.test.ts', 'catalog/**/*.test.ts', 'apps/web/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**/*.e2e.ts', 'bench/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A cache of seeded databases shared by the run's test files (apps/server/test/seeded-cache.ts).
    globalSetup: ['apps/server/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
