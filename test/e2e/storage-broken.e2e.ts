/**
 * Broken storage, end to end (issue 6). Corrupt, unknown, future and half-written data is put straight
 * into storage.local; then the popup, the options page and a portal page are used. The extension keeps
 * working, says what it did in a notice, and never throws away a valid progress record because another
 * record or the settings were bad. The store's unit tests (test/unit/store/*) cover each repair rule one by
 * one; these runs check that the pieces hold together. A full storage is storage-quota.e2e.ts.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noticeKinds, openOptionsReady, openPopupReady, progressHook, scratchFolder, statuses } from './popup-support';
import { TABLE_AARHUS } from './shared/overlay';
import { PACK_ID, progressRecord, settingsRecord } from './shared/store';
import { byLabel, clickRole, EXPECTED_SE, markSummary, openReady, readBanner, readProgress, text, typeInto, useBrowser } from './support';

const PREFIX = `progress.${PACK_ID}.`;

describe('broken storage', () => {
  const files = scratchFolder();
  const session = useBrowser();
  const pages: Page[] = [];
  const track = (page: Page) => (pages.push(page), page);
  const fieldValue = async (page: Page, label: string) => (await byLabel(page, label)).evaluate((el) => (el as HTMLInputElement).value);

  beforeEach(async () => {
    await session().clearStorage();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  it('keeps valid progress when the settings, another record and the notices are broken, and says what it repaired', async () => {
    const valid = progressRecord('SF1470', 'approved');
    const future = { version: 2, state: { code: 'approved' }, seen: ['2031-01-01'] };
    await session().setStorage({
      settings: 'garbage',
      ...valid,
      [`${PREFIX}SF1490`]: { version: 1, status: 'approved' }, // half a record
      [`${PREFIX}SF0770_E`]: future, // from a newer Aftaletjek
      [`${PREFIX}SF9999`]: progressRecord('SF1320', 'pending')[`${PREFIX}SF1320`], // an agreement the pack does not have
      notices: { version: 1, items: [{ id: 'n1', kind: 'migrated', at: '2025-03-01T10:00:00.000Z', detail: 'kept' }, { id: 'n2', kind: 'unknown-kind' }, 42] },
      unrelated: { written: 'by nobody we know' },
    });

    const popup = track(await openPopupReady(session()));
    expect(await progressHook(popup)).toBe('1/5');
    expect(await statuses(popup)).toMatchObject({ SF1470: 'approved', SF1490: 'unseen', SF0770_E: 'unseen' });
    const repaired = ['migrated', 'progress-reset', 'progress-reset', 'settings-reset'];
    await expect.poll(() => noticeKinds(popup)).toEqual(repaired);
    // Each once, also after the store has loaded the progress again (the newer version's record is still
    // there): another record's change makes it load, and the popup shows it.
    await session().setStorage(progressRecord('SF1320', 'approved'));
    await expect.poll(() => progressHook(popup)).toBe('2/5');
    expect(await noticeKinds(popup)).toEqual(repaired);
    const notices = await text(popup, '.notices');
    expect(notices).toContain('unreadable progress for SF1490 cleared');
    expect(notices).toContain('progress for SF0770_E was saved by a newer version');

    const stored = await session().getStorage();
    expect(stored[`${PREFIX}SF1470`], 'the valid record, untouched').toEqual(valid[`${PREFIX}SF1470`]);
    expect(stored, 'the half record is gone').not.toHaveProperty([`${PREFIX}SF1490`]);
    expect(stored[`${PREFIX}SF0770_E`], "a newer version's record is kept").toEqual(future);
    expect(stored.unrelated).toEqual({ written: 'by nobody we know' });
    expect(stored.settings).toEqual(settingsRecord('', null).settings);

    // The options page works on the repaired settings, and saves.
    const options = track(await openOptionsReady(session()));
    expect(await fieldValue(options, 'Kommune')).toBe('');
    await typeInto(options, await byLabel(options, 'Kommune'), 'Aarhus Kommune');
    await typeInto(options, await byLabel(options, 'Kommunens SE-nummer'), EXPECTED_SE);
    await clickRole(options, 'button', 'Gem');
    await expect.poll(() => text(options, '#save-status')).toContain('Gemt.');

    // The portal works, and seeing SF0770_E replaces the newer version's record.
    const list = track(await openReady(session(), '/aftaler/tabel'));
    expect(await markSummary(list)).toEqual(TABLE_AARHUS);
    await expect.poll(async () => ((await session().getStorage())[`${PREFIX}SF0770_E`] as { version?: number } | undefined)?.version).toBe(1);
    expect((await session().getStorage())[`${PREFIX}SF1470`]).toMatchObject({ status: 'approved' });
  });

  it('uses defaults while the settings come from a newer version, keeps them until the user saves, and keeps working', async () => {
    const newer = { version: 3, kommune: { navn: 'Aarhus Kommune' }, se: ['29189757'] };
    await session().setStorage({ settings: newer, ...progressRecord('SF1470', 'approved') });
    const popup = track(await openPopupReady(session()));
    await expect.poll(() => noticeKinds(popup)).toEqual(['settings-reset']);
    expect(await text(popup, '.notices')).toContain('newer version of Aftaletjek (version 3)');
    expect(await progressHook(popup)).toBe('1/5');
    expect((await session().getStorage()).settings, 'kept until the user saves').toEqual(newer);

    // Without an expected SE number the SE agreement's page says the check is not set up.
    const agreement = track(await openReady(session(), '/aftale/sf0770-a-korrekt-se'));
    expect(await readBanner(agreement)).toMatchObject({ count: 1, se: 'unconfigured' });

    const options = track(await openOptionsReady(session()));
    await typeInto(options, await byLabel(options, 'Kommunens SE-nummer'), EXPECTED_SE);
    await clickRole(options, 'button', 'Gem');
    await expect.poll(async () => (await session().getStorage()).settings).toMatchObject({ version: 2, expectedSe: EXPECTED_SE });
    // The open portal tab follows the saved settings.
    await expect.poll(async () => (await readBanner(agreement)).se).toBe('match');
    // Its report of the new state is stored before the next test clears the store, so it cannot land after.
    await expect.poll(async () => (await readProgress(session())).SF0770_A?.se?.verdict).toBe('match');
  });

  it('moves version-0 keys into the settings record, drops what does not validate, and keeps a valid field of a bad record', async () => {
    await session().setStorage({ kommune: 'Aarhus Kommune', se: '1234567' });
    const popup = track(await openPopupReady(session()));
    await expect.poll(() => noticeKinds(popup)).toEqual(['migrated']);
    expect(await text(popup, '.notices')).toContain('invalid se dropped');
    expect(await session().getStorage()).toEqual(expect.objectContaining({ settings: settingsRecord('Aarhus Kommune', null).settings }));
    expect(await session().getStorage()).not.toHaveProperty('kommune');

    await session().clearStorage();
    await session().setStorage({ settings: { ...(settingsRecord('Aarhus Kommune', EXPECTED_SE).settings as object), municipality: 42, packs: 'x' } });
    const agreement = track(await openReady(session(), '/aftale/sf0770-a-korrekt-se'));
    expect(await readBanner(agreement), 'the valid SE number is kept').toMatchObject({ count: 1, se: 'match', found: EXPECTED_SE });
    expect((await session().getStorage()).settings).toMatchObject({ municipality: '', expectedSe: EXPECTED_SE, packs: [] });
    // The tab's report is stored before the next test takes its snapshot of the store.
    await expect.poll(async () => (await readProgress(session())).SF0770_A?.se?.verdict).toBe('match');
  });

  it('refuses a half-written settings file and changes nothing', async () => {
    await session().setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
    const before = await session().getStorage();
    const whole = JSON.stringify(
      { format: 'aftaletjek-settings', version: 1, municipality: 'Odense Kommune', expectedSe: '55133018', customPack: null },
      null,
      2,
    );
    for (const [name, half] of [
      ['halv.json', whole.slice(0, whole.length / 2)],
      ['uden-slutning.json', whole.slice(0, -1)],
    ]) {
      // A fresh options page each time: what it shows after the refusal is what is stored.
      const options = track(await openOptionsReady(session()));
      const input = (await options.waitForSelector('#settings-file')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(files.file(name!, half!));
      await expect.poll(() => text(options, '#settings-file-status')).toContain('Filen blev ikke importeret, og intet er ændret.');
      expect(await text(options, '#settings-file-status')).toContain('not valid JSON');
      expect(await session().getStorage()).toEqual(before);
    }
    const reopened = track(await openOptionsReady(session()));
    expect(await fieldValue(reopened, 'Kommune')).toBe('Aarhus Kommune');
  });
});
