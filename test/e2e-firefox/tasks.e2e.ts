/**
 * Any KLIK task, in real Firefox (mirrors test/e2e/tasks.e2e.ts with the same task text and portal list):
 * from the task's text to a working task, its agreements marked on a portal list and counted in the popup,
 * SF 02 beside it with its own progress; an SE number failing the modulus-11 check saved only after
 * "Gem alligevel".
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../src/core/pack';
import { EXPECTED_SE, progressRecord, settingsRecord } from '../e2e/shared/store';
import { markSummary } from '../e2e/shared/overlay';
import {
  MOMENTUM_DROP,
  MOMENTUM_KEPT,
  MOMENTUM_LIST_PATH,
  MOMENTUM_MARKS,
  MOMENTUM_PACK_ID,
  MOMENTUM_PREVIEW,
  MOMENTUM_SE_ON,
  MOMENTUM_TEXT,
  MOMENTUM_TITLE,
  momentumList,
} from '../e2e/shared/tasks';
import type { FirefoxSession } from './harness';
import { clickByText, openReady, useFirefox } from './support';

const LOAD_TIMEOUT = 15_000;

async function openReadyPage(session: FirefoxSession, path: string, selector: string, width?: number): Promise<Page> {
  const page = await session.openExtensionPage(path);
  if (width) await page.setViewport({ width, height: 600 });
  await page.waitForSelector(selector, { timeout: LOAD_TIMEOUT });
  return page;
}
const openOptions = (s: FirefoxSession) => openReadyPage(s, 'src/options/index.html', '#expectedSe');
const openPopup = (s: FirefoxSession) => openReadyPage(s, 'src/popup/index.html', '[data-aftaletjek-progress]', 380);
const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
const progressHook = (page: Page) => page.$eval('[data-aftaletjek-progress]', (el) => el.getAttribute('data-aftaletjek-progress'));
const previewRows = (page: Page) =>
  page.$$eval('[data-aftaletjek-pack-preview]', (rows) => rows.map((r) => [r.getAttribute('data-aftaletjek-agreement'), r.getAttribute('data-aftaletjek-se-check')]));

describe('a task from its KLIK text, beside SF 02 (real Firefox)', () => {
  const session = useFirefox();
  const pages: Page[] = [];
  const track = (page: Page) => (pages.push(page), page);
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  it('goes from the pasted text to a working task without any JSON', async () => {
    session().servePortal(MOMENTUM_LIST_PATH, momentumList());
    await session().setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
    const options = track(await openOptions(session()));
    // The field is found by its label, as a user finds it.
    const fieldId = await options.$$eval('label', (labels) => labels.find((l) => l.textContent?.includes('KLIK'))?.htmlFor ?? '');
    expect(fieldId).toBe('klik-text');
    // Pasting: the whole text lands in the field at once.
    await options.focus('#klik-text');
    await options.$eval(
      '#klik-text',
      (el, value) => {
        const area = el as HTMLTextAreaElement;
        area.value = value;
        area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      },
      MOMENTUM_TEXT,
    );
    const before = await session().getStorage();
    await clickByText(options, 'button', 'Læs opgaven');
    await expect.poll(() => previewRows(options)).toEqual(MOMENTUM_PREVIEW);
    expect(await session().getStorage()).toEqual(before);
    expect(await text(options, '[data-aftaletjek-preview-warning="count-mismatch"]')).toContain('Teksten nævner 3 serviceaftaler, men oplister 4');

    const box = await options.$(`[data-aftaletjek-agreement="${MOMENTUM_SE_ON}"] input[type=checkbox]`);
    await box!.click();
    await box!.dispose();
    await clickByText(options, 'button', `Fjern ${MOMENTUM_DROP}`);
    await expect.poll(() => previewRows(options)).toEqual([
      ['SF1500', 'no'],
      ['SF1520', 'yes'],
      ['SF2900', 'yes'],
    ]);
    await clickByText(options, 'button', 'Brug pakken');
    await expect.poll(() => text(options, '#tasks-status')).toContain(`Opgaven »${MOMENTUM_TITLE}« med 3 aftaler er gemt og i brug.`);
    expect(await options.$eval('[data-aftaletjek-pack]', (el) => el.getAttribute('data-aftaletjek-pack'))).toBe(MOMENTUM_PACK_ID);

    const list = track(await openReady(session(), MOMENTUM_LIST_PATH));
    await expect.poll(() => markSummary(list)).toEqual(MOMENTUM_MARKS);

    const popup = track(await openPopup(session()));
    expect(await progressHook(popup)).toBe('0/3');
    expect(await text(popup, '#progress-text')).toBe('0 af 3 godkendt');
    const codes = await popup.$$eval('.agreement-list [data-aftaletjek-agreement]', (els) => els.map((el) => el.getAttribute('data-aftaletjek-agreement')));
    expect(codes.sort()).toEqual([...MOMENTUM_KEPT].sort());
    expect(await popup.$$eval('#task-select option', (os) => os.map((o) => o.textContent))).toEqual([BUILTIN_PACK.title, MOMENTUM_TITLE]);
    expect(await text(popup, 'label[for="task-select"]')).toBe('Opgave');

    // Back to SF 02: its own progress, intact.
    await popup.select('#task-select', BUILTIN_PACK.id);
    await expect.poll(() => progressHook(popup)).toBe('1/5');
    await popup.select('#task-select', MOMENTUM_PACK_ID);
    await expect.poll(() => progressHook(popup)).toBe('0/3');
    const stored = await session().getStorage();
    expect(Object.keys(stored).filter((k) => k.startsWith('progress.klik-sf02.'))).toEqual(['progress.klik-sf02.SF1470']);
    expect(Object.keys(stored).filter((k) => k.startsWith(`progress.${MOMENTUM_PACK_ID}.`)).sort()).toEqual(
      MOMENTUM_KEPT.map((id) => `progress.${MOMENTUM_PACK_ID}.${id}`).sort(),
    );
  });

  it('saves an SE number failing the modulus-11 check only after "Gem alligevel", which says why', async () => {
    await session().clearStorage();
    await session().setStorage(settingsRecord('Aarhus Kommune', EXPECTED_SE));
    const options = track(await openOptions(session()));
    const before = await session().getStorage();
    await options.focus('#expectedSe');
    await options.$eval('#expectedSe', (el) => (el as HTMLInputElement).select());
    await options.keyboard.press('Backspace');
    await options.keyboard.type('13585627');
    await clickByText(options, 'button', 'Gem');
    await options.waitForSelector('#expectedSe-error[data-aftaletjek-error="se-modulus11"]', { timeout: LOAD_TIMEOUT });
    expect(await text(options, '#expectedSe-error')).toContain('summen 142, og den giver rest 10 ved division med 11');
    await expect.poll(() => text(options, '#save-status')).toContain('Intet er gemt.');
    expect(await session().getStorage()).toEqual(before);
    await clickByText(options, 'button', 'Gem alligevel');
    await expect.poll(() => text(options, '#save-status')).toContain('Gemt.');
    expect((await session().getStorage()).settings).toMatchObject({ expectedSe: '13585627' });
  });
});
