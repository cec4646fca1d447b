import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshBadge, watchBadge, type BadgeAction } from '../../../src/background/badge';
import { BUILTIN_PACK } from '../../../src/core/pack';
import type { SeCheck } from '../../../src/core/types';
import { recordObservations, type Observation } from '../../../src/store/progress';
import { importPack, onStateChanged, SETTINGS_KEY, useBuiltinPack } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';

const PACK = BUILTIN_PACK.id;
const url = 'https://admin.serviceplatformen.dk/aftaler';

function fakeAction() {
  const shown = { text: '', color: '', textColor: '', title: '' };
  const action: BadgeAction = {
    setBadgeText: async ({ text }) => void (shown.text = text),
    setBadgeBackgroundColor: async ({ color }) => void (shown.color = color),
    setBadgeTextColor: async ({ color }) => void (shown.textColor = color),
    setTitle: async ({ title }) => void (shown.title = title),
  };
  return { action, shown };
}

const se = (verdict: SeCheck['verdict'], found = ['13748136']): SeCheck => ({ verdict, found, expected: '13748136', suspect: false });
const approved = (id: string, extra: Partial<Observation> = {}): Observation => ({ id, status: 'approved', url, ...extra });
const allApproved = () => BUILTIN_PACK.agreements.map((a) => approved(a.id, a.seCheck ? { se: se('match') } : {}));

beforeEach(() => setAreasForTesting({ local: memoryArea() }));
afterEach(() => setAreasForTesting());

describe('refreshBadge', () => {
  it('shows the number of agreements left, with a title that says it in words', async () => {
    const { action, shown } = fakeAction();
    await recordObservations(PACK, [approved('SF1470'), approved('SF1490')]);
    await refreshBadge(action);
    expect(shown).toEqual({
      text: '3',
      color: '#1f4e8c',
      textColor: '#ffffff',
      title: 'Aftaletjek: 3 af 5 aftaler mangler godkendelse',
    });
  });

  it('warns while an SE number is wrong', async () => {
    const { action, shown } = fakeAction();
    await recordObservations(PACK, [{ id: 'SF0770_E', status: 'pending', se: se('mismatch', ['29189757']), url }]);
    await refreshBadge(action);
    expect(shown.text).toBe('!');
    expect(shown.color).toBe('#b3261e');
    expect(shown.title).toContain('forkert SE-nummer');
  });

  it('asks to check the SE number when all are approved but one was not found', async () => {
    const { action, shown } = fakeAction();
    await recordObservations(
      PACK,
      allApproved().map((o) => (o.id === 'SF0770_A' ? { ...o, se: se('missing', []) } : o)),
    );
    await refreshBadge(action);
    expect(shown.text).toBe('?');
    expect(shown.title).toContain('SE-nummeret blev ikke fundet');
  });

  it('shows nothing when the task is done', async () => {
    const { action, shown } = fakeAction();
    await recordObservations(PACK, allApproved());
    await refreshBadge(action);
    expect(shown.text).toBe('');
    expect(shown.title).toContain('Markér KLIK-opgaven som Fuldført');
  });
});

describe('watchBadge', () => {
  it('follows progress and a change of the active pack', async () => {
    const { action, shown } = fakeAction();
    const onError = vi.fn();
    const badge = watchBadge(action, onError);
    // The background's one settings watcher feeds the badge.
    const unwatch = onStateChanged((state) => void badge.refresh(state));
    await badge.refresh();
    expect(shown.text).toBe('5');

    await recordObservations(PACK, [approved('SF1320')]);
    await vi.waitFor(() => expect(shown.text).toBe('4'));

    const custom = { ...BUILTIN_PACK, id: 'klik-sf99', agreements: [BUILTIN_PACK.agreements[2]!] };
    expect((await importPack(JSON.stringify(custom))).ok).toBe(true);
    await vi.waitFor(() => expect(shown.text).toBe('1'));
    await recordObservations('klik-sf99', [approved('SF1470')]);
    await vi.waitFor(() => expect(shown.text).toBe(''));

    // Back on the built-in pack, its own progress counts again.
    await useBuiltinPack();
    await vi.waitFor(() => expect(shown.text).toBe('4'));
    await recordObservations(PACK, [approved('SF1490')]);
    await vi.waitFor(() => expect(shown.text).toBe('3'));
    badge.stop();
    unwatch();
    expect(onError).not.toHaveBeenCalled();
  });

  it('shows a progress change with the settings it last showed and the progress delivered, reading neither again', async () => {
    const local = memoryArea();
    setAreasForTesting({ local });
    const { action, shown } = fakeAction();
    const badge = watchBadge(action, vi.fn());
    await badge.refresh();
    expect(shown.text).toBe('5');
    const get = vi.spyOn(local, 'get');
    await recordObservations(PACK, [approved('SF1320')]);
    await vi.waitFor(() => expect(shown.text).toBe('4'));
    // The store's write reads the agreement's key, the progress watcher reads once; the badge reads nothing.
    const reads = get.mock.calls.map(([keys]) => keys);
    expect(reads.filter((keys) => keys === null)).toHaveLength(1);
    expect(reads.filter((keys) => keys === SETTINGS_KEY || (Array.isArray(keys) && keys.includes(SETTINGS_KEY)))).toEqual([]);
    badge.stop();
  });

  it('stops following when stopped', async () => {
    const { action, shown } = fakeAction();
    const badge = watchBadge(action, vi.fn());
    await badge.refresh();
    badge.stop();
    await recordObservations(PACK, [approved('SF1320')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(shown.text).toBe('5');
  });

  it('reports a failing refresh and keeps going', async () => {
    const { action, shown } = fakeAction();
    let fail = true;
    const failing: BadgeAction = {
      ...action,
      setBadgeText: async (d) => {
        if (fail) throw new Error('no action API');
        return action.setBadgeText(d);
      },
    };
    const onError = vi.fn();
    const badge = watchBadge(failing, onError);
    await badge.refresh();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'no action API' }));
    fail = false;
    await recordObservations(PACK, [approved('SF1320')]);
    await vi.waitFor(() => expect(shown.text).toBe('4'));
    badge.stop();
  });
});
