import { defineConfig } from 'vitest/config';

// Real-browser tests: one Chromium per test file, files one at a time (2-core machines).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
