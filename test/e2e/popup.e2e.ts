import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { BUILTIN_PACK } from '../../src/core/pack';
import { klikMessage } from '../../src/core/summary';
import { launchWithExtension, type ExtensionSession } from '../../bench/harness';
import { openReady } from './overlay-support';
import {
  allApproved,
  EXPECTED_SE,
  focusVisible,
  openPopupReady,
  progressHook,
  progressRecord,
  seCheck,
  seriousViolations,
  settingsRecord,
  statuses,
  tabTo,
  WRONG_SE,
} from './popup-support';
import { NAME_A, POPUP_AFTER_TABLE, POPUP_SEED_ORDER, POPUP_SEED_STATUSES, popupSeed } from './shared/store';

describe('the popup in real Chromium', () => {
  let session: ExtensionSession;
  let page: Page | undefined;

  beforeAll(async () => {
    session = await launchWithExtension();
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.clearStorage();
    await session.setStorage(settingsRecord('Aarhus Kommune', EXPECTED_SE));
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
    expect(session.pageErrors.filter((e) => e.includes(session.extensionId))).toEqual([]);
  });

  it('shows progress and statuses seeded in the store’s own storage keys', async () => {
    await session.setStorage(popupSeed());
    page = await openPopupReady(session);
    expect(await progressHook(page)).toBe('1/5');
    expect(await statuses(page)).toEqual(POPUP_SEED_STATUSES);
    // Outstanding first, in task order; approved after.
    expect(await page.$$eval('[data-aftaletjek-agreement]', (els) => els.map((el) => el.getAttribute('data-aftaletjek-agreement')))).toEqual(POPUP_SEED_ORDER);
    expect(await page.getAttribute('[data-aftaletjek-agreement="SF0770_A"]', 'data-aftaletjek-se')).toBe('match');
    expect(await page.getAttribute('[data-aftaletjek-agreement="SF1470"]', 'data-aftaletjek-se')).toBeNull();
    const body = await page.innerText('body');
    expect(body).toContain('1 af 5 godkendt');
    expect(body).toContain('Kommune: Aarhus Kommune');
    expect(await page.innerText('[data-aftaletjek-agreement="SF0770_E"]')).toContain('Find den: søg efter »SF0770_E«');
    expect(await page.innerText('[data-aftaletjek-agreement="SF1320"]')).toContain('Portalen viste »Under behandling«');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
  });

  it('follows what the content script records on a portal page while it is open', async () => {
    page = await openPopupReady(session);
    expect(await progressHook(page)).toBe('0/5');
    const portal = await openReady(session, '/aftaler/tabel');
    await expect
      .poll(() => statuses(page!), { timeout: 10_000 })
      .toEqual(POPUP_AFTER_TABLE);
    expect(await progressHook(page)).toBe('1/5');
    await portal.close();
  });

  it('warns about a wrong SE number and copies the KLIK message, by keyboard alone', async () => {
    await session.setStorage(progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) }));
    page = await openPopupReady(session);
    const expected = klikMessage(BUILTIN_PACK, NAME_A, [WRONG_SE], EXPECTED_SE);
    expect(await page.inputValue('[data-aftaletjek-klik="SF0770_A"] textarea')).toBe(expected);
    expect(await page.innerText('[data-aftaletjek-klik="SF0770_A"] [role="alert"]')).toContain(
      `SE-nummeret i aftalen er ${WRONG_SE}, men kommunens SE-nummer er ${EXPECTED_SE}`,
    );

    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Kopiér besked om SF0770_A');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page!.innerText('[data-aftaletjek-klik="SF0770_A"]')).toContain('Beskeden er kopieret.');
    // Paste it where the user would: what arrives is the message (Chromium will not grant clipboard-read to
    // an extension origin, so the paste goes through the keyboard like the user's would).
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste-here' })));
    await page.focus('#paste-here');
    await page.keyboard.press('Control+V');
    expect(await page.inputValue('#paste-here')).toBe(expected);
  });

  it('shows the done state when all five are approved and the SE numbers are right', async () => {
    await session.setStorage(allApproved());
    page = await openPopupReady(session);
    expect(await progressHook(page)).toBe('5/5');
    expect(await page.innerText('[data-aftaletjek-done]')).toContain('Markér KLIK-opgaven som »Fuldført«.');
  });

  it('shows a stored notice once', async () => {
    await session.setStorage({ settings: 'garbage' });
    page = await openPopupReady(session);
    await page.waitForSelector('[data-aftaletjek-notice="settings-reset"]');
    expect(await page.innerText('[data-aftaletjek-notice]')).toContain('De gemte indstillinger kunne ikke læses');
    // Shown once: the popup removes what it has shown from the store.
    await expect
      .poll(async () => ((await session.getStorage()).notices as { items?: unknown[] } | undefined)?.items?.length ?? 0)
      .toBe(0);
    await page.getByRole('button', { name: 'Luk besked' }).click();
    expect(await page.locator('[data-aftaletjek-notice]').count()).toBe(0);
    const again = await openPopupReady(session);
    expect(await again.locator('[data-aftaletjek-notice]').count()).toBe(0);
    await again.close();
  });

  it('exports the report as a Markdown and a CSV file', async () => {
    await session.setStorage({
      ...progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) }),
      ...progressRecord('SF1470', 'approved'),
    });
    page = await openPopupReady(session);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Eksportér rapport' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    const files = await Promise.all(
      downloads.map(async (d) => ({ name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) })),
    );
    const md = files.find((f) => f.name.endsWith('.md'))!;
    const csv = files.find((f) => f.name.endsWith('.csv'))!;
    expect(md.name).toMatch(/^aftaletjek-rapport-klik-sf02-\d{4}-\d{2}-\d{2}\.md$/);
    expect(md.bytes.toString('utf8')).toContain(`| SF0770_A | ${NAME_A} | Afventer godkendelse |`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csv.bytes.toString('utf8').slice(1);
    expect(csvText.split('\r\n')[0]).toBe(
      '"Aftale-id";"Aftale";"Status";"Status i portalen";"SE-kontrol";"SE-nummer i aftalen";"Kommunens SE-nummer";"Sidst set";"Side"',
    );
    expect(csvText).toContain(`"SF0770_A";"${NAME_A}";"Afventer godkendelse";"Afventer godkendelse";"Forkert";"${WRONG_SE}";"${EXPECTED_SE}"`);
    expect(await page.innerText('[role="status"]:has-text("Rapporten er gemt")')).toContain(md.name);
  });

  it('resets progress only after confirming in the page', async () => {
    await session.setStorage(progressRecord('SF1470', 'approved'));
    page = await openPopupReady(session);
    await page.getByRole('button', { name: 'Nulstil fremdrift' }).click();
    await expect.poll(() => page!.evaluate(() => document.activeElement?.textContent)).toBe('Annullér');
    await page.keyboard.press('Enter');
    expect(await page.isHidden('#reset-confirm')).toBe(true);
    expect(Object.keys(await session.getStorage())).toContain('progress.klik-sf02.SF1470');

    await page.getByRole('button', { name: 'Nulstil fremdrift' }).click();
    await page.getByRole('button', { name: 'Ja, nulstil' }).click();
    await expect.poll(() => progressHook(page!)).toBe('0/5');
    expect(Object.keys(await session.getStorage()).filter((k) => k.startsWith('progress.'))).toEqual([]);
    expect(await page.innerText('body')).toContain('Fremdriften er nulstillet.');
  });

  it('opens the admin portal in a new tab', async () => {
    page = await openPopupReady(session);
    const link = page.getByRole('link', { name: /Åbn administrationsmodulet/ });
    expect(await link.getAttribute('href')).toBe('https://admin.serviceplatformen.dk/');
    expect(await link.getAttribute('target')).toBe('_blank');
    const [tab] = await Promise.all([session.context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe('https://admin.serviceplatformen.dk/');
    await tab.close();
  });

  it.each([
    ['nothing seen', {}],
    ['an SE mismatch and the reset question', progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) })],
    ['all done', allApproved()],
  ])('passes axe-core with no serious or critical violations: %s', async (name, seed) => {
    await session.setStorage(seed);
    page = await openPopupReady(session);
    if (name.includes('reset')) await page.getByRole('button', { name: 'Nulstil fremdrift' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `/tmp/aftaletjek-popup-${name.replace(/\W+/g, '-')}.png`, fullPage: true });
  });
});
