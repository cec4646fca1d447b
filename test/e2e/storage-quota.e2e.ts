/**
 * A full storage (quota), end to end in Chromium (issue 6): Chromium holds storage.local to QUOTA_BYTES,
 * so the test fills it to the last byte and every write that needs more room is refused. The options page
 * and the popup say so, the portal keeps working, and nothing stored is lost. Firefox holds storage.local to
 * no quota of its own (only the profile's disk), so a full storage cannot be made on demand there: this
 * file is in vitest.e2e.config.ts's CHROMIUM_ONLY. The broken-data scenarios are storage-broken.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { noticeKinds, openOptionsReady, openPopupReady, progressHook } from './popup-support';
import { TABLE_AARHUS } from './shared/overlay';
import { PACK_ID, progressRecord, settingsRecord } from './shared/store';
import { byLabel, clickRole, EXPECTED_SE, markSummary, openReady, readBanner, text, typeInto, useBrowser } from './support';

const PREFIX = `progress.${PACK_ID}.`;

describe('a full storage (quota)', () => {
  const session = useBrowser();

  it('says the settings and progress were not saved, keeps the portal working, and loses nothing stored', async () => {
    await session().clearStorage();
    await session().setStorage({ ...settingsRecord('Aarhus Kommune', EXPECTED_SE), ...progressRecord('SF1470', 'approved', { se: null }) });
    // Fill chrome.storage.local to the last byte of its quota: every write that needs more room is refused.
    const filled = await session().inExtension(async () => {
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
      const refused = await chrome.storage.local.set({ probe: 'x' }).then(
        () => 'written',
        (error: Error) => error.message,
      );
      return { quota: area.QUOTA_BYTES, used: await area.getBytesInUse(null), refused };
    });
    expect(filled.refused, 'a one-byte write is refused').toMatch(/quota/i);
    const before = await session().getStorage();

    const options = await openOptionsReady(session());
    await typeInto(options, await byLabel(options, 'Kommune'), 'Vejle Kommune og omegn');
    await clickRole(options, 'button', 'Gem');
    await expect.poll(() => text(options, '#save-status')).toContain('Browseren kunne ikke gemme indstillingerne.');

    // The portal still marks and checks; recording progress is refused without an error in the page.
    const list = await openReady(session(), '/aftaler/tabel');
    expect(await markSummary(list)).toEqual(TABLE_AARHUS);
    const agreement = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    expect(await readBanner(agreement)).toMatchObject({ count: 1, se: 'mismatch' });
    // The popup says that saving failed: the notices that storage.local refused are kept in storage.session.
    const popup = await openPopupReady(session());
    expect(await progressHook(popup)).toBe('1/5');
    await expect.poll(() => noticeKinds(popup)).toEqual(['write-failed', 'write-failed']);
    const notices = await text(popup, '.notices');
    expect(notices).toContain('Aftaletjek kunne ikke gemme i browseren.');
    expect(notices).toMatch(/settings: .*quota/);
    expect(notices).toMatch(/progress: .*quota/);
    const after = await session().getStorage();
    expect(after, 'nothing stored was lost or half-written').toEqual(before);

    // Once there is room again, the next visit is recorded.
    await session().inExtension(() => chrome.storage.local.remove('filler'));
    await openReady(session(), '/aftaler/tabel');
    await expect.poll(async () => Object.keys(await session().getStorage()).filter((key) => key.startsWith(PREFIX)).length).toBe(5);
    console.log(`storage: quota ${filled.quota} bytes, filled to ${filled.used}; a write was refused with "${filled.refused}"`);
  });
});
