import { checkExpectedSe } from '../../core/expected-se';
import { BUILTIN_PACK, type Pack } from '../../core/pack';
import { isProfileKey } from '../profile';
import { watchKeys } from '../storage';
import { readManaged, type ManagedValues } from './managed';
import { interpret, migrateStored, readStoredLocal } from './migrate';
import { effectiveDefaults, MANAGED_KEYS, SETTINGS_KEY, V0_KEYS, type EffectiveSettings, type Settings, type SettingsState } from './schema';

/** Local settings merged with the policy: a valid policy value wins. */
export function effective(local: Settings, managed: ManagedValues): EffectiveSettings {
  const expectedSe = managed.expectedSe ?? local.expectedSe;
  const seCheck = expectedSe === null ? null : checkExpectedSe(expectedSe);
  return {
    ...local,
    municipality: managed.municipality ?? local.municipality,
    expectedSe,
    managed: { municipality: managed.municipality !== undefined, expectedSe: managed.expectedSe !== undefined },
    managedPacks: managed.packs ?? [],
    expectedSeSuspect: seCheck !== null && seCheck.ok && !seCheck.modulus11,
  };
}

export type PackSource = 'builtin' | 'kept' | 'managed';
export interface PackEntry {
  pack: Pack;
  source: PackSource;
}

/**
 * Every task the user can switch to, in a fixed order: the built-in one, those set by IT, those kept by the
 * user. A kept pack with the id of a policy pack is hidden while the policy sets it (IT wins).
 */
export function packEntries(settings: Pick<EffectiveSettings, 'packs' | 'managedPacks'>): PackEntry[] {
  const managedIds = new Set(settings.managedPacks.map((p) => p.id));
  return [
    { pack: BUILTIN_PACK, source: 'builtin' as const },
    ...settings.managedPacks.map((pack) => ({ pack, source: 'managed' as const })),
    ...settings.packs.filter((p) => !managedIds.has(p.id)).map((pack) => ({ pack, source: 'kept' as const })),
  ];
}

/** The active pack: the one named by activePackId among the packs in reach, else the built-in one. */
export function activePackOf(settings: Pick<EffectiveSettings, 'packs' | 'managedPacks' | 'activePackId'>): Pack {
  return packEntries(settings).find((e) => e.pack.id === settings.activePackId)?.pack ?? BUILTIN_PACK;
}

function defaultState(): SettingsState {
  return { settings: effectiveDefaults(), managed: { invalid: [] }, pack: BUILTIN_PACK, newerVersion: null };
}

/**
 * The settings state from one read of local and managed storage: the effective settings, what of the policy
 * is ignored, the active pack and whether the stored settings are a newer version's. Pure: it never writes
 * storage nor adds notices (migrateStored repairs what needs it). Never throws: failing storage means defaults.
 */
export async function getState(): Promise<SettingsState> {
  try {
    const [stored, managed] = await Promise.all([readStoredLocal(), readManaged().catch(() => ({ values: {}, invalid: [] }))]);
    const local = interpret(stored);
    const settings = effective(local.settings, managed.values);
    return { settings, managed: { invalid: managed.invalid }, pack: activePackOf(settings), newerVersion: local.newerVersion };
  } catch {
    return defaultState();
  }
}

/** The effective settings of getState(). */
export async function loadSettings(): Promise<EffectiveSettings> {
  return (await getState()).settings;
}

/** The active pack of getState(): kept, set by policy, or built in. */
export async function getActivePack(): Promise<Pack> {
  return (await getState()).pack;
}

/**
 * Whether a changed storage key can change the settings state or the portal profile in force (an import, a
 * policy): everything a portal tab's context is made of, so one subscription keeps the tabs current.
 */
export function isSettingsKey(key: string): boolean {
  return key === SETTINGS_KEY || V0_KEYS.includes(key) || MANAGED_KEYS.includes(key) || isProfileKey(key);
}

export interface StateWatchOptions {
  /**
   * Run migrateStored before each read: for the background's one watcher, so a record another page, a sync
   * or an older copy wrote is repaired (and its notice added) once. Pages only read.
   */
  migrate?: boolean;
}

/** Called with the new state when the settings, the policy or the portal profile in force change. */
export function onStateChanged(cb: (state: SettingsState) => void, options: StateWatchOptions = {}): () => void {
  const load = options.migrate ? () => migrateStored().then(getState) : getState;
  return watchKeys(isSettingsKey, load, cb);
}

/** onStateChanged for those that need only the effective settings. */
export function onSettingsChanged(cb: (s: EffectiveSettings) => void): () => void {
  return onStateChanged((state) => cb(state.settings));
}
