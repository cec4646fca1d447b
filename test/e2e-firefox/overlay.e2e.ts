/**
 * The overlay in real Firefox ESR, mirroring test/e2e/overlay-lists, overlay-agreement and overlay-guards
 * (same fixtures, same expectations from test/e2e/shared/overlay.ts): marks and statuses on lists,
 * look-alikes left alone, SE verdicts and the banner, and the guards on Godkend and Afvis.
 */
import type { Page } from 'puppeteer-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  configure,
  rerenderAndClickGodkend,
  withClosedGodkend,
  dialogText,
  EXPECTED_SE,
  KLIK_MESSAGE_FORKERT_SE,
  markSummary,
  NO_BANNER_CASES,
  portalCounts,
  readBanner,
  readProgress,
  SE_CASES,
  TABLE_AARHUS,
} from '../e2e/shared/overlay';
import { clickByText, openReady, useFirefox } from './support';
import { readFileSync } from 'node:fs';

/** Aftaletjek's own pieces in a page: banners, its stylesheets adopted on the document, the "scanned" hook. */
function ownPieces(page: Page) {
  return page.evaluate(() => ({
    banners: document.querySelectorAll('[data-aftaletjek-se]').length,
    sheets: document.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.cssText.includes('data-aftaletjek'))).length,
    scanned: document.documentElement.hasAttribute('data-aftaletjek-scanned'),
  }));
}

