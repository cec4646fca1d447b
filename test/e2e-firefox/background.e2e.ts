/**
 * The toolbar badge and the background in real Firefox, mirroring test/e2e/badge.e2e.ts. Firefox runs the
 * background as an event page; here it is suspended after one idle second (Firefox's default is 30), so
 * every step also shows that the listeners registered at start wake it: storage changes, content-script
 * messages, and messages from extension pages.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from '../../src/store/settings';
import { configure, readBanner } from '../e2e/shared/overlay';
import { allApproved, EXPECTED_SE, progressRecord, seCheck, settingsRecord, WRONG_SE } from '../e2e/shared/store';
import { openReady, useFirefox } from './support';

const IDLE_MS = 1000;
const WAKE_TIMEOUT = 10_000;

describe('the toolbar badge and the event page (real Firefox)', () => {
  const session = useFirefox({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  // An extension page from which to read browser.action, as the toolbar would show it.
  let page: Page;
  const badge = () => page.evaluate(() => browser.action.getBadgeText({}));
  const title = () => page.evaluate(() => browser.action.getTitle({}));
  /** Is the event page running? (runtime.getContexts does not wake it.) */
  const backgroundRunning = () =>
    page.evaluate(async () => {
      const runtime = browser.runtime as unknown as { getContexts(filter: object): Promise<unknown[]> };
      return (await runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length > 0;
    });
  const suspended = () => expect.poll(backgroundRunning, { timeout: WAKE_TIMEOUT, interval: 200 }).toBe(false);

  beforeAll(async () => {
    page = await session().openPopup();
  });

  it('exposes the badge to extension pages: defaults on install, all five outstanding', async () => {
    expect((await session().getStorage())[SETTINGS_KEY]).toMatchObject({ version: 2, municipality: '', expectedSe: null, activePackId: 'klik-sf02', packs: [] });
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('5');
    expect(await title()).toBe('Aftaletjek: 5 af 5 aftaler mangler godkendelse');
  });

  it('follows progress recorded in storage, woken from suspension by the change', async () => {
    await suspended();
    await session().setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('4');
    await suspended();
    await session().setStorage({ ...progressRecord('SF1490', 'approved'), ...progressRecord('SF1320', 'approved') });
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('2');
  });

  it('follows what the content script records on a portal page, the event page woken by its messages', async () => {
    await session().clearStorage();
    await session().setStorage(settingsRecord('Aarhus Kommune', '29189757'));
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('5');
    await suspended();
    // The content script asks the suspended event page for settings and pack, then sends what it saw.
    const portal = await openReady(session(), '/aftaler/tabel');
    expect(await portal.evaluate(() => document.querySelectorAll('[data-aftaletjek-agreement]').length)).toBe(5);
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('4');
    await portal.close();
  });

  it('tells an open portal tab about new settings even when the event page was suspended', async () => {
    await configure(session());
    const portal = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    expect((await readBanner(portal)).se).toBe('mismatch');
    await suspended();
    await configure(session(), { expectedSe: null });
    await expect.poll(async () => (await readBanner(portal)).se, { timeout: WAKE_TIMEOUT }).toBe('unconfigured');
    await portal.close();
  });

  it('warns while an SE number is wrong, in a warning colour', async () => {
    await session().setStorage(progressRecord('SF0770_A', 'pending', { se: seCheck('mismatch', [WRONG_SE]) }));
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('!');
    expect(await page.evaluate(() => browser.action.getBadgeBackgroundColor({}))).toEqual([179, 38, 30, 255]);
    expect(await title()).toContain('forkert SE-nummer');
  });

  it('is empty when the task is done', async () => {
    await session().setStorage(allApproved());
    await expect.poll(badge, { timeout: WAKE_TIMEOUT }).toBe('');
    expect(await title()).toContain('Markér KLIK-opgaven som Fuldført');
  });

  it('answers runtime messages with promises through the polyfill: context, and opening the options page', async () => {
    await suspended();
    const context = (await page.evaluate(() => browser.runtime.sendMessage({ type: 'aftaletjek:get-context' }))) as {
      pack: { id: string };
      municipality: string;
    };
    expect(context).toMatchObject({ pack: { id: 'klik-sf02' }, municipality: 'Aarhus Kommune' });
    // With an options tab already open Firefox focuses it: close the one the harness keeps for storage.
    await session().releaseStoragePage();
    const tabs = (await session().browser.pages()).length;
    expect(await page.evaluate(() => browser.runtime.sendMessage({ type: 'open-options' }))).toBe(true);
    await expect.poll(async () => (await session().browser.pages()).length).toBe(tabs + 1);
    const opened = (await session().browser.pages()).at(-1)!;
    await expect.poll(() => opened.evaluate(() => location.href)).toBe(session().extensionUrl('src/options/index.html'));
    await opened.close();
  });
});
