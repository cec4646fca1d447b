// ESLint (`npm run lint`, a stage of `npm test`): @eslint/js and typescript-eslint recommended rules.
// Not the type-checked presets: `tsc --noEmit` is its own stage, and the lint stays quick on a small machine.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'artifacts/', 'demo-output/', 'test-results/', 'test/fixtures/', '**/.vite/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a value kept on purpose but unused (e.g. a key left out of a spread).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The extension (pages, background, content script), and the empty baseline extension the bench loads.
    files: ['src/**/*.{ts,tsx}', 'bench/empty-extension/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    // Node scripts, tests and the bench (tests also run code in pages, hence the browser globals).
    files: ['scripts/**', 'test/**', 'bench/**', '*.{js,mjs,ts}'],
    ignores: ['bench/empty-extension/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
