/**
 * Shared steps of the popup, options and badge scenarios, in both browsers: seed storage in the store's own
 * key layout, wait for the extension pages to load, read their hooks, run axe-core, move focus by Tab, and
 * a scratch folder for the files a test uploads and the files the extension downloads.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { useBrowser } from './support';
import { EXPECTED_SE, settingsRecord } from './shared/store';
import { IS_FIREFOX, type Session } from './harness';

// The store seeds are shared by every popup, options and badge scenario.
export { allApproved, EXPECTED_SE, PACK_ID, PORTAL_URL, progressRecord, seCheck, settingsRecord, WRONG_SE } from './shared/store';

/** The first start of Chromium's managed storage can take seconds: the pages wait for it. */
export const LOAD_TIMEOUT = 20_000;

/** Opens the popup in a tab of the popup's size, and waits until it shows the progress. */
export async function openPopupReady(session: Session): Promise<Page> {
  const page = await session.openPopup();
  await page.setViewport({ width: 380, height: 600 });
  await page.waitForSelector('[data-aftaletjek-progress]', { timeout: LOAD_TIMEOUT });
  return page;
}

/** Opens the options page and waits until it shows the settings form. */
export async function openOptionsReady(session: Session): Promise<Page> {
  const page = await session.openOptions();
  await page.waitForSelector('#expectedSe', { timeout: LOAD_TIMEOUT });
  return page;
}

/** Each agreement's status as the popup shows it (data-aftaletjek-agreement → data-aftaletjek-status). */
export const statuses = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-aftaletjek-agreement]')].map((el) => [
        el.getAttribute('data-aftaletjek-agreement'),
        el.getAttribute('data-aftaletjek-status'),
      ]),
    ),
  ) as Promise<Record<string, string | null>>;

/** The agreements in the order the popup lists them. */
export const agreementOrder = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-aftaletjek-agreement]')].map((el) => el.getAttribute('data-aftaletjek-agreement'))) as Promise<
    (string | null)[]
  >;

/** The popup's progress hook, "approved/total". */
export const progressHook = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-aftaletjek-progress]')?.getAttribute('data-aftaletjek-progress') ?? null) as Promise<string | null>;

/** The kinds of the notices the popup shows, sorted. */
export const noticeKinds = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-aftaletjek-notice]')].map((el) => el.getAttribute('data-aftaletjek-notice') ?? '').sort(),
  ) as Promise<string[]>;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core in the page; returns the serious and critical violations. The extension pages' CSP forbids the
 * inline script addScriptTag would add, so the source is evaluated through the automation protocol instead.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  })) as { id: string; impact: string | null; targets: string[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/** Presses Tab until the focused element matches; fails after `max` presses. Returns the presses needed. */
export async function tabTo(page: Page, matches: (el: { tag: string; text: string; id: string }) => boolean, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const el = (await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.localName ?? '', text: a?.textContent?.trim() ?? '', id: a?.id ?? '' };
    })) as { tag: string; text: string; id: string };
    if (matches(el)) return i;
  }
  expect.fail('focus never reached the element by Tab');
}

/** The focused element shows a visible focus ring (outline or box-shadow). */
export function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  }) as Promise<boolean>;
}

/** The ids of the open tabs at `url`, as the extension sees them (it may read its own pages' and the portal's URLs). */
const tabsAt = (page: Page, url: string) => page.evaluate(async (u) => (await chrome.tabs.query({})).filter((tab) => tab.url === u).map((tab) => tab.id!), url);

/**
 * Runs `open` in an extension page and expects it to open one new tab at `url`, which it then closes. The
 * tab is found as the extension sees it (tabs.query), not as support.ts's tabOpenedBy finds it: Firefox
 * tells puppeteer nothing of a tab that a link in an extension page opens, and in Chromium such a tab's first
 * load may come before the harness serves the tab (an error page then).
 */
export async function expectNewTab(page: Page, url: string, open: () => Promise<unknown>): Promise<void> {
  const before = await tabsAt(page, url);
  await open();
  const opened = async () => (await tabsAt(page, url)).filter((id) => !before.includes(id));
  await expect.poll(async () => (await opened()).length, { timeout: 10_000 }).toBe(1);
  await page.evaluate((id) => chrome.tabs.remove(id), (await opened())[0]!);
}

/**
 * A scratch folder for one test file: `file()` writes a file to upload, `downloaded()` takes what the
 * browser saved there. Pass `prefs` to the browser's launch options, and call `allowDownloads` once it runs.
 */
export function scratchFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'aftaletjek-files-'));
  const downloads = join(dir, 'downloads');
  let cdp: CDPSession | undefined;
  afterAll(async () => {
    await cdp?.detach().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** Firefox saves downloads straight to the folder, without asking. */
    prefs: {
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      // The downloads panel would take the focus from the page: keys typed after a download would go nowhere.
      'browser.download.alwaysOpenPanel': false,
    },
    /** Chromium is told the folder over its DevTools protocol (Firefox has it from `prefs`). */
    allowDownloads(session: () => Session) {
      beforeAll(async () => {
        if (IS_FIREFOX) return;
        cdp = await session().browser.target().createCDPSession();
        await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
      });
    },
    file(name: string, content: string): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    /** Waits for `count` finished downloads (none left as .part or .crdownload) and takes them, by name. */
    async downloaded(count: number): Promise<Map<string, Buffer>> {
      const names = () => (existsSync(downloads) ? readdirSync(downloads) : []);
      const finished = () => {
        const all = names();
        // Firefox writes an empty placeholder under the final name beside the .part file it fills.
        const unfinished = all.some(
          (name) => /\.(part|crdownload)$/.test(name) || (statSync(join(downloads, name), { throwIfNoEntry: false })?.size ?? 0) === 0,
        );
        return unfinished ? [] : all;
      };
      await expect.poll(() => finished().length, { timeout: 10_000 }).toBe(count);
      const files = new Map(finished().map((name) => [name, readFileSync(join(downloads, name))]));
      for (const name of files.keys()) rmSync(join(downloads, name), { force: true });
      return files;
    },
  };
}

/**
 * One browser for a file of extension-page scenarios: downloads land in a scratch folder, and each test
 * starts from storage holding only the Aarhus settings.
 */
export function useExtensionPages(): { session: () => Session; files: ReturnType<typeof scratchFolder> } {
  const files = scratchFolder();
  const session = useBrowser({ prefs: files.prefs });
  files.allowDownloads(session);
  beforeEach(async () => {
    await session().clearStorage();
    await session().setStorage(settingsRecord('Aarhus Kommune', EXPECTED_SE));
  });
  return { session, files };
}
