import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { loadNotices } from '../../../src/store/notices';
import { getActivePack, getState, loadSettings, onSettingsChanged, onStateChanged, saveSettings, SETTINGS_KEY } from '../../../src/store/settings';
import { setAreasForTesting } from '../../../src/store/storage';
import { areas, CUSTOM_PACK, DEFAULTS, STORED_DEFAULTS, storedSettings, useAreas, withMemoryAreas } from './settings-support';

withMemoryAreas();

describe('loadSettings', () => {
  it('returns defaults when nothing is stored, without writing', async () => {
    expect(await loadSettings()).toEqual(DEFAULTS);
    expect(areas.local.dump()).toEqual({});
  });

  it('returns defaults when storage itself fails', async () => {
    setAreasForTesting({
      local: { get: () => Promise.reject(new Error('broken')), set: async () => {}, remove: async () => {} },
    });
    expect(await loadSettings()).toEqual(DEFAULTS);
    expect(await getState()).toEqual({ settings: DEFAULTS, managed: { invalid: [] }, pack: BUILTIN_PACK, newerVersion: null });
  });
});

describe('getState: one pure read', () => {
  const kept = { ...STORED_DEFAULTS, municipality: 'Aarhus Kommune', packs: [CUSTOM_PACK], activePackId: CUSTOM_PACK.id };

  it('gives the effective settings, the policy state and the active pack from one read of each area', async () => {
    useAreas({ [SETTINGS_KEY]: kept }, { expectedSe: '29189757' });
    const localGet = vi.spyOn(areas.local, 'get');
    const managedGet = vi.spyOn(areas.managed, 'get');
    const state = await getState();
    expect(state).toEqual({
      settings: {
        ...DEFAULTS,
        municipality: 'Aarhus Kommune',
        expectedSe: '29189757',
        packs: [CUSTOM_PACK],
        activePackId: CUSTOM_PACK.id,
        managed: { municipality: false, expectedSe: true },
      },
      managed: { invalid: [] },
      pack: CUSTOM_PACK,
      newerVersion: null,
    });
    expect(localGet).toHaveBeenCalledTimes(1);
    expect(managedGet).toHaveBeenCalledTimes(1);
  });

  it.each([
    { name: 'unreadable settings', local: { [SETTINGS_KEY]: 'garbage' } },
    { name: 'a bad field', local: { [SETTINGS_KEY]: { ...kept, expectedSe: 'bad' } } },
    { name: 'version-0 keys', local: { kommune: 'Aarhus Kommune', se: '29189757' } },
    {
      name: 'a version-1 record',
      local: { [SETTINGS_KEY]: { version: 1, municipality: 'Aarhus Kommune', expectedSe: null, activePackId: BUILTIN_PACK.id, customPack: null } },
    },
    { name: "a newer version's settings", local: { [SETTINGS_KEY]: { version: 3, kommune: 'x' } } },
    { name: 'an invalid policy', local: {}, managed: { expectedSe: '123', packs: 'nope' } },
    { name: 'nothing at all', local: {} },
  ])('never writes storage nor adds a notice, whatever is stored: $name', async ({ local, managed }) => {
    useAreas(local, managed);
    const before = areas.local.dump();
    const set = vi.spyOn(areas.local, 'set');
    const remove = vi.spyOn(areas.local, 'remove');
    await getState();
    await loadSettings();
    await getActivePack();
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
    expect(areas.local.dump()).toEqual(before);
    expect(await loadNotices()).toEqual([]);
  });
});

