import { checkExpectedSe } from '../../core/expected-se';
import type { Pack } from '../../core/pack';
import { addNotice, reportWriteFailure, type NoticeKind } from '../notices';
import { futureVersion, isRecord, localArea, replaceIfUnchanged, serialQueue } from '../storage';
import {
  DEFAULT_SETTINGS,
  KeptPackSchema,
  MAX_KEPT_PACKS,
  normalizeMunicipality,
  SETTINGS_KEY,
  SETTINGS_VERSION,
  StoredSettingsSchema,
  toStored,
  V0_KEYS,
  type Settings,
} from './schema';

/**
 * Migration (v0 -> v1 -> v2) and repair of the stored settings. Reading them is pure (interpret); what
 * storage must be made to hold is written by migrateStored/ensureDefaults only, which the background runs on
 * install, at start-up and when another page or a sync wrote the record, and by a save, which writes it whole.
 */

/** What local storage holds, and what must be done about it. */
export interface LocalOutcome {
  settings: Settings;
  /** The one-off notice to add when the record is rewritten (migrated or repaired). */
  notice: { kind: NoticeKind; detail: string } | null;
  /** Write `settings` back (repair or migration). Never for a newer version's data, which is kept. */
  rewrite: boolean;
  /** The version of a record written by a newer Aftaletjek (kept, defaults used), else null. */
  newerVersion: number | null;
}

/**
 * v0 -> current: the flat {kommune, se} keys become one record; what does not validate is dropped, not guessed.
 * Later versions migrate the `settings` record itself, one version step at a time (migrateV1).
 */
export function migrateV0(v0: { kommune?: unknown; se?: unknown }): { settings: Settings; dropped: string[] } {
  const dropped: string[] = [];
  const municipality = typeof v0.kommune === 'string' ? normalizeMunicipality(v0.kommune) : null;
  if (municipality === null && v0.kommune !== undefined) dropped.push('kommune');
  let expectedSe: string | null = null;
  if (v0.se !== undefined && v0.se !== null && v0.se !== '') {
    // Early versions kept the SE as typed, sometimes as a number.
    const checked = typeof v0.se === 'string' || typeof v0.se === 'number' ? checkExpectedSe(String(v0.se)) : null;
    if (checked?.ok) expectedSe = checked.value;
    else dropped.push('se');
  }
  return { settings: { ...DEFAULT_SETTINGS, municipality: municipality ?? '', expectedSe }, dropped };
}

/**
 * v1 -> v2: the one `customPack` becomes the first kept pack; everything else stays. Only the shape changes:
 * the v2 record is then read (and salvaged field by field) like any other.
 */
export function migrateV1(v1: Record<string, unknown>): Record<string, unknown> {
  const { customPack, ...rest } = v1;
  return { ...rest, version: 2, packs: customPack === null || customPack === undefined ? [] : [customPack] };
}

/** Keeps every field that is valid on its own; only bad fields (bad kept packs one by one) fall back to defaults. */
function salvage(raw: Record<string, unknown>): { settings: Settings; reset: string[] } {
  const reset: string[] = [];
  const shape = StoredSettingsSchema.shape;
  const field = <K extends 'municipality' | 'expectedSe' | 'activePackId'>(key: K): Settings[K] => {
    const parsed = shape[key].safeParse(raw[key]);
    if (parsed.success) return parsed.data as Settings[K];
    reset.push(key);
    return DEFAULT_SETTINGS[key];
  };
  if (!shape.version.safeParse(raw.version).success) reset.push('version');
  const packs: Pack[] = [];
  if (Array.isArray(raw.packs)) {
    const seen = new Set<string>();
    raw.packs.forEach((candidate, i) => {
      const parsed = KeptPackSchema.safeParse(candidate);
      if (parsed.success && !seen.has(parsed.data.id) && packs.length < MAX_KEPT_PACKS) {
        seen.add(parsed.data.id);
        packs.push(parsed.data);
      } else {
        reset.push(`packs[${i}]`);
      }
    });
  } else {
    reset.push('packs');
  }
  const settings: Settings = {
    municipality: field('municipality'),
    expectedSe: field('expectedSe'),
    activePackId: field('activePackId'),
    packs,
  };
  return { settings, reset };
}

