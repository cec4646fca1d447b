import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_PACK, type Pack } from '../../../src/core/pack';
import { dismissNotice, loadNotices } from '../../../src/store/notices';
import {
  SETTINGS_KEY,
  ensureDefaults,
  exportSettingsJson,
  getActivePack,
  importPack,
  keepPackFromText,
  packEntries,
  removePack,
  setActivePack,
  importSettingsJson,
  loadSettings,
  migrateV0,
  onSettingsChanged,
  saveSettings,
  useBuiltinPack,
  type EffectiveSettings,
} from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { loadProgress, progressKeyPrefix, recordObservations } from '../../../src/store/progress';

const CUSTOM_PACK: Pack = { ...BUILTIN_PACK, id: 'klik-test', title: 'Test task' };

const DEFAULTS: EffectiveSettings = {
  municipality: '',
  expectedSe: null,
  activePackId: BUILTIN_PACK.id,
  packs: [],
  managed: { municipality: false, expectedSe: false },
  managedPacks: [],
  expectedSeSuspect: false,
};
const STORED_DEFAULTS = { version: 2, municipality: '', expectedSe: null, activePackId: BUILTIN_PACK.id, packs: [] };

let local: ReturnType<typeof memoryArea>;
let managed: ReturnType<typeof memoryArea>;

function useAreas(localData: Record<string, unknown> = {}, managedData: Record<string, unknown> = {}) {
  local = memoryArea(localData);
  managed = memoryArea(managedData);
  setAreasForTesting({ local, managed });
}

function storedSettings(): unknown {
  return local.dump()[SETTINGS_KEY];
}

beforeEach(() => useAreas());
afterEach(() => setAreasForTesting());

describe('loadSettings', () => {
  it('returns defaults when nothing is stored, without writing', async () => {
    expect(await loadSettings()).toEqual(DEFAULTS);
    expect(local.dump()).toEqual({});
  });

  it('returns defaults when storage itself fails', async () => {
    setAreasForTesting({
      local: { get: () => Promise.reject(new Error('broken')), set: async () => {}, remove: async () => {} },
    });
    expect(await loadSettings()).toEqual(DEFAULTS);
  });
});

describe('saveSettings', () => {
  it.each([
    { input: '29 18 97 57', stored: '29189757' },
    { input: '29189757', stored: '29189757' },
    { input: '55\u00a0133\u00a0018', stored: '55133018' },
  ])('stores SE "$input" as $stored', async ({ input, stored }) => {
    const result = await saveSettings({ expectedSe: input });
    expect(result).toEqual({ ok: true, settings: { ...DEFAULTS, expectedSe: stored } });
    expect(storedSettings()).toMatchObject({ version: 2, expectedSe: stored });
  });

  it.each([
    { input: '1234567', error: 'se-format' },
    { input: '12345678 9', error: 'se-format' },
    { input: 'abcdefgh', error: 'se-format' },
    { input: '13585627', error: 'se-modulus11' },
    { input: '03585627', error: 'se-modulus11' },
    { input: '   ', error: 'se-empty' },
  ])('refuses SE "$input" with $error and writes nothing', async ({ input, error }) => {
    expect(await saveSettings({ expectedSe: input })).toEqual({ ok: false, errors: { expectedSe: error } });
    expect(local.dump()).toEqual({});
  });

  it('writes nothing when one field of the patch is invalid', async () => {
    const result = await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '13585627' });
    expect(result).toEqual({ ok: false, errors: { expectedSe: 'se-modulus11' } });
    expect(local.dump()).toEqual({});
  });

  it.each([
    { name: "''", value: '' as string | null },
    { name: 'null', value: null },
  ])('clears the SE with $name', async ({ value }) => {
    await saveSettings({ expectedSe: '29189757' });
    const result = await saveSettings({ expectedSe: value });
    expect(result).toEqual({ ok: true, settings: DEFAULTS });
    expect(storedSettings()).toMatchObject({ expectedSe: null });
  });

  it('trims the municipality and refuses one longer than 100 characters', async () => {
    expect(await saveSettings({ municipality: '  Aarhus Kommune ' })).toMatchObject({
      ok: true,
      settings: { municipality: 'Aarhus Kommune' },
    });
    expect(await saveSettings({ municipality: 'x'.repeat(101) })).toEqual({
      ok: false,
      errors: { municipality: 'municipality-too-long' },
    });
    expect(storedSettings()).toMatchObject({ municipality: 'Aarhus Kommune' });
  });

  it('leaves fields outside the patch as they were', async () => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    await saveSettings({ municipality: 'Odense Kommune' });
    expect(await loadSettings()).toMatchObject({ municipality: 'Odense Kommune', expectedSe: '29189757' });
  });

  it('resolves with writeFailed and adds a notice when storage refuses the write', async () => {
    local = memoryArea({}, { failSet: (items) => (SETTINGS_KEY in items ? new Error('QUOTA_BYTES quota exceeded') : null) });
    setAreasForTesting({ local });
    expect(await saveSettings({ municipality: 'Aarhus Kommune' })).toEqual({ ok: false, errors: {}, writeFailed: true });
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'write-failed', detail: 'settings: QUOTA_BYTES quota exceeded' }),
    ]);
  });

  it('resolves even when the notice about a failed write cannot be written either', async () => {
    setAreasForTesting({ local: memoryArea({}, { failSet: () => new Error('QUOTA_BYTES quota exceeded') }) });
    expect(await saveSettings({ expectedSe: '29189757' })).toEqual({ ok: false, errors: {}, writeFailed: true });
  });
});

