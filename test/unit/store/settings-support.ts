import { afterEach, beforeEach } from 'vitest';
import { BUILTIN_PACK, type Pack } from '../../../src/core/pack';
import { SETTINGS_KEY, type EffectiveSettings } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';

/** What the settings tests share: a kept pack, the defaults as read and as stored, and memory areas. */
export const CUSTOM_PACK: Pack = { ...BUILTIN_PACK, id: 'klik-test', title: 'Test task' };

export const DEFAULTS: EffectiveSettings = {
  municipality: '',
  expectedSe: null,
  activePackId: BUILTIN_PACK.id,
  packs: [],
  managed: { municipality: false, expectedSe: false },
  managedPacks: [],
  expectedSeSuspect: false,
};
export const STORED_DEFAULTS = { version: 2, municipality: '', expectedSe: null, activePackId: BUILTIN_PACK.id, packs: [] };

type Area = ReturnType<typeof memoryArea>;
/** The areas in use: replaced by useAreas (or by a test that needs a failing one). */
export const areas: { local: Area; managed: Area } = { local: memoryArea(), managed: memoryArea() };

export function useAreas(localData: Record<string, unknown> = {}, managedData: Record<string, unknown> = {}): void {
  areas.local = memoryArea(localData);
  areas.managed = memoryArea(managedData);
  setAreasForTesting(areas);
}

export function storedSettings(): unknown {
  return areas.local.dump()[SETTINGS_KEY];
}

/** Fresh empty areas before each test of the file, the real ones after. */
export function withMemoryAreas(): void {
  beforeEach(() => useAreas());
  afterEach(() => setAreasForTesting());
}
