import { defineConfig } from 'vitest/config';

// Real-Firefox tests: one Firefox per test file, files one at a time (2-core machines).
export default defineConfig({
  // Tests import the store's key names; its polyfill import must not run in Node.
  resolve: { alias: { 'webextension-polyfill': new URL('./test/unit/browser-stub.ts', import.meta.url).pathname } },
  test: {
    include: ['test/e2e-firefox/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Settings and progress go through the event page (which may be waking up) and then through a content
    // script in a tab that may sit in the background (timers throttled): allow for a loaded CI machine.
    expect: { poll: { timeout: 5_000 } },
  },
});
