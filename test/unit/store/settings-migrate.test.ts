import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { dismissNotice, loadNotices } from '../../../src/store/notices';
import { progressKeyPrefix } from '../../../src/store/progress';
import { ensureDefaults, getActivePack, getState, loadSettings, migrateStored, migrateV0, saveSettings, SETTINGS_KEY } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { areas, CUSTOM_PACK, DEFAULTS, STORED_DEFAULTS, storedSettings, useAreas, withMemoryAreas } from './settings-support';

withMemoryAreas();

describe('stored settings that are corrupt or of an unknown shape', () => {
  const validRecord = { version: 2, municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: BUILTIN_PACK.id, packs: [] };

  it.each([
    { name: 'a string', stored: 'garbage', detail: 'stored settings were unreadable; defaults restored' },
    { name: 'null', stored: null, detail: 'stored settings were unreadable; defaults restored' },
    { name: 'an array', stored: [1, 2], detail: 'stored settings were unreadable; defaults restored' },
    {
      name: 'an empty object',
      stored: {},
      detail: 'invalid stored version, packs, municipality, expectedSe, activePackId reset to default',
    },
    {
      name: 'an object of wrong types',
      stored: { version: '2', municipality: 7, expectedSe: true, activePackId: [], packs: 'x' },
      detail: 'invalid stored version, packs, municipality, expectedSe, activePackId reset to default',
    },
  ])('reads $name as defaults; migrateStored repairs storage and adds a notice', async ({ stored, detail }) => {
    useAreas({ [SETTINGS_KEY]: stored });
    expect(await loadSettings()).toEqual(DEFAULTS);
    expect(storedSettings(), 'a read repairs nothing').toEqual(stored);
    expect(await migrateStored()).toEqual({ ok: true });
    expect(storedSettings()).toEqual(STORED_DEFAULTS);
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'settings-reset', detail })]);
  });

  it.each([
    { field: 'expectedSe', value: '1358562', kept: { municipality: 'Aarhus Kommune' }, reset: 'expectedSe' },
    { field: 'expectedSe', value: '29 18 97 57', kept: { municipality: 'Aarhus Kommune' }, reset: 'expectedSe' },
    { field: 'municipality', value: 42, kept: { expectedSe: '29189757' }, reset: 'municipality' },
    { field: 'packs', value: [{ id: 'half a pack' }, CUSTOM_PACK], kept: { packs: [CUSTOM_PACK], expectedSe: '29189757' }, reset: 'packs[0]' },
    { field: 'activePackId', value: 'Not An Id', kept: { municipality: 'Aarhus Kommune', expectedSe: '29189757' }, reset: 'activePackId' },
  ])('resets only a bad $field and keeps the valid fields', async ({ field, value, kept, reset }) => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, [field]: value } });
    expect(await loadSettings()).toMatchObject(kept);
    await migrateStored();
    expect(storedSettings()).toMatchObject(kept);
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'settings-reset', detail: `invalid stored ${reset} reset to default` })]);
  });

  it('keeps an SE number that fails the modulus-11 check (saved with "Gem alligevel")', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: '13585627' } });
    await migrateStored();
    expect(await loadSettings()).toMatchObject({ expectedSe: '13585627', expectedSeSuspect: true });
    expect(await loadNotices()).toEqual([]);
  });

  it('falls back to the built-in pack for an active id no task in reach has, and keeps the id', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, activePackId: 'klik-gone' } });
    await migrateStored();
    expect(await getActivePack()).toBe(BUILTIN_PACK);
    expect(storedSettings()).toMatchObject({ activePackId: 'klik-gone' });
  });

  it('reports a repair once: the repaired record reads clean the next time', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: 'bad' } });
    await migrateStored();
    const [notice] = await loadNotices();
    await dismissNotice(notice?.id ?? '');
    await migrateStored();
    await loadSettings();
    expect(await loadNotices()).toEqual([]);
  });

  it('keeps a valid kept pack when another field is bad', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: 'bad', packs: [CUSTOM_PACK], activePackId: CUSTOM_PACK.id } });
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
    await migrateStored();
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
  });

  it('never keeps a pack under the built-in pack id', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, packs: [{ ...CUSTOM_PACK, id: BUILTIN_PACK.id }] } });
    expect(await loadSettings()).toMatchObject({ packs: [], municipality: 'Aarhus Kommune' });
  });

  it('says so when the repair cannot be written, and still reads the salvaged values', async () => {
    areas.local = memoryArea({ [SETTINGS_KEY]: 'garbage' }, { failSet: (items) => (SETTINGS_KEY in items ? new Error('quota') : null) });
    setAreasForTesting({ local: areas.local });
    expect(await migrateStored()).toEqual({ ok: false });
    expect((await loadNotices()).map((n) => [n.kind, n.detail])).toEqual(
      expect.arrayContaining([
        ['write-failed', 'settings: quota'],
        ['settings-reset', 'stored settings were unreadable; defaults restored'],
      ]),
    );
    expect(await loadSettings()).toEqual(DEFAULTS);
  });
});

