/**
 * The overlay in the single-page portal fixture in real Firefox, mirroring test/e2e/overlay-spa.e2e.ts:
 * late rendering, pushState navigation, back and forward, a banner that never outlives its page and is
 * never doubled, and the guard inside the app.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { markSummary, readBanner, SPA_LIST as LIST } from '../e2e/shared/overlay';
import { clickByText, openReady, pause, useFirefox } from './support';

/** Banner state and marks together: what a user sees at a glance. */
async function view(page: Page) {
  const banner = await readBanner(page);
  const path = (await page.evaluate(() => location.pathname)) as string;
  return { path, banners: banner.count, se: banner.se, agreement: banner.agreement, marks: await markSummary(page) };
}

/**
 * Browser back/forward (WebDriver BiDi traverseHistory). Between pushState entries there is no load to
 * wait for, so the caller polls the page instead of puppeteer's navigation wait.
 */
async function history(page: Page, direction: 'back' | 'forward'): Promise<void> {
  const go = direction === 'back' ? page.goBack({ timeout: 2_000 }) : page.goForward({ timeout: 2_000 });
  await go.catch(() => null);
}

// Firefox 153 has the Navigation API; the Firefox versions the manifest still admits (142 and later) may
// not, and then the content script sees pushState only through the DOM changes that come with it.
describe.each([
  ['with the Navigation API', {}],
  ['without the Navigation API (older Firefox)', { 'dom.navigation.webidl.enabled': false }],
])('the overlay in the single-page portal (real Firefox, %s)', (_how, prefs) => {
  const session = useFirefox({ configured: true, prefs });
  let page: Page;
  const agreementA = { path: '/spa/aftale/sf0770-a', banners: 1, se: 'mismatch', agreement: 'SF0770_A', marks: ['SF0770_A:pending'] };
  const list = { path: '/spa/', banners: 0, se: null, agreement: null, marks: LIST };

  beforeAll(async () => {
    page = await openReady(session(), '/spa/');
    expect(await page.evaluate(() => 'navigation' in window)).toBe(Object.keys(prefs).length === 0);
  });

  it('marks the list once it is rendered late', async () => {
    await expect.poll(() => view(page), { timeout: 5_000 }).toEqual(list);
  });

  it('follows pushState to an agreement page and shows its banner once the SE number renders', async () => {
    await clickByText(page, 'a', /personoplysninger v3/);
    await expect.poll(() => view(page), { timeout: 5_000 }).toEqual(agreementA);
  });

  it('removes the banner on back, and shows it again on forward', async () => {
    await history(page, 'back');
    await expect.poll(() => view(page), { timeout: 5_000 }).toEqual(list);
    await history(page, 'forward');
    await expect.poll(() => view(page), { timeout: 5_000 }).toEqual(agreementA);
  });

  it('replaces the banner when moving to another SE agreement, never holding two', async () => {
    await clickByText(page, 'a', 'Serviceaftaler', { last: true });
    await expect.poll(() => view(page), { timeout: 5_000 }).toMatchObject({ path: '/spa/', banners: 0, marks: LIST });
    // Count banners at every DOM change from here on, not only when polled.
    await page.evaluate(() => {
      const w = window as unknown as { maxBanners: number };
      w.maxBanners = 0;
      new MutationObserver(() => {
        w.maxBanners = Math.max(w.maxBanners, document.querySelectorAll('[data-aftaletjek-se]').length);
      }).observe(document.documentElement, { childList: true, subtree: true });
    });
    await clickByText(page, 'a', /eIndkomst v3/);
    await expect
      .poll(() => view(page), { timeout: 5_000 })
      .toEqual({ path: '/spa/aftale/sf0770-e', banners: 1, se: 'match', agreement: 'SF0770_E', marks: ['SF0770_E:pending'] });
    expect(await page.evaluate(() => (window as unknown as { maxBanners: number }).maxBanners)).toBe(1);
  });

  it('shows no banner on a non-SE agreement reached in-page, and none on a look-alike', async () => {
    for (const [name, id] of [
      [/SF1470/, 'SF1470'],
      [/personoplysninger v2/, null],
    ] as const) {
      await history(page, 'back');
      await expect.poll(() => view(page), { timeout: 5_000 }).toMatchObject({ path: '/spa/', banners: 0, marks: LIST });
      await clickByText(page, 'a', name);
      await expect.poll(async () => (await view(page)).path).not.toBe('/spa/');
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('h1').length)).toBe(1);
      await pause(400);
      expect(await view(page)).toMatchObject({ banners: 0, marks: id ? [`${id}:approved`] : [] });
    }
  });

  it('guards Godkend in the single-page app and follows the status the portal then shows', async () => {
    await history(page, 'back');
    await expect.poll(() => view(page), { timeout: 5_000 }).toMatchObject({ path: '/spa/', marks: LIST });
    await clickByText(page, 'a', /personoplysninger v3/);
    await expect.poll(async () => (await view(page)).se, { timeout: 5_000 }).toBe('mismatch');
    await clickByText(page, 'button', 'Godkend');
    await expect.poll(() => page.evaluate(() => document.querySelector('aftaletjek-dialog') !== null)).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.portalApproved ?? null)).toBeNull();
    await clickByText(page, 'button', 'Godkend alligevel', { scope: 'dialog' });
    await expect.poll(() => view(page)).toMatchObject({ banners: 1, se: 'mismatch', marks: ['SF0770_A:approved'] });
    expect(await page.evaluate(() => document.body.dataset.portalApproved)).toBe('1');
    await history(page, 'back');
    await expect.poll(() => view(page), { timeout: 5_000 }).toMatchObject({ banners: 0, marks: LIST.map((m) => (m.startsWith('SF0770_A') ? 'SF0770_A:approved' : m)) });
  });
});
