import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_PROFILE } from '../../../src/portal/words';
import { dismissAllNotices, loadNotices } from '../../../src/store/notices';
import {
  exportProfileJson,
  getActiveProfile,
  loadProfileState,
  PROFILE_KEY,
  repairStoredProfile,
  useBuiltinProfile,
  watchProfileRepair,
} from '../../../src/store/profile';
import { setAreasForTesting } from '../../../src/store/storage';
import { IMPORTED, MANAGED } from './profile-support';
import { areas, useAreas, withMemoryAreas } from './settings-support';

/**
 * Reading the profile is pure; the background's repair (install, start-up, a change of the key) removes an
 * unreadable import once, with its one-off notice; a newer version's import is state, kept until replaced.
 */
withMemoryAreas();

describe('a stored import that is no longer readable', () => {
  it.each([
    ['garbage', 'garbage'],
    ['a record without a version', { profile: IMPORTED }],
    ['a record with a broken profile', { version: 1, profile: { ...IMPORTED, labels: {} } }],
  ])('(%s) is skipped by a read; the repair removes it, with a notice once; the built-in profile is used', async (_name, stored) => {
    useAreas({ [PROFILE_KEY]: stored });
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin' });
    expect(areas.local.dump()[PROFILE_KEY], 'a read repairs nothing').toEqual(stored);
    expect(await loadNotices()).toEqual([]);
    expect(await repairStoredProfile()).toEqual({ ok: true });
    expect(areas.local.dump()[PROFILE_KEY]).toBeUndefined();
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'settings-reset', detail: expect.stringContaining('portal profile') })]);
    // Repaired: a second run (the next start-up) finds nothing to say, even once the notice was shown and gone.
    await dismissAllNotices();
    expect(await repairStoredProfile()).toEqual({ ok: true });
    expect(await loadNotices()).toEqual([]);
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin' });
  });

  it('from a newer version is kept untouched and not used, said by the state while it is stored', async () => {
    const future = { version: 2, profile: { anything: true } };
    useAreas({ [PROFILE_KEY]: future });
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin', newerVersion: 2 });
    expect(await repairStoredProfile()).toEqual({ ok: true });
    expect(areas.local.dump()[PROFILE_KEY]).toEqual(future);
    expect(await loadNotices()).toEqual([]);
    // Fixed (the built-in one chosen, or an import of this version): the condition goes.
    await useBuiltinProfile();
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin' });
  });

  it.each([
    ['unreadable', 'garbage', {}],
    ['from a newer version', { version: 2, profile: {} }, {}],
    ['with an invalid policy profile', { version: 1, profile: IMPORTED }, { portalProfile: { id: 'broken' } }],
    ['with a valid policy profile', { version: 1, profile: IMPORTED }, { portalProfile: MANAGED }],
  ])('a read writes nothing: a stored import %s', async (_name, stored, policy) => {
    useAreas({ [PROFILE_KEY]: stored }, policy);
    const [set, remove] = [vi.spyOn(areas.local, 'set'), vi.spyOn(areas.local, 'remove')];
    await loadProfileState();
    await getActiveProfile();
    await exportProfileJson();
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
    expect(areas.local.dump()).toEqual({ [PROFILE_KEY]: stored });
  });

  it('a repair that cannot remove the record says so, and says what it found', async () => {
    useAreas({ [PROFILE_KEY]: 'garbage' });
    areas.local.remove = () => Promise.reject(new Error('storage gone'));
    expect(await repairStoredProfile()).toEqual({ ok: false });
    expect((await loadNotices()).map((n) => [n.kind, n.detail])).toEqual([
      ['settings-reset', 'the stored portal profile was unreadable; the built-in profile is used'],
      ['write-failed', 'portal profile: storage gone'],
    ]);
  });

  it('is removed by the background once another page writes one (watchProfileRepair), with one notice', async () => {
    const stop = watchProfileRepair();
    await areas.local.set({ [PROFILE_KEY]: { version: 1, profile: { ...IMPORTED, labels: {} } } });
    await vi.waitFor(() => expect(areas.local.dump()[PROFILE_KEY]).toBeUndefined());
    await vi.waitFor(async () => expect(await loadNotices()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await loadNotices()).map((n) => n.kind)).toEqual(['settings-reset']);
    stop();
  });

  it('storage that fails means the built-in profile', async () => {
    setAreasForTesting({
      local: { get: () => Promise.reject(new Error('broken')), set: async () => {}, remove: async () => {} },
      managed: { get: () => Promise.reject(new Error('broken')) },
    });
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin' });
  });
});
