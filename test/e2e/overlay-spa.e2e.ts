import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { markSummary, openReady, readBanner, useConfiguredBrowser } from './overlay-support';
import { SPA_LIST as LIST } from './shared/overlay';

/** Banner state and marks together: what a user sees at a glance. */
async function view(page: Page) {
  const banner = await readBanner(page);
  return { path: new URL(page.url()).pathname, banners: banner.count, se: banner.se, agreement: banner.agreement, marks: await markSummary(page) };
}

describe('the overlay in the single-page portal (real Chromium)', () => {
  const session = useConfiguredBrowser();
  let page: Page;
  beforeAll(async () => {
    page = await openReady(session(), '/spa/');
  });

  it('marks the list once it is rendered late', async () => {
    await expect.poll(() => view(page)).toEqual({ path: '/spa/', banners: 0, se: null, agreement: null, marks: LIST });
  });

  it('follows pushState to an agreement page and shows its banner once the SE number renders', async () => {
    await page.getByRole('link', { name: /personoplysninger v3/ }).click();
    await expect
      .poll(() => view(page))
      .toEqual({ path: '/spa/aftale/sf0770-a', banners: 1, se: 'mismatch', agreement: 'SF0770_A', marks: ['SF0770_A:pending'] });
  });

  it('removes the banner on back, and shows it again on forward', async () => {
    await page.goBack();
    await expect.poll(() => view(page)).toEqual({ path: '/spa/', banners: 0, se: null, agreement: null, marks: LIST });
    await page.goForward();
    await expect
      .poll(() => view(page))
      .toEqual({ path: '/spa/aftale/sf0770-a', banners: 1, se: 'mismatch', agreement: 'SF0770_A', marks: ['SF0770_A:pending'] });
  });

  it('replaces the banner when moving to another SE agreement, never holding two', async () => {
    await page.getByRole('link', { name: 'Serviceaftaler' }).last().click();
    await expect.poll(() => view(page)).toMatchObject({ path: '/spa/', banners: 0, marks: LIST });
    await page.getByRole('link', { name: /eIndkomst v3/ }).click();
    const seen = new Set<number>();
    await expect
      .poll(async () => {
        const now = await view(page);
        seen.add(now.banners);
        return now;
      })
      .toEqual({ path: '/spa/aftale/sf0770-e', banners: 1, se: 'match', agreement: 'SF0770_E', marks: ['SF0770_E:pending'] });
    expect(Math.max(...seen)).toBe(1);
  });

  it('shows no banner on a non-SE agreement reached in-page, and none on a look-alike', async () => {
    for (const [name, id] of [
      [/SF1470/, 'SF1470'],
      [/personoplysninger v2/, null],
    ] as const) {
      await page.goBack();
      await expect.poll(() => view(page)).toMatchObject({ path: '/spa/', banners: 0, marks: LIST });
      await page.getByRole('link', { name }).click();
      await expect.poll(async () => (await view(page)).path).not.toBe('/spa/');
      await expect.poll(async () => page.locator('h1').count()).toBe(1);
      await page.waitForTimeout(400);
      expect(await view(page)).toMatchObject({ banners: 0, marks: id ? [`${id}:approved`] : [] });
    }
  });

  it('guards Godkend in the single-page app and follows the status the portal then shows', async () => {
    await page.goBack();
    await expect.poll(() => view(page)).toMatchObject({ path: '/spa/', marks: LIST });
    await page.getByRole('link', { name: /personoplysninger v3/ }).click();
    await expect.poll(async () => (await view(page)).se).toBe('mismatch');
    await page.getByRole('button', { name: 'Godkend', exact: true }).click();
    await page.getByRole('button', { name: 'Godkend alligevel' }).click();
    await expect.poll(() => view(page)).toMatchObject({ banners: 1, se: 'mismatch', marks: ['SF0770_A:approved'] });
    expect(await page.evaluate(() => document.body.dataset.portalApproved)).toBe('1');
    await page.goBack();
    await expect.poll(() => view(page)).toMatchObject({ banners: 0, marks: LIST.map((m) => (m.startsWith('SF0770_A') ? 'SF0770_A:approved' : m)) });
  });

});
