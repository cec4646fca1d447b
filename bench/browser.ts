/**
 * Set-up: the browsers (Aftaletjek from dist/, the empty extension, a readable build for profiles), the bench
 * pages served on the portal's host, tabs, and the machine the run is on.
 *
 * Pages are served by request interception (no network) with COOP/COEP headers, so the page is cross-origin
 * isolated and performance.now() ticks in 5 µs steps instead of 100 µs.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { DIST_DIR, PORTAL_ORIGIN, type Session } from '../test/e2e/harness';
import { NAV_LIST_ROWS, SIZES } from './config';
import { EXPECTED_SE, MUNICIPALITY, appPage, listPage } from './pages';
import { round } from './stats';

/** The empty extension, with the same hosts, permissions and run_at as the built Aftaletjek. */
export function prepareEmptyExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftaletjek-empty-'));
  cpSync(resolve('bench/empty-extension'), dir, { recursive: true });
  const ours = JSON.parse(readFileSync(join(DIST_DIR, 'manifest.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.permissions = ours.permissions;
  manifest.host_permissions = ours.host_permissions;
  manifest.content_scripts = ours.content_scripts.map((cs: Record<string, unknown>) => ({ ...cs, js: ['content.js'], css: undefined }));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The same extension with content.js built unminified, so profiles name the functions and lines. */
export async function readableBuild(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'aftaletjek-readable-'));
  cpSync(DIST_DIR, dir, { recursive: true });
  const { build } = await import('vite');
  await build({ configFile: resolve('vite.content.config.ts'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: false, minify: false } });
  return dir;
}

/** The URL of the built content script, as its frames name it in a CPU profile. */
export function contentScriptUrl(session: Session): string {
  return session.extensionUrl(JSON.parse(readFileSync(join(DIST_DIR, 'manifest.json'), 'utf8')).content_scripts[0].js[0]);
}

export function settingsRecord() {
  return { version: 1, municipality: MUNICIPALITY, expectedSe: EXPECTED_SE, activePackId: 'klik-sf02', customPack: null };
}

const pageCache = new Map<string, string>();
/** A bench page by path (generated once, so no load times its generation). */
export function benchPage(path: string): string | null {
  const cached = pageCache.get(path);
  if (cached) return cached;
  const list = /^\/bench\/list-(\d+)$/.exec(path);
  const body = list
    ? listPage(Number(list[1]))
    : path.startsWith('/bench/app')
      ? appPage(NAV_LIST_ROWS)
      : path === '/bench/blank'
        ? '<!doctype html><title>blank</title>'
        : null;
  if (body) pageCache.set(path, body);
  return body;
}

/** Every list a run loads: the measured sizes, the 1,000-row warm-up (run.ts) and the 5,000-row profile (diagnose.ts). */
const SERVED_LISTS = [...new Set([1000, 5000, ...SIZES])].map((size) => `/bench/list-${size}`);
const CROSS_ORIGIN_ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Bench pages on the portal host (the harness's interception), cross-origin isolated (fine-grained performance.now()). */
export function serveBenchPages(session: Session): void {
  for (const path of ['/bench/blank', '/bench/app', '/bench/app/show', ...SERVED_LISTS]) {
    session.servePortal(path, () => benchPage(path)!, 'text/html; charset=utf-8', CROSS_ORIGIN_ISOLATED);
  }
}

export interface Tab {
  page: Page;
  cdp: CDPSession;
}

/** A tab on the bench origin (so later loads stay in one renderer process, and one profiler sees them). */
export async function benchTab(session: Session): Promise<Tab> {
  const page = await session.newPage();
  await page.goto(`${PORTAL_ORIGIN}/bench/blank`, { waitUntil: 'load' });
  return { page, cdp: await session.cdp(page) };
}

/**
 * Leaves a big list for an empty page and collects its garbage, so neither its teardown, nor the reactions
 * to mark.js, nor a collection of the old page's 200,000 nodes falls into the next measure.
 */
export async function blank(tab: Tab): Promise<void> {
  await tab.page.goto(`${PORTAL_ORIGIN}/bench/blank`, { waitUntil: 'load' });
  await tab.cdp.send('HeapProfiler.collectGarbage');
}

export function machine() {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  return { cpu: model, cores: cpus().length, ramGiB: round(totalmem() / 2 ** 30, 1), node: process.version };
}