describe('managed settings', () => {
  it('wins over local values and is marked as managed', async () => {
    await saveSettings({ municipality: 'Local Kommune', expectedSe: '13748136' });
    useAreas(local.dump(), { municipality: ' Aarhus Kommune ', expectedSe: '29 18 97 57' });
    expect(await loadSettings()).toEqual({
      ...DEFAULTS,
      municipality: 'Aarhus Kommune',
      expectedSe: '29189757',
      managed: { municipality: true, expectedSe: true },
    });
  });

  it('uses a policy SE failing the modulus-11 check, with a notice (a warning, not a refusal)', async () => {
    useAreas({}, { expectedSe: '13 58 56 27' });
    expect(await loadSettings()).toEqual({ ...DEFAULTS, expectedSe: '13585627', managed: { municipality: false, expectedSe: true }, expectedSeSuspect: true });
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'managed-se-suspect', detail: 'policy expectedSe 13585627 fails the modulus 11 check; it is used as set' }),
    ]);
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
    expect(local.dump()).toEqual({});
  });

  it('accepts the managed value itself as a no-op, so a form sending every field still saves', async () => {
    useAreas({}, { expectedSe: '29189757' });
    await loadSettings();
    const result = await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29 18 97 57' });
    expect(result).toMatchObject({ ok: true, settings: { municipality: 'Aarhus Kommune', expectedSe: '29189757' } });
    expect(storedSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: null });
  });

  it.each([
    { policy: { expectedSe: '123' }, detail: 'policy ignored: expectedSe "123" is not a valid SE number (format)' },
    { policy: { expectedSe: 29189757 }, detail: 'policy ignored: expectedSe is not a string' },
    { policy: { municipality: 'x'.repeat(101) }, detail: 'policy ignored: municipality is longer than 100 characters' },
  ])('ignores an invalid policy value with a notice: $detail', async ({ policy, detail }) => {
    useAreas({}, policy);
    await saveSettings({ municipality: 'Local Kommune', expectedSe: '13748136' });
    expect(await loadSettings()).toEqual({ ...DEFAULTS, municipality: 'Local Kommune', expectedSe: '13748136' });
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'managed-invalid', detail })]);
  });

  it('treats an empty policy value as not set', async () => {
    useAreas({}, { municipality: '', expectedSe: ' ' });
    expect(await loadSettings()).toEqual(DEFAULTS);
    expect(await loadNotices()).toEqual([]);
  });
});

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
  ])('replaces $name by defaults, repairs storage and adds a notice', async ({ stored, detail }) => {
    useAreas({ [SETTINGS_KEY]: stored });
    expect(await loadSettings()).toEqual(DEFAULTS);
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
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'settings-reset', detail: `invalid stored ${reset} reset to default` }),
    ]);
  });

  it('keeps an SE number that fails the modulus-11 check (saved with "Gem alligevel")', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: '13585627' } });
    expect(await loadSettings()).toMatchObject({ expectedSe: '13585627', expectedSeSuspect: true });
    expect(await loadNotices()).toEqual([]);
  });

  it('falls back to the built-in pack for an active id no task in reach has, and keeps the id', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, activePackId: 'klik-gone' } });
    expect(await getActivePack()).toBe(BUILTIN_PACK);
    expect(storedSettings()).toMatchObject({ activePackId: 'klik-gone' });
  });

  it('reports a repair once: the repaired record reads clean the next time', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: 'bad' } });
    await loadSettings();
    const [notice] = await loadNotices();
    await dismissNotice(notice?.id ?? '');
    await loadSettings();
    expect(await loadNotices()).toEqual([]);
  });

  it('keeps a valid kept pack when another field is bad', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: 'bad', packs: [CUSTOM_PACK], activePackId: CUSTOM_PACK.id } });
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
  });

  it('never keeps a pack under the built-in pack id', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, packs: [{ ...CUSTOM_PACK, id: BUILTIN_PACK.id }] } });
    expect(await loadSettings()).toMatchObject({ packs: [], municipality: 'Aarhus Kommune' });
  });
});

