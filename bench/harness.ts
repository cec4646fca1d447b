/**
 * Real-browser harness: Debian's Chromium driven by playwright-core, the built extension loaded from
 * dist/, and the admin portal served on its real host names by request interception (no network).
 *
 * The benchmark no longer uses it (it runs on the one harness, test/e2e/harness.ts); it stays only for the
 * test/e2e scenarios not yet moved off playwright. Delete it, and playwright-core, when the last one has moved.
 */
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isPortalRequest, portalFixture, PORTAL_ORIGIN, PORTAL_TEST_ORIGIN, type PortalBody } from '../test/e2e/shared/portal';

export { FIXTURE_DIR, PORTAL_ORIGIN, PORTAL_TEST_ORIGIN, type PortalBody } from '../test/e2e/shared/portal';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST_DIR = resolve('dist');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The extension's background service worker. */
  worker: Worker;
  /** Serve `body` at `path` (e.g. "/aftaler") on both portal hosts; overrides fixture files. */
  servePortal(path: string, body: PortalBody, contentType?: string): void;
  /** Every request the browser made to any host other than the two portal hosts (should stay empty). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors seen on any page, as "url: message". */
  pageErrors: string[];
  /** Open a new tab on a portal path (fixture file under test/fixtures/portal or servePortal). */
  openPortal(path: string, origin?: string): Promise<Page>;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  extensionUrl(path: string): string;
  /** browser.storage.local of the extension (read/write through the service worker). */
  getStorage(): Promise<Record<string, unknown>>;
  setStorage(items: Record<string, unknown>): Promise<void>;
  clearStorage(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra Chromium arguments. */
  args?: string[];
  /** Directory holding an unpacked extension (default dist/). */
  extensionDir?: string;
  /** Chromium UI language, e.g. 'da' or 'en-US' (default 'da'). */
  locale?: string;
  /** Record console errors as page errors (default true). */
  watchConsole?: boolean;
  /** Show the browser window (needs a display; default false). The demo uses it. */
  headed?: boolean;
  /**
   * Wait for the fresh extension to settle (defaults written, managed storage answered once) before
   * returning (default true). False hands the browser over right after the service worker started, as a new
   * user meets it right after install.
   */
  settle?: boolean;
}

export function chromiumArgs(extensionDir: string, extra: string[] = []): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...extra,
  ];
}

/**
 * Lets a freshly installed Aftaletjek finish starting before a test touches it: the install handler has
 * written its defaults (a test's own writes must not race it), and Chromium's managed storage has answered
 * once (its first answer in a new profile takes seconds; the store waits for it only briefly).
 * Other extensions (the benchmark's empty one) have nothing to wait for.
 */
async function settle(worker: Worker): Promise<void> {
  const ours = await worker.evaluate(() => chrome.runtime.getManifest().options_ui !== undefined);
  if (!ours) return;
  await worker.evaluate(() => chrome.storage.managed.get(null).catch(() => ({})));
  const deadline = Date.now() + 15_000;
  while (!('settings' in (await worker.evaluate(() => chrome.storage.local.get('settings'))))) {
    if (Date.now() > deadline) throw new Error('the extension did not write its default settings on install');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = resolve(options.extensionDir ?? DIST_DIR);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir}/manifest.json not found: run "npm run build" first`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'aftaletjek-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false, // '--headless=new' is passed explicitly: extensions need the new headless mode
    args: chromiumArgs(extensionDir, options.args).filter((arg) => !(options.headed && arg === '--headless=new')),
    locale: options.locale ?? 'da',
    // On Linux, Chromium picks the extension's _locales from the environment, not from --lang (which only
    // sets navigator.language and i18n.getUILanguage); it also needs the locale's .pak (Debian: chromium-l10n).
    env: { ...process.env, LANGUAGE: (options.locale ?? 'da').replace('-', '_') },
    viewport: { width: 1280, height: 900 },
  });

  const served = new Map<string, { body: PortalBody; contentType: string }>();
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  const fulfilPortal = async (route: Route) => {
    const url = new URL(route.request().url());
    const own = served.get(url.pathname);
    if (own) {
      const body = typeof own.body === 'function' ? own.body() : own.body;
      return route.fulfill({ status: 200, contentType: own.contentType, body });
    }
    const fixture = portalFixture(url.pathname);
    if (!fixture) return route.fulfill({ status: 404, contentType: 'text/plain', body: `no fixture for ${url.pathname}` });
    return route.fulfill({ status: 200, ...fixture });
  };
  await context.route(`${PORTAL_ORIGIN}/**`, fulfilPortal);
  await context.route(`${PORTAL_TEST_ORIGIN}/**`, fulfilPortal);

  context.on('request', (request) => {
    const url = request.url();
    if (isPortalRequest(url)) return;
    if (/^(chrome-extension|data|blob|about):/.test(url)) return;
    foreignRequests.push(url);
  });

  const watchPage = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    if (options.watchConsole !== false) {
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`${page.url()}: console.error ${message.text()}`);
      });
    }
  };
  context.on('page', watchPage);
  context.pages().forEach(watchPage);

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  if (options.settle !== false) await settle(worker);
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  const openExtensionPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(extensionUrl(path));
    return page;
  };

  return {
    context,
    extensionId,
    worker,
    foreignRequests,
    pageErrors,
    servePortal(path, body, contentType = 'text/html; charset=utf-8') {
      served.set(path, { body, contentType });
    },
    async openPortal(path, origin = PORTAL_ORIGIN) {
      const page = await context.newPage();
      await page.goto(origin + path);
      return page;
    },
    openPopup: () => openExtensionPage('src/popup/index.html'),
    openOptions: () => openExtensionPage('src/options/index.html'),
    extensionUrl,
    getStorage: () => worker.evaluate(() => chrome.storage.local.get(null)),
    setStorage: (items) => worker.evaluate((i) => chrome.storage.local.set(i), items),
    clearStorage: () => worker.evaluate(() => chrome.storage.local.clear()),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
