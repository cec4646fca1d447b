import { defineConfig } from 'vitest/config';

// Checks on the built extension in dist/ (manifest, permissions, bundle contents and sizes).
export default defineConfig({
  test: {
    include: ['test/dist/**/*.test.ts'],
    environment: 'node',
  },
});