describe('settings from a newer version', () => {
  const future = { version: 3, kommunenavn: 'Aarhus Kommune', se: { value: '29189757' } };

  it('reads as defaults with a notice, and is kept in storage', async () => {
    useAreas({ [SETTINGS_KEY]: future });
    expect(await loadSettings()).toEqual(DEFAULTS);
    await ensureDefaults();
    expect(storedSettings()).toEqual(future);
    expect(await loadNotices()).toEqual([
      expect.objectContaining({
        kind: 'settings-reset',
        detail: expect.stringContaining('newer version of Aftaletjek (version 3)') as string,
      }),
    ]);
  });

  it('is replaced when the user saves', async () => {
    useAreas({ [SETTINGS_KEY]: future });
    await saveSettings({ municipality: 'Aarhus Kommune' });
    expect(storedSettings()).toEqual({ ...STORED_DEFAULTS, municipality: 'Aarhus Kommune' });
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
    expect(local.dump()).toMatchObject({
      unrelated: 1,
      [SETTINGS_KEY]: { ...STORED_DEFAULTS, municipality: 'Aarhus Kommune', expectedSe: '29189757' },
    });
    expect(local.dump()).not.toHaveProperty('kommune');
    expect(local.dump()).not.toHaveProperty('se');
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'migrated', detail: 'settings moved from version 0 to 2' }),
    ]);
  });

  it('loadSettings migrates too, when it runs before ensureDefaults', async () => {
    useAreas({ kommune: 'Aarhus Kommune', se: '135856' });
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: null });
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'migrated', detail: 'settings moved from version 0 to 2; invalid se dropped' }),
    ]);
  });
});

describe('ensureDefaults', () => {
  it('writes defaults when nothing is stored and leaves valid settings alone', async () => {
    await ensureDefaults();
    expect(storedSettings()).toEqual(STORED_DEFAULTS);
    await saveSettings({ municipality: 'Aarhus Kommune' });
    await ensureDefaults();
    expect(storedSettings()).toMatchObject({ municipality: 'Aarhus Kommune' });
    expect(await loadNotices()).toEqual([]);
  });
});

