/**
 * Broken storage, end to end in real Chromium (issue 6). Corrupt, unknown, future and half-written data is
 * put straight into chrome.storage.local; then the popup, the options page and a portal page are used. The
 * extension keeps working, says what it did in a notice, and never throws away a valid progress record
 * because another record or the settings were bad. A full storage (quota) refuses writes: the options page
 * and the popup say so, the portal keeps working, and nothing stored is lost. The store's unit tests
 * (test/unit/store/*) cover each repair rule one by one; these runs check that the pieces hold together.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../../bench/harness';
import { EXPECTED_SE, markSummary, openReady, readBanner } from './overlay-support';
import { openOptionsReady, openPopupReady, progressHook, statuses } from './popup-support';
import { TABLE_AARHUS } from './shared/overlay';
import { PACK_ID, progressRecord, settingsRecord } from './shared/store';

const PREFIX = `progress.${PACK_ID}.`;

async function noticeKinds(page: Page): Promise<string[]> {
  return page.$$eval('[data-aftaletjek-notice]', (els) => els.map((el) => el.getAttribute('data-aftaletjek-notice') ?? '').sort());
}

describe('broken storage (real Chromium)', () => {
  let session: ExtensionSession;
  const pages: Page[] = [];
  const track = <T extends Page>(page: T) => (pages.push(page), page);

  beforeAll(async () => {
    session = await launchWithExtension();
  });
  beforeEach(async () => {
    await session.clearStorage();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await session?.close();
    expect(session?.pageErrors, 'page errors').toEqual([]);
    expect(session?.foreignRequests, 'requests beyond the portal').toEqual([]);
  });

  it('keeps valid progress when the settings, another record and the notices are broken, and says what it repaired', async () => {
    const valid = progressRecord('SF1470', 'approved');
    const future = { version: 2, state: { code: 'approved' }, seen: ['2031-01-01'] };
    await session.setStorage({
      settings: 'garbage',
      ...valid,
      [`${PREFIX}SF1490`]: { version: 1, status: 'approved' }, // half a record
      [`${PREFIX}SF0770_E`]: future, // from a newer Aftaletjek
      [`${PREFIX}SF9999`]: progressRecord('SF1320', 'pending')[`${PREFIX}SF1320`], // an agreement the pack does not have
      notices: { version: 1, items: [{ id: 'n1', kind: 'migrated', at: '2025-03-01T10:00:00.000Z', detail: 'kept' }, { id: 'n2', kind: 'unknown-kind' }, 42] },
      unrelated: { written: 'by nobody we know' },
    });

    const popup = track(await openPopupReady(session));
    expect(await progressHook(popup)).toBe('1/5');
    expect(await statuses(popup)).toMatchObject({ SF1470: 'approved', SF1490: 'unseen', SF0770_E: 'unseen' });
    await expect.poll(() => noticeKinds(popup)).toEqual(['migrated', 'progress-reset', 'progress-reset', 'settings-reset']);
    // Each once, also after the store has loaded the progress again (the newer version's record is still there).
    await popup.waitForTimeout(1000);
    expect(await noticeKinds(popup)).toEqual(['migrated', 'progress-reset', 'progress-reset', 'settings-reset']);
    const text = await popup.innerText('.notices');
    expect(text).toContain('unreadable progress for SF1490 cleared');
    expect(text).toContain('progress for SF0770_E was saved by a newer version');

    const stored = await session.getStorage();
    expect(stored[`${PREFIX}SF1470`], 'the valid record, untouched').toEqual(valid[`${PREFIX}SF1470`]);
    expect(stored, 'the half record is gone').not.toHaveProperty([`${PREFIX}SF1490`]);
    expect(stored[`${PREFIX}SF0770_E`], "a newer version's record is kept").toEqual(future);
    expect(stored.unrelated).toEqual({ written: 'by nobody we know' });
    expect(stored.settings).toEqual(settingsRecord('', null).settings);

    // The options page works on the repaired settings, and saves.
    const options = track(await openOptionsReady(session));
    expect(await options.getByLabel('Kommune', { exact: true }).inputValue()).toBe('');
    await options.getByLabel('Kommune', { exact: true }).fill('Aarhus Kommune');
    await options.getByLabel('Kommunens SE-nummer', { exact: true }).fill(EXPECTED_SE);
    await options.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => options.innerText('#save-status')).toContain('Gemt.');

    // The portal works, and seeing SF0770_E replaces the newer version's record.
    const list = track(await openReady(session, '/aftaler/tabel'));
    expect(await markSummary(list)).toEqual(TABLE_AARHUS);
    await expect.poll(async () => ((await session.getStorage())[`${PREFIX}SF0770_E`] as { version?: number } | undefined)?.version).toBe(1);
    expect((await session.getStorage())[`${PREFIX}SF1470`]).toMatchObject({ status: 'approved' });
  });

  it('uses defaults while the settings come from a newer version, keeps them until the user saves, and keeps working', async () => {
    const newer = { version: 3, kommune: { navn: 'Aarhus Kommune' }, se: ['29189757'] };
    await session.setStorage({ settings: newer, ...progressRecord('SF1470', 'approved') });
    const popup = track(await openPopupReady(session));
    await expect.poll(() => noticeKinds(popup)).toEqual(['settings-reset']);
    expect(await popup.innerText('.notices')).toContain('newer version of Aftaletjek (version 3)');
    expect(await progressHook(popup)).toBe('1/5');
    expect((await session.getStorage()).settings, 'kept until the user saves').toEqual(newer);

    // Without an expected SE number the SE agreement's page says the check is not set up.
    const agreement = track(await openReady(session, '/aftale/sf0770-a-korrekt-se'));
    expect(await readBanner(agreement)).toMatchObject({ count: 1, se: 'unconfigured' });

    const options = track(await openOptionsReady(session));
    await options.getByLabel('Kommunens SE-nummer', { exact: true }).fill(EXPECTED_SE);
    await options.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(async () => (await session.getStorage()).settings).toMatchObject({ version: 2, expectedSe: EXPECTED_SE });
    // The open portal tab follows the saved settings.
    await expect.poll(async () => (await readBanner(agreement)).se).toBe('match');
  });

  it('moves version-0 keys into the settings record, drops what does not validate, and keeps a valid field of a bad record', async () => {
    await session.setStorage({ kommune: 'Aarhus Kommune', se: '1234567' });
    const popup = track(await openPopupReady(session));
    await expect.poll(() => noticeKinds(popup)).toEqual(['migrated']);
    expect(await popup.innerText('.notices')).toContain('invalid se dropped');
    expect(await session.getStorage()).toEqual(expect.objectContaining({ settings: settingsRecord('Aarhus Kommune', null).settings }));
    expect(await session.getStorage()).not.toHaveProperty('kommune');

    await session.clearStorage();
    await session.setStorage({ settings: { ...settingsRecord('Aarhus Kommune', EXPECTED_SE).settings as object, municipality: 42, packs: 'x' } });
    const agreement = track(await openReady(session, '/aftale/sf0770-a-korrekt-se'));
    expect(await readBanner(agreement), 'the valid SE number is kept').toMatchObject({ count: 1, se: 'match', found: EXPECTED_SE });
    expect((await session.getStorage()).settings).toMatchObject({ municipality: '', expectedSe: EXPECTED_SE, packs: [] });
  });

  it('refuses a half-written settings file and changes nothing', async () => {
    await session.setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved') });
    const before = await session.getStorage();
    const options = track(await openOptionsReady(session));
    const whole = JSON.stringify({ format: 'aftaletjek-settings', version: 1, municipality: 'Odense Kommune', expectedSe: '55133018', customPack: null }, null, 2);
    for (const half of [whole.slice(0, whole.length / 2), whole.slice(0, -1)]) {
      await options.getByLabel('Importér indstillinger (JSON-fil)').setInputFiles({ name: 'indstillinger.json', mimeType: 'application/json', buffer: Buffer.from(half) });
      await expect.poll(() => options.innerText('#settings-file-status')).toContain('Filen blev ikke importeret, og intet er ændret.');
      expect(await options.innerText('#settings-file-status')).toContain('not valid JSON');
      expect(await session.getStorage()).toEqual(before);
      await options.reload();
      await options.waitForSelector('#expectedSe', { timeout: 20_000 });
    }
    expect(await options.getByLabel('Kommune', { exact: true }).inputValue()).toBe('Aarhus Kommune');
  });

  it('on a full storage (quota): says the settings and progress were not saved, keeps the portal working, and loses nothing stored', async () => {
    await session.setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved', { se: null }) });
    // Fill chrome.storage.local to the last byte of its quota: every write that needs more room is refused.
    const filled = await session.worker.evaluate(async () => {
      const area = chrome.storage.local as unknown as { QUOTA_BYTES: number; getBytesInUse(keys: null): Promise<number> };
      let size = area.QUOTA_BYTES - (await area.getBytesInUse(null)) - 'filler'.length - 2;
      for (;;) {
        try {
          await chrome.storage.local.set({ filler: 'x'.repeat(size) });
          break;
        } catch {
          size -= 64;
        }
      }
      for (let step = 32; step >= 1; step = Math.floor(step / 2)) {
        try {
          await chrome.storage.local.set({ filler: 'x'.repeat(size + step) });
          size += step;
        } catch {
          // At the brim.
        }
      }
      const refused = await chrome.storage.local.set({ probe: 'x' }).then(() => 'written', (error: Error) => error.message);
      return { quota: area.QUOTA_BYTES, used: await area.getBytesInUse(null), refused };
    });
    expect(filled.refused, 'a one-byte write is refused').toMatch(/quota/i);
    const before = await session.getStorage();

    const options = track(await openOptionsReady(session));
    await options.getByLabel('Kommune', { exact: true }).fill('Vejle Kommune og omegn');
    await options.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => options.innerText('#save-status')).toContain('Browseren kunne ikke gemme indstillingerne.');

    // The portal still marks and checks; recording progress is refused without an error in the page.
    const list = track(await openReady(session, '/aftaler/tabel'));
    expect(await markSummary(list)).toEqual(TABLE_AARHUS);
    const agreement = track(await openReady(session, '/aftale/sf0770-a-forkert-se'));
    expect(await readBanner(agreement)).toMatchObject({ count: 1, se: 'mismatch' });
    // The popup says that saving failed: the notices that storage.local refused are kept in storage.session.
    const popup = track(await openPopupReady(session));
    expect(await progressHook(popup)).toBe('1/5');
    await expect.poll(() => noticeKinds(popup)).toEqual(['write-failed', 'write-failed']);
    const notices = await popup.innerText('.notices');
    expect(notices).toContain('Aftaletjek kunne ikke gemme i browseren.');
    expect(notices).toMatch(/settings: .*quota/);
    expect(notices).toMatch(/progress: .*quota/);
    const after = await session.getStorage();
    expect(after, 'nothing stored was lost or half-written').toEqual(before);

    // Once there is room again, the next visit is recorded.
    await session.worker.evaluate(() => chrome.storage.local.remove('filler'));
    track(await openReady(session, '/aftaler/tabel'));
    await expect.poll(async () => Object.keys(await session.getStorage()).filter((key) => key.startsWith(PREFIX)).length).toBe(5);
    console.log(`storage: quota ${filled.quota} bytes, filled to ${filled.used}; a write was refused with "${filled.refused}"`);
  });
});