describe('settings from a newer version', () => {
  const future = { version: 3, kommunenavn: 'Aarhus Kommune', se: { value: '29189757' } };

  it('reads as defaults with the version in the state (a lasting condition, no notice), and is kept in storage', async () => {
    useAreas({ [SETTINGS_KEY]: future });
    const state = await getState();
    expect(state.settings).toEqual(DEFAULTS);
    expect(state.newerVersion).toBe(3);
    await ensureDefaults();
    await migrateStored();
    expect(storedSettings()).toEqual(future);
    expect(await loadNotices()).toEqual([]);
  });

  it('is replaced when the user saves', async () => {
    useAreas({ [SETTINGS_KEY]: future });
    await saveSettings({ municipality: 'Aarhus Kommune' });
    expect(storedSettings()).toEqual({ ...STORED_DEFAULTS, municipality: 'Aarhus Kommune' });
    expect((await getState()).newerVersion).toBeNull();
  });
});

describe('migration v0 -> v2', () => {
  it.each([
    { v0: { kommune: 'Aarhus Kommune', se: '29 18 97 57' }, municipality: 'Aarhus Kommune', expectedSe: '29189757', dropped: [] },
    { v0: { kommune: ' Aarhus Kommune ', se: 29189757 }, municipality: 'Aarhus Kommune', expectedSe: '29189757', dropped: [] },
    { v0: { kommune: 'Aarhus Kommune' }, municipality: 'Aarhus Kommune', expectedSe: null, dropped: [] },
    { v0: { kommune: 'Aarhus Kommune', se: '' }, municipality: 'Aarhus Kommune', expectedSe: null, dropped: [] },
    { v0: { kommune: 'Aarhus Kommune', se: '13585627' }, municipality: 'Aarhus Kommune', expectedSe: '13585627', dropped: [] },
    { v0: { kommune: 'Aarhus Kommune', se: '1358562' }, municipality: 'Aarhus Kommune', expectedSe: null, dropped: ['se'] },
    { v0: { kommune: ['x'], se: '29189757' }, municipality: '', expectedSe: '29189757', dropped: ['kommune'] },
    { v0: { kommune: 'x'.repeat(101), se: {} }, municipality: '', expectedSe: null, dropped: ['kommune', 'se'] },
  ])('migrateV0($v0)', ({ v0, municipality, expectedSe, dropped }) => {
    expect(migrateV0(v0)).toEqual({
      settings: { municipality, expectedSe, activePackId: BUILTIN_PACK.id, packs: [] },
      dropped,
    });
  });

  it('ensureDefaults moves the flat v0 keys into the versioned record and adds a notice', async () => {
    useAreas({ kommune: 'Aarhus Kommune', se: '29189757', unrelated: 1 });
    await ensureDefaults();
    expect(areas.local.dump()).toMatchObject({
      unrelated: 1,
      [SETTINGS_KEY]: { ...STORED_DEFAULTS, municipality: 'Aarhus Kommune', expectedSe: '29189757' },
    });
    expect(areas.local.dump()).not.toHaveProperty('kommune');
    expect(areas.local.dump()).not.toHaveProperty('se');
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'migrated', detail: 'settings moved from version 0 to 2' })]);
  });

  it('a read before the migration gives the migrated values and writes nothing; migrateStored then moves them', async () => {
    useAreas({ kommune: 'Aarhus Kommune', se: '135856' });
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: null });
    expect(areas.local.dump()).toEqual({ kommune: 'Aarhus Kommune', se: '135856' });
    await migrateStored();
    expect(storedSettings()).toEqual({ ...STORED_DEFAULTS, municipality: 'Aarhus Kommune' });
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'migrated', detail: 'settings moved from version 0 to 2; invalid se dropped' })]);
  });

  it('a save migrates too: it writes the record whole, drops the v0 keys and adds the notice', async () => {
    useAreas({ kommune: 'Aarhus Kommune', se: '29189757' });
    await saveSettings({ municipality: 'Odense Kommune' });
    expect(storedSettings()).toEqual({ ...STORED_DEFAULTS, municipality: 'Odense Kommune', expectedSe: '29189757' });
    expect(Object.keys(areas.local.dump()).sort()).toEqual(['notices', SETTINGS_KEY]);
    expect((await loadNotices()).map((n) => n.kind)).toEqual(['migrated']);
  });
});

