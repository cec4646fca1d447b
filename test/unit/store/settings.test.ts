import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_PACK, type Pack } from '../../../src/core/pack';
import { dismissNotice, loadNotices } from '../../../src/store/notices';
import {
  SETTINGS_KEY,
  ensureDefaults,
  exportSettingsJson,
  getActivePack,
  importPack,
  importSettingsJson,
  loadSettings,
  migrateV0,
  onSettingsChanged,
  saveSettings,
  useBuiltinPack,
  type EffectiveSettings,
} from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';

const CUSTOM_PACK: Pack = { ...BUILTIN_PACK, id: 'klik-test', title: 'Test task' };

const DEFAULTS: EffectiveSettings = {
  municipality: '',
  expectedSe: null,
  activePackId: BUILTIN_PACK.id,
  customPack: null,
  managed: { municipality: false, expectedSe: false },
};

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
    expect(storedSettings()).toMatchObject({ version: 1, expectedSe: stored });
  });

  it.each([
    { input: '1234567', error: 'se-format' },
    { input: '12345678 9', error: 'se-format' },
    { input: 'abcdefgh', error: 'se-format' },
    { input: '13585627', error: 'se-modulus11' },
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

  it.each([
    { patch: { municipality: 'Odense Kommune' }, errors: { municipality: 'managed' } },
    { patch: { expectedSe: '13748136' }, errors: { expectedSe: 'managed' } },
    { patch: { expectedSe: null }, errors: { expectedSe: 'managed' } },
    { patch: { expectedSe: '1234' }, errors: { expectedSe: 'managed' } },
  ])('refuses saving a managed field: $patch', async ({ patch, errors }) => {
    useAreas({}, { municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    expect(await saveSettings(patch)).toEqual({ ok: false, errors });
    expect(local.dump()).toEqual({});
  });

  it('accepts the managed value itself as a no-op, so a form sending every field still saves', async () => {
    useAreas({}, { expectedSe: '29189757' });
    const result = await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29 18 97 57' });
    expect(result).toMatchObject({ ok: true, settings: { municipality: 'Aarhus Kommune', expectedSe: '29189757' } });
    expect(storedSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: null });
  });

  it.each([
    { policy: { expectedSe: '13585627' }, detail: 'policy ignored: expectedSe "13585627" is not a valid SE number (modulus11)' },
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
  const validRecord = { version: 1, municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: BUILTIN_PACK.id, customPack: null };

  it.each([
    { name: 'a string', stored: 'garbage', detail: 'stored settings were unreadable; defaults restored' },
    { name: 'null', stored: null, detail: 'stored settings were unreadable; defaults restored' },
    { name: 'an array', stored: [1, 2], detail: 'stored settings were unreadable; defaults restored' },
    {
      name: 'an empty object',
      stored: {},
      detail: 'invalid stored version, municipality, expectedSe, activePackId, customPack reset to default',
    },
    {
      name: 'an object of wrong types',
      stored: { version: '1', municipality: 7, expectedSe: true, activePackId: [], customPack: 'x' },
      detail: 'invalid stored version, municipality, expectedSe, activePackId, customPack reset to default',
    },
  ])('replaces $name by defaults, repairs storage and adds a notice', async ({ stored, detail }) => {
    useAreas({ [SETTINGS_KEY]: stored });
    expect(await loadSettings()).toEqual(DEFAULTS);
    expect(storedSettings()).toEqual({ version: 1, municipality: '', expectedSe: null, activePackId: BUILTIN_PACK.id, customPack: null });
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'settings-reset', detail })]);
  });

  it.each([
    { field: 'expectedSe', value: '13585627', kept: { municipality: 'Aarhus Kommune' } },
    { field: 'expectedSe', value: '29 18 97 57', kept: { municipality: 'Aarhus Kommune' } },
    { field: 'municipality', value: 42, kept: { expectedSe: '29189757' } },
    { field: 'customPack', value: { id: 'half a pack' }, kept: { municipality: 'Aarhus Kommune', expectedSe: '29189757' } },
    { field: 'activePackId', value: 'pack-that-is-not-stored', kept: { municipality: 'Aarhus Kommune', expectedSe: '29189757' } },
  ])('resets only a bad $field and keeps the valid fields', async ({ field, value, kept }) => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, [field]: value } });
    expect(await loadSettings()).toMatchObject(kept);
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'settings-reset', detail: `invalid stored ${field} reset to default` }),
    ]);
  });

  it('reports a repair once: the repaired record reads clean the next time', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: 'bad' } });
    await loadSettings();
    const [notice] = await loadNotices();
    await dismissNotice(notice?.id ?? '');
    await loadSettings();
    expect(await loadNotices()).toEqual([]);
  });

  it('keeps a valid custom pack when another field is bad', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, expectedSe: 'bad', customPack: CUSTOM_PACK, activePackId: CUSTOM_PACK.id } });
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
  });

  it('never stores a custom pack under the built-in pack id', async () => {
    useAreas({ [SETTINGS_KEY]: { ...validRecord, customPack: { ...CUSTOM_PACK, id: BUILTIN_PACK.id } } });
    expect(await loadSettings()).toMatchObject({ customPack: null, municipality: 'Aarhus Kommune' });
  });
});