describe('packs', () => {
  it('uses the built-in pack by default', async () => {
    expect(await getActivePack()).toBe(BUILTIN_PACK);
  });

  it('imports a valid pack, makes it active, and switches back to the built-in one', async () => {
    expect(await importPack(JSON.stringify(CUSTOM_PACK))).toEqual({ ok: true, pack: CUSTOM_PACK });
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
    expect(await loadSettings()).toMatchObject({ activePackId: CUSTOM_PACK.id, packs: [CUSTOM_PACK] });
    await useBuiltinPack();
    expect(await getActivePack()).toBe(BUILTIN_PACK);
    expect(await loadSettings()).toMatchObject({ activePackId: BUILTIN_PACK.id, packs: [CUSTOM_PACK] });
  });

  it.each([
    { name: 'not JSON', text: '{"id":', error: /^not valid JSON/ },
    { name: 'not an object', text: '[]', error: /^\(root\)/ },
    { name: 'a half pack', text: JSON.stringify({ schemaVersion: 1, id: 'x-pack' }), error: /^title/ },
    { name: 'a duplicate agreement id', text: JSON.stringify({ ...CUSTOM_PACK, agreements: [BUILTIN_PACK.agreements[0], BUILTIN_PACK.agreements[0]] }), error: /duplicate agreement id/ },
    { name: 'the built-in pack id', text: JSON.stringify(BUILTIN_PACK), error: /belongs to the built-in pack/ },
  ])('refuses $name and changes nothing', async ({ text, error }) => {
    await saveSettings({ municipality: 'Aarhus Kommune' });
    const before = local.dump();
    const result = await importPack(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(error);
    expect(local.dump()).toEqual(before);
  });

  it('reports a refused write of an imported pack', async () => {
    setAreasForTesting({ local: memoryArea({}, { failSet: (items) => (SETTINGS_KEY in items ? new Error('quota') : null) }) });
    expect(await importPack(JSON.stringify(CUSTOM_PACK))).toEqual({ ok: false, error: 'write-failed' });
    expect(await getActivePack()).toBe(BUILTIN_PACK);
  });
});

describe('settings export and import', () => {
  it('round-trips municipality, SE and the active custom pack', async () => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    await importPack(JSON.stringify(CUSTOM_PACK));
    const exported = await exportSettingsJson();
    expect(JSON.parse(exported)).toEqual({
      format: 'aftaletjek-settings',
      version: 2,
      municipality: 'Aarhus Kommune',
      expectedSe: '29189757',
      customPack: CUSTOM_PACK,
      packs: [CUSTOM_PACK],
    });
    expect(exported).toContain('\n  "format"');
    const before = await loadSettings();

    useAreas();
    const result = await importSettingsJson(exported);
    expect(result).toEqual({ ok: true, settings: before });
    expect(await loadSettings()).toEqual(before);
  });

  it('exports no custom pack while the built-in pack is active, and importing that makes the built-in pack active', async () => {
    await importPack(JSON.stringify(CUSTOM_PACK));
    const withCustom = await exportSettingsJson();
    await useBuiltinPack();
    const builtin = await exportSettingsJson();
    expect(JSON.parse(builtin)).toMatchObject({ customPack: null });
    await importSettingsJson(withCustom);
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
    await importSettingsJson(builtin);
    expect(await getActivePack()).toBe(BUILTIN_PACK);
  });

  const file = (fields: Record<string, unknown>) =>
    JSON.stringify({ format: 'aftaletjek-settings', version: 1, municipality: 'Odense Kommune', expectedSe: '13748136', customPack: null, ...fields });

  it.each([
    { name: 'not JSON', text: 'nope', expected: { ok: false, error: expect.stringMatching(/^not valid JSON/) as string } },
    { name: 'another format', text: file({ format: 'other' }), expected: { ok: false, error: expect.stringMatching(/^format:/) as string } },
    { name: 'a newer version', text: file({ version: 3 }), expected: { ok: false, error: expect.stringContaining('newer version') as string } },
    { name: 'a wrong type', text: file({ municipality: 5 }), expected: { ok: false, error: expect.stringMatching(/^municipality:/) as string } },
    { name: 'a bad pack', text: file({ customPack: { id: 'x' } }), expected: { ok: false, error: expect.stringMatching(/^customPack\./) as string } },
    { name: 'a bad SE', text: file({ expectedSe: '1358562' }), expected: { ok: false, errors: { expectedSe: 'se-format' } } },
    { name: 'a bad kept pack', text: file({ packs: [{ id: 'x' }] }), expected: { ok: false, error: expect.stringMatching(/^packs\.0\./) as string } },
    { name: 'a too long municipality', text: file({ municipality: 'x'.repeat(101) }), expected: { ok: false, errors: { municipality: 'municipality-too-long' } } },
  ])('refuses a file with $name and writes nothing', async ({ text, expected }) => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    const before = local.dump();
    expect(await importSettingsJson(text)).toEqual(expected);
    expect(local.dump()).toEqual(before);
  });

  it('leaves fields the file does not mention as they are', async () => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    await importSettingsJson(JSON.stringify({ format: 'aftaletjek-settings', version: 1, expectedSe: '13748136' }));
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
  });
});

