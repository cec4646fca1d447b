import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadNotices } from '../../../src/store/notices';
import { loadProfileState, PROFILE_KEY } from '../../../src/store/profile';
import { loadProgressState } from '../../../src/store/progress';
import { SETTINGS_KEY } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';

/** The background's start-up (src/background/index.ts) on a fake browser: where the store's repairs run. */
const browser = vi.hoisted(() => {
  const installed: (() => void)[] = [];
  const noop = async () => undefined;
  return {
    installed,
    fake: {
      action: { setBadgeText: noop, setBadgeBackgroundColor: noop, setBadgeTextColor: noop, setTitle: noop },
      runtime: {
        id: 'aftaletjek',
        onInstalled: { addListener: (listener: () => void) => installed.push(listener) },
        onStartup: { addListener: () => undefined },
        onMessage: { addListener: () => undefined },
        openOptionsPage: noop,
      },
      tabs: { query: async () => [], sendMessage: noop },
    },
  };
});
vi.mock('webextension-polyfill', () => ({ default: browser.fake }));

const BROKEN_PROFILE = { version: 1, profile: { id: 'x' } };
const NEWER_PROGRESS = { version: 2, state: {} };
const local = memoryArea({
  [PROFILE_KEY]: BROKEN_PROFILE,
  'progress.klik-sf02.SF1490': 'garbage',
  'progress.klik-sf02.SF0770_E': NEWER_PROGRESS,
});
setAreasForTesting({ local });
afterAll(() => setAreasForTesting());

const kinds = async () => (await loadNotices()).map((n) => [n.kind, n.detail]).sort();

describe('the background', () => {
  it('removes an unreadable import and progress record when it starts, each with one notice; keeps what a newer version wrote', async () => {
    const [set, remove] = [vi.spyOn(local, 'set'), vi.spyOn(local, 'remove')];
    // What a page reads before the background has run: the same state, and no write.
    expect(await loadProfileState()).toEqual({ profile: expect.objectContaining({ id: 'fkam-builtin' }), source: 'builtin' });
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
    await import('../../../src/background/index');
    await vi.waitFor(() => expect(local.dump()).not.toHaveProperty([PROFILE_KEY]));
    await vi.waitFor(() => expect(local.dump()).not.toHaveProperty(['progress.klik-sf02.SF1490']));
    await vi.waitFor(async () =>
      expect(await kinds()).toEqual([
        ['progress-reset', 'unreadable progress for SF1490 cleared'],
        ['settings-reset', expect.stringContaining('the stored portal profile was unreadable')],
      ]),
    );
    expect(local.dump()['progress.klik-sf02.SF0770_E']).toEqual(NEWER_PROGRESS);
    expect((await loadProgressState('klik-sf02')).newerVersion).toEqual(['SF0770_E']);
  });

  it('removes one another page writes later, once; on install it also writes the default settings', async () => {
    await local.set({ 'progress.klik-sf02.SF1320': { version: 1 } });
    await vi.waitFor(() => expect(local.dump()).not.toHaveProperty(['progress.klik-sf02.SF1320']));
    await vi.waitFor(async () => expect(await kinds()).toContainEqual(['progress-reset', 'unreadable progress for SF1320 cleared']));
    expect(local.dump()).not.toHaveProperty([SETTINGS_KEY]);
    for (const listener of browser.installed) listener();
    await vi.waitFor(() => expect(local.dump()).toHaveProperty([SETTINGS_KEY]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await kinds()).toHaveLength(3);
  });
});
