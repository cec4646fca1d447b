import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

/**
 * The content script is built on its own, as one classic script (IIFE) with everything inlined.
 * crxjs would split it into a loader plus shared chunks imported at run time, which must then be
 * web-accessible to the portal's pages; one self-contained file exposes nothing to the portal and
 * behaves the same in Chromium and Firefox. scripts/postbuild.mjs puts it in the manifest.
 */
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    copyPublicDir: false,
    lib: {
      entry: 'src/content/index.ts',
      formats: ['iife'],
      name: 'aftaletjekContent',
      fileName: () => 'content.js',
    },
  },
});
