import { defineConfig } from 'vitest/config';

// Real-Firefox tests: one Firefox per test file, files one at a time (2-core machines).
export default defineConfig({
  test: {
    include: ['test/e2e-firefox/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
