import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  // The real polyfill throws outside an extension; unit tests inject fakes at the store's seams.
  resolve: { alias: { 'webextension-polyfill': new URL('./test/unit/browser-stub.ts', import.meta.url).pathname } },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
  },
});
