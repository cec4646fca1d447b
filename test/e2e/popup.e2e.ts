/**
 * The popup, opened as a tab: progress and statuses seeded in the store's own keys, following the content
 * script while open, the SE warning and the KLIK message copied by keyboard, the done state, a notice shown
 * once, the report files, the reset asked for in the page, the link to the portal, and axe-core.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../src/core/pack';
import { klikMessage } from '../../src/core/summary';
import {
  agreementOrder,
  allApproved,
  EXPECTED_SE,
  expectNewTab,
  focusVisible,
  openPopupReady,
  progressHook,
  progressRecord,
  useExtensionPages,
  seCheck,
  seriousViolations,
  statuses,
  tabTo,
  WRONG_SE,
} from './popup-support';
import { NAME_A, POPUP_AFTER_TABLE, POPUP_SEED_STATUSES, POPUP_SEED_ORDER, popupSeed } from './shared/store';
import { attr, byRole, clickRole, count, openReady, text, value } from './support';

const ADMIN_PORTAL = 'https://admin.serviceplatformen.dk/';

describe('the popup', () => {
  const { session, files } = useExtensionPages();
  let page: Page | undefined;

  afterEach(async () => {
    await page?.close();
    page = undefined;
  });

  it('shows progress and statuses seeded in the store’s own storage keys', async () => {
    await session().setStorage(popupSeed());
    page = await openPopupReady(session());
    expect(await progressHook(page)).toBe('1/5');
    expect(await statuses(page)).toEqual(POPUP_SEED_STATUSES);
    // Outstanding first, in task order; approved after.
    expect(await agreementOrder(page)).toEqual(POPUP_SEED_ORDER);
    expect(await attr(page, '[data-aftaletjek-agreement="SF0770_A"]', 'data-aftaletjek-se')).toBe('match');
    expect(await attr(page, '[data-aftaletjek-agreement="SF1470"]', 'data-aftaletjek-se')).toBeNull();
    const body = await text(page, 'body');
    expect(body).toContain('1 af 5 godkendt');
    expect(body).toContain('Kommune: Aarhus Kommune');
    expect(await text(page, '[data-aftaletjek-agreement="SF0770_E"]')).toContain('Find den: søg efter »SF0770_E«');
    expect(await text(page, '[data-aftaletjek-agreement="SF1320"]')).toContain('Portalen viste »Under behandling«');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
  });

  it('follows what the content script records on a portal page while it is open', async () => {
    page = await openPopupReady(session());
    expect(await progressHook(page)).toBe('0/5');
    const portal = await openReady(session(), '/aftaler/tabel');
    await expect.poll(() => statuses(page!), { timeout: 10_000 }).toEqual(POPUP_AFTER_TABLE);
    expect(await progressHook(page)).toBe('1/5');
    await portal.close();
  });

  it('warns about a wrong SE number and copies the KLIK message, by keyboard alone', async () => {
    await session().setStorage(progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) }));
    page = await openPopupReady(session());
    const expected = klikMessage(BUILTIN_PACK, NAME_A, [WRONG_SE], EXPECTED_SE);
    expect(await value(page, '[data-aftaletjek-klik="SF0770_A"] textarea')).toBe(expected);
    expect(await text(page, '[data-aftaletjek-klik="SF0770_A"] [role="alert"]')).toContain(
      `SE-nummeret i aftalen er ${WRONG_SE}, men kommunens SE-nummer er ${EXPECTED_SE}`,
    );

    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Kopiér besked om SF0770_A');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page!, '[data-aftaletjek-klik="SF0770_A"]')).toContain('Beskeden er kopieret.');
    // Paste it where the user would: what arrives is the message (neither browser lets a test read the
    // clipboard of an extension page, so the paste goes through the keyboard like the user's would).
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste-here' })));
    await page.focus('#paste-here');
    await page.keyboard.down('Control');
    await page.keyboard.press('v');
    await page.keyboard.up('Control');
    await expect.poll(() => value(page!, '#paste-here')).toBe(expected);
  });

  it('shows the done state when all five are approved and the SE numbers are right', async () => {
    await session().setStorage(allApproved());
    page = await openPopupReady(session());
    expect(await progressHook(page)).toBe('5/5');
    expect(await text(page, '[data-aftaletjek-done]')).toContain('Markér KLIK-opgaven som »Fuldført«.');
  });

  it('shows a stored notice once', async () => {
    await session().setStorage({ settings: 'garbage' });
    page = await openPopupReady(session());
    await page.waitForSelector('[data-aftaletjek-notice="settings-reset"]');
    expect(await text(page, '[data-aftaletjek-notice]')).toContain('De gemte indstillinger kunne ikke læses');
    // Shown once: the popup removes what it has shown from the store.
    await expect.poll(async () => ((await session().getStorage()).notices as { items?: unknown[] } | undefined)?.items?.length ?? 0).toBe(0);
    await clickRole(page, 'button', 'Luk besked');
    await expect.poll(() => count(page!, '[data-aftaletjek-notice]')).toBe(0);
    const again = await openPopupReady(session());
    expect(await count(again, '[data-aftaletjek-notice]')).toBe(0);
    await again.close();
  });

  it('exports the report as a Markdown and a CSV file', async () => {
    await session().setStorage({
      ...progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) }),
      ...progressRecord('SF1470', 'approved'),
    });
    page = await openPopupReady(session());
    await clickRole(page, 'button', 'Eksportér rapport');
    const saved = await files.downloaded(2);
    const mdName = [...saved.keys()].find((name) => name.endsWith('.md'))!;
    const csvName = [...saved.keys()].find((name) => name.endsWith('.csv'))!;
    expect(mdName).toMatch(/^aftaletjek-rapport-klik-sf02-\d{4}-\d{2}-\d{2}\.md$/);
    expect(saved.get(mdName)!.toString('utf8')).toContain(`| SF0770_A | ${NAME_A} | Afventer godkendelse |`);
    const csv = saved.get(csvName)!;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csv.toString('utf8').slice(1);
    expect(csvText.split('\r\n')[0]).toBe(
      '"Aftale-id";"Aftale";"Status";"Status i portalen";"SE-kontrol";"SE-nummer i aftalen";"Kommunens SE-nummer";"Sidst set";"Side"',
    );
    expect(csvText).toContain(`"SF0770_A";"${NAME_A}";"Afventer godkendelse";"Afventer godkendelse";"Forkert";"${WRONG_SE}";"${EXPECTED_SE}"`);
    const saidSaved = () =>
      page!.evaluate(
        () => [...document.querySelectorAll<HTMLElement>('[role="status"]')].map((el) => el.innerText).find((t) => t.includes('Rapporten er gemt')) ?? '',
      );
    await expect.poll(saidSaved).toContain(mdName);
    expect(await saidSaved()).toContain(csvName);
  });

  it('resets progress only after confirming in the page', async () => {
    await session().setStorage(progressRecord('SF1470', 'approved'));
    page = await openPopupReady(session());
    await clickRole(page, 'button', 'Nulstil fremdrift');
    await expect.poll(() => page!.evaluate(() => document.activeElement?.textContent)).toBe('Annullér');
    await page.keyboard.press('Enter');
    await expect.poll(() => page!.$eval('#reset-confirm', (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(Object.keys(await session().getStorage())).toContain('progress.klik-sf02.SF1470');

    await clickRole(page, 'button', 'Nulstil fremdrift');
    await clickRole(page, 'button', 'Ja, nulstil');
    await expect.poll(() => progressHook(page!)).toBe('0/5');
    expect(Object.keys(await session().getStorage()).filter((k) => k.startsWith('progress.'))).toEqual([]);
    expect(await text(page, 'body')).toContain('Fremdriften er nulstillet.');
  });

  it('opens the admin portal in a new tab', async () => {
    page = await openPopupReady(session());
    const link = await byRole(page, 'link', 'Åbn administrationsmodulet (åbner i ny fane)');
    expect(await link.evaluate((a) => a.getAttribute('href'))).toBe(ADMIN_PORTAL);
    expect(await link.evaluate((a) => a.getAttribute('target'))).toBe('_blank');
    await expectNewTab(page, ADMIN_PORTAL, () => link.click());
  });

  it.each([
    ['nothing seen', {}],
    ['an SE mismatch and the reset question', progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) })],
    ['all done', allApproved()],
  ])('passes axe-core with no serious or critical violations: %s', async (name, seed) => {
    await session().setStorage(seed);
    page = await openPopupReady(session());
    if (name.includes('reset')) {
      await clickRole(page, 'button', 'Nulstil fremdrift');
      await page.waitForSelector('#reset-confirm:not([hidden])');
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `/tmp/aftaletjek-popup-${session().browserName}-${name.replace(/\W+/g, '-')}.png`, fullPage: true });
  });
});
