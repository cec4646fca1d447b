import * as z from 'zod/mini';
import { BUILTIN_PACK, PackSchema, parsePack, type Pack } from '../core/pack';
import { validateExpectedSe } from '../core/se';
import { addNotice, reportWriteFailure, type NoticeKind } from './notices';
import { isProfileKey } from './profile';
import { futureVersion, isRecord, localArea, managedArea, replaceIfUnchanged, watchKeys } from './storage';

export interface Settings {
  municipality: string;
  expectedSe: string | null;
  activePackId: string;
  customPack: Pack | null;
}
export interface EffectiveSettings extends Settings {
  managed: { municipality: boolean; expectedSe: boolean };
}
export type SettingsError = 'se-empty' | 'se-format' | 'se-modulus11' | 'municipality-too-long' | 'managed';
type SettingsFieldErrors = Partial<Record<'municipality' | 'expectedSe', SettingsError>>;
/** `writeFailed` is set when the input was valid but storage refused the write (a notice says why). */
export type SaveResult =
  | { ok: true; settings: EffectiveSettings }
  | { ok: false; errors: SettingsFieldErrors; writeFailed?: true };

/**
 * Key layout: local `settings` holds one versioned record. Version 0 (before versions) kept two flat
 * top-level keys, `kommune` and `se`. Managed storage (IT policy, see public/managed_schema.json) uses the
 * top-level keys `municipality` and `expectedSe`.
 */
export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;
const V0_KEYS = ['kommune', 'se'];
export const MANAGED_KEYS: readonly string[] = ['municipality', 'expectedSe'];
export const MUNICIPALITY_MAX_LENGTH = 100;
export const SETTINGS_FILE_FORMAT = 'aftaletjek-settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  municipality: '',
  expectedSe: null,
  activePackId: BUILTIN_PACK.id,
  customPack: null,
};

/** The municipality as stored: trimmed; null when too long. */
function normalizeMunicipality(input: string): string | null {
  const municipality = input.trim();
  return municipality.length <= MUNICIPALITY_MAX_LENGTH ? municipality : null;
}

/** An SE number as stored: exactly what validateExpectedSe makes of it (8 digits, valid). */
const StoredSeSchema = z.string().check(
  z.refine((se) => {
    const checked = validateExpectedSe(se);
    return checked.ok && checked.value === se;
  }),
);

export const StoredSettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  municipality: z.string().check(
    z.maxLength(MUNICIPALITY_MAX_LENGTH),
    z.refine((m) => m === m.trim()),
  ),
  expectedSe: z.nullable(StoredSeSchema),
  activePackId: z.string(),
  // The built-in pack's id is reserved, so "which pack is active" is never ambiguous.
  customPack: z.nullable(PackSchema.check(z.refine((p) => p.id !== BUILTIN_PACK.id))),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

/** What local storage holds, and what readLocal must do about it. */
type ReadOutcome = {
  settings: Settings;
  notice: { kind: NoticeKind; detail: string } | null;
  /** Write `settings` back (repair or migration). Never for a newer version's data, which is kept. */
  rewrite: boolean;
};

function toStored(settings: Settings): StoredSettings {
  const { municipality, expectedSe, activePackId, customPack } = settings;
  return { version: SETTINGS_VERSION, municipality, expectedSe, activePackId, customPack };
}

/**
 * v0 -> v1: the flat {kommune, se} keys become one record; what does not validate is dropped, not guessed.
 * Later versions migrate the `settings` record itself, one version step at a time.
 */
export function migrateV0(v0: { kommune?: unknown; se?: unknown }): { settings: Settings; dropped: string[] } {
  const dropped: string[] = [];
  const municipality = typeof v0.kommune === 'string' ? normalizeMunicipality(v0.kommune) : null;
  if (municipality === null && v0.kommune !== undefined) dropped.push('kommune');
  let expectedSe: string | null = null;
  if (v0.se !== undefined && v0.se !== null && v0.se !== '') {
    // Early versions kept the SE as typed, sometimes as a number.
    const checked = typeof v0.se === 'string' || typeof v0.se === 'number' ? validateExpectedSe(String(v0.se)) : null;
    if (checked?.ok) expectedSe = checked.value;
    else dropped.push('se');
  }
  return { settings: { ...DEFAULT_SETTINGS, municipality: municipality ?? '', expectedSe }, dropped };
}

