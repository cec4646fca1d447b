import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { exportSettingsJson, getActivePack, importPack, importSettingsJson, loadSettings, saveSettings, useBuiltinPack } from '../../../src/store/settings';
import { areas, CUSTOM_PACK, useAreas, withMemoryAreas } from './settings-support';

withMemoryAreas();

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
    {
      name: 'a too long municipality',
      text: file({ municipality: 'x'.repeat(101) }),
      expected: { ok: false, errors: { municipality: 'municipality-too-long' } },
    },
  ])('refuses a file with $name and writes nothing', async ({ text, expected }) => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    const before = areas.local.dump();
    expect(await importSettingsJson(text)).toEqual(expected);
    expect(areas.local.dump()).toEqual(before);
  });

  it('leaves fields the file does not mention as they are', async () => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    await importSettingsJson(JSON.stringify({ format: 'aftaletjek-settings', version: 1, expectedSe: '13748136' }));
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
  });
});
