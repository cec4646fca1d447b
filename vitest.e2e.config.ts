import { defineConfig } from 'vitest/config';

// Real-browser scenarios, written once (test/e2e/*.e2e.ts) and run in each browser: `--project chromium`
// and `--project firefox`. One browser per test file, files one at a time (2-core machines).
// Scenarios that need what only Chromium has (the long session's leak counts and CPU time, read over the
// DevTools protocol: observers and listeners in the content script's world, nodes, heap after GC, V8
// samples; Chromium's policy folder for storage.managed; storage.local's QUOTA_BYTES that a test can fill:
// Firefox holds storage.local to no quota of its own) run in the Chromium project only.
const CHROMIUM_ONLY = ['test/e2e/long-session.e2e.ts', 'test/e2e/options-managed.e2e.ts', 'test/e2e/storage-quota.e2e.ts'];

const shared = {
  environment: 'node' as const,
  fileParallelism: false,
  testTimeout: 60_000,
  hookTimeout: 90_000,
  // Settings and progress go through the background (which may be waking up) and then through a content
  // script in a tab that may sit in the background (timers throttled): allow for a loaded CI machine.
  expect: { poll: { timeout: 5_000 } },
};

export default defineConfig({
  // Tests import the store's key names; its polyfill import must not run in Node.
  resolve: { alias: { 'webextension-polyfill': new URL('./test/unit/browser-stub.ts', import.meta.url).pathname } },
  test: {
    projects: [
      { extends: true, test: { ...shared, name: 'chromium', include: ['test/e2e/**/*.e2e.ts'], env: { E2E_BROWSER: 'chromium' } } },
      { extends: true, test: { ...shared, name: 'firefox', include: ['test/e2e/**/*.e2e.ts'], exclude: CHROMIUM_ONLY, env: { E2E_BROWSER: 'firefox' } } },
    ],
  },
});