/** Keeps every field that is valid on its own; only bad fields fall back to defaults. */
function salvage(raw: Record<string, unknown>): { settings: Settings; reset: string[] } {
  const reset: string[] = [];
  const shape = StoredSettingsSchema.shape;
  const field = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = shape[key].safeParse(raw[key]);
    if (parsed.success) return parsed.data as Settings[K];
    reset.push(key);
    return DEFAULT_SETTINGS[key];
  };
  if (!shape.version.safeParse(raw.version).success) reset.push('version');
  const settings: Settings = {
    municipality: field('municipality'),
    expectedSe: field('expectedSe'),
    activePackId: field('activePackId'),
    customPack: field('customPack'),
  };
  if (settings.activePackId !== BUILTIN_PACK.id && settings.activePackId !== settings.customPack?.id) {
    if (!reset.includes('activePackId')) reset.push('activePackId');
    settings.activePackId = BUILTIN_PACK.id;
  }
  return { settings, reset };
}

/** Pure interpretation of what local storage holds; readLocal carries out what it asks for. */
function interpret(stored: Record<string, unknown>): ReadOutcome {
  const raw = stored[SETTINGS_KEY];
  const defaults = { ...DEFAULT_SETTINGS };
  if (raw === undefined) {
    if (!V0_KEYS.some((k) => k in stored)) return { settings: defaults, notice: null, rewrite: false };
    const { settings, dropped } = migrateV0(stored);
    const detail =
      `settings moved from version 0 to ${SETTINGS_VERSION}` +
      (dropped.length > 0 ? `; invalid ${dropped.join(', ')} dropped` : '');
    return { settings, notice: { kind: 'migrated', detail }, rewrite: true };
  }
  const future = futureVersion(raw, SETTINGS_VERSION);
  if (future !== null) {
    const detail =
      `settings were saved by a newer version of Aftaletjek (version ${future}); ` +
      'defaults are used, and the stored settings are kept until you save';
    return { settings: defaults, notice: { kind: 'settings-reset', detail }, rewrite: false };
  }
  if (!isRecord(raw)) {
    const detail = 'stored settings were unreadable; defaults restored';
    return { settings: defaults, notice: { kind: 'settings-reset', detail }, rewrite: true };
  }
  const { settings, reset } = salvage(raw);
  if (reset.length === 0) return { settings, notice: null, rewrite: false };
  const detail = `invalid stored ${reset.join(', ')} reset to default`;
  return { settings, notice: { kind: 'settings-reset', detail }, rewrite: true };
}

/**
 * Local settings, repaired or migrated in storage on first read so the notice about it is shown once.
 * A newer version's settings are never rewritten here: defaults are used until the user saves.
 */
async function readLocal(writeDefaults = false): Promise<Settings> {
  const stored = await localArea().get([SETTINGS_KEY, ...V0_KEYS]);
  const { settings, notice, rewrite } = interpret(stored);
  if (rewrite || (writeDefaults && stored[SETTINGS_KEY] === undefined)) {
    try {
      await replaceIfUnchanged(SETTINGS_KEY, stored[SETTINGS_KEY], toStored(settings));
      const legacy = V0_KEYS.filter((k) => k in stored);
      if (legacy.length > 0) await localArea().remove(legacy);
    } catch (error) {
      await reportWriteFailure('settings', error);
    }
  }
  if (notice) await addNotice(notice.kind, notice.detail);
  return settings;
}

type ManagedValues = { municipality?: string; expectedSe?: string };

