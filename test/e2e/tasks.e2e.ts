/**
 * Any KLIK task, in real Chromium: from the task's text to a working task (paste, preview, correct, use),
 * its agreements marked on a portal list and counted in the popup; several tasks side by side with their own
 * progress; the options page opened right after install saving what was typed; an SE number failing the
 * modulus-11 check saved only after "Gem alligevel".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BUILTIN_PACK } from '../../src/core/pack';
import { launchWithExtension, type ExtensionSession } from '../../bench/harness';
import { EXPECTED_SE, openOptionsReady, openPopupReady, progressHook, progressRecord, seriousViolations, settingsRecord } from './popup-support';
import { markSummary } from './shared/overlay';
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

const previewRows = (page: Page) =>
  page.$$eval('[data-aftaletjek-pack-preview]', (rows) =>
    rows.map((r) => [r.getAttribute('data-aftaletjek-agreement'), r.getAttribute('data-aftaletjek-se-check')]),
  );

describe('a task from its KLIK text, beside SF 02 (real Chromium)', () => {
  let session: ExtensionSession;
  const pages: Page[] = [];
  const track = (page: Page) => (pages.push(page), page);

  beforeAll(async () => {
    session = await launchWithExtension();
    session.servePortal(MOMENTUM_LIST_PATH, momentumList());
    await session.setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
    expect(session.pageErrors.filter((e) => e.includes(session.extensionId))).toEqual([]);
  });

  it('reads the pasted text into a preview, takes the corrections, and makes the task active', async () => {
    const options = track(await openOptionsReady(session));
    const field = options.getByLabel(/KLIK/);
    expect(await field.evaluate((el) => el.localName)).toBe('textarea');
    await field.fill(MOMENTUM_TEXT);
    const before = await session.getStorage();
    await options.getByRole('button', { name: 'Læs opgaven' }).click();
    await expect.poll(() => previewRows(options)).toEqual(MOMENTUM_PREVIEW);
    expect(await session.getStorage(), 'nothing is saved before "Brug pakken"').toEqual(before);
    expect(await options.innerText('.pack-preview')).toContain('14/3');
    expect(await options.innerText('.pack-preview')).toContain('KMD');
    expect(await options.locator('[data-aftaletjek-preview-warning]').count()).toBe(1);
    expect(await options.innerText('[data-aftaletjek-preview-warning="count-mismatch"]')).toContain('Teksten nævner 3 serviceaftaler, men oplister 4');
    expect(await seriousViolations(options)).toEqual([]);

    // Corrections: SE check on for one row, another row dropped.
    await options.locator(`[data-aftaletjek-agreement="${MOMENTUM_SE_ON}"] input[type=checkbox]`).check();
    await options.getByRole('button', { name: `Fjern ${MOMENTUM_DROP}` }).click();
    await expect.poll(() => previewRows(options)).toEqual([
      ['SF1500', 'no'],
      ['SF1520', 'yes'],
      ['SF2900', 'yes'],
    ]);
    await options.getByRole('button', { name: 'Brug pakken' }).click();
    await expect.poll(() => options.innerText('#tasks-status')).toContain(`Opgaven »${MOMENTUM_TITLE}« med 3 aftaler er gemt og i brug.`);
    expect(await options.getAttribute('[data-aftaletjek-pack]', 'data-aftaletjek-pack')).toBe(MOMENTUM_PACK_ID);
    const settings = (await session.getStorage()).settings as { activePackId: string; packs: { id: string; agreements: { id: string; seCheck: boolean }[] }[] };
    expect(settings.activePackId).toBe(MOMENTUM_PACK_ID);
    expect(settings.packs.map((p) => p.id)).toEqual([MOMENTUM_PACK_ID]);
    expect(settings.packs[0]!.agreements.map((a) => [a.id, a.seCheck])).toEqual([
      ['SF1500', false],
      ['SF1520', true],
      ['SF2900', true],
    ]);
  });

  it('marks the task\'s agreements on a portal list, and nothing else', async () => {
    const list = track(await session.openPortal(MOMENTUM_LIST_PATH));
    await list.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'));
    await expect.poll(() => markSummary(list)).toEqual(MOMENTUM_MARKS);
  });

  it('shows "0 af 3 godkendt" in the popup, then "3 af 3" after they are approved; SF 02\'s progress stays its own', async () => {
    const popup = track(await openPopupReady(session));
    expect(await progressHook(popup)).toBe('0/3');
    expect(await popup.innerText('#progress-text')).toBe('0 af 3 godkendt');
    const codes = await popup.$$eval('.agreement-list [data-aftaletjek-agreement]', (els) => els.map((el) => el.getAttribute('data-aftaletjek-agreement')));
    expect(codes.sort()).toEqual([...MOMENTUM_KEPT].sort());

    const switcher = popup.getByLabel('Opgave', { exact: true });
    expect(await switcher.evaluate((el) => el.localName)).toBe('select');
    expect(await switcher.locator('option').allInnerTexts()).toEqual([BUILTIN_PACK.title, MOMENTUM_TITLE]);
    await switcher.selectOption({ label: BUILTIN_PACK.title });
    await expect.poll(() => progressHook(popup)).toBe('1/5');
    expect(await popup.innerText('#progress-text')).toBe('1 af 5 godkendt');
    expect(await popup.getAttribute('.agreement-list [data-aftaletjek-agreement="SF1470"]', 'data-aftaletjek-status')).toBe('approved');

    await switcher.selectOption({ label: MOMENTUM_TITLE });
    await expect.poll(() => progressHook(popup)).toBe('0/3');
    // The portal list now counts for this task only.
    session.servePortal(MOMENTUM_LIST_PATH, momentumList().replace(/Afventer godkendelse|Udgivet til underskrift/g, 'Godkendt'));
    const list = track(await session.openPortal(MOMENTUM_LIST_PATH));
    await list.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'));
    await expect.poll(() => progressHook(popup), { timeout: 10_000 }).toBe('3/3');
    const stored = await session.getStorage();
    expect(Object.keys(stored).filter((k) => k.startsWith('progress.klik-sf02.'))).toEqual(['progress.klik-sf02.SF1470']);
    expect(Object.keys(stored).filter((k) => k.startsWith(`progress.${MOMENTUM_PACK_ID}.`)).sort()).toEqual(
      MOMENTUM_KEPT.map((id) => `progress.${MOMENTUM_PACK_ID}.${id}`).sort(),
    );

    // The finished task stays as a record; back on SF 02 its own progress is intact.
    await switcher.selectOption({ label: BUILTIN_PACK.title });
    await expect.poll(() => progressHook(popup)).toBe('1/5');
    expect(await seriousViolations(popup)).toEqual([]);
  });

  it('keeps the finished task in the options page until the user removes it, with its progress', async () => {
    const options = track(await openOptionsReady(session));
    const task = options.locator(`[data-aftaletjek-task="${MOMENTUM_PACK_ID}"]`);
    await expect.poll(() => task.innerText()).toContain('3 af 3 godkendt');
    await options.getByRole('button', { name: `Fjern »${MOMENTUM_TITLE}«` }).click();
    await options.getByRole('button', { name: 'Ja, fjern den' }).click();
    await expect.poll(() => task.count()).toBe(0);
    const stored = await session.getStorage();
    expect(Object.keys(stored).filter((k) => k.startsWith(`progress.${MOMENTUM_PACK_ID}.`))).toEqual([]);
    expect(stored['progress.klik-sf02.SF1470']).toBeDefined();
  });
});

describe('the options page right after install (real Chromium, fresh profile)', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('saves what was typed at once, says "Gemt." and shows it again on the next open', async () => {
    // Opened as soon as the service worker runs: the first managed-storage read of the profile is still pending.
    session = await launchWithExtension({ settle: false });
    const options = await session.openOptions();
    await options.waitForSelector('#expectedSe', { timeout: 20_000 });
    await options.getByLabel('Kommune', { exact: true }).fill('Vejle Kommune');
    await options.getByLabel('Kommunens SE-nummer', { exact: true }).fill('55 13 30 18');
    await options.getByRole('button', { name: 'Gem', exact: true }).click();
    await expect.poll(() => options.innerText('#save-status'), { timeout: 20_000 }).toContain('Gemt.');
    expect((await session.getStorage()).settings).toMatchObject({ municipality: 'Vejle Kommune', expectedSe: '55133018' });
    await options.close();
    const again = await openOptionsReady(session);
    expect(await again.getByLabel('Kommune', { exact: true }).inputValue()).toBe('Vejle Kommune');
    expect(await again.getByLabel('Kommunens SE-nummer', { exact: true }).inputValue()).toBe('55133018');
  });

  it('shows a wrong SE number as an error when the field is left, before anything is saved', async () => {
    session = await launchWithExtension({ settle: false });
    const options = await session.openOptions();
    await options.waitForSelector('#expectedSe', { timeout: 20_000 });
    await options.getByLabel('Kommunens SE-nummer', { exact: true }).fill('1234 567');
    await options.getByLabel('Kommune', { exact: true }).focus();
    await options.locator('#expectedSe-error[data-aftaletjek-error="se-format"]').waitFor();
    expect(await options.innerText('#save-status')).toBe('');
  });
});

describe('an SE number that fails the modulus-11 check (real Chromium)', () => {
  let session: ExtensionSession;
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

  it('is saved only after "Gem alligevel", which says why the check failed', async () => {
    const options = await openOptionsReady(session);
    const before = await session.getStorage();
    await options.getByLabel('Kommunens SE-nummer', { exact: true }).fill('13585627');
    await options.getByRole('button', { name: 'Gem', exact: true }).click();
    const error = options.locator('#expectedSe-error');
    await error.waitFor();
    expect(await error.getAttribute('data-aftaletjek-error')).toBe('se-modulus11');
    expect(await error.innerText()).toContain('summen 142, og den giver rest 10 ved division med 11');
    await expect.poll(() => options.innerText('#save-status')).toContain('Intet er gemt.');
    expect(await session.getStorage()).toEqual(before);

    await options.getByRole('button', { name: 'Gem alligevel' }).click();
    await expect.poll(() => options.innerText('#save-status')).toContain('Gemt.');
    expect((await session.getStorage()).settings).toMatchObject({ expectedSe: '13585627' });
    await options.locator('[data-aftaletjek-se-note="modulus11"]').waitFor();
    expect(await seriousViolations(options)).toEqual([]);

    // The check on the portal stays equality of the 8 digits.
    const context = (await options.evaluate(() => chrome.runtime.sendMessage({ type: 'aftaletjek:get-context' }))) as { expectedSe: string };
    expect(context.expectedSe).toBe('13585627');
    await options.close();
  });
});
