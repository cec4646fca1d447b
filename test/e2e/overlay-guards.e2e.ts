import { describe, expect, it } from 'vitest';
import { markSummary, openReady, useConfiguredBrowser } from './overlay-support';
import { dialogText, portalCounts, rerenderAndClickGodkend, withClosedGodkend } from './shared/overlay';
import { readFileSync } from 'node:fs';

describe('the guards on Godkend and Afvis (real Chromium)', () => {
  const session = useConfiguredBrowser();

  it('holds a Godkend click on an SE mismatch until confirmed, naming the mismatch', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    await page.locator('#godkend').click();
    expect(await dialogText(page)).toContain('Aftalen angiver SE-nr. 55133018, men kommunens SE-nr. er 29189757.');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await page.getByRole('button', { name: 'Godkend ikke', exact: true }).click();
    expect(await dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

    // The button stays clickable; a confirmed click reaches the portal once.
    await page.locator('#godkend').click();
    await page.getByRole('button', { name: 'Godkend alligevel' }).click();
    expect(await portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
    expect(await dialogText(page)).toBeNull();
    // The portal shows the new status; the mark follows it.
    await expect.poll(() => markSummary(page)).toEqual(['SF0770_A:approved']);
    await page.close();
  });

  it('holds keyboard activation of Godkend too (Enter and Space)', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    for (const key of ['Enter', 'Space']) {
      await page.locator('#godkend').focus();
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
    await page.locator('#godkend').click();
    expect(await dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
    await page.close();
  });

  it('reminds to ask the supplier in the message field before Afvis, then lets it proceed', async () => {
    const page = await openReady(session(), '/aftale/sf1470');
    await page.locator('#afvis').click();
    expect(await dialogText(page)).toContain('stil et spørgsmål i beskedfeltet');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

    await page.getByRole('button', { name: 'Skriv i beskedfeltet' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('besked');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

    await page.locator('#afvis').click();
    await page.getByRole('button', { name: 'Afvis alligevel' }).click();
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 1 });
    await page.close();
  });

  it('guards nothing on an older version of an SE agreement (a look-alike)', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-v2');
    await page.locator('#godkend').click();
    await page.locator('#afvis').click();
    expect(await dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 1, rejected: 1 });
    await page.close();
  });

  it('on a list, holds Godkend of an SE agreement whose SE number was not checked, reminds before Afvis, and lets other agreements through', async () => {
    const row = (name: string, status: string, id: string, label: string, counter: string) =>
      `<tr><td>${name}</td><td>${status}</td><td><button id="${id}" onclick="document.body.dataset.${counter} = Number(document.body.dataset.${counter} || 0) + 1">${label}</button></td></tr>`;
    session().servePortal(
      '/aftaler/med-knapper',
      '<!doctype html><html lang="da"><body><table><tbody>' +
        row('SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune', 'Afventer godkendelse', 'godkend', 'Godkend', 'portalApproved') +
        row('SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'Afventer', 'godkend-1470', 'Godkend', 'portalApproved') +
        row('SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'Afventer', 'afvis', 'Afvis', 'portalRejected') +
        row('SF0770_A - SKAT Indkomst - Opslag personoplysninger v2 - KP PROD – Aarhus Kommune', 'Afventer', 'godkend-v2', 'Godkend', 'portalApproved') +
        '</tbody></table></body></html>',
    );
    const page = await openReady(session(), '/aftaler/med-knapper');
    expect(await markSummary(page)).toEqual(['SF0770_A:pending', 'SF1470:pending', 'SF1470:pending']);

    // SF0770_A's SE number is not shown on a list and was never read in this tab: confirm first.
    await page.locator('#godkend').click();
    expect(await dialogText(page)).toContain('SE-nummeret er ikke kontrolleret');
    expect(await dialogText(page)).toContain('Parametre');
    await page.getByRole('button', { name: 'Godkend ikke', exact: true }).click();
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

    // An agreement without SE check and a look-alike go straight through; Afvis gets its reminder.
    await page.locator('#godkend-1470').click();
    await page.locator('#godkend-v2').click();
    expect(await dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 2, rejected: 0 });
    await page.locator('#afvis').click();
    expect(await dialogText(page)).toContain('stil et spørgsmål i beskedfeltet');
    await page.getByRole('button', { name: 'Afvis alligevel' }).click();
    expect(await portalCounts(page)).toEqual({ approved: 2, rejected: 1 });
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
    await page.locator('#row-godkend').click();
    expect(await dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
    await page.close();
  });


  it('holds a Godkend click that lands while the portal re-renders the page at a new address, before Aftaletjek read it again', async () => {
    const page = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    await page.evaluate(rerenderAndClickGodkend);
    await expect.poll(() => dialogText(page)).toContain('Aftalen angiver SE-nr. 55133018');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await page.getByRole('button', { name: 'Godkend ikke', exact: true }).click();
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await page.close();
  });

  it('holds Godkend on a component library button whose inner button sits in a closed shadow root', async () => {
    session().servePortal('/aftale/lukket-knap', withClosedGodkend(readFileSync('test/fixtures/portal/aftale/sf0770-a-forkert-se.html', 'utf8')));
    const page = await openReady(session(), '/aftale/lukket-knap');
    await page.locator('lib-button').click();
    await expect.poll(() => dialogText(page)).toContain('SE-nummeret er forkert');
    expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
    await page.getByRole('button', { name: 'Godkend alligevel' }).click();
    expect(await portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
    await page.close();
  });
});
