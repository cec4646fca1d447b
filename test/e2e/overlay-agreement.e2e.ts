/**
 * The SE check on an agreement page, in both browsers: one banner per SE agreement with its verdict (same
 * fixtures and expectations as test/e2e/shared/overlay.ts), its texts in Danish, the KLIK message copied to
 * the clipboard, the way to the settings when no SE number is configured, and no banner where none belongs.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KLIK_MESSAGE_FORKERT_SE, NO_BANNER_CASES, SE_CASES } from './shared/overlay';
import { clickByText, configure, EXPECTED_SE, markSummary, openReady, readBanner, readProgress, tabOpenedBy, useConfiguredBrowser } from './support';

describe('the SE check on an agreement page', () => {
  const session = useConfiguredBrowser();
  beforeAll(() => session().grantClipboard());
  // A test that changes the settings and fails midway must not leave them changed for the next.
  beforeEach(() => configure(session()));

  it('speaks Danish, like the municipal browser it runs in', async () => {
    // Without Debian's chromium-l10n / firefox-esr-l10n-da the extension falls back to English and the Danish texts below fail.
    expect(await session().inExtension(() => chrome.i18n.getUILanguage())).toMatch(/^da/);
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

  it('names the number found and the number expected on a mismatch, styled, at the top of the page, and says not to approve', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    const { text } = await readBanner(page);
    expect(text).toContain('godkend ikke aftalen');
    expect(text).toContain('Aftalen angiver SE-nr. 55133018, men kommunens SE-nr. er 29189757.');
    const box = await page.evaluate(() => {
      const host = document.querySelector('[data-aftaletjek-se]')!;
      const { top, width } = host.getBoundingClientRect();
      return { top, width, background: getComputedStyle(host.shadowRoot!.querySelector('.banner')!).backgroundColor };
    });
    // Top of the page, in view; the shadow root's constructed stylesheet applies (the warning colour).
    expect(box).toEqual({ top: 0, width: expect.any(Number), background: 'rgb(253, 236, 236)' });
    expect(box.width).toBeGreaterThan(1000);
    await page.close();
  });

  it('names both numbers when the page carries two different SE numbers', async () => {
    const page = await openReady(session(), '/aftale/sf0770-e-to-se');
    expect((await readBanner(page)).text).toContain('flere forskellige SE-numre: 29189757 og 55133018');
    await page.close();
  });

  it('copies a ready-made Danish message for the KLIK task to the clipboard', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    await clickByText(page, 'button', 'Kopiér besked til KLIK-opgaven', { scope: 'banner' });
    await expect.poll(async () => (await readBanner(page)).text).toContain('Beskeden er kopieret');
    // Paste where the user would: what arrives is the message.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste-here' })));
    await page.focus('#paste-here');
    await page.keyboard.down('Control');
    await page.keyboard.press('v');
    await page.keyboard.up('Control');
    await expect.poll(() => page.$eval('#paste-here', (el) => (el as HTMLTextAreaElement).value)).toBe(KLIK_MESSAGE_FORKERT_SE);
    await page.close();
  });

  it('confirms a match quietly, with the number', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-korrekt-se');
    const banner = await readBanner(page);
    expect(banner.text).toContain(`SE-nummeret er korrekt: ${EXPECTED_SE}`);
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
    const options = await tabOpenedBy(
      session(),
      () => clickByText(page, 'button', 'Åbn indstillinger', { scope: 'banner' }),
      session().extensionUrl('src/options/index.html'),
    );
    await options.close();
    await page.bringToFront();
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