describe('onSettingsChanged', () => {
  it('delivers the new effective settings after a local save and after a policy change', async () => {
    const cb = vi.fn();
    const unsubscribe = onSettingsChanged(cb);
    await saveSettings({ municipality: 'Aarhus Kommune' });
    await vi.waitFor(() => expect(cb).toHaveBeenLastCalledWith({ ...DEFAULTS, municipality: 'Aarhus Kommune' }));
    await managed.set({ expectedSe: '29189757' });
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
});

describe('migration v1 -> v2', () => {
  const v1 = { version: 1, municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: CUSTOM_PACK.id, customPack: CUSTOM_PACK };

  it('turns the custom pack into the first kept pack, keeps everything else, and writes v2 back quietly', async () => {
    useAreas({ [SETTINGS_KEY]: v1, [`${progressKeyPrefix(CUSTOM_PACK.id)}SF1470`]: { kept: 'as is' } });
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: CUSTOM_PACK.id, packs: [CUSTOM_PACK] });
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
    expect(storedSettings()).toEqual({ version: 2, municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: CUSTOM_PACK.id, packs: [CUSTOM_PACK] });
    expect(local.dump()[`${progressKeyPrefix(CUSTOM_PACK.id)}SF1470`]).toEqual({ kept: 'as is' });
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
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'settings-reset', detail: 'invalid stored packs[0] reset to default' })]);
  });
});

describe('an SE number failing the modulus-11 check', () => {
  it('is refused with se-modulus11 first, and saved with acceptSeWarning ("Gem alligevel")', async () => {
    expect(await saveSettings({ expectedSe: '13 58 56 27' })).toEqual({ ok: false, errors: { expectedSe: 'se-modulus11' } });
    expect(local.dump()).toEqual({});
    const saved = await saveSettings({ expectedSe: '13 58 56 27' }, { acceptSeWarning: true });
    expect(saved).toEqual({ ok: true, settings: { ...DEFAULTS, expectedSe: '13585627', expectedSeSuspect: true } });
    expect(storedSettings()).toMatchObject({ expectedSe: '13585627' });
  });

  it('is never a reason to save a number that is not 8 digits', async () => {
    expect(await saveSettings({ expectedSe: '1358562' }, { acceptSeWarning: true })).toEqual({ ok: false, errors: { expectedSe: 'se-format' } });
  });
});

describe('a save while managed storage has not answered (a fresh Chromium profile)', () => {
  const never = { get: () => new Promise<Record<string, unknown>>(() => undefined) };

  it('is stored at once and resolves, without waiting for the policy', async () => {
    local = memoryArea();
    setAreasForTesting({ local, managed: never });
    const result = await saveSettings({ municipality: 'Vejle Kommune', expectedSe: '55 13 30 18' });
    expect(result).toMatchObject({ ok: true, settings: { municipality: 'Vejle Kommune', expectedSe: '55133018' } });
    expect(storedSettings()).toMatchObject({ municipality: 'Vejle Kommune', expectedSe: '55133018' });
  });

  it('keeps a pack and switches tasks without waiting either', async () => {
    local = memoryArea();
    setAreasForTesting({ local, managed: never });
    expect(await importPack(JSON.stringify(CUSTOM_PACK))).toEqual({ ok: true, pack: CUSTOM_PACK });
    expect(await setActivePack(BUILTIN_PACK.id)).toEqual({ ok: true });
    expect(storedSettings()).toMatchObject({ activePackId: BUILTIN_PACK.id, packs: [CUSTOM_PACK] });
  });
});

