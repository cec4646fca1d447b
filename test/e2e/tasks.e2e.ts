/**
 * Any KLIK task, in both browsers: from the task's text to a working task (paste, preview, correct, use),
 * its agreements marked on a portal list and counted in the popup; several tasks side by side with their own
 * progress; the options page opened right after install saving what was typed; an SE number failing the
 * modulus-11 check saved only after "Gem alligevel".
 */
import type { Page } from 'puppeteer-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../src/core/pack';
import { EXPECTED_SE, openOptionsReady, openPopupReady, progressHook, progressRecord, seriousViolations, settingsRecord } from './popup-support';
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
} from './shared/tasks';
import { attr, byLabel, clickRole, count, markSummary, openReady, text, typeInto, useBrowser, value } from './support';

const previewRows = (page: Page) =>
  page.$$eval('[data-aftaletjek-pack-preview]', (rows) =>
    rows.map((r) => [r.getAttribute('data-aftaletjek-agreement'), r.getAttribute('data-aftaletjek-se-check')]),
  );

/** Pastes `pasted` into the focused field: the whole text lands at once, as an input of type insertFromPaste. */
async function paste(page: Page, selector: string, pasted: string): Promise<void> {
  await page.focus(selector);
  await page.$eval(
    selector,
    (el, v) => {
      const area = el as HTMLTextAreaElement;
      area.value = v;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    },
    pasted,
  );
}

