/**
 * Real-Firefox harness: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi, the built
 * extension installed from dist/ as a temporary add-on, the portal served by request interception.
 * The add-on's internal UUID is fixed in advance so moz-extension:// URLs are known.
 */
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isPortalRequest, portalFixture, PORTAL_ORIGIN, type PortalBody } from '../e2e/shared/portal';

export { PORTAL_ORIGIN, PORTAL_TEST_ORIGIN, type PortalBody } from '../e2e/shared/portal';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'aftaletjek@aftaletjek.dk';
export const ADDON_UUID = '5d3b3f8e-7c2a-4d1e-9b7a-1f2e3d4c5b6a';
const DIST_DIR = resolve('dist');



export interface FirefoxSession {
  browser: Browser;
  servePortal(path: string, body: PortalBody, contentType?: string): void;
  foreignRequests: string[];
  pageErrors: string[];
  openPortal(path: string, origin?: string): Promise<Page>;
  /** Opens an extension page; Firefox sends no load event for moz-extension pages, so wait for readyState. */
  openExtensionPage(path: string): Promise<Page>;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  extensionUrl(path: string): string;
  getStorage(): Promise<Record<string, unknown>>;
  setStorage(items: Record<string, unknown>): Promise<void>;
  clearStorage(): Promise<void>;
  /**
   * Closes the options page the harness keeps open to reach storage (reopened when next needed), e.g. so
   * that runtime.openOptionsPage() opens a new tab instead of focusing that one.
   */
  releaseStoragePage(): Promise<void>;
  /**
   * Reloads the extension (runtime.reload), as Firefox does on an update or on disable and enable: its
   * pages close, its content scripts are destroyed and injected afresh into the open portal tabs.
   */
  reloadExtension(): Promise<void>;
  close(): Promise<void>;
}


export interface FirefoxLaunchOptions {
  /** Firefox UI language (default 'da'; needs Debian's firefox-esr-l10n-da, which .ci/run installs). */
  locale?: string;
  /** Extra Firefox preferences, e.g. a short event-page idle timeout. */
  prefs?: Record<string, unknown>;
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  if (!existsSync(join(DIST_DIR, 'manifest.json'))) throw new Error('dist/manifest.json not found: run "npm run build" first');
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: ADDON_UUID }),
      'intl.locale.requested': options.locale ?? 'da',
      'intl.accept_languages': options.locale ?? 'da',
      ...options.prefs,
    },
  });
  await firefox.installExtension(DIST_DIR);

  const served = new Map<string, { body: PortalBody; contentType: string }>();
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const extensionUrl = (path: string) => `moz-extension://${ADDON_UUID}/${path.replace(/^\//, '')}`;

  const respond = (request: HTTPRequest) => {
    const url = request.url();
    if (!isPortalRequest(url)) {
      if (!/^(moz-extension|data|blob|about):/.test(url)) foreignRequests.push(url);
      return request.continue();
    }
    const { pathname } = new URL(url);
    const own = served.get(pathname);
    if (own) {
      return request.respond({ status: 200, contentType: own.contentType, body: typeof own.body === 'function' ? own.body() : own.body });
    }
    const fixture = portalFixture(pathname);
    if (!fixture) return request.respond({ status: 404, contentType: 'text/plain', body: `no fixture for ${pathname}` });
    return request.respond({ status: 200, ...fixture });
  };

  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${page.url()}: console.error ${message.text()}`);
    });
  };

  const openExtensionPage = async (path: string) => {
    const page = await firefox.newPage();
    watch(page);
    // page.goto waits for a load event Firefox never sends for extension pages; navigate the BiDi
    // browsing context directly (puppeteer's own Firefox frame exposes it, untyped).
    const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<unknown> } };
    await frame.browsingContext.navigate(extensionUrl(path), 'interactive');
    await page.waitForFunction(() => document.readyState === 'complete');
    return page;
  };

  // Storage is reached through an extension page kept open for the purpose.
  let storagePage: Page | null = null;
  const withStorage = async <T>(fn: (page: Page) => Promise<T>) => {
    storagePage ??= await openExtensionPage('src/options/index.html');
    return fn(storagePage);
  };

  const getStorage = () => withStorage((p) => p.evaluate(() => browser.storage.local.get(null)));
  // A test's own writes must not race the install handler's defaults: wait until they are written.
  const deadline = Date.now() + 15_000;
  while (!('settings' in (await getStorage()))) {
    if (Date.now() > deadline) throw new Error('the extension did not write its default settings on install');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    browser: firefox,
    foreignRequests,
    pageErrors,
    servePortal(path, body, contentType = 'text/html; charset=utf-8') {
      served.set(path, { body, contentType });
    },
    async openPortal(path, origin = PORTAL_ORIGIN) {
      const page = await firefox.newPage();
      watch(page);
      // The Chromium suite's viewport: layout expectations (a one-line banner) hold in both.
      await page.setViewport({ width: 1280, height: 900 });
      await page.setRequestInterception(true);
      page.on('request', respond);
      await page.goto(origin + path);
      return page;
    },
    openExtensionPage,
    openPopup: () => openExtensionPage('src/popup/index.html'),
    openOptions: () => openExtensionPage('src/options/index.html'),
    extensionUrl,
    getStorage,
    setStorage: (items) => withStorage((p) => p.evaluate((i) => browser.storage.local.set(i), items)),
    clearStorage: () => withStorage((p) => p.evaluate(() => browser.storage.local.clear())),
    async releaseStoragePage() {
      const page = storagePage;
      storagePage = null;
      await page?.close();
    },
    async reloadExtension() {
      const page = await openExtensionPage('src/options/index.html');
      // Reloading closes the page that asks for it: let the evaluation return first.
      await page.evaluate(() => void setTimeout(() => browser.runtime.reload(), 50));
      for (let tries = 0; tries < 50 && !page.isClosed(); tries++) {
        if (!(await page.evaluate(() => true).catch(() => false))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const old = storagePage;
      storagePage = null;
      await old?.close().catch(() => undefined);
      // The reloaded extension answers again from a new page.
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          if ('settings' in (await getStorage())) return;
        } catch {
          storagePage = null;
        }
        if (Date.now() > deadline) throw new Error('the extension did not come back after runtime.reload()');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => firefox.close(),
  };
}
