import { describe, expect, it, vi } from 'vitest';
import { progressConditions } from '../../../src/popup/conditions';
import { dismissAllNotices, loadNotices } from '../../../src/store/notices';
import { loadProgress, loadProgressState, recordObservations, repairStoredProgress, watchProgressRepair } from '../../../src/store/progress';
import { setAreasForTesting } from '../../../src/store/storage';
import { LIST_URL, PACK, record } from './progress-support';
import { areas, useAreas, withMemoryAreas } from './settings-support';

/**
 * Reading progress is pure; the background's repair (install, start-up, a changed record) or a sighting that
 * replaces it clears an unreadable record once, with its one-off notice; a newer version's record is state.
 */
withMemoryAreas();

const { version: _version, ...KEPT } = record();
const resets = async () => (await loadNotices()).filter((n) => n.kind === 'progress-reset').map((n) => n.detail);

describe('loadProgress', () => {
  it.each([
    { name: 'a string', bad: 'garbage' },
    { name: 'null', bad: null },
    { name: 'a half record', bad: { version: 1, status: 'approved' } },
    { name: 'a wrong status', bad: record({ status: 'done' as never }) },
    { name: 'a record without version', bad: { ...record(), version: undefined } },
    { name: 'a bad seenAt', bad: record({ seenAt: 'yesterday' }) },
  ])('skips $name and keeps the other records; the repair drops it and adds a notice, once', async ({ bad }) => {
    useAreas({
      'progress.klik-sf02.SF1470': record(),
      'progress.klik-sf02.SF1490': bad,
      'progress.other-pack.SF1490': record(),
      settings: 'garbage',
    });
    const before = areas.local.dump();
    expect(await loadProgress(PACK)).toEqual({ SF1470: KEPT });
    expect(areas.local.dump(), 'a read repairs nothing').toEqual(before);
    expect(await loadNotices()).toEqual([]);
    expect(await repairStoredProgress()).toEqual({ ok: true });
    expect(await loadProgress(PACK)).toEqual({ SF1470: KEPT });
    expect(areas.local.dump()).not.toHaveProperty(['progress.klik-sf02.SF1490']);
    expect(areas.local.dump()).toHaveProperty(['progress.other-pack.SF1490']);
    expect(areas.local.dump().settings, 'not the progress repair’s to touch').toBe('garbage');
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'progress-reset', detail: 'unreadable progress for SF1490 cleared' })]);
    await dismissAllNotices();
    expect(await repairStoredProgress()).toEqual({ ok: true });
    expect(await loadNotices()).toEqual([]);
  });

  it('shows a newer version record as not seen, keeps it until the agreement is seen again, and says so from the state', async () => {
    const future = { version: 2, state: { code: 'approved' } };
    useAreas({ 'progress.klik-sf02.SF1470': future });
    const state = await loadProgressState(PACK);
    expect(state).toEqual({ progress: {}, newerVersion: ['SF1470'] });
    expect(progressConditions(state)).toEqual([
      expect.objectContaining({ kind: 'progress-reset', detail: expect.stringContaining('newer version') as string, lasting: true }),
    ]);
    // Read again and repaired: still the state, kept, and never a notice.
    expect(await repairStoredProgress()).toEqual({ ok: true });
    expect(await loadProgressState(PACK)).toEqual(state);
    expect(areas.local.dump()['progress.klik-sf02.SF1470']).toEqual(future);
    expect(await loadNotices()).toEqual([]);
    await recordObservations(PACK, [{ id: 'SF1470', status: 'approved', url: LIST_URL }]);
    const seen = await loadProgressState(PACK);
    expect(seen.progress.SF1470?.status).toBe('approved');
    expect(seen.newerVersion).toEqual([]);
    expect(progressConditions(seen)).toEqual([]);
    expect(await loadNotices()).toEqual([]);
  });

  it('returns nothing for an invalid pack id or when storage fails', async () => {
    expect(await loadProgress('../x')).toEqual({});
    setAreasForTesting({ local: { get: () => Promise.reject(new Error('gone')), set: async () => {}, remove: async () => {} } });
    expect(await loadProgress(PACK)).toEqual({});
    expect(await loadProgressState(PACK)).toEqual({ progress: {}, newerVersion: [] });
    expect(await repairStoredProgress()).toEqual({ ok: false });
  });

  it('writes nothing, whatever is stored', async () => {
    useAreas({ 'progress.klik-sf02.SF1470': 'garbage', 'progress.klik-sf02.SF1490': { version: 2 }, 'progress.klik-sf02.SF1320': record() });
    const [set, remove] = [vi.spyOn(areas.local, 'set'), vi.spyOn(areas.local, 'remove')];
    await loadProgressState(PACK);
    await loadProgress(PACK);
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
  });
});

