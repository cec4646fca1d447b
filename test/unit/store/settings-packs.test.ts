import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK, type Pack } from '../../../src/core/pack';
import { loadNotices } from '../../../src/store/notices';
import { loadProgress, recordObservations } from '../../../src/store/progress';
import {
  getActivePack,
  getState,
  importPack,
  keepPackFromText,
  loadSettings,
  packEntries,
  removePack,
  saveSettings,
  setActivePack,
  SETTINGS_KEY,
  useBuiltinPack,
} from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { areas, CUSTOM_PACK, DEFAULTS, STORED_DEFAULTS, useAreas, withMemoryAreas } from './settings-support';

withMemoryAreas();

describe('packs', () => {
  it('uses the built-in pack by default', async () => {
    expect(await getActivePack()).toBe(BUILTIN_PACK);
  });

  it('imports a valid pack, makes it active, and switches back to the built-in one', async () => {
    expect(await importPack(JSON.stringify(CUSTOM_PACK))).toEqual({ ok: true, pack: CUSTOM_PACK });
    expect(await getActivePack()).toEqual(CUSTOM_PACK);
    expect(await loadSettings()).toMatchObject({ activePackId: CUSTOM_PACK.id, packs: [CUSTOM_PACK] });
    expect(await useBuiltinPack()).toEqual({ ok: true, settings: { ...DEFAULTS, packs: [CUSTOM_PACK] } });
    expect(await getActivePack()).toBe(BUILTIN_PACK);
    expect(await loadSettings()).toMatchObject({ activePackId: BUILTIN_PACK.id, packs: [CUSTOM_PACK] });
  });

  it.each([
    { name: 'not JSON', text: '{"id":', error: /^not valid JSON/ },
    { name: 'not an object', text: '[]', error: /^\(root\)/ },
    { name: 'a half pack', text: JSON.stringify({ schemaVersion: 1, id: 'x-pack' }), error: /^title/ },
    {
      name: 'a duplicate agreement id',
      text: JSON.stringify({ ...CUSTOM_PACK, agreements: [BUILTIN_PACK.agreements[0], BUILTIN_PACK.agreements[0]] }),
      error: /duplicate agreement id/,
    },
    { name: 'the built-in pack id', text: JSON.stringify(BUILTIN_PACK), error: /belongs to the built-in pack/ },
  ])('refuses $name and changes nothing', async ({ text, error }) => {
    await saveSettings({ municipality: 'Aarhus Kommune' });
    const before = areas.local.dump();
    const result = await importPack(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(error);
    expect(areas.local.dump()).toEqual(before);
  });

  it('reports a refused write of an imported pack, and of a switch back to the built-in one', async () => {
    setAreasForTesting({ local: memoryArea({}, { failSet: (items) => (SETTINGS_KEY in items ? new Error('quota') : null) }) });
    expect(await importPack(JSON.stringify(CUSTOM_PACK))).toEqual({ ok: false, error: 'write-failed' });
    expect(await getActivePack()).toBe(BUILTIN_PACK);
    expect(await useBuiltinPack()).toEqual({ ok: false, errors: {}, writeFailed: true });
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'write-failed', detail: 'settings: quota' })]);
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

  it("keeps each task's progress apart, and removes a task with its progress only", async () => {
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
    expect(areas.local.dump()).toEqual({});
  });

  it('refuses a pack the schema refuses, and changes nothing', async () => {
    expect(await keepPackFromText({ ...SF07, agreements: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/^agreements/) as string });
    expect(areas.local.dump()).toEqual({});
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

  it('ignores an invalid pack, saying why in the state, and still loads the others', async () => {
    useAreas({}, { packs: [IT_PACK, { ...OTHER, agreements: [] }, BUILTIN_PACK, 'not json', OTHER] });
    const state = await getState();
    expect(state.settings.managedPacks).toEqual([IT_PACK, OTHER]);
    expect(state.managed.invalid).toEqual([
      expect.stringMatching(/^packs\[1\] agreements/) as string,
      expect.stringMatching(/^packs\[2\] id: "klik-sf02" belongs to the built-in pack/) as string,
      'packs[3] is not valid JSON',
    ]);
    expect(state.managed.invalid).toHaveLength(3);
    expect(await loadNotices()).toEqual([]);
  });

  it.each([
    { value: { not: 'an array' }, invalid: 'packs is not an array' },
    { value: '[{', invalid: expect.stringMatching(/^packs is not valid JSON/) as string },
  ])('ignores a packs value that is no list: $invalid', async ({ value, invalid }) => {
    useAreas({}, { packs: value });
    const state = await getState();
    expect(state.settings.managedPacks).toEqual([]);
    expect(state.managed.invalid).toEqual([invalid]);
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