describe('managed settings', () => {
  it('wins over local values and is marked as managed', async () => {
    await saveSettings({ municipality: 'Local Kommune', expectedSe: '13748136' });
    useAreas(areas.local.dump(), { municipality: ' Aarhus Kommune ', expectedSe: '29 18 97 57' });
    expect(await loadSettings()).toEqual({
      ...DEFAULTS,
      municipality: 'Aarhus Kommune',
      expectedSe: '29189757',
      managed: { municipality: true, expectedSe: true },
    });
  });

  it('uses a policy SE failing the modulus-11 check, marked suspect in the state, not as a notice', async () => {
    useAreas({}, { expectedSe: '13 58 56 27' });
    const state = await getState();
    expect(state.settings).toEqual({ ...DEFAULTS, expectedSe: '13585627', managed: { municipality: false, expectedSe: true }, expectedSeSuspect: true });
    expect(state.managed).toEqual({ invalid: [] });
    expect(await loadNotices()).toEqual([]);
  });

  it.each([
    { patch: { municipality: 'Odense Kommune' }, errors: { municipality: 'managed' } },
    { patch: { expectedSe: '13748136' }, errors: { expectedSe: 'managed' } },
    { patch: { expectedSe: null }, errors: { expectedSe: 'managed' } },
    { patch: { expectedSe: '1234' }, errors: { expectedSe: 'managed' } },
  ])('refuses saving a managed field the page has read: $patch', async ({ patch, errors }) => {
    useAreas({}, { municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    await loadSettings();
    expect(await saveSettings(patch)).toEqual({ ok: false, errors });
    expect(areas.local.dump()).toEqual({});
  });

  it('accepts the managed value itself as a no-op, so a form sending every field still saves', async () => {
    useAreas({}, { expectedSe: '29189757' });
    await loadSettings();
    const result = await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29 18 97 57' });
    expect(result).toMatchObject({ ok: true, settings: { municipality: 'Aarhus Kommune', expectedSe: '29189757' } });
    expect(storedSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: null });
  });

  it.each([
    { policy: { expectedSe: '123' }, invalid: 'expectedSe "123" is not a valid SE number (format)' },
    { policy: { expectedSe: 29189757 }, invalid: 'expectedSe is not a string' },
    { policy: { municipality: 'x'.repeat(101) }, invalid: 'municipality is longer than 100 characters' },
  ])('ignores an invalid policy value, saying why in the state (a lasting condition): $invalid', async ({ policy, invalid }) => {
    useAreas({}, policy);
    await saveSettings({ municipality: 'Local Kommune', expectedSe: '13748136' });
    const state = await getState();
    expect(state.settings).toEqual({ ...DEFAULTS, municipality: 'Local Kommune', expectedSe: '13748136' });
    expect(state.managed).toEqual({ invalid: [invalid] });
    expect(await loadNotices()).toEqual([]);
  });

  it('treats an empty policy value as not set', async () => {
    useAreas({}, { municipality: '', expectedSe: ' ' });
    expect(await getState()).toMatchObject({ settings: DEFAULTS, managed: { invalid: [] } });
    expect(await loadNotices()).toEqual([]);
  });
});

describe('onSettingsChanged and onStateChanged', () => {
  it('delivers the new effective settings after a local save and after a policy change', async () => {
    const cb = vi.fn();
    const unsubscribe = onSettingsChanged(cb);
    await saveSettings({ municipality: 'Aarhus Kommune' });
    await vi.waitFor(() => expect(cb).toHaveBeenLastCalledWith({ ...DEFAULTS, municipality: 'Aarhus Kommune' }));
    await areas.managed.set({ expectedSe: '29189757' });
    await vi.waitFor(() =>
      expect(cb).toHaveBeenLastCalledWith({
        ...DEFAULTS,
        municipality: 'Aarhus Kommune',
        expectedSe: '29189757',
        managed: { municipality: false, expectedSe: true },
      }),
    );
    unsubscribe();
    const calls = cb.mock.calls.length;
    await saveSettings({ municipality: 'Odense Kommune' });
    await new Promise((r) => setTimeout(r, 10));
    expect(cb).toHaveBeenCalledTimes(calls);
  });

  it('delivers the whole state, the policy that became invalid included, and only reads', async () => {
    const cb = vi.fn();
    const stop = onStateChanged(cb);
    await areas.managed.set({ expectedSe: '123' });
    await vi.waitFor(() =>
      expect(cb).toHaveBeenLastCalledWith(
        expect.objectContaining({ managed: { invalid: ['expectedSe "123" is not a valid SE number (format)'] }, pack: BUILTIN_PACK }),
      ),
    );
    await areas.local.set({ [SETTINGS_KEY]: 'garbage' });
    await vi.waitFor(() => expect(cb).toHaveBeenCalledTimes(2));
    expect(storedSettings()).toBe('garbage');
    stop();
  });

  it('with migrate (the background), repairs what another page wrote, once, and delivers the repaired state', async () => {
    const cb = vi.fn();
    const stop = onStateChanged(cb, { migrate: true });
    await areas.local.set({ kommune: 'Aarhus Kommune', se: '29189757' });
    await vi.waitFor(() => expect(storedSettings()).toEqual({ ...STORED_DEFAULTS, municipality: 'Aarhus Kommune', expectedSe: '29189757' }));
    await vi.waitFor(() =>
      expect(cb).toHaveBeenLastCalledWith(expect.objectContaining({ settings: expect.objectContaining({ municipality: 'Aarhus Kommune' }) })),
    );
    expect(areas.local.dump()).not.toHaveProperty('kommune');
    expect((await loadNotices()).map((n) => n.kind)).toEqual(['migrated']);
    stop();
  });
});
