import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICES_KEY, addNotice, dismissAllNotices, dismissNotice, loadNotices, onNoticesChanged } from '../../../src/store/notices';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';

let local: ReturnType<typeof memoryArea>;

beforeEach(() => {
  local = memoryArea();
  setAreasForTesting({ local });
});
afterEach(() => setAreasForTesting());

describe('notices', () => {
  it('lists notices newest first', async () => {
    await addNotice('migrated', 'first');
    await addNotice('write-failed', 'second');
    expect((await loadNotices()).map((n) => n.detail)).toEqual(['second', 'first']);
  });

  it('adds the same kind and detail only once, but the same detail of another kind again', async () => {
    await addNotice('settings-reset', 'x');
    await addNotice('settings-reset', 'x');
    await addNotice('progress-reset', 'x');
    expect((await loadNotices()).map((n) => n.kind)).toEqual(['progress-reset', 'settings-reset']);
  });

  it('keeps at most the 20 newest', async () => {
    for (let i = 0; i < 25; i++) await addNotice('write-failed', `n${i}`);
    const notices = await loadNotices();
    expect(notices).toHaveLength(20);
    expect(notices[0]?.detail).toBe('n24');
    expect(notices[19]?.detail).toBe('n5');
  });

  it('adds concurrent notices from one page without losing any', async () => {
    await Promise.all(['a', 'b', 'c'].map((d) => addNotice('migrated', d)));
    expect((await loadNotices()).map((n) => n.detail).sort()).toEqual(['a', 'b', 'c']);
  });

  it('dismisses one notice by id, or all', async () => {
    await addNotice('migrated', 'a');
    await addNotice('migrated', 'b');
    const [newest] = await loadNotices();
    await dismissNotice(newest?.id ?? '');
    expect((await loadNotices()).map((n) => n.detail)).toEqual(['a']);
    await dismissAllNotices();
    expect(await loadNotices()).toEqual([]);
  });

  it.each([
    { name: 'a string', stored: 'garbage', kept: [] },
    { name: 'a newer version', stored: { version: 2, items: [] }, kept: [] },
    {
      name: 'a list with one bad item',
      stored: {
        version: 1,
        items: [
          { id: 'a', kind: 'migrated', at: '2025-03-01T10:00:00.000Z', detail: 'kept' },
          { id: 'b', kind: 'no-such-kind', at: '2025-03-01T10:00:00.000Z', detail: 'dropped' },
          null,
        ],
      },
      kept: ['kept'],
    },
  ])('reads $name without throwing, keeping only valid notices', async ({ stored, kept }) => {
    local = memoryArea({ [NOTICES_KEY]: stored });
    setAreasForTesting({ local });
    expect((await loadNotices()).map((n) => n.detail)).toEqual(kept);
    await addNotice('write-failed', 'new');
    expect((await loadNotices()).map((n) => n.detail)).toEqual(['new', ...kept]);
  });

  it('resolves when the notice cannot be written', async () => {
    setAreasForTesting({ local: memoryArea({}, { failSet: () => new Error('QUOTA_BYTES quota exceeded') }) });
    await expect(addNotice('write-failed', 'x')).resolves.toBeUndefined();
    await expect(dismissAllNotices()).resolves.toBeUndefined();
  });

  it('keeps a notice that a full storage.local refuses in storage.session, shows it with the others, and dismisses it', async () => {
    await addNotice('migrated', 'older');
    const full = memoryArea(local.dump(), { failSet: () => new Error('Resource::kQuotaBytes quota exceeded') });
    const session = memoryArea();
    setAreasForTesting({ local: full, session });
    await addNotice('write-failed', 'progress: Resource::kQuotaBytes quota exceeded');
    await addNotice('write-failed', 'progress: Resource::kQuotaBytes quota exceeded');
    expect(session.dump()[NOTICES_KEY]).toMatchObject({ items: [expect.objectContaining({ kind: 'write-failed' })] });
    const notices = await loadNotices();
    expect(notices.map((n) => n.detail)).toEqual(['progress: Resource::kQuotaBytes quota exceeded', 'older']);
    await dismissNotice(notices[0]!.id);
    expect((await loadNotices()).map((n) => n.detail)).toEqual(['older']);
    await addNotice('write-failed', 'settings: full');
    await dismissAllNotices();
    expect(await loadNotices()).toEqual([]);
  });

  it('hears of notices added to storage.session', async () => {
    const session = memoryArea();
    setAreasForTesting({ local: memoryArea({}, { failSet: () => new Error('quota') }), session });
    const cb = vi.fn();
    const unsubscribe = onNoticesChanged(cb);
    await addNotice('write-failed', 'progress: quota');
    await vi.waitFor(() => expect(cb).toHaveBeenCalledWith([expect.objectContaining({ detail: 'progress: quota' })]));
    unsubscribe();
  });

  it('onNoticesChanged delivers the new list', async () => {
    const cb = vi.fn();
    const unsubscribe = onNoticesChanged(cb);
    await addNotice('migrated', 'a');
    await vi.waitFor(() => expect(cb).toHaveBeenCalledWith([expect.objectContaining({ detail: 'a' })]));
    unsubscribe();
  });
});