describe('a task from its KLIK text, beside SF 02', () => {
  const session = useBrowser();
  const pages: Page[] = [];
  const track = (page: Page) => (pages.push(page), page);

  beforeAll(async () => {
    session().servePortal(MOMENTUM_LIST_PATH, momentumList());
    await session().setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  it('reads the pasted text into a preview, takes the corrections, and makes the task active, without any JSON', async () => {
    const options = track(await openOptionsReady(session()));
    // The field is found by its label, as a user finds it.
    const field = await byLabel(options, 'KLIK-opgavens tekst');
    expect(await field.evaluate((el) => [el.localName, el.id])).toEqual(['textarea', 'klik-text']);
    await paste(options, '#klik-text', MOMENTUM_TEXT);
    const before = await session().getStorage();
    await clickRole(options, 'button', 'Læs opgaven');
    await expect.poll(() => previewRows(options)).toEqual(MOMENTUM_PREVIEW);
    expect(await session().getStorage(), 'nothing is saved before "Brug pakken"').toEqual(before);
    expect(await text(options, '.pack-preview')).toContain('14/3');
    expect(await text(options, '.pack-preview')).toContain('KMD');
    expect(await count(options, '[data-aftaletjek-preview-warning]')).toBe(1);
    expect(await text(options, '[data-aftaletjek-preview-warning="count-mismatch"]')).toContain('Teksten nævner 3 serviceaftaler, men oplister 4');
    expect(await seriousViolations(options)).toEqual([]);

    // Corrections: SE check on for one row, another row dropped.
    const box = (await options.$(`[data-aftaletjek-agreement="${MOMENTUM_SE_ON}"] input[type=checkbox]`))!;
    await box.click();
    await box.dispose();
    await clickRole(options, 'button', `Fjern ${MOMENTUM_DROP}`);
    await expect
      .poll(() => previewRows(options))
      .toEqual([
        ['SF1500', 'no'],
        ['SF1520', 'yes'],
        ['SF2900', 'yes'],
      ]);
    await clickRole(options, 'button', 'Brug pakken');
    await expect.poll(() => text(options, '#tasks-status')).toContain(`Opgaven »${MOMENTUM_TITLE}« med 3 aftaler er gemt og i brug.`);
    expect(await attr(options, '[data-aftaletjek-pack]', 'data-aftaletjek-pack')).toBe(MOMENTUM_PACK_ID);
    const settings = (await session().getStorage()).settings as {
      activePackId: string;
      packs: { id: string; agreements: { id: string; seCheck: boolean }[] }[];
    };
    expect(settings.activePackId).toBe(MOMENTUM_PACK_ID);
    expect(settings.packs.map((p) => p.id)).toEqual([MOMENTUM_PACK_ID]);
    expect(settings.packs[0]!.agreements.map((a) => [a.id, a.seCheck])).toEqual([
      ['SF1500', false],
      ['SF1520', true],
      ['SF2900', true],
    ]);
  });

  it("marks the task's agreements on a portal list, and nothing else", async () => {
    const list = track(await openReady(session(), MOMENTUM_LIST_PATH));
    await expect.poll(() => markSummary(list)).toEqual(MOMENTUM_MARKS);
  });

  it('shows "0 af 3 godkendt" in the popup, then "3 af 3" after they are approved; SF 02\'s progress stays its own', async () => {
    const popup = track(await openPopupReady(session()));
    expect(await progressHook(popup)).toBe('0/3');
    expect(await text(popup, '#progress-text')).toBe('0 af 3 godkendt');
    const codes = await popup.$$eval('.agreement-list [data-aftaletjek-agreement]', (els) => els.map((el) => el.getAttribute('data-aftaletjek-agreement')));
    expect(codes.sort()).toEqual([...MOMENTUM_KEPT].sort());

    // The task switcher is found by its label "Opgave"; each option is a task by its title.
    const switcher = await byLabel(popup, 'Opgave');
    expect(await switcher.evaluate((el) => el.localName)).toBe('select');
    expect(await switcher.$$eval('option', (os) => os.map((o) => [o.textContent, o.value]))).toEqual([
      [BUILTIN_PACK.title, BUILTIN_PACK.id],
      [MOMENTUM_TITLE, MOMENTUM_PACK_ID],
    ]);
    await switcher.select(BUILTIN_PACK.id);
    await expect.poll(() => progressHook(popup)).toBe('1/5');
    expect(await text(popup, '#progress-text')).toBe('1 af 5 godkendt');
    expect(await attr(popup, '.agreement-list [data-aftaletjek-agreement="SF1470"]', 'data-aftaletjek-status')).toBe('approved');

    await switcher.select(MOMENTUM_PACK_ID);
    await expect.poll(() => progressHook(popup)).toBe('0/3');
    // The portal list now counts for this task only.
    session().servePortal(MOMENTUM_LIST_PATH, momentumList().replace(/Afventer godkendelse|Udgivet til underskrift/g, 'Godkendt'));
    track(await openReady(session(), MOMENTUM_LIST_PATH));
    await expect.poll(() => progressHook(popup), { timeout: 10_000 }).toBe('3/3');
    const stored = await session().getStorage();
    expect(Object.keys(stored).filter((k) => k.startsWith('progress.klik-sf02.'))).toEqual(['progress.klik-sf02.SF1470']);
    expect(
      Object.keys(stored)
        .filter((k) => k.startsWith(`progress.${MOMENTUM_PACK_ID}.`))
        .sort(),
    ).toEqual(MOMENTUM_KEPT.map((id) => `progress.${MOMENTUM_PACK_ID}.${id}`).sort());

    // The finished task stays as a record; back on SF 02 its own progress is intact.
    await switcher.select(BUILTIN_PACK.id);
    await expect.poll(() => progressHook(popup)).toBe('1/5');
    expect(await seriousViolations(popup)).toEqual([]);
  });

  it('keeps the finished task in the options page until the user removes it, with its progress', async () => {
    const options = track(await openOptionsReady(session()));
    const task = `[data-aftaletjek-task="${MOMENTUM_PACK_ID}"]`;
    await expect.poll(() => text(options, task)).toContain('3 af 3 godkendt');
    await clickRole(options, 'button', `Fjern »${MOMENTUM_TITLE}«`);
    await clickRole(options, 'button', 'Ja, fjern den');
    await expect.poll(() => count(options, task)).toBe(0);
    const stored = await session().getStorage();
    expect(Object.keys(stored).filter((k) => k.startsWith(`progress.${MOMENTUM_PACK_ID}.`))).toEqual([]);
    expect(stored['progress.klik-sf02.SF1470']).toBeDefined();
  });
});

describe('the options page right after install (fresh profile)', () => {
  /** Opened as soon as the background runs: Chromium's first managed-storage read of the profile is still pending. */
  async function openFresh(session: ReturnType<typeof useBrowser>): Promise<Page> {
    const options = await session().openOptions();
    await options.waitForSelector('#expectedSe', { timeout: 20_000 });
    return options;
  }

  describe('saving', () => {
    const session = useBrowser({ settle: false });

    it('saves what was typed at once, says "Gemt." and shows it again on the next open', async () => {
      const options = await openFresh(session);
      await typeInto(options, await byLabel(options, 'Kommune'), 'Vejle Kommune');
      await typeInto(options, await byLabel(options, 'Kommunens SE-nummer'), '55 13 30 18');
      await clickRole(options, 'button', 'Gem');
      await expect.poll(() => text(options, '#save-status'), { timeout: 20_000 }).toContain('Gemt.');
      expect((await session().getStorage()).settings).toMatchObject({ municipality: 'Vejle Kommune', expectedSe: '55133018' });
      await options.close();
      const again = await openOptionsReady(session());
      expect(await (await byLabel(again, 'Kommune')).evaluate((el) => (el as HTMLInputElement).value)).toBe('Vejle Kommune');
      expect(await (await byLabel(again, 'Kommunens SE-nummer')).evaluate((el) => (el as HTMLInputElement).value)).toBe('55133018');
      await again.close();
    });
  });

  describe('a wrong SE number', () => {
    const session = useBrowser({ settle: false });

    it('shows a wrong SE number as an error when the field is left, before anything is saved', async () => {
      const options = await openFresh(session);
      await typeInto(options, await byLabel(options, 'Kommunens SE-nummer'), '1234 567');
      await (await byLabel(options, 'Kommune')).focus();
      await options.waitForSelector('#expectedSe-error[data-aftaletjek-error="se-format"]');
      expect(await text(options, '#save-status')).toBe('');
      await options.close();
    });
  });
});

describe('an SE number that fails the modulus-11 check', () => {
  const session = useBrowser();
  beforeEach(async () => {
    await session().clearStorage();
    await session().setStorage(settingsRecord('Aarhus Kommune', EXPECTED_SE));
  });

  it('is saved only after "Gem alligevel", which says why the check failed', async () => {
    const options = await openOptionsReady(session());
    const before = await session().getStorage();
    await typeInto(options, await byLabel(options, 'Kommunens SE-nummer'), '13585627');
    await clickRole(options, 'button', 'Gem');
    await options.waitForSelector('#expectedSe-error[data-aftaletjek-error="se-modulus11"]', { timeout: 20_000 });
    expect(await text(options, '#expectedSe-error')).toContain('summen 142, og den giver rest 10 ved division med 11');
    await expect.poll(() => text(options, '#save-status')).toContain('Intet er gemt.');
    expect(await session().getStorage()).toEqual(before);

    await clickRole(options, 'button', 'Gem alligevel');
    await expect.poll(() => text(options, '#save-status')).toContain('Gemt.');
    expect((await session().getStorage()).settings).toMatchObject({ expectedSe: '13585627' });
    await options.waitForSelector('[data-aftaletjek-se-note="modulus11"]');
    expect(await value(options, '#expectedSe')).toBe('13585627');
    expect(await seriousViolations(options)).toEqual([]);

    // The check on the portal stays equality of the 8 digits.
    const context = (await options.evaluate(() => chrome.runtime.sendMessage({ type: 'aftaletjek:get-context' }))) as { expectedSe: string };
    expect(context.expectedSe).toBe('13585627');
    await options.close();
  });
});
