import { beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_ORIGIN } from '../../bench/harness';
import { configure, markSummary, openReady, readBanner, readProgress, useConfiguredBrowser } from './overlay-support';
import { KLIK_MESSAGE_FORKERT_SE, NO_BANNER_CASES, SE_CASES } from './shared/overlay';

describe('the SE check on an agreement page (real Chromium)', () => {
  const session = useConfiguredBrowser();
  beforeAll(async () => {
    await session().context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: PORTAL_ORIGIN });
  });

  it.each(SE_CASES)('%s: one banner for %s says %s (found %s; %s)', async (path, id, verdict, found, _labelForm) => {
    // A first look at the agreement: an earlier case's record would stand in (a found SE number is never
    // turned into "missing" by a later look without it).
    await session().clearStorage();
    await configure(session());
    const page = await openReady(session(), path);
    const banner = await readBanner(page);
    expect(banner).toMatchObject({ count: 1, se: verdict, found, agreement: id, role: verdict === 'mismatch' ? 'alert' : 'status' });
    expect(banner.height).toBeGreaterThan(20);
    await expect.poll(async () => (await readProgress(session()))[id]?.se?.verdict).toBe(verdict);
    await page.close();
  });

  it('names the number found and the number expected on a mismatch, and says not to approve', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    const { text } = await readBanner(page);
    expect(text).toContain('godkend ikke aftalen');
    expect(text).toContain('Aftalen angiver SE-nr. 55133018, men kommunens SE-nr. er 29189757.');
    // Top of the page, in view.
    const box = await page.evaluate(() => document.querySelector('[data-aftaletjek-se]')!.getBoundingClientRect().toJSON());
    expect(box.top).toBe(0);
    expect(box.width).toBeGreaterThan(1000);
    await page.close();
  });

  it('names both numbers when the page carries two different SE numbers', async () => {
    const page = await openReady(session(), '/aftale/sf0770-e-to-se');
    expect((await readBanner(page)).text).toContain('flere forskellige SE-numre: 29189757 og 55133018');
    await page.close();
  });

  it('copies a ready-made Danish message for the KLIK task', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    await page.getByRole('button', { name: 'Kopiér besked til KLIK-opgaven' }).click();
    await expect.poll(async () => (await readBanner(page)).text).toContain('Beskeden er kopieret');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(KLIK_MESSAGE_FORKERT_SE);
    await page.close();
  });

  it('confirms a match quietly, with the number', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-korrekt-se');
    const banner = await readBanner(page);
    expect(banner.text).toContain('SE-nummeret er korrekt: 29189757');
    expect(banner.height).toBeLessThan(60);
    await page.close();
  });

  it('flags an SE number that fails modulus 11 as suspect', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-mistaenkeligt-se');
    expect((await readBanner(page)).text).toContain('13585627 består ikke modulus 11-kontrollen');
    await page.close();
  });

  it('says so when the page has no SE number, and never takes a CVR number', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-mangler-se');
    const banner = await readBanner(page);
    expect(banner.found).toBeNull();
    expect(banner.text).toContain('SE-nummeret er ikke kontrolleret endnu');
    await page.close();
  });

  it('says the SE number is not checked when no expected SE is configured, with a way to the settings', async () => {
    await configure(session(), { expectedSe: null });
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    const banner = await readBanner(page);
    expect(banner).toMatchObject({ se: 'unconfigured', found: '55133018', role: 'status' });
    expect(banner.text).toContain('SE-nummeret 55133018 er ikke kontrolleret');
    // Content scripts cannot open the options page; the background does it on request.
    const optionsTab = session().context.waitForEvent('page');
    await page.getByRole('button', { name: 'Åbn indstillinger' }).click();
    expect((await optionsTab).url()).toBe(session().extensionUrl('src/options/index.html'));
    // Configuring the SE number updates the open page's banner.
    await configure(session());
    await expect.poll(async () => (await readBanner(page)).se).toBe('mismatch');
    await page.close();
  });

  it.each(NO_BANNER_CASES)('shows no banner on %s', async (_what, path, marks) => {
    const page = await openReady(session(), path);
    expect((await readBanner(page)).count).toBe(0);
    if (marks) expect(await markSummary(page)).toEqual(marks);
    await page.close();
  });

  it('marks the agreement on its own page with the status from its status field', async () => {
    const page = await openReady(session(), '/aftale/sf0770-e-readonly');
    expect(await markSummary(page)).toEqual(['SF0770_E:pending']);
    expect(await page.evaluate(() => document.querySelector('[data-aftaletjek-agreement]')!.id)).toBe('f-navn');
    await page.close();
  });

});
