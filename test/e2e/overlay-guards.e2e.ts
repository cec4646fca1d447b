/**
 * The guards on Godkend and Afvis, in both browsers: a Godkend on an SE mismatch (or an SE number not
 * checked) is held from the portal's own handler until confirmed, by mouse and keyboard, also while the
 * portal re-renders and on a component library's button in a closed shadow root; Afvis gets its reminder;
 * look-alikes and other agreements go straight through. Last: the extension reloaded under open tabs.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { dialogText, portalCounts, rerenderAndClickGodkend, TABLE_AARHUS, withClosedGodkend } from './shared/overlay';
import { clickByText, configure, IS_FIREFOX, markSummary, openReady, readBanner, useConfiguredBrowser } from './support';

/** Aftaletjek's own pieces in a page: banners, its stylesheets adopted on the document, the "scanned" hook. */
function ownPieces(page: Page) {
  return page.evaluate(() => ({
    banners: document.querySelectorAll('[data-aftaletjek-se]').length,
    sheets: document.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.cssText.includes('data-aftaletjek'))).length,
    scanned: document.documentElement.hasAttribute('data-aftaletjek-scanned'),
  }));
}

const inDialog = { scope: 'dialog' } as const;

describe('the guards on Godkend and Afvis', () => {
  const session = useConfiguredBrowser();

  it('holds a Godkend click on an SE mismatch from the portal’s handler until confirmed, naming the mismatch', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    await page.click('#godkend');
    await expect.poll(() => dialogText(page)).toContain('Aftalen angiver SE-nr. 55133018, men kommunens SE-nr. er 29189757.');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await clickByText(page, 'button', 'Godkend ikke', inDialog);
    await expect.poll(() => dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

    // The button stays clickable; a confirmed click reaches the portal once.
    await page.click('#godkend');
    await expect.poll(() => dialogText(page)).not.toBeNull();
    await clickByText(page, 'button', 'Godkend alligevel', inDialog);
    await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
    expect(await dialogText(page)).toBeNull();
    // The portal shows the new status; the mark follows it.
    await expect.poll(() => markSummary(page)).toEqual(['SF0770_A:approved']);
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

    await clickByText(page, 'button', 'Skriv i beskedfeltet', inDialog);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('besked');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

    await page.click('#afvis');
    await expect.poll(() => dialogText(page)).not.toBeNull();
    await clickByText(page, 'button', 'Afvis alligevel', inDialog);
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

  it('on a list, holds Godkend of an SE agreement whose SE number was not checked, reminds before Afvis, and lets other agreements through', async () => {
    const row = (name: string, status: string, id: string, label: string, counter: string) =>
      `<tr><td>${name}</td><td>${status}</td><td><button id="${id}" onclick="document.body.dataset.${counter} = Number(document.body.dataset.${counter} || 0) + 1">${label}</button></td></tr>`;
    session().servePortal(
      '/aftaler/med-knapper',
      '<!doctype html><html lang="da"><body><table><tbody>' +
        row(
          'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune',
          'Afventer godkendelse',
          'godkend',
          'Godkend',
          'portalApproved',
        ) +
        row('SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'Afventer', 'godkend-1470', 'Godkend', 'portalApproved') +
        row('SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'Afventer', 'afvis', 'Afvis', 'portalRejected') +
        row('SF0770_A - SKAT Indkomst - Opslag personoplysninger v2 - KP PROD – Aarhus Kommune', 'Afventer', 'godkend-v2', 'Godkend', 'portalApproved') +
        '</tbody></table></body></html>',
    );
    const page = await openReady(session(), '/aftaler/med-knapper');
    expect(await markSummary(page)).toEqual(['SF0770_A:pending', 'SF1470:pending', 'SF1470:pending']);

    // SF0770_A's SE number is not shown on a list and was never read in this tab: confirm first.
    await page.click('#godkend');
    await expect.poll(() => dialogText(page)).toContain('SE-nummeret er ikke kontrolleret');
    expect(await dialogText(page)).toContain('Parametre');
    await clickByText(page, 'button', 'Godkend ikke', inDialog);
    await expect.poll(() => dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

    // An agreement without SE check and a look-alike go straight through; Afvis gets its reminder.
    await page.click('#godkend-1470');
    await page.click('#godkend-v2');
    await expect.poll(() => portalCounts(page)).toEqual({ approved: 2, rejected: 0 });
    expect(await dialogText(page)).toBeNull();
    await page.click('#afvis');
    await expect.poll(() => dialogText(page)).toContain('stil et spørgsmål i beskedfeltet');
    await clickByText(page, 'button', 'Afvis alligevel', inDialog);
    await expect.poll(() => portalCounts(page)).toEqual({ approved: 2, rejected: 1 });
    await page.close();
  });

  it('on a list, lets Godkend of an SE agreement through once its SE number matched on its page in this tab', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-korrekt-se');
    await page.evaluate(() => history.pushState(null, '', '/aftaler/med-knapper-2'));
    await page.evaluate(() => {
      document.body.innerHTML =
        '<table><tbody><tr><td>SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune</td><td>Afventer</td>' +
        '<td><button id="row-godkend">Godkend</button></td></tr></tbody></table>';
      document.getElementById('row-godkend')!.addEventListener('click', () => (document.body.dataset.portalApproved = '1'));
    });
    await expect.poll(() => markSummary(page)).toEqual(['SF0770_A:pending']);
    await page.click('#row-godkend');
    await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
    expect(await dialogText(page)).toBeNull();
    await page.close();
  });

  it('holds a Godkend click that lands while the portal re-renders the page at a new address, before Aftaletjek read it again', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    await page.evaluate(rerenderAndClickGodkend);
    await expect.poll(() => dialogText(page)).toContain('Aftalen angiver SE-nr. 55133018');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await clickByText(page, 'button', 'Godkend ikke', inDialog);
    await expect.poll(() => dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await page.close();
  });

  it('holds Godkend on a component library button whose inner button sits in a closed shadow root', async () => {
    session().servePortal('/aftale/lukket-knap', withClosedGodkend(readFileSync('test/fixtures/portal/aftale/sf0770-a-forkert-se.html', 'utf8')));
    const page = await openReady(session(), '/aftale/lukket-knap');
    await page.click('lib-button');
    await expect.poll(() => dialogText(page)).toContain('SE-nummeret er forkert');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await clickByText(page, 'button', 'Godkend alligevel', inDialog);
    await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
    await page.close();
  });

  // Last in the file: the reload closes the extension's pages.
  it('after the extension reloads (an update, or disable and enable), leaves one banner, current marks and one stylesheet in the open tabs, and keeps guarding', async () => {
    // The app's deep link served as the portal's server does (Chromium reloads the tab below).
    session().servePortal('/spa/aftale/sf0770-a', readFileSync('test/fixtures/portal/spa/index.html', 'utf8'));
    const agreement = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    const list = await openReady(session(), '/aftaler/tabel');
    const spa = await openReady(session(), '/spa/');
    await expect.poll(() => markSummary(spa)).toHaveLength(5);
    await clickByText(spa, 'a', /personoplysninger v3/);
    await expect.poll(async () => (await readBanner(spa)).se).toBe('mismatch');
    expect(await ownPieces(agreement)).toEqual({ banners: 1, sheets: 1, scanned: true });

    // The "scanned" hook is taken away first, so that its return says the new instance has scanned.
    for (const page of [agreement, list, spa]) await page.evaluate(() => document.documentElement.removeAttribute('data-aftaletjek-scanned'));
    await session().reloadExtension();
    // Firefox destroys the old content scripts without cleanup and injects the new ones into these tabs;
    // Chromium leaves the old ones orphaned and injects the new ones only on the tabs' next load.
    if (!IS_FIREFOX) for (const page of [agreement, list, spa]) await page.reload();
    for (const page of [agreement, list, spa]) {
      const banners = page === list ? 0 : 1;
      // (A reloaded app renders its agreement's SE number after the first scan: wait for the banner to come.)
      await page.waitForFunction(
        (n) => document.documentElement.hasAttribute('data-aftaletjek-scanned') && document.querySelectorAll('[data-aftaletjek-se]').length >= n,
        { timeout: 10_000 },
        banners,
      );
      expect(await ownPieces(page)).toEqual({ banners, sheets: 1, scanned: true });
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
    await clickByText(agreement, 'button', 'Godkend ikke', inDialog);
    expect(await portalCounts(agreement)).toEqual({ approved: 0, rejected: 0 });

    // In the single-page app the banner still belongs to its page: back to the list, none is left.
    await spa.bringToFront();
    await spa.goBack({ timeout: 2_000 }).catch(() => null);
    await expect.poll(() => markSummary(spa)).toHaveLength(5);
    expect((await readBanner(spa)).count).toBe(0);
    for (const page of [agreement, list, spa]) await page.close();
  });
});