/** Policy values that validate; an invalid one is ignored (never half-applied) and reported as a notice. */
async function readManaged(): Promise<ManagedValues> {
  const raw = await managedArea().get([...MANAGED_KEYS]);
  const out: ManagedValues = {};
  const problems: string[] = [];
  const { municipality, expectedSe } = raw;
  if (typeof municipality === 'string' && municipality.trim() !== '') {
    const normalized = normalizeMunicipality(municipality);
    if (normalized !== null) out.municipality = normalized;
    else problems.push(`municipality is longer than ${MUNICIPALITY_MAX_LENGTH} characters`);
  } else if (municipality !== undefined && typeof municipality !== 'string') {
    problems.push('municipality is not a string');
  }
  if (typeof expectedSe === 'string' && expectedSe.trim() !== '') {
    const checked = validateExpectedSe(expectedSe);
    if (checked.ok) out.expectedSe = checked.value;
    else problems.push(`expectedSe "${expectedSe.slice(0, 40)}" is not a valid SE number (${checked.reason})`);
  } else if (expectedSe !== undefined && typeof expectedSe !== 'string') {
    problems.push('expectedSe is not a string');
  }
  for (const problem of problems) await addNotice('managed-invalid', `policy ignored: ${problem}`);
  return out;
}

function effective(local: Settings, managed: ManagedValues): EffectiveSettings {
  return {
    ...local,
    municipality: managed.municipality ?? local.municipality,
    expectedSe: managed.expectedSe ?? local.expectedSe,
    managed: { municipality: managed.municipality !== undefined, expectedSe: managed.expectedSe !== undefined },
  };
}

function activePack(settings: Settings): Pack {
  const custom = settings.customPack;
  return custom !== null && custom.id === settings.activePackId ? custom : BUILTIN_PACK;
}

type Patch = { municipality?: string; expectedSe?: string | null };

/**
 * Validates a patch against the policy. A value equal to the managed one is accepted as a no-op, so a form
 * that sends every field still saves; a different value for a managed field is refused.
 */
