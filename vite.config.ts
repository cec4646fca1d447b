import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifestJson from './manifest.json' with { type: 'json' };
import { PORTAL_MATCHES } from './src/shared/hosts';

// host_permissions come from the one list of portal hosts (src/shared/hosts.json), not from manifest.json.
const manifest = { ...manifestJson, host_permissions: [...PORTAL_MATCHES] };

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