describe('a reset of unreadable progress is said once', () => {
  it('when a sighting replaces the record before the repair: the repair then finds nothing', async () => {
    useAreas({ 'progress.klik-sf02.SF1490': 'garbage', 'progress.klik-sf02.SF1470': 'garbage' });
    await recordObservations(PACK, [{ id: 'SF1490', status: 'approved', url: LIST_URL }]);
    expect(await resets()).toEqual(['unreadable progress for SF1490 cleared']);
    expect(await repairStoredProgress()).toEqual({ ok: true });
    expect(await resets()).toEqual(['unreadable progress for SF1470 cleared', 'unreadable progress for SF1490 cleared']);
    await recordObservations(PACK, [{ id: 'SF1490', status: 'pending', url: LIST_URL }]);
    await recordObservations(PACK, [{ id: 'SF1470', status: 'pending', url: LIST_URL }]);
    expect(await resets()).toHaveLength(2);
  });

  it('leaves a record another page saved meanwhile, and then says nothing', async () => {
    useAreas({ 'progress.klik-sf02.SF1490': 'garbage' });
    const get = areas.local.get.bind(areas.local);
    let reads = 0;
    // The page's save lands between the repair's read and its removal.
    vi.spyOn(areas.local, 'get').mockImplementation(async (keys) => {
      if (++reads === 2) await areas.local.set({ 'progress.klik-sf02.SF1490': record() });
      return get(keys);
    });
    expect(await repairStoredProgress()).toEqual({ ok: true });
    expect(areas.local.dump()['progress.klik-sf02.SF1490']).toEqual(record());
    expect(await resets()).toEqual([]);
  });

  it('per pack, and says a removal that failed', async () => {
    useAreas({ 'progress.klik-sf02.SF1490': 'garbage', 'progress.klik-sf07.SF0770_A': null, 'progress.Not A Pack.X': 'kept' });
    areas.local.remove = () => Promise.reject(new Error('storage gone'));
    expect(await repairStoredProgress()).toEqual({ ok: false });
    expect((await loadNotices()).map((n) => [n.kind, n.detail]).sort()).toEqual([
      ['progress-reset', 'unreadable progress for SF0770_A cleared'],
      ['progress-reset', 'unreadable progress for SF1490 cleared'],
      ['write-failed', 'progress: storage gone'],
    ]);
  });

  it('when another page writes one: the background removes it (watchProgressRepair), with one notice', async () => {
    const stop = watchProgressRepair();
    await areas.local.set({ 'progress.klik-sf02.SF1490': { version: 1, status: 'approved' } });
    await vi.waitFor(() => expect(areas.local.dump()).not.toHaveProperty(['progress.klik-sf02.SF1490']));
    await vi.waitFor(async () => expect(await resets()).toEqual(['unreadable progress for SF1490 cleared']));
    await recordObservations(PACK, [{ id: 'SF1470', status: 'approved', url: LIST_URL }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await resets()).toHaveLength(1);
    stop();
  });
});
