import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest, browser: 'chrome' })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Extension pages load from the package; nothing is fetched at run time.
    modulePreload: false,
  },
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});