describe('kept tasks', () => {
  const SF07: Pack = { ...BUILTIN_PACK, id: 'klik-sf07', title: 'KLIK SF 07 – Godkend serviceaftaler', agreements: BUILTIN_PACK.agreements.slice(2) };

  it('keeps a task read from text, makes it active, and lists every task in reach', async () => {
    expect(await keepPackFromText(SF07)).toEqual({ ok: true, pack: SF07 });
    const settings = await loadSettings();
    expect(settings).toMatchObject({ activePackId: 'klik-sf07', packs: [SF07] });
    expect(packEntries(settings).map((e) => [e.pack.id, e.source])).toEqual([
      [BUILTIN_PACK.id, 'builtin'],
      ['klik-sf07', 'kept'],
    ]);
  });

  it('replaces the kept task when the same task is read again', async () => {
    await keepPackFromText(SF07);
    const corrected = { ...SF07, agreements: SF07.agreements.slice(1) };
    await keepPackFromText(corrected);
    expect((await loadSettings()).packs).toEqual([corrected]);
  });

  it('activates the built-in task for a pack equal to it, and gives a changed SF 02 an id of its own', async () => {
    await keepPackFromText(SF07);
    expect(await keepPackFromText({ ...BUILTIN_PACK })).toEqual({ ok: true, pack: BUILTIN_PACK });
    expect(await getActivePack()).toBe(BUILTIN_PACK);
    const changed = { ...BUILTIN_PACK, agreements: BUILTIN_PACK.agreements.slice(0, 4) };
    const result = await keepPackFromText(changed);
    expect(result).toEqual({ ok: true, pack: { ...changed, id: 'klik-sf02-2' } });
    expect((await getActivePack()).id).toBe('klik-sf02-2');
  });

  it('keeps each task\'s progress apart, and removes a task with its progress only', async () => {
    await keepPackFromText(SF07);
    const seen = { status: 'approved' as const, statusText: 'Godkendt', url: 'https://admin.serviceplatformen.dk/x' };
    await recordObservations(BUILTIN_PACK.id, [{ id: 'SF1470', ...seen }]);
    await recordObservations('klik-sf07', [{ id: 'SF1490', ...seen }]);
    expect(Object.keys(await loadProgress(BUILTIN_PACK.id))).toEqual(['SF1470']);
    expect(Object.keys(await loadProgress('klik-sf07'))).toEqual(['SF1490']);
    expect(await removePack('klik-sf07')).toEqual({ ok: true });
    expect(await loadProgress('klik-sf07')).toEqual({});
    expect(Object.keys(await loadProgress(BUILTIN_PACK.id))).toEqual(['SF1470']);
    expect(await loadSettings()).toMatchObject({ packs: [], activePackId: BUILTIN_PACK.id });
  });

  it('refuses to remove the built-in task or switch to a task that does not exist', async () => {
    expect(await removePack(BUILTIN_PACK.id)).toEqual({ ok: false });
    expect(await setActivePack('klik-nothing')).toEqual({ ok: false });
    expect(local.dump()).toEqual({});
  });

  it('refuses a pack the schema refuses, and changes nothing', async () => {
    expect(await keepPackFromText({ ...SF07, agreements: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/^agreements/) as string });
    expect(local.dump()).toEqual({});
  });
});

