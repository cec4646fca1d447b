/**
 * The toolbar badge and the background. Chromium runs the background as a service worker, Firefox as an
 * event page; before the steps that say so the background is stopped (Chromium: the service worker stopped
 * over the DevTools protocol; Firefox: the event page suspended after one idle second, its default being
 * 30), so they also show that the listeners registered at start wake it: storage changes, content-script
 * messages, and messages from extension pages. The badge is read, and storage written, from an extension
 * page, which wakes nothing (and in Chromium the harness's inExtension does not answer from a worker that
 * was stopped and started again).
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from '../../src/store/settings';
import { allApproved, EXPECTED_SE, LOAD_TIMEOUT, progressRecord, seCheck, settingsRecord, WRONG_SE } from './popup-support';
import { configure, IS_FIREFOX, openReady, pause, readBanner, readProgress, tabOpenedBy, useBrowser } from './support';
import { isExtensionWorker } from './harness';

const IDLE_MS = 1000;
const WAKE_TIMEOUT = 10_000;

describe('the toolbar badge and the background', () => {
  const session = useBrowser({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  // An extension page from which to read chrome.action, as the toolbar would show it.
  let page: Page;
  let cdp: CDPSession | undefined;
  let workerStatus = '';
  const badge = () => page.evaluate(() => chrome.action.getBadgeText({}));
  const title = () => page.evaluate(() => chrome.action.getTitle({}));
  const write = (items: Record<string, unknown>) => page.evaluate((i) => chrome.storage.local.set(i), items);
  /** Stored progress, read from the extension page (see the file's comment on inExtension). */
  const progress = () => readProgress({ getStorage: () => page.evaluate(() => chrome.storage.local.get(null)) });

  /** Is the background running? Firefox: runtime.getContexts, which does not wake it; Chromium: the DevTools protocol's worker status. */
  const backgroundRunning = async () => {
    if (!IS_FIREFOX) return workerStatus === 'running';
    return page.evaluate(async () => {
      const runtime = chrome.runtime as unknown as { getContexts(filter: object): Promise<unknown[]> };
      return (await runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length > 0;
    });
  };
  /** Stops the background: Chromium stops its service worker when told to; Firefox suspends its event page once idle. */
  const stopBackground = async () => {
    if (!IS_FIREFOX) await cdp!.send('ServiceWorker.stopAllWorkers');
    await expect.poll(backgroundRunning, { timeout: WAKE_TIMEOUT, interval: 100 }).toBe(false);
  };

  beforeAll(async () => {
    page = await session().openPopup();
    if (IS_FIREFOX) return;
    // Chromium's service worker stops on request, and reports its status, over the DevTools protocol only.
    cdp = await session().cdp(page);
    // Chromium holds a service worker that starts while a debugger is attached (the harness is, for
    // inExtension) until that debugger lets it run: let it run at once, as it would with none attached.
    const target = await session().browser.waitForTarget(isExtensionWorker);
    const attached = await target.worker();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.find((v) => v.scriptURL.startsWith(session().extensionUrl('')));
      if (!ours) return;
      workerStatus = ours.runningStatus;
      if (workerStatus === 'starting') void attached?.client.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    });
    await cdp.send('ServiceWorker.enable');
    for (let tries = 0; workerStatus !== 'running'; tries++) {
      if (tries > 100) throw new Error(`the service worker is ${workerStatus || 'not reported'}, not running`);
      await pause(100);
    }
  });
  afterAll(async () => {
    await cdp?.detach().catch(() => undefined);
  });

  it('writes the default settings on install and shows all five as outstanding', async () => {
    await expect
      .poll(async () => (await session().getStorage())[SETTINGS_KEY], { timeout: LOAD_TIMEOUT })
      .toMatchObject({
        version: 2,
        municipality: '',
        expectedSe: null,
        activePackId: 'klik-sf02',
        packs: [],
      });
    await expect.poll(badge, { timeout: LOAD_TIMEOUT }).toBe('5');
    expect(await title()).toBe('Aftaletjek: 5 af 5 aftaler mangler godkendelse');
  });

  it('follows progress recorded in storage, the stopped background woken by each change', async () => {
    await stopBackground();
    await write({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('4');
    await stopBackground();
    await write({ ...progressRecord('SF1490', 'approved'), ...progressRecord('SF1320', 'approved') });
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('2');
  });

  it('is running again after a storage change woke it (listeners registered at start)', async () => {
    await page.evaluate(() => chrome.storage.local.clear());
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('5');
    await stopBackground();
    // Written from an extension page while the background is stopped: only a wake-up can update the badge.
    await write({ ...progressRecord('SF1470', 'approved'), ...progressRecord('SF1490', 'approved') });
    await expect.poll(backgroundRunning, { timeout: WAKE_TIMEOUT, interval: 50 }).toBe(true);
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('3');
  });

  it('follows what the content script records on a portal page, the stopped background woken by its messages', async () => {
    await page.evaluate(() => chrome.storage.local.clear());
    await write(settingsRecord('Aarhus Kommune', '29189757'));
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('5');
    await stopBackground();
    // The content script asks the stopped background for settings and pack, then sends what it saw.
    const portal = await openReady(session(), '/aftaler/tabel');
    expect(await portal.evaluate(() => document.querySelectorAll('[data-aftaletjek-agreement]').length)).toBe(5);
    // The Aarhus table: SF1470 approved, the other four not.
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('4');
    await portal.close();
  });

  it('tells an open portal tab about new settings even when the background was stopped', async () => {
    await configure({ setStorage: write });
    const portal = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    expect((await readBanner(portal)).se).toBe('mismatch');
    await stopBackground();
    await configure({ setStorage: write }, { expectedSe: null });
    await expect.poll(async () => (await readBanner(portal)).se, { timeout: WAKE_TIMEOUT }).toBe('unconfigured');
    // The tab's report of what it now shows is stored before the tab closes, so it cannot land in a later step.
    await expect.poll(async () => (await progress()).SF0770_A?.se?.verdict, { timeout: WAKE_TIMEOUT }).toBe('unconfigured');
    await portal.close();
  });

  it('warns while an SE number is wrong, in a warning colour', async () => {
    // SF0770_E, which no portal tab of this file reports: a tab's report merged after this write would replace it.
    await write(progressRecord('SF0770_E', 'pending', { se: seCheck('mismatch', [WRONG_SE]) }));
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('!');
    expect(await page.evaluate(() => chrome.action.getBadgeBackgroundColor({}))).toEqual([179, 38, 30, 255]);
    expect(await title()).toContain('forkert SE-nummer');
  });

  it('is empty when the task is done', async () => {
    await write(allApproved());
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('');
    expect(await title()).toContain('Markér KLIK-opgaven som Fuldført');
  });

  it('answers runtime messages from extension pages, woken by them: the context, and opening the options page (the banner’s link)', async () => {
    await stopBackground();
    const context = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'aftaletjek:get-context' }))) as {
      pack: { id: string };
      municipality: string;
    };
    expect(context).toMatchObject({ pack: { id: 'klik-sf02' }, municipality: 'Aarhus Kommune' });
    await stopBackground();
    const options = await tabOpenedBy(
      session(),
      async () => expect(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'open-options' }))).toBe(true),
      session().extensionUrl('src/options/index.html'),
    );
    await options.close();
  });
});
