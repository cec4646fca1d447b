import * as z from 'zod/mini';
import { BUILTIN_PACK, PackSchema, parsePack, type Pack } from '../../core/pack';

/**
 * The settings, declared once: their types, their defaults and the schema of what local storage holds.
 *
 * Key layout: local `settings` holds one versioned record. Version 0 (before versions) kept two flat
 * top-level keys, `kommune` and `se`; version 1 held one `customPack`, version 2 a list `packs`. Managed
 * storage (IT policy, see public/managed_schema.json) uses the top-level keys `municipality`, `expectedSe`
 * and `packs`.
 */
export interface Settings {
  municipality: string;
  /** 8 digits; may fail the modulus-11 check when the user saved it with "Gem alligevel". */
  expectedSe: string | null;
  activePackId: string;
  /** The packs the user keeps (read from a KLIK task's text or imported), each with its own progress. */
  packs: Pack[];
}
export interface EffectiveSettings extends Settings {
  managed: { municipality: boolean; expectedSe: boolean };
  /** Packs set by the municipality's IT (managed storage `packs`), valid ones only; read-only. */
  managedPacks: Pack[];
  /** The expected SE in force fails the modulus-11 check (a warning; the SE check stays equality). */
  expectedSeSuspect: boolean;
}

/** What the IT policy sets that is not used: lasting, so part of the state rather than a notice. */
export interface ManagedState {
  /** One line per ignored policy value, saying why, e.g. `expectedSe "123" is not a valid SE number (format)`. */
  invalid: string[];
}

/** Everything a page shows of the settings, from one read: what getState() returns. */
export interface SettingsState {
  /** Local settings with the valid policy values applied. */
  settings: EffectiveSettings;
  managed: ManagedState;
  /** The active pack, resolved from `settings`. */
  pack: Pack;
  /**
   * The version of stored settings written by a newer Aftaletjek, else null. Such settings are kept as they
   * are (defaults are used) until the user saves: a lasting condition, not a notice.
   */
  newerVersion: number | null;
}

/** `se-modulus11` is a warning: the same patch saves with `{ acceptSeWarning: true }` ("Gem alligevel"). */
export type SettingsError = 'se-empty' | 'se-format' | 'se-modulus11' | 'municipality-too-long' | 'managed';
export type SettingsFieldErrors = Partial<Record<'municipality' | 'expectedSe', SettingsError>>;
/** `writeFailed` is set when the input was valid but storage refused the write (a notice says why). */
export type SaveResult = { ok: true; settings: EffectiveSettings } | { ok: false; errors: SettingsFieldErrors; writeFailed?: true };

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;
export const V0_KEYS: readonly string[] = ['kommune', 'se'];
export const MANAGED_KEYS: readonly string[] = ['municipality', 'expectedSe', 'packs'];
export const MUNICIPALITY_MAX_LENGTH = 100;
export const MAX_KEPT_PACKS = 30;
export const SETTINGS_FILE_FORMAT = 'aftaletjek-settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  municipality: '',
  expectedSe: null,
  activePackId: BUILTIN_PACK.id,
  packs: [],
};

export function effectiveDefaults(): EffectiveSettings {
  return { ...DEFAULT_SETTINGS, managed: { municipality: false, expectedSe: false }, managedPacks: [], expectedSeSuspect: false };
}

/** The municipality as stored: trimmed; null when too long. */
export function normalizeMunicipality(input: string): string | null {
  const municipality = input.trim();
  return municipality.length <= MUNICIPALITY_MAX_LENGTH ? municipality : null;
}

/** An SE number as stored: 8 digits (the modulus-11 check is a warning, so it may fail it). */
const StoredSeSchema = z.string().check(z.regex(/^\d{8}$/));
// The built-in pack's id is reserved, so "which pack is active" is never ambiguous.
export const KeptPackSchema = PackSchema.check(z.refine((p) => p.id !== BUILTIN_PACK.id));

export const StoredSettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  municipality: z.string().check(
    z.maxLength(MUNICIPALITY_MAX_LENGTH),
    z.refine((m) => m === m.trim()),
  ),
  expectedSe: z.nullable(StoredSeSchema),
  activePackId: PackSchema.shape.id,
  packs: z.array(KeptPackSchema).check(
    z.maxLength(MAX_KEPT_PACKS),
    z.refine((packs) => new Set(packs.map((p) => p.id)).size === packs.length),
  ),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

export function toStored(settings: Settings): StoredSettings {
  const { municipality, expectedSe, activePackId, packs } = settings;
  return { version: SETTINGS_VERSION, municipality, expectedSe, activePackId, packs };
}

/** A pack for the store: valid, and not claiming the built-in pack's id. */
export function checkCustomPack(data: unknown): { ok: true; pack: Pack } | { ok: false; error: string } {
  const parsed = parsePack(data);
  if (parsed.ok && parsed.pack.id === BUILTIN_PACK.id) {
    const error = `id: "${BUILTIN_PACK.id}" belongs to the built-in pack; give the custom pack its own id`;
    return { ok: false, error };
  }
  return parsed;
}

export function parseJson(jsonText: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(jsonText) as unknown };
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
