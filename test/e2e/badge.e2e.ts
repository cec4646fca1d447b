import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SETTINGS_KEY } from '../../src/store/settings';
import { launchWithExtension, type ExtensionSession } from '../../bench/harness';
import { openReady } from './overlay-support';
import { allApproved, EXPECTED_SE, LOAD_TIMEOUT, progressRecord, seCheck, settingsRecord, WRONG_SE } from './popup-support';

describe('the toolbar badge and the background (real Chromium)', () => {
  let session: ExtensionSession;
  const badge = () => session.worker.evaluate(() => chrome.action.getBadgeText({}));
  const title = () => session.worker.evaluate(() => chrome.action.getTitle({}));

  beforeAll(async () => {
    session = await launchWithExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('writes the default settings on install and shows all five as outstanding', async () => {
    await expect.poll(async () => (await session.getStorage())[SETTINGS_KEY], { timeout: LOAD_TIMEOUT }).toMatchObject({
      version: 2,
      municipality: '',
      expectedSe: null,
      activePackId: 'klik-sf02',
      packs: [],
    });
    await expect.poll(badge, { timeout: LOAD_TIMEOUT }).toBe('5');
    expect(await title()).toBe('Aftaletjek: 5 af 5 aftaler mangler godkendelse');
  });

  it('follows progress recorded in storage', async () => {
    await session.setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
    await expect.poll(badge).toBe('4');
    await session.setStorage({ ...progressRecord('SF1490', 'approved'), ...progressRecord('SF1320', 'approved') });
    await expect.poll(badge).toBe('2');
  });

  it('follows what the content script records on a portal page', async () => {
    await session.clearStorage();
    await session.setStorage(settingsRecord('Aarhus Kommune', '29189757'));
    await expect.poll(badge).toBe('5');
    const page = await openReady(session, '/aftaler/tabel');
    // The Aarhus table: SF1470 approved, the other four not.
    await expect.poll(badge).toBe('4');
    await page.close();
  });

  it('warns while an SE number is wrong, in a warning colour', async () => {
    await session.setStorage(progressRecord('SF0770_A', 'pending', { se: seCheck('mismatch', [WRONG_SE]) }));
    await expect.poll(badge).toBe('!');
    expect(await session.worker.evaluate(() => chrome.action.getBadgeBackgroundColor({}))).toEqual([179, 38, 30, 255]);
    expect(await title()).toContain('forkert SE-nummer');
  });

  it('is empty when the task is done', async () => {
    await session.setStorage(allApproved());
    await expect.poll(badge).toBe('');
    expect(await title()).toContain('Markér KLIK-opgaven som Fuldført');
  });

  it('opens the options page when asked by message (the banner’s link)', async () => {
    const page = await session.openPopup();
    const [options] = await Promise.all([
      session.context.waitForEvent('page', (p) => p.url().includes('/src/options/index.html')),
      page.evaluate(() => chrome.runtime.sendMessage({ type: 'open-options' })),
    ]);
    expect(options.url()).toBe(session.extensionUrl('src/options/index.html'));
    await options.close();
    await page.close();
  });
  it('wakes a stopped service worker for a storage change (listeners registered at start)', async () => {
    await session.clearStorage();
    await expect.poll(badge).toBe('5');
    const page: Page = await session.openPopup();
    const cdp = await session.context.newCDPSession(page);
    let workerStatus = '';
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.find((v) => v.scriptURL.startsWith(session.extensionUrl('')));
      if (ours) workerStatus = ours.runningStatus;
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => workerStatus).toBe('stopped');
    // Written from an extension page while the worker is stopped: only a wake-up can update the badge.
    await page.evaluate(
      (items) => chrome.storage.local.set(items),
      { ...progressRecord('SF1470', 'approved'), ...progressRecord('SF1490', 'approved') },
    );
    await expect.poll(() => page.evaluate(() => chrome.action.getBadgeText({})), { timeout: LOAD_TIMEOUT }).toBe('3');
    expect(workerStatus).toBe('running');
    await page.close();
  });
});