function checkPatch(
  patch: Patch,
  managed: ManagedValues,
): { ok: true; values: Partial<Settings> } | { ok: false; errors: SettingsFieldErrors } {
  const errors: SettingsFieldErrors = {};
  const values: Partial<Settings> = {};
  if (patch.municipality !== undefined) {
    const municipality = normalizeMunicipality(patch.municipality);
    if (managed.municipality !== undefined) {
      if (municipality !== managed.municipality) errors.municipality = 'managed';
    } else if (municipality === null) {
      errors.municipality = 'municipality-too-long';
    } else {
      values.municipality = municipality;
    }
  }
  if (patch.expectedSe !== undefined) {
    const checked = patch.expectedSe === null || patch.expectedSe === '' ? null : validateExpectedSe(patch.expectedSe);
    if (managed.expectedSe !== undefined) {
      if (!checked?.ok || checked.value !== managed.expectedSe) errors.expectedSe = 'managed';
    } else if (checked === null) {
      values.expectedSe = null;
    } else if (checked.ok) {
      values.expectedSe = checked.value;
    } else {
      errors.expectedSe = `se-${checked.reason}`;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

function effectiveDefaults(): EffectiveSettings {
  return { ...DEFAULT_SETTINGS, managed: { municipality: false, expectedSe: false } };
}

/** Local settings merged with managed ones: a valid policy value wins; an invalid one is ignored with a notice. */
export async function loadSettings(): Promise<EffectiveSettings> {
  try {
    const [local, managed] = await Promise.all([readLocal(), readManaged()]);
    return effective(local, managed);
  } catch {
    return effectiveDefaults();
  }
}

/**
 * Checks the patch against the policy, then writes it together with `extra` in one write, or nothing.
 * Every exported writer ends here: what runs before it is pure checking that cannot throw.
 */
async function savePatch(patch: Patch, extra: Partial<Settings>): Promise<SaveResult> {
  try {
    const [local, managed] = await Promise.all([readLocal(), readManaged()]);
    const checked = checkPatch(patch, managed);
    if (!checked.ok) return checked;
    const next = { ...local, ...checked.values, ...extra };
    await localArea().set({ [SETTINGS_KEY]: toStored(next) });
    return { ok: true, settings: effective(next, managed) };
  } catch (error) {
    await reportWriteFailure('settings', error);
    return { ok: false, errors: {}, writeFailed: true };
  }
}

/** Validates first; nothing invalid is ever written. expectedSe '' or null clears it; SE is stored as 8 digits. */
export async function saveSettings(patch: Patch): Promise<SaveResult> {
  return savePatch(patch, {});
}

/** The custom pack when it is active and valid, else the built-in pack. */
export async function getActivePack(): Promise<Pack> {
  try {
    return activePack(await readLocal());
  } catch {
    return BUILTIN_PACK;
  }
}

function parseJson(jsonText: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(jsonText) as unknown };
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A custom pack for the store: valid, and not claiming the built-in pack's id. */
function checkCustomPack(data: unknown): { ok: true; pack: Pack } | { ok: false; error: string } {
  const parsed = parsePack(data);
  if (parsed.ok && parsed.pack.id === BUILTIN_PACK.id) {
    const error = `id: "${BUILTIN_PACK.id}" belongs to the built-in pack; give the custom pack its own id`;
    return { ok: false, error };
  }
  return parsed;
}

/** On success the pack is stored as the custom pack and made active; bad input changes nothing. */
export async function importPack(jsonText: string): Promise<{ ok: true; pack: Pack } | { ok: false; error: string }> {
  const json = parseJson(jsonText);
  if (!json.ok) return json;
  const checked = checkCustomPack(json.value);
  if (!checked.ok) return checked;
  const saved = await savePatch({}, { customPack: checked.pack, activePackId: checked.pack.id });
  return saved.ok ? checked : { ok: false, error: 'write-failed' };
}

/** Makes the built-in pack active; the custom pack stays stored. */
export async function useBuiltinPack(): Promise<void> {
  await savePatch({}, { activePackId: BUILTIN_PACK.id });
}

/** The settings file: what the user sees (policy values included), and the custom pack only when active. */
const SettingsFileSchema = z.object({
  format: z.literal(SETTINGS_FILE_FORMAT),
  version: z.int().check(z.minimum(1)),
  municipality: z.optional(z.string()),
  expectedSe: z.optional(z.nullable(z.string())),
  customPack: z.optional(z.unknown()),
});

export async function exportSettingsJson(): Promise<string> {
  const settings = await loadSettings();
  const custom = settings.customPack?.id === settings.activePackId ? settings.customPack : null;
  const file = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_VERSION,
    municipality: settings.municipality,
    expectedSe: settings.expectedSe,
    customPack: custom,
  };
  return JSON.stringify(file, null, 2);
}

/**
 * Validated as a whole and written at once: nothing is written unless every field is valid. A missing field
 * is left as it is; customPack null makes the built-in pack active.
 */
export async function importSettingsJson(jsonText: string): Promise<SaveResult | { ok: false; error: string }> {
  const json = parseJson(jsonText);
  if (!json.ok) return json;
  const file = SettingsFileSchema.safeParse(json.value);
  if (!file.success) {
    const issue = file.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'not a settings file'}` };
  }
  const { version, municipality, expectedSe, customPack } = file.data;
  if (version > SETTINGS_VERSION) {
    return { ok: false, error: `the file is from a newer version of Aftaletjek (settings version ${version})` };
  }
  let pack: Partial<Settings> = {};
  if (customPack === null) {
    pack = { activePackId: BUILTIN_PACK.id };
  } else if (customPack !== undefined) {
    const checked = checkCustomPack(customPack);
    if (!checked.ok) return { ok: false, error: `customPack.${checked.error}` };
    pack = { customPack: checked.pack, activePackId: checked.pack.id };
  }
  return savePatch({ municipality, expectedSe }, pack);
}

/** On install and update: writes defaults when nothing is stored and migrates or repairs what is. */
export async function ensureDefaults(): Promise<void> {
  try {
    await readLocal(true);
  } catch (error) {
    await reportWriteFailure('settings', error);
  }
}

/**
 * Called with the new effective settings when they, or the portal profile in force (an import, a policy),
 * change: everything a portal tab's context is made of, so one subscription keeps the tabs current.
 */
export function onSettingsChanged(cb: (s: EffectiveSettings) => void): () => void {
  return watchKeys((key) => key === SETTINGS_KEY || MANAGED_KEYS.includes(key) || isProfileKey(key), loadSettings, cb);
}
