/**
 * The one real-browser harness: Debian's Chromium or Firefox ESR (E2E_BROWSER, set per vitest project),
 * both driven by puppeteer-core (Chromium over CDP, Firefox over WebDriver BiDi), the built extension loaded
 * from dist/, and the admin portal served on its real host names by request interception (no network).
 * Scenarios are written once against this Session and run in both browsers.
 */
import puppeteer, { type Browser, type CDPSession, type HTTPRequest, type Page, type Target, type WebWorker } from 'puppeteer-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isPortalRequest, portalFixture, PORTAL_ORIGIN, type PortalBody } from './shared/portal';

export { FIXTURE_DIR, PORTAL_ORIGIN, PORTAL_TEST_ORIGIN, type PortalBody } from './shared/portal';

export type BrowserName = 'chromium' | 'firefox';
/** The browser this run drives (vitest.e2e.config.ts sets it per project). */
export const BROWSER: BrowserName = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const IS_FIREFOX = BROWSER === 'firefox';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const DIST_DIR = resolve('dist');
export const GECKO_ID = 'aftaletjek@aftaletjek.dk';
/** Firefox's internal UUID for the add-on, fixed in advance so moz-extension:// URLs are known. */
export const ADDON_UUID = '5d3b3f8e-7c2a-4d1e-9b7a-1f2e3d4c5b6a';
const VIEWPORT = { width: 1280, height: 900 };

export interface Session {
  browserName: BrowserName;
  browser: Browser;
  /**
   * Serve `body` at `path` (e.g. "/aftaler") on both portal hosts; overrides fixture files. `headers`: more
   * response headers (the benchmark's COOP/COEP, for a cross-origin isolated page).
   */
  servePortal(path: string, body: PortalBody, contentType?: string, headers?: Record<string, string>): void;
  /** Every request the browser made to any host other than the two portal hosts (should stay empty). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors seen on any page, as "url: message". */
  pageErrors: string[];
  /** A new blank tab whose portal requests are served by the harness. */
  newPage(): Promise<Page>;
  /** Opens a new tab on a portal path (fixture file under test/fixtures/portal or servePortal). */
  openPortal(path: string, origin?: string): Promise<Page>;
  /** Opens an extension page (path inside dist/) in a new tab, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  extensionUrl(path: string): string;
  /**
   * Runs `fn(arg)` in a privileged extension context (Chromium: the service worker; Firefox: an extension
   * page the harness keeps open) where `chrome`/`browser` are defined.
   */
  inExtension<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** browser.storage.local of the extension. */
  getStorage(): Promise<Record<string, unknown>>;
  setStorage(items: Record<string, unknown>): Promise<void>;
  clearStorage(): Promise<void>;
  /** Closes the extension page Firefox's harness keeps open to reach storage (reopened when next needed). */
  releaseStoragePage(): Promise<void>;
  /** A CDP session on a page (Chromium only: CPU profiles, performance metrics). */
  cdp(page: Page): Promise<CDPSession>;
  /** Lets portal pages read and write the clipboard without a prompt. */
  grantClipboard(): Promise<void>;
  /** Reloads the extension (runtime.reload): its pages close, content scripts are injected afresh. */
  reloadExtension(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** UI language, e.g. 'da' or 'en-US' (default 'da'; Debian's chromium-l10n / firefox-esr-l10n-da). */
  locale?: string;
  /** Directory holding the unpacked extension (default dist/). */
  extensionDir?: string;
  /** Extra Chromium arguments. */
  args?: string[];
  /** Extra Firefox preferences, e.g. a short event-page idle timeout. */
  prefs?: Record<string, unknown>;
  /** Record console errors as page errors (default true). */
  watchConsole?: boolean;
  /** Show the browser window (needs a display; default false). The demo uses it. */
  headed?: boolean;
  /**
   * Wait for the fresh extension to settle (defaults written, Chromium's managed storage answered once)
   * before returning (default true). False hands the browser over as a new user meets it right after install.
   */
  settle?: boolean;
}

export const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function launchBrowser(options: LaunchOptions, extensionDir: string): Promise<{ browser: Browser; userDataDir?: string }> {
  const locale = options.locale ?? 'da';
  if (IS_FIREFOX) {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: !options.headed,
      acceptInsecureCerts: true,
      defaultViewport: VIEWPORT,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: ADDON_UUID }),
        'intl.locale.requested': locale,
        'intl.accept_languages': locale,
        ...options.prefs,
      },
    });
    await browser.installExtension(extensionDir);
    return { browser };
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'aftaletjek-e2e-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: !options.headed,
    pipe: true,
    enableExtensions: [extensionDir],
    userDataDir,
    defaultViewport: VIEWPORT,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Nothing resolves: a request the interception did not serve (e.g. a tab's first load before it was
      // prepared) fails at once instead of reaching the network.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--lang=${locale}`,
      ...(options.args ?? []),
    ],
    // On Linux, Chromium picks the extension's _locales from the environment, not from --lang (which only
    // sets navigator.language and i18n.getUILanguage); it also needs the locale's .pak (Debian: chromium-l10n).
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
  });
  return { browser, userDataDir };
}

