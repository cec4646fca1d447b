import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SeCheck } from '../../../src/core/types';
import { loadNotices } from '../../../src/store/notices';
import { loadProgress, onProgressChanged, recordObservations, resetProgress, type Observation } from '../../../src/store/progress';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { LIST_URL, PACK, record, T0 } from './progress-support';

const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const SE_MATCH: SeCheck = { verdict: 'match', found: ['29189757'], expected: '29189757', suspect: false };

let local: ReturnType<typeof memoryArea>;

beforeEach(() => {
  local = memoryArea();
  setAreasForTesting({ local });
});
afterEach(() => setAreasForTesting());

async function observe(...observations: Observation[]) {
  await recordObservations(PACK, observations);
  return loadProgress(PACK);
}

describe('recordObservations', () => {
  it('stores one versioned record per agreement under its own key', async () => {
    await recordObservations(PACK, [
      { id: 'SF1470', status: 'pending', statusText: ' Afventer godkendelse ', name: 'SF1470 - Sags', url: LIST_URL, seenAt: T0 },
      { id: 'SF1490', status: 'approved', statusText: 'Godkendt', url: LIST_URL, seenAt: T0 },
    ]);
    expect(local.dump()).toEqual({
      'progress.klik-sf02.SF1470': {
        version: 1,
        status: 'pending',
        statusText: 'Afventer godkendelse',
        name: 'SF1470 - Sags',
        se: null,
        seenAt: T0,
        url: 'https://admin.serviceplatformen.dk/serviceaftaler?side=2',
      },
      'progress.klik-sf02.SF1490': expect.objectContaining({ status: 'approved', name: '' }),
    });
  });

  it.each([
    { name: 'a known status replaces a known status', stored: 'pending', observed: 'approved', status: 'approved', statusText: 'second' },
    { name: "'unknown' does not replace a known status", stored: 'approved', observed: 'unknown', status: 'approved', statusText: 'first' },
    { name: "'unknown' replaces 'unknown'", stored: 'unknown', observed: 'unknown', status: 'unknown', statusText: 'second' },
    { name: 'no status keeps the stored status and its words', stored: 'rejected', observed: undefined, status: 'rejected', statusText: 'first' },
  ] as const)('$name', async ({ stored, observed, status, statusText }) => {
    await observe({ id: 'SF1470', status: stored, statusText: 'first', url: LIST_URL, seenAt: T0 });
    const progress = await observe({ id: 'SF1470', status: observed, statusText: 'second', url: LIST_URL, seenAt: at(120) });
    expect(progress.SF1470).toMatchObject({ status, statusText });
  });

  it("records 'unknown' for a first sighting without a status", async () => {
    const progress = await observe({ id: 'SF1470', name: 'SF1470', url: LIST_URL, seenAt: T0 });
    expect(progress.SF1470).toMatchObject({ status: 'unknown', statusText: '', name: 'SF1470' });
  });

  it('replaces se only when the observation carries it', async () => {
    await observe({ id: 'SF0770_A', status: 'pending', se: SE_MATCH, url: LIST_URL, seenAt: T0 });
    let progress = await observe({ id: 'SF0770_A', status: 'approved', url: LIST_URL, seenAt: at(1) });
    expect(progress.SF0770_A?.se).toEqual(SE_MATCH);
    progress = await observe({ id: 'SF0770_A', se: null, url: LIST_URL, seenAt: at(2) });
    expect(progress.SF0770_A?.se).toBeNull();
  });

  it('never turns a found SE number into missing; judges it again against the new expected SE; a different number replaces it', async () => {
    const missing = (expected: string | null): SeCheck => ({ verdict: 'missing', found: [], expected, suspect: false });
    const mismatch: SeCheck = { verdict: 'mismatch', found: ['38025341'], expected: '29189757', suspect: false };
    await observe({ id: 'SF0770_A', status: 'pending', se: mismatch, url: LIST_URL, seenAt: T0 });
    let progress = await observe({ id: 'SF0770_A', status: 'pending', se: missing('29189757'), url: LIST_URL, seenAt: at(1) });
    expect(progress.SF0770_A?.se).toEqual(mismatch);
    progress = await observe({ id: 'SF0770_A', se: missing('38025341'), url: LIST_URL, seenAt: at(2) });
    expect(progress.SF0770_A?.se).toEqual({ verdict: 'match', found: ['38025341'], expected: '38025341', suspect: false });
    progress = await observe({ id: 'SF0770_A', se: missing(null), url: LIST_URL, seenAt: at(3) });
    expect(progress.SF0770_A?.se).toEqual({ verdict: 'unconfigured', found: ['38025341'], expected: null, suspect: false });
    progress = await observe({ id: 'SF0770_A', se: SE_MATCH, url: LIST_URL, seenAt: at(4) });
    expect(progress.SF0770_A?.se).toEqual(SE_MATCH);
    // Never found: missing is recorded as it is.
    progress = await observe({ id: 'SF0770_E', status: 'pending', se: missing('29189757'), url: LIST_URL, seenAt: at(5) });
    expect(progress.SF0770_E?.se).toEqual(missing('29189757'));
  });

  it('keeps the stored name when the observation has none', async () => {
    await observe({ id: 'SF1470', name: 'SF1470 - Sags', url: LIST_URL, seenAt: T0 });
    const progress = await observe({ id: 'SF1470', name: '  ', status: 'approved', url: LIST_URL, seenAt: at(1) });
    expect(progress.SF1470?.name).toBe('SF1470 - Sags');
  });

  it('clips statusText to 200 and name to 300 characters', async () => {
    const progress = await observe({ id: 'SF1470', status: 'unknown', statusText: 's'.repeat(250), name: 'n'.repeat(350), url: LIST_URL });
    expect(progress.SF1470?.statusText).toHaveLength(200);
    expect(progress.SF1470?.name).toHaveLength(300);
  });

  it.each([
    { url: 'https://admin-test.serviceplatformen.dk/aftale/show?uuid=1#x', stored: 'https://admin-test.serviceplatformen.dk/aftale/show?uuid=1' },
    { url: 'https://evil.example/aftale', stored: '' },
    { url: 'http://admin.serviceplatformen.dk/aftale', stored: '' },
    { url: 'not a url', stored: '' },
    { url: `https://admin.serviceplatformen.dk/a?q=${'x'.repeat(600)}`, stored: 'https://admin.serviceplatformen.dk/a' },
  ])('stores url $url as "$stored"', async ({ url, stored }) => {
    const progress = await observe({ id: 'SF1470', status: 'pending', url });
    expect(progress.SF1470?.url).toBe(stored);
  });

  it('writes nothing when nothing changed, and refreshes seenAt at most once a minute', async () => {
    const obs: Observation = { id: 'SF1470', status: 'pending', statusText: 'Afventer', url: LIST_URL, seenAt: T0 };
    await observe(obs);
    const set = vi.spyOn(local, 'set');
    let progress = await observe({ ...obs, seenAt: at(30), url: 'https://admin.serviceplatformen.dk/other' });
    expect(set).not.toHaveBeenCalled();
    expect(progress.SF1470).toMatchObject({ seenAt: T0, url: 'https://admin.serviceplatformen.dk/serviceaftaler?side=2' });
    progress = await observe({ ...obs, seenAt: at(61) });
    expect(set).toHaveBeenCalledTimes(1);
    expect(progress.SF1470?.seenAt).toBe(at(61));
    progress = await observe({ ...obs, status: 'approved', seenAt: at(62) });
    expect(set).toHaveBeenCalledTimes(2);
    expect(progress.SF1470).toMatchObject({ status: 'approved', seenAt: at(62) });
  });

  it('folds several observations of one agreement in a batch into one write', async () => {
    const set = vi.spyOn(local, 'set');
    const progress = await observe(
      { id: 'SF0770_A', status: 'pending', url: LIST_URL, seenAt: T0 },
      { id: 'SF0770_A', se: SE_MATCH, url: LIST_URL, seenAt: T0 },
    );
    expect(set).toHaveBeenCalledTimes(1);
    expect(progress.SF0770_A).toMatchObject({ status: 'pending', se: SE_MATCH });
  });

  it('ignores observations with an id that cannot be a pack agreement id, and an invalid pack id', async () => {
    await recordObservations(PACK, [{ id: 'bad id!', status: 'approved', url: LIST_URL }]);
    await recordObservations('Not A Pack', [{ id: 'SF1470', status: 'approved', url: LIST_URL }]);
    expect(local.dump()).toEqual({});
  });

  it('never writes a malformed se from a page scan', async () => {
    const bad = { verdict: 'match', found: ['123'], expected: null, suspect: false } as SeCheck;
    await recordObservations(PACK, [{ id: 'SF0770_A', se: bad, url: LIST_URL }]);
    expect(local.dump()).toEqual({});
  });

  it('keeps writes for different agreements from concurrent pages', async () => {
    // Each page has its own module instance (own queue); a slow get makes their read-modify-write cycles overlap.
    const slow = memoryArea();
    const get = slow.get.bind(slow);
    slow.get = async (keys) => {
      const result = await get(keys);
      await new Promise((r) => setTimeout(r, 5));
      return result;
    };
    setAreasForTesting({ local: slow });
    const otherPage = '../../../src/store/progress?page=2';
    const { recordObservations: recordInOtherPage } = (await import(/* @vite-ignore */ otherPage)) as typeof import('../../../src/store/progress');
    expect(recordInOtherPage).not.toBe(recordObservations);
    await Promise.all([
      recordObservations(PACK, [{ id: 'SF1470', status: 'approved', url: LIST_URL }]),
      recordInOtherPage(PACK, [{ id: 'SF1490', status: 'pending', url: LIST_URL }]),
      recordObservations(PACK, [{ id: 'SF1320', status: 'rejected', url: LIST_URL }]),
    ]);
    const progress = await loadProgress(PACK);
    expect(Object.fromEntries(Object.entries(progress).map(([id, p]) => [id, p.status]))).toEqual({
      SF1470: 'approved',
      SF1490: 'pending',
      SF1320: 'rejected',
    });
  });

  it('resolves and adds a notice when storage refuses the write', async () => {
    local = memoryArea(
      {},
      { failSet: (items) => (Object.keys(items).some((k) => k.startsWith('progress.')) ? new Error('QUOTA_BYTES quota exceeded') : null) },
    );
    setAreasForTesting({ local });
    await expect(recordObservations(PACK, [{ id: 'SF1470', status: 'approved', url: LIST_URL }])).resolves.toBeUndefined();
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'write-failed', detail: 'progress: QUOTA_BYTES quota exceeded' })]);
  });
});

describe('resetProgress', () => {
  it("removes only the pack's records", async () => {
    local = memoryArea({ 'progress.klik-sf02.SF1470': record(), 'progress.klik-sf02-b.SF1470': record(), settings: {} });
    setAreasForTesting({ local });
    await resetProgress(PACK);
    expect(Object.keys(local.dump())).toEqual(['progress.klik-sf02-b.SF1470', 'settings']);
  });
});

describe('onProgressChanged', () => {
  it("delivers the pack's progress after a write, not after another pack's", async () => {
    const cb = vi.fn();
    const unsubscribe = onProgressChanged(PACK, cb);
    await recordObservations('other-pack', [{ id: 'SF1470', status: 'approved', url: LIST_URL }]);
    await new Promise((r) => setTimeout(r, 5));
    expect(cb).not.toHaveBeenCalled();
    await recordObservations(PACK, [{ id: 'SF1470', status: 'approved', url: LIST_URL, seenAt: T0 }]);
    await vi.waitFor(() => expect(cb).toHaveBeenCalledWith({ progress: { SF1470: expect.objectContaining({ status: 'approved' }) }, newerVersion: [] }));
    unsubscribe();
  });
});