describe('ensureDefaults', () => {
  it('writes defaults when nothing is stored and leaves valid settings alone', async () => {
    expect(await ensureDefaults()).toEqual({ ok: true });
    expect(storedSettings()).toEqual(STORED_DEFAULTS);
    await saveSettings({ municipality: 'Aarhus Kommune' });
    await ensureDefaults();
    expect(storedSettings()).toMatchObject({ municipality: 'Aarhus Kommune' });
    expect(await loadNotices()).toEqual([]);
  });

  it('is the only one of the two that writes defaults: migrateStored leaves empty storage empty', async () => {
    expect(await migrateStored()).toEqual({ ok: true });
    expect(areas.local.dump()).toEqual({});
  });
});

describe('migration v1 -> v2', () => {
  const v1 = { version: 1, municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: CUSTOM_PACK.id, customPack: CUSTOM_PACK };

  it('turns the custom pack into the first kept pack, keeps everything else, and writes v2 back quietly', async () => {
    useAreas({ [SETTINGS_KEY]: v1, [`${progressKeyPrefix(CUSTOM_PACK.id)}SF1470`]: { kept: 'as is' } });
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: CUSTOM_PACK.id, packs: [CUSTOM_PACK] });
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
    expect(storedSettings(), 'a read writes nothing').toEqual(v1);
    await migrateStored();
    expect(storedSettings()).toEqual({
      version: 2,
      municipality: 'Aarhus Kommune',
      expectedSe: '29189757',
      activePackId: CUSTOM_PACK.id,
      packs: [CUSTOM_PACK],
    });
    expect(areas.local.dump()[`${progressKeyPrefix(CUSTOM_PACK.id)}SF1470`]).toEqual({ kept: 'as is' });
    expect(await loadNotices()).toEqual([]);
  });

  it('migrates a v1 record without a custom pack to an empty list', async () => {
    useAreas({ [SETTINGS_KEY]: { ...v1, activePackId: BUILTIN_PACK.id, customPack: null } });
    await ensureDefaults();
    expect(storedSettings()).toEqual({ ...STORED_DEFAULTS, municipality: 'Aarhus Kommune', expectedSe: '29189757' });
  });

  it('keeps the valid fields of a v1 record whose custom pack is broken, with a notice', async () => {
    useAreas({ [SETTINGS_KEY]: { ...v1, customPack: { id: 'x' } } });
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '29189757', packs: [] });
    await migrateStored();
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'settings-reset', detail: 'invalid stored packs[0] reset to default' })]);
  });
});
