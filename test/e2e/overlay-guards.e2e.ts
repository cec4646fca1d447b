import { describe, expect, it } from 'vitest';
import { markSummary, openReady, useConfiguredBrowser } from './overlay-support';
import { dialogText, portalCounts } from './shared/overlay';

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

  it('guards nothing on a list, even a button named Godkend', async () => {
    session().servePortal(
      '/aftaler/med-knapper',
      '<!doctype html><html lang="da"><body><table><tbody><tr><td>SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune</td>' +
        '<td>Afventer godkendelse</td><td><button id="godkend" onclick="document.body.dataset.portalApproved = 1">Godkend</button></td></tr>' +
        '<tr><td>SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune</td><td>Afventer</td>' +
        '<td><button id="afvis" onclick="document.body.dataset.portalRejected = 1">Afvis</button></td></tr></tbody></table></body></html>',
    );
    const page = await openReady(session(), '/aftaler/med-knapper');
    expect(await markSummary(page)).toEqual(['SF0770_A:pending', 'SF1470:pending']);
    await page.locator('#godkend').click();
    await page.locator('#afvis').click();
    expect(await dialogText(page)).toBeNull();
    expect(await portalCounts(page)).toEqual({ approved: 1, rejected: 1 });
    await page.close();
  });

});