describe('settings from a newer version', () => {
  const future = { version: 2, kommunenavn: 'Aarhus Kommune', se: { value: '29189757' } };

  it('reads as defaults with a notice, and is kept in storage', async () => {
    useAreas({ [SETTINGS_KEY]: future });
    expect(await loadSettings()).toEqual(DEFAULTS);
    await ensureDefaults();
    expect(storedSettings()).toEqual(future);
    expect(await loadNotices()).toEqual([
      expect.objectContaining({
        kind: 'settings-reset',
        detail: expect.stringContaining('newer version of Aftaletjek (version 2)') as string,
      }),
    ]);
  });

  it('is replaced when the user saves', async () => {
    useAreas({ [SETTINGS_KEY]: future });
    await saveSettings({ municipality: 'Aarhus Kommune' });
    expect(storedSettings()).toEqual({
      version: 1,
      municipality: 'Aarhus Kommune',
      expectedSe: null,
      activePackId: BUILTIN_PACK.id,
      customPack: null,
    });
  });
});

describe('migration v0 -> v1', () => {
  it.each([
    { v0: { kommune: 'Aarhus Kommune', se: '29 18 97 57' }, municipality: 'Aarhus Kommune', expectedSe: '29189757', dropped: [] },
    { v0: { kommune: ' Aarhus Kommune ', se: 29189757 }, municipality: 'Aarhus Kommune', expectedSe: '29189757', dropped: [] },
    { v0: { kommune: 'Aarhus Kommune' }, municipality: 'Aarhus Kommune', expectedSe: null, dropped: [] },
    { v0: { kommune: 'Aarhus Kommune', se: '' }, municipality: 'Aarhus Kommune', expectedSe: null, dropped: [] },
    { v0: { kommune: 'Aarhus Kommune', se: '13585627' }, municipality: 'Aarhus Kommune', expectedSe: null, dropped: ['se'] },
    { v0: { kommune: ['x'], se: '29189757' }, municipality: '', expectedSe: '29189757', dropped: ['kommune'] },
    { v0: { kommune: 'x'.repeat(101), se: {} }, municipality: '', expectedSe: null, dropped: ['kommune', 'se'] },
  ])('migrateV0($v0)', ({ v0, municipality, expectedSe, dropped }) => {
    expect(migrateV0(v0)).toEqual({
      settings: { municipality, expectedSe, activePackId: BUILTIN_PACK.id, customPack: null },
      dropped,
    });
  });

  it('ensureDefaults moves the flat v0 keys into the versioned record and adds a notice', async () => {
    useAreas({ kommune: 'Aarhus Kommune', se: '29189757', unrelated: 1 });
    await ensureDefaults();
    expect(local.dump()).toMatchObject({
      unrelated: 1,
      [SETTINGS_KEY]: { version: 1, municipality: 'Aarhus Kommune', expectedSe: '29189757', activePackId: BUILTIN_PACK.id, customPack: null },
    });
    expect(local.dump()).not.toHaveProperty('kommune');
    expect(local.dump()).not.toHaveProperty('se');
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'migrated', detail: 'settings moved from version 0 to 1' }),
    ]);
  });

  it('loadSettings migrates too, when it runs before ensureDefaults', async () => {
    useAreas({ kommune: 'Aarhus Kommune', se: '13585627' });
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: null });
    expect(await loadNotices()).toEqual([
      expect.objectContaining({ kind: 'migrated', detail: 'settings moved from version 0 to 1; invalid se dropped' }),
    ]);
  });
});

describe('ensureDefaults', () => {
  it('writes defaults when nothing is stored and leaves valid settings alone', async () => {
    await ensureDefaults();
    expect(storedSettings()).toEqual({ version: 1, municipality: '', expectedSe: null, activePackId: BUILTIN_PACK.id, customPack: null });
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
    expect(await loadSettings()).toMatchObject({ activePackId: CUSTOM_PACK.id, customPack: CUSTOM_PACK });
    await useBuiltinPack();
    expect(await getActivePack()).toBe(BUILTIN_PACK);
    expect(await loadSettings()).toMatchObject({ activePackId: BUILTIN_PACK.id, customPack: CUSTOM_PACK });
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
      version: 1,
      municipality: 'Aarhus Kommune',
      expectedSe: '29189757',
      customPack: CUSTOM_PACK,
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
    { name: 'a newer version', text: file({ version: 2 }), expected: { ok: false, error: expect.stringContaining('newer version') as string } },
    { name: 'a wrong type', text: file({ municipality: 5 }), expected: { ok: false, error: expect.stringMatching(/^municipality:/) as string } },
    { name: 'a bad pack', text: file({ customPack: { id: 'x' } }), expected: { ok: false, error: expect.stringMatching(/^customPack\./) as string } },
    { name: 'a bad SE', text: file({ expectedSe: '13585627' }), expected: { ok: false, errors: { expectedSe: 'se-modulus11' } } },
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