/** The extension's service worker, once its `chrome` bindings exist (they come a moment after the target). */
/** A target that is an extension's service worker. */
export const isExtensionWorker = (t: Target) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://');

async function serviceWorker(browser: Browser, timeout = 15_000, stale: Target[] = []): Promise<WebWorker> {
  const deadline = Date.now() + timeout;
  for (;;) {
    // A reloaded extension's old worker stays listed as a target that never answers.
    const target = await browser.waitForTarget((t) => isExtensionWorker(t) && !stale.includes(t), { timeout });
    const worker = await target.worker();
    if (worker && (await worker.evaluate(() => typeof chrome === 'object' && Boolean(chrome.storage)).catch(() => false))) return worker;
    if (Date.now() > deadline) throw new Error('the extension service worker did not start');
    await pause(100);
  }
}

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const extensionDir = resolve(options.extensionDir ?? DIST_DIR);
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir}/manifest.json not found: run "npm run build" first`);
  const { browser, userDataDir } = await launchBrowser(options, extensionDir);

  const served = new Map<string, { body: PortalBody; contentType: string; headers?: Record<string, string> }>();
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const ownScheme = /^(chrome-extension|moz-extension|data|blob|about|chrome):/;

  const respond = (request: HTTPRequest) => {
    // Firefox (BiDi) hands a frame's request to the handler twice; the copy without interception is not ours to answer.
    if (request.interceptResolutionState().action === 'disabled' || request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (!isPortalRequest(url)) {
      if (!ownScheme.test(url)) foreignRequests.push(url);
      return request.continue();
    }
    const { pathname } = new URL(url);
    const own = served.get(pathname);
    if (own) {
      const body = typeof own.body === 'function' ? own.body() : own.body;
      return request.respond({ status: 200, contentType: own.contentType, headers: own.headers, body });
    }
    const fixture = portalFixture(pathname);
    // Chromium asks for a favicon on every new page; the portal's own is no part of any scenario.
    if (!fixture && pathname === '/favicon.ico') return request.respond({ status: 204, body: '' });
    if (!fixture) return request.respond({ status: 404, contentType: 'text/plain', body: `no fixture for ${pathname}` });
    return request.respond({ status: 200, ...fixture });
  };

  // Every tab, also those the extension opens, is watched for errors and has its portal requests served.
  const prepared = new WeakSet<Page>();
  const prepare = async (page: Page) => {
    if (prepared.has(page)) return page;
    prepared.add(page);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error instanceof Error ? error.message : String(error)}`));
    if (options.watchConsole !== false) {
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`${page.url()}: console.error ${message.text()}`);
      });
    }
    page.on('request', respond);
    await page.setRequestInterception(true);
    return page;
  };
  browser.on('targetcreated', (target: Target) => {
    if (target.type() === 'page')
      void target
        .page()
        .then((page) => page && prepare(page))
        .catch(() => undefined);
  });

  let extensionUrl: (path: string) => string;
  let worker: WebWorker | null = null;
  if (IS_FIREFOX) {
    extensionUrl = (path) => `moz-extension://${ADDON_UUID}/${path.replace(/^\//, '')}`;
  } else {
    worker = await serviceWorker(browser);
    const id = new URL(worker.url()).host;
    extensionUrl = (path) => `chrome-extension://${id}/${path.replace(/^\//, '')}`;
  }

  const newPage = async () => prepare(await browser.newPage());
  const openExtensionPage = async (path: string) => {
    const page = await newPage();
    if (IS_FIREFOX) {
      // page.goto waits for a load event Firefox never sends for extension pages; navigate the BiDi
      // browsing context directly (puppeteer's own Firefox frame exposes it, untyped).
      const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<unknown> } };
      await frame.browsingContext.navigate(extensionUrl(path), 'interactive');
      await page.waitForFunction(() => document.readyState === 'complete');
    } else {
      await page.goto(extensionUrl(path));
    }
    return page;
  };

  // Firefox: the privileged context is an extension page kept open for the purpose.
  let storagePage: Page | null = null;
  const inExtension = async <T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    if (!IS_FIREFOX) {
      try {
        return (await worker!.evaluate(fn as (a: unknown) => T, arg)) as T;
      } catch (error) {
        // The service worker may have been stopped and started again: find the new one, once.
        if (!/Target closed|detached|destroyed|not defined/i.test(String(error))) throw error;
        worker = await serviceWorker(browser);
        return (await worker.evaluate(fn as (a: unknown) => T, arg)) as T;
      }
    }
    storagePage ??= await openExtensionPage('src/options/index.html');
    return (await storagePage.evaluate(fn as (a: unknown) => T, arg)) as T;
  };
  const getStorage = () => inExtension(() => chrome.storage.local.get(null));

  const settle = async () => {
    // Other extensions (the benchmark's empty one) have no defaults to wait for.
    if (!(await inExtension(() => chrome.runtime.getManifest().options_ui !== undefined))) return;
    if (!IS_FIREFOX) await inExtension(() => chrome.storage.managed.get(null).catch(() => ({})));
    // A test's own writes must not race the install handler's defaults: wait until they are written.
    const deadline = Date.now() + 15_000;
    while (!('settings' in (await getStorage()))) {
      if (Date.now() > deadline) throw new Error('the extension did not write its default settings on install');
      await pause(50);
    }
  };
  if (options.settle !== false) await settle();

  const session: Session = {
    browserName: BROWSER,
    browser,
    foreignRequests,
    pageErrors,
    servePortal(path, body, contentType = 'text/html; charset=utf-8', headers) {
      served.set(path, { body, contentType, headers });
    },
    newPage,
    async openPortal(path, origin = PORTAL_ORIGIN) {
      const page = await newPage();
      await page.goto(origin + path);
      return page;
    },
    openExtensionPage,
    openPopup: () => openExtensionPage('src/popup/index.html'),
    openOptions: () => openExtensionPage('src/options/index.html'),
    extensionUrl,
    inExtension: inExtension as Session['inExtension'],
    getStorage,
    setStorage: (items) => inExtension((i) => chrome.storage.local.set(i), items),
    clearStorage: () => inExtension(() => chrome.storage.local.clear()),
    async releaseStoragePage() {
      const page = storagePage;
      storagePage = null;
      await page?.close();
    },
    async cdp(page) {
      if (IS_FIREFOX) throw new Error('CDP sessions exist in Chromium only');
      return page.createCDPSession();
    },
    async grantClipboard() {
      if (IS_FIREFOX) return; // Firefox lets a page write the clipboard on a user gesture and has no read prompt for extensions' tests
      await browser.defaultBrowserContext().overridePermissions(PORTAL_ORIGIN, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    },
    async reloadExtension() {
      if (!IS_FIREFOX) {
        // Chromium unloads an extension loaded over the DevTools protocol on runtime.reload() for good;
        // loading it again from its folder is its update: same id, storage kept, a new worker.
        const stale = browser.targets().filter(isExtensionWorker);
        await browser.installExtension(extensionDir);
        worker = await serviceWorker(browser, 15_000, stale);
        return;
      }
      const page = await openExtensionPage('src/options/index.html');
      // Reloading closes the page that asks for it: let the evaluation return first.
      await page.evaluate(() => void setTimeout(() => chrome.runtime.reload(), 50));
      for (let tries = 0; tries < 50 && !page.isClosed(); tries++) {
        if (!(await page.evaluate(() => true).catch(() => false))) break;
        await pause(100);
      }
      await session.releaseStoragePage().catch(() => undefined);
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          if ('settings' in (await getStorage())) return;
        } catch {
          storagePage = null;
        }
        if (Date.now() > deadline) throw new Error('the extension did not come back after runtime.reload()');
        await pause(100);
      }
    },
    async close() {
      await browser.close();
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}
