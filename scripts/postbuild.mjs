// Finishes dist/ after the two vite builds so that one unpacked folder loads in Chromium and Firefox:
// - adds the self-contained content script (built by vite.content.config.ts);
// - adds background.scripts beside background.service_worker (crxjs keeps only the latter; Firefox
//   runs MV3 backgrounds as event pages and needs the former; Chromium ignores it);
// - adds Firefox's browser_specific_settings.gecko.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const GECKO_ID = 'aftaletjek@aftaletjek.dk';

const manifestPath = 'dist/manifest.json';
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

if (!existsSync('dist/content.js')) throw new Error('dist/content.js is missing: run the content build first');
// Every frame of the portal's hosts (the host permissions vite.config.ts wrote from src/shared/hosts.json): a
// list or an agreement page may live in a same-origin frame, also an about:blank or srcdoc one whose parent
// is a portal page (match_about_blank).
const matches = manifest.host_permissions;
if (!Array.isArray(matches) || matches.length === 0) throw new Error('host_permissions missing from the built manifest');
manifest.content_scripts = [{ matches, js: ['content.js'], run_at: 'document_idle', all_frames: true, match_about_blank: true }];

const worker = manifest.background?.service_worker;
if (!worker) throw new Error('background.service_worker missing from the built manifest');
manifest.background = { service_worker: worker, scripts: [worker], type: 'module' };

manifest.browser_specific_settings = {
  gecko: {
    id: GECKO_ID,
    strict_min_version: '142.0',
    data_collection_permissions: { required: ['none'] },
  },
};

writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`postbuild: ${manifestPath} ready for Chromium and Firefox`);
