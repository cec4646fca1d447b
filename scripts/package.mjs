// Writes store-ready zips from dist/: artifacts/aftaletjek-<version>-chrome.zip (Chrome Web Store, Edge
// Add-ons) and artifacts/aftaletjek-<version>-firefox.zip (addons.mozilla.org). Each gets the manifest
// its store expects; dist/ itself stays the one folder that loads unpacked in both browsers.
import { deflateRawSync } from 'node:zlib';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32 } from './lib/crc32.mjs';

const DIST = 'dist';

function listFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}

/** A minimal, deterministic zip writer (deflate, fixed timestamps), enough for store uploads. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
const files = listFiles(DIST)
  .map((full) => ({ name: relative(DIST, full).split(sep).join('/'), data: readFileSync(full) }))
  .filter((f) => f.name !== 'manifest.json');

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

mkdirSync('artifacts', { recursive: true });
for (const [store, shape] of Object.entries(variants)) {
  const entries = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(shape(manifest), null, 2) + '\n') }, ...files];
  const out = `artifacts/aftaletjek-${manifest.version}-${store}.zip`;
  writeFileSync(out, zip(entries));
  console.log(`${out}  (${entries.length} files)`);
}