describe('tasks set by IT (managed packs)', () => {
  const IT_PACK: Pack = { ...BUILTIN_PACK, id: 'it-sf09', title: 'KLIK SF 09 – Fra IT', agreements: BUILTIN_PACK.agreements.slice(0, 1) };
  const OTHER: Pack = { ...IT_PACK, id: 'it-sf10', title: 'KLIK SF 10' };

  it.each([
    { name: 'an array of objects', value: [IT_PACK, OTHER] },
    { name: 'an array of JSON strings', value: [JSON.stringify(IT_PACK), JSON.stringify(OTHER)] },
    { name: 'a JSON string of an array', value: JSON.stringify([IT_PACK, OTHER]) },
  ])('loads $name, read-only, and lets the user switch to them', async ({ value }) => {
    useAreas({}, { packs: value });
    const settings = await loadSettings();
    expect(settings.managedPacks).toEqual([IT_PACK, OTHER]);
    expect(packEntries(settings).map((e) => [e.pack.id, e.source])).toEqual([
      [BUILTIN_PACK.id, 'builtin'],
      ['it-sf09', 'managed'],
      ['it-sf10', 'managed'],
    ]);
    expect(await setActivePack('it-sf10')).toEqual({ ok: true });
    expect(await getActivePack()).toEqual(OTHER);
    expect(await removePack('it-sf10')).toEqual({ ok: false });
  });

  it('ignores an invalid pack with a notice and still loads the others', async () => {
    useAreas({}, { packs: [IT_PACK, { ...OTHER, agreements: [] }, BUILTIN_PACK, 'not json', OTHER] });
    expect((await loadSettings()).managedPacks).toEqual([IT_PACK, OTHER]);
    const details = (await loadNotices()).map((n) => [n.kind, n.detail]);
    expect(details).toEqual(
      expect.arrayContaining([
        ['managed-invalid', expect.stringMatching(/^policy ignored: packs\[1\] agreements/) as string],
        ['managed-invalid', expect.stringMatching(/^policy ignored: packs\[2\] id: "klik-sf02" belongs to the built-in pack/) as string],
        ['managed-invalid', 'policy ignored: packs[3] is not valid JSON'],
      ]),
    );
    expect(details).toHaveLength(3);
  });

  it.each([
    { value: { not: 'an array' }, detail: 'policy ignored: packs is not an array' },
    { value: '[{', detail: expect.stringMatching(/^policy ignored: packs is not valid JSON/) as string },
  ])('ignores a packs value that is no list: $detail', async ({ value, detail }) => {
    useAreas({}, { packs: value });
    expect((await loadSettings()).managedPacks).toEqual([]);
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'managed-invalid', detail })]);
  });

  it('wins over a kept pack with its id, and a task read from text with that id gets its own', async () => {
    useAreas({ [SETTINGS_KEY]: { ...STORED_DEFAULTS, packs: [{ ...IT_PACK, title: 'Mine' }] } }, { packs: [IT_PACK] });
    const settings = await loadSettings();
    expect(packEntries(settings).filter((e) => e.pack.id === 'it-sf09')).toEqual([{ pack: IT_PACK, source: 'managed' }]);
    expect(await importPack(JSON.stringify(IT_PACK))).toMatchObject({ ok: false, error: expect.stringContaining('set by the municipality') as string });
    expect(await keepPackFromText({ ...IT_PACK, title: 'Read again' })).toMatchObject({ ok: true, pack: { id: 'it-sf09-2' } });
  });
});

describe('a pack set by policy without null versions', () => {
  it('reads an agreement without a version (a policy cannot hold null) as one whose name carries none', async () => {
    const sf1320 = BUILTIN_PACK.agreements.find((a) => a.id === 'SF1320')!;
    const { version: _none, ...withoutVersion } = sf1320;
    const policyPack = { ...BUILTIN_PACK, id: 'it-sf13', agreements: [withoutVersion, { ...sf1320, id: 'SF1321', code: 'SF1321', version: '' }] };
    useAreas({}, { packs: [policyPack] });
    expect((await loadSettings()).managedPacks).toEqual([
      { ...BUILTIN_PACK, id: 'it-sf13', agreements: [sf1320, { ...sf1320, id: 'SF1321', code: 'SF1321' }] },
    ]);
  });
});