/** Pure interpretation of what local storage holds (the `settings` record and the version-0 keys). */
export function interpret(stored: Record<string, unknown>): LocalOutcome {
  let raw = stored[SETTINGS_KEY];
  const clean = { notice: null, rewrite: false, newerVersion: null };
  if (raw === undefined) {
    if (!V0_KEYS.some((k) => k in stored)) return { settings: { ...DEFAULT_SETTINGS }, ...clean };
    const { settings, dropped } = migrateV0(stored);
    const detail = `settings moved from version 0 to ${SETTINGS_VERSION}` + (dropped.length > 0 ? `; invalid ${dropped.join(', ')} dropped` : '');
    return { ...clean, settings, notice: { kind: 'migrated', detail }, rewrite: true };
  }
  const future = futureVersion(raw, SETTINGS_VERSION);
  if (future !== null) return { ...clean, settings: { ...DEFAULT_SETTINGS }, newerVersion: future };
  if (!isRecord(raw)) {
    const detail = 'stored settings were unreadable; defaults restored';
    return { ...clean, settings: { ...DEFAULT_SETTINGS }, notice: { kind: 'settings-reset', detail }, rewrite: true };
  }
  // Version 1 is migrated quietly: nothing is lost or changed for the user, only the shape.
  const migrated = raw.version === 1;
  if (migrated) raw = migrateV1(raw);
  const { settings, reset } = salvage(raw as Record<string, unknown>);
  if (reset.length === 0) return { ...clean, settings, rewrite: migrated };
  const detail = `invalid stored ${reset.join(', ')} reset to default`;
  return { ...clean, settings, notice: { kind: 'settings-reset', detail }, rewrite: true };
}

/** What local storage holds of the settings: the record and the version-0 keys. Reads only. */
export function readStoredLocal(): Promise<Record<string, unknown>> {
  return localArea().get([SETTINGS_KEY, ...V0_KEYS]);
}

/** Removes the version-0 keys once their values live in the record. */
export async function removeLegacyKeys(stored: Record<string, unknown>): Promise<void> {
  const legacy = V0_KEYS.filter((k) => k in stored);
  if (legacy.length > 0) await localArea().remove(legacy);
}

/** One migration at a time in this context: a second run reads what the first wrote, so it adds no notice again. */
const queue = serialQueue();

const carryOut = (writeDefaults: boolean): Promise<{ ok: boolean }> => queue(() => migrateOnce(writeDefaults));

async function migrateOnce(writeDefaults: boolean): Promise<{ ok: boolean }> {
  try {
    const stored = await readStoredLocal();
    const { settings, notice, rewrite } = interpret(stored);
    let ok = true;
    if (rewrite || (writeDefaults && stored[SETTINGS_KEY] === undefined)) {
      try {
        // A repair must never undo a save another page made meanwhile (that save rewrote the record and
        // removed the version-0 keys itself): then there is nothing to repair or to say.
        if (!(await replaceIfUnchanged(SETTINGS_KEY, stored[SETTINGS_KEY], toStored(settings)))) return { ok: true };
        await removeLegacyKeys(stored);
      } catch (error) {
        ok = false;
        await reportWriteFailure('settings', error);
      }
    }
    if (notice) await addNotice(notice.kind, notice.detail);
    return { ok };
  } catch (error) {
    await reportWriteFailure('settings', error);
    return { ok: false };
  }
}

/**
 * Migrates or repairs what is stored, once: the record then reads clean, so its notice is added once. A
 * newer version's settings are never rewritten here: defaults are used until the user saves. Storage that
 * needs nothing is only read. `ok` is false when a write (or the read) failed; a notice says why.
 */
export function migrateStored(): Promise<{ ok: boolean }> {
  return carryOut(false);
}

/** On install and update: migrateStored, and writes defaults when nothing is stored. */
export function ensureDefaults(): Promise<{ ok: boolean }> {
  return carryOut(true);
}
