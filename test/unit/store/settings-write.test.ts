import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { loadNotices } from '../../../src/store/notices';
import { importPack, loadSettings, saveSettings, setActivePack, SETTINGS_KEY } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { areas, CUSTOM_PACK, DEFAULTS, storedSettings, withMemoryAreas } from './settings-support';

withMemoryAreas();

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
    expect(areas.local.dump()).toEqual({});
  });

  it('writes nothing when one field of the patch is invalid', async () => {
    const result = await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '13585627' });
    expect(result).toEqual({ ok: false, errors: { expectedSe: 'se-modulus11' } });
    expect(areas.local.dump()).toEqual({});
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
    areas.local = memoryArea({}, { failSet: (items) => (SETTINGS_KEY in items ? new Error('QUOTA_BYTES quota exceeded') : null) });
    setAreasForTesting({ local: areas.local });
    expect(await saveSettings({ municipality: 'Aarhus Kommune' })).toEqual({ ok: false, errors: {}, writeFailed: true });
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'write-failed', detail: 'settings: QUOTA_BYTES quota exceeded' })]);
  });

  it('resolves even when the notice about a failed write cannot be written either', async () => {
    setAreasForTesting({ local: memoryArea({}, { failSet: () => new Error('QUOTA_BYTES quota exceeded') }) });
    expect(await saveSettings({ expectedSe: '29189757' })).toEqual({ ok: false, errors: {}, writeFailed: true });
  });

  it('over a record that needed a repair, writes it whole and says what was reset', async () => {
    setAreasForTesting({ local: (areas.local = memoryArea({ [SETTINGS_KEY]: { version: 2, municipality: 42 } })) });
    expect(await saveSettings({ expectedSe: '29189757' })).toMatchObject({ ok: true, settings: { municipality: '', expectedSe: '29189757' } });
    expect(storedSettings()).toMatchObject({ version: 2, municipality: '', expectedSe: '29189757', packs: [] });
    expect((await loadNotices()).map((n) => n.kind)).toEqual(['settings-reset']);
  });
});

describe('an SE number failing the modulus-11 check', () => {
  it('is refused with se-modulus11 first, and saved with acceptSeWarning ("Gem alligevel")', async () => {
    expect(await saveSettings({ expectedSe: '13 58 56 27' })).toEqual({ ok: false, errors: { expectedSe: 'se-modulus11' } });
    expect(areas.local.dump()).toEqual({});
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
    areas.local = memoryArea();
    setAreasForTesting({ local: areas.local, managed: never });
    const result = await saveSettings({ municipality: 'Vejle Kommune', expectedSe: '55 13 30 18' });
    expect(result).toMatchObject({ ok: true, settings: { municipality: 'Vejle Kommune', expectedSe: '55133018' } });
    expect(storedSettings()).toMatchObject({ municipality: 'Vejle Kommune', expectedSe: '55133018' });
  });

  it('keeps a pack and switches tasks without waiting either', async () => {
    areas.local = memoryArea();
    setAreasForTesting({ local: areas.local, managed: never });
    expect(await importPack(JSON.stringify(CUSTOM_PACK))).toEqual({ ok: true, pack: CUSTOM_PACK });
    expect(await setActivePack(BUILTIN_PACK.id)).toEqual({ ok: true });
    expect(storedSettings()).toMatchObject({ activePackId: BUILTIN_PACK.id, packs: [CUSTOM_PACK] });
  });
});
