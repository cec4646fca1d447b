/**
 * The overlay in the single-page portal fixture, in both browsers: late rendering, pushState navigation,
 * back and forward, a banner that never outlives its page and is never doubled, and the guard inside the
 * app; in Firefox also without the Navigation API.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPA_LIST as LIST } from './shared/overlay';
import { clickByText, IS_FIREFOX, markSummary, openReady, pause, readBanner, useBrowser } from './support';

/** Banner state and marks together: what a user sees at a glance. */
async function view(page: Page) {
  const banner = await readBanner(page);
  const path = await page.evaluate(() => location.pathname);
  return { path, banners: banner.count, se: banner.se, agreement: banner.agreement, marks: await markSummary(page) };
}

/**
 * Browser back/forward. Between pushState entries there is no load to wait for (and WebDriver BiDi's
 * traverseHistory may report none), so the caller polls the page instead of puppeteer's navigation wait.
 */
async function history(page: Page, direction: 'back' | 'forward'): Promise<void> {
  const go = direction === 'back' ? page.goBack({ timeout: 2_000 }) : page.goForward({ timeout: 2_000 });
  await go.catch(() => null);
}

// The Firefox versions the manifest still admits (142 and later) may lack the Navigation API; then the
// content script sees pushState only through the DOM changes that come with it.
const VARIANTS: [string, Record<string, unknown>][] = [['with the Navigation API', {}]];
// Every Chromium the manifest admits (120 and later) has it, and it cannot be turned off there.
if (IS_FIREFOX) VARIANTS.push(['without the Navigation API (older Firefox)', { 'dom.navigation.webidl.enabled': false }]);

describe.each(VARIANTS)('the overlay in the single-page portal (%s)', (_how, prefs) => {
  const session = useBrowser({ configured: true, prefs });
  let page: Page;
  const agreementA = { path: '/spa/aftale/sf0770-a', banners: 1, se: 'mismatch', agreement: 'SF0770_A', marks: ['SF0770_A:pending'] };
  const list = { path: '/spa/', banners: 0, se: null, agreement: null, marks: LIST };

  beforeAll(async () => {
    page = await openReady(session(), '/spa/');
    expect(await page.evaluate(() => 'navigation' in window)).toBe(Object.keys(prefs).length === 0);
  });

  it('marks the list once it is rendered late', async () => {
    await expect.poll(() => view(page)).toEqual(list);
  });

  it('follows pushState to an agreement page and shows its banner once the SE number renders', async () => {
    await clickByText(page, 'a', /personoplysninger v3/);
    await expect.poll(() => view(page)).toEqual(agreementA);
  });

  it('removes the banner on back, and shows it again on forward', async () => {
    await history(page, 'back');
    await expect.poll(() => view(page)).toEqual(list);
    await history(page, 'forward');
    await expect.poll(() => view(page)).toEqual(agreementA);
  });

  it('replaces the banner when moving to another SE agreement, never holding two', async () => {
    await clickByText(page, 'a', 'Serviceaftaler', { last: true });
    await expect.poll(() => view(page)).toMatchObject({ path: '/spa/', banners: 0, marks: LIST });
    // Count banners at every DOM change from here on, and at every poll.
    await page.evaluate(() => {
      const w = window as unknown as { maxBanners: number };
      w.maxBanners = 0;
      new MutationObserver(() => {
        w.maxBanners = Math.max(w.maxBanners, document.querySelectorAll('[data-aftaletjek-se]').length);
      }).observe(document.documentElement, { childList: true, subtree: true });
    });
    await clickByText(page, 'a', /eIndkomst v3/);
    const polled = new Set<number>();
    await expect
      .poll(async () => {
        const now = await view(page);
        polled.add(now.banners);
        return now;
      })
      .toEqual({ path: '/spa/aftale/sf0770-e', banners: 1, se: 'match', agreement: 'SF0770_E', marks: ['SF0770_E:pending'] });
    expect(Math.max(...polled)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { maxBanners: number }).maxBanners)).toBe(1);
  });

  it('shows no banner on a non-SE agreement reached in-page, and none on a look-alike', async () => {
    for (const [name, id] of [
      [/SF1470/, 'SF1470'],
      [/personoplysninger v2/, null],
    ] as const) {
      await history(page, 'back');
      await expect.poll(() => view(page)).toMatchObject({ path: '/spa/', banners: 0, marks: LIST });
      await clickByText(page, 'a', name);
      await expect.poll(async () => (await view(page)).path).not.toBe('/spa/');
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('h1').length)).toBe(1);
      // A banner that is not there can only be seen not to come: give the overlay a moment.
      await pause(400);
      expect(await view(page)).toMatchObject({ banners: 0, marks: id ? [`${id}:approved`] : [] });
    }
  });

  it('guards Godkend in the single-page app and follows the status the portal then shows', async () => {
    await history(page, 'back');
    await expect.poll(() => view(page)).toMatchObject({ path: '/spa/', marks: LIST });
    await clickByText(page, 'a', /personoplysninger v3/);
    await expect.poll(async () => (await view(page)).se).toBe('mismatch');
    await clickByText(page, 'button', 'Godkend');
    await expect.poll(() => page.evaluate(() => document.querySelector('aftaletjek-dialog') !== null)).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.portalApproved ?? null)).toBeNull();
    await clickByText(page, 'button', 'Godkend alligevel', { scope: 'dialog' });
    await expect.poll(() => view(page)).toMatchObject({ banners: 1, se: 'mismatch', marks: ['SF0770_A:approved'] });
    expect(await page.evaluate(() => document.body.dataset.portalApproved)).toBe('1');
    await history(page, 'back');
    await expect.poll(() => view(page)).toMatchObject({ banners: 0, marks: LIST.map((m) => (m.startsWith('SF0770_A') ? 'SF0770_A:approved' : m)) });
  });
});
