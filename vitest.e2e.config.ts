import { defineConfig } from 'vitest/config';

// Real-browser tests: one Chromium per test file, files one at a time (2-core machines).
export default defineConfig({
  // Tests import the store's key names; its polyfill import must not run in Node.
  resolve: { alias: { 'webextension-polyfill': new URL('./test/unit/browser-stub.ts', import.meta.url).pathname } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