describe('the overlay in real Firefox', () => {
  const session = useFirefox({ configured: true });
  // A test that changes the settings and fails midway must not leave them changed for the next.
  beforeEach(() => configure(session()));

  it('speaks Danish, like the municipal Firefox it runs in', async () => {
    const page = await session().openPopup();
    // Without Debian's firefox-esr-l10n-da the extension falls back to English and the Danish texts below fail.
    expect(await page.evaluate(() => browser.i18n.getUILanguage())).toMatch(/^da/);
    await page.close();
  });

  describe('the SE check on an agreement page', () => {
    it.each(SE_CASES)('%s: one banner for %s says %s (found %s; %s)', async (path, id, verdict, found) => {
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

    it('names the number found and the number expected on a mismatch, styled, at the top of the page', async () => {
      const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
      const { text } = await readBanner(page);
      expect(text).toContain('godkend ikke aftalen');
      expect(text).toContain('Aftalen angiver SE-nr. 55133018, men kommunens SE-nr. er 29189757.');
      const box = await page.evaluate(() => {
        const host = document.querySelector('[data-aftaletjek-se]')!;
        return { top: host.getBoundingClientRect().top, width: host.getBoundingClientRect().width, background: getComputedStyle(host.shadowRoot!.querySelector('.banner')!).backgroundColor };
      });
      // The shadow root's constructed stylesheet applies in Firefox too (the warning colour).
      expect(box).toEqual({ top: 0, width: expect.any(Number), background: 'rgb(253, 236, 236)' });
      expect(box.width).toBeGreaterThan(1000);
      await page.close();
    });

    it('names both numbers when the page carries two different SE numbers', async () => {
      const page = await openReady(session(), '/aftale/sf0770-e-to-se');
      expect((await readBanner(page)).text).toContain('flere forskellige SE-numre: 29189757 og 55133018');
      await page.close();
    });

    it('copies the ready-made Danish message for the KLIK task to the clipboard', async () => {
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
      // Content scripts cannot open the options page; the event page does it on request. (With an options
      // tab already open, Firefox focuses it instead: close the one the harness keeps for storage.)
      await session().releaseStoragePage();
      const tabs = (await session().browser.pages()).length;
      await clickByText(page, 'button', 'Åbn indstillinger', { scope: 'banner' });
      await expect.poll(async () => (await session().browser.pages()).length).toBe(tabs + 1);
      const opened = (await session().browser.pages()).at(-1)!;
      await expect.poll(() => opened.evaluate(() => location.href)).toBe(session().extensionUrl('src/options/index.html'));
      await opened.close();
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

  describe('the guards on Godkend and Afvis', () => {
    it('holds a Godkend click on an SE mismatch from the portal’s handler until confirmed', async () => {
      const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
      await page.click('#godkend');
      await expect.poll(() => dialogText(page)).toContain('Aftalen angiver SE-nr. 55133018, men kommunens SE-nr. er 29189757.');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await clickByText(page, 'button', 'Godkend ikke', { scope: 'dialog' });
      await expect.poll(() => dialogText(page)).toBeNull();
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

      // The button stays clickable; a confirmed click reaches the portal once.
      await page.click('#godkend');
      await expect.poll(() => dialogText(page)).not.toBeNull();
      await clickByText(page, 'button', 'Godkend alligevel', { scope: 'dialog' });
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
      expect(await dialogText(page)).toBeNull();
      await expect.poll(() => markSummary(page)).toEqual(['SF0770_A:approved']);
      await page.close();
    });

    it('holds a Godkend click that lands while the portal re-renders the page at a new address, before Aftaletjek read it again', async () => {
      const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
      await page.evaluate(rerenderAndClickGodkend);
      await expect.poll(() => dialogText(page)).toContain('Aftalen angiver SE-nr. 55133018');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await clickByText(page, 'button', 'Godkend ikke', { scope: 'dialog' });
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await page.close();
    });

    it('holds Godkend on a component library button whose inner button sits in a closed shadow root', async () => {
      session().servePortal('/aftale/lukket-knap', withClosedGodkend(readFileSync('test/fixtures/portal/aftale/sf0770-a-forkert-se.html', 'utf8')));
      const page = await openReady(session(), '/aftale/lukket-knap');
      await page.click('lib-button');
      await expect.poll(() => dialogText(page)).toContain('SE-nummeret er forkert');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await clickByText(page, 'button', 'Godkend alligevel', { scope: 'dialog' });
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
      await page.close();
    });

    it('holds keyboard activation of Godkend too (Enter and Space), and Escape dismisses', async () => {
      const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
      for (const key of ['Enter', ' '] as const) {
        await page.focus('#godkend');
        await page.keyboard.press(key);
        await expect.poll(() => dialogText(page)).toContain('SE-nummeret er forkert');
        await page.keyboard.press('Escape');
        await expect.poll(() => dialogText(page)).toBeNull();
      }
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await page.close();
    });

    it('lets Godkend straight through when the SE number matches', async () => {
      const page = await openReady(session(), '/aftale/sf0770-a-korrekt-se');
      await page.click('#godkend');
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
      expect(await dialogText(page)).toBeNull();
      await page.close();
    });

    it('reminds to ask the supplier in the message field before Afvis, then lets it proceed', async () => {
      const page = await openReady(session(), '/aftale/sf1470');
      await page.click('#afvis');
      await expect.poll(() => dialogText(page)).toContain('stil et spørgsmål i beskedfeltet');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

      await clickByText(page, 'button', 'Skriv i beskedfeltet', { scope: 'dialog' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('besked');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

      await page.click('#afvis');
      await expect.poll(() => dialogText(page)).not.toBeNull();
      await clickByText(page, 'button', 'Afvis alligevel', { scope: 'dialog' });
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 0, rejected: 1 });
      await page.close();
    });

    it('guards nothing on an older version of an SE agreement (a look-alike)', async () => {
      const page = await openReady(session(), '/aftale/sf0770-a-v2');
      await page.click('#godkend');
      await page.click('#afvis');
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 1 });
      expect(await dialogText(page)).toBeNull();
      await page.close();
    });
  });

  // Last in the file: the reload closes the extension's pages.
  describe('after Firefox reloads the extension (an update, or disable and enable)', () => {
    it('leaves one banner, current marks and one stylesheet in the tabs already open, and keeps guarding', async () => {
      const agreement = await openReady(session(), '/aftale/sf0770-a-forkert-se');
      const list = await openReady(session(), '/aftaler/tabel');
      const spa = await openReady(session(), '/spa/');
      await expect.poll(() => markSummary(spa), { timeout: 5_000 }).toHaveLength(5);
      await clickByText(spa, 'a', /personoplysninger v3/);
      await expect.poll(async () => (await readBanner(spa)).se, { timeout: 5_000 }).toBe('mismatch');
      expect(await ownPieces(agreement)).toEqual({ banners: 1, sheets: 1, scanned: true });

      // Firefox destroys the old content scripts without cleanup and injects the new ones into these tabs.
      // (The "scanned" hook is taken away first, so that its return says the new instance has scanned.)
      for (const page of [agreement, list, spa]) await page.evaluate(() => document.documentElement.removeAttribute('data-aftaletjek-scanned'));
      await session().reloadExtension();
      for (const page of [agreement, list, spa]) {
        await page.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'), { timeout: 10_000 });
        expect(await ownPieces(page)).toEqual({ banners: page === list ? 0 : 1, sheets: 1, scanned: true });
      }
      expect(await readBanner(agreement)).toMatchObject({ count: 1, se: 'mismatch' });
      expect(await markSummary(list)).toEqual(TABLE_AARHUS);

      // The banner shown is the new instance's: it follows a settings change.
      await agreement.bringToFront();
      await configure(session(), { expectedSe: null });
      await expect.poll(async () => (await readBanner(agreement)).se).toBe('unconfigured');
      expect((await readBanner(agreement)).count).toBe(1);
      await configure(session());
      await expect.poll(async () => (await readBanner(agreement)).se).toBe('mismatch');

      // One guard, one dialog.
      await agreement.click('#godkend');
      await expect.poll(() => dialogText(agreement)).toContain('SE-nummeret er forkert');
      expect(await agreement.evaluate(() => document.querySelectorAll('aftaletjek-dialog').length)).toBe(1);
      await clickByText(agreement, 'button', 'Godkend ikke', { scope: 'dialog' });
      expect(await portalCounts(agreement)).toEqual({ approved: 0, rejected: 0 });

      // In the single-page app the banner still belongs to its page: back to the list, none is left.
      await spa.bringToFront();
      await spa.goBack({ timeout: 2_000 }).catch(() => null);
      await expect.poll(() => markSummary(spa), { timeout: 5_000 }).toHaveLength(5);
      expect((await readBanner(spa)).count).toBe(0);
      for (const page of [agreement, list, spa]) await page.close();
    });
  });
});
