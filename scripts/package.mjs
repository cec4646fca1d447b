// Writes store-ready zips from dist/: artifacts/aftaletjek-<version>-chrome.zip (Chrome Web Store, Edge
// Add-ons) and artifacts/aftaletjek-<version>-firefox.zip (addons.mozilla.org). Each gets the manifest
// its store expects; dist/ itself stays the one folder that loads unpacked in both browsers.
// The zips are written by `web-ext build`, from a copy of dist/ per store with that store's manifest.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import webExt from 'web-ext';

const DIST = 'dist';
const ARTIFACTS = resolve('artifacts');

const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));

const variants = {
  // Chrome Web Store / Edge: no Firefox-only keys.
  chrome: (m) => {
    const { browser_specific_settings: _gecko, ...rest } = m;
    return { ...rest, background: { service_worker: m.background.service_worker, type: 'module' } };
  },
  // addons.mozilla.org: Firefox runs background.scripts; the Chromium-only keys go.
  firefox: (m) => {
    const { minimum_chrome_version: _min, ...rest } = m;
    return { ...rest, background: { scripts: m.background.scripts, type: 'module' } };
  },
};

const staging = mkdtempSync(join(tmpdir(), 'aftaletjek-package-'));
try {
  for (const [store, shape] of Object.entries(variants)) {
    const sourceDir = join(staging, store);
    cpSync(DIST, sourceDir, { recursive: true });
    writeFileSync(join(sourceDir, 'manifest.json'), JSON.stringify(shape(manifest), null, 2) + '\n');
    const filename = `aftaletjek-${manifest.version}-${store}.zip`;
    await webExt.cmd.build({ sourceDir, artifactsDir: ARTIFACTS, filename, overwriteDest: true }, { showReadyMessage: false, shouldExitProgram: false });
    console.log(`artifacts/${filename}`);
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}
