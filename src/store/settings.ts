import * as z from 'zod/mini';
import { BUILTIN_PACK, PackSchema, parsePack, type Pack } from '../core/pack';
import { checkExpectedSe } from '../core/expected-se';
import { addNotice, reportWriteFailure, type NoticeKind } from './notices';
import { isProfileKey } from './profile';
import { resetProgress } from './progress';
import { futureVersion, isRecord, localArea, managedArea, replaceIfUnchanged, watchKeys } from './storage';

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
/** `se-modulus11` is a warning: the same patch saves with `{ acceptSeWarning: true }` ("Gem alligevel"). */
export type SettingsError = 'se-empty' | 'se-format' | 'se-modulus11' | 'municipality-too-long' | 'managed';
type SettingsFieldErrors = Partial<Record<'municipality' | 'expectedSe', SettingsError>>;
/** `writeFailed` is set when the input was valid but storage refused the write (a notice says why). */
export type SaveResult =
  | { ok: true; settings: EffectiveSettings }
  | { ok: false; errors: SettingsFieldErrors; writeFailed?: true };

/**
 * Key layout: local `settings` holds one versioned record. Version 0 (before versions) kept two flat
 * top-level keys, `kommune` and `se`; version 1 held one `customPack`, version 2 a list `packs`. Managed
 * storage (IT policy, see public/managed_schema.json) uses the top-level keys `municipality`, `expectedSe`
 * and `packs`.
 */
export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;
const V0_KEYS = ['kommune', 'se'];
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

/** The municipality as stored: trimmed; null when too long. */
export function normalizeMunicipality(input: string): string | null {
  const municipality = input.trim();
  return municipality.length <= MUNICIPALITY_MAX_LENGTH ? municipality : null;
}

/** An SE number as stored: 8 digits (the modulus-11 check is a warning, so it may fail it). */
const StoredSeSchema = z.string().check(z.regex(/^\d{8}$/));
// The built-in pack's id is reserved, so "which pack is active" is never ambiguous.
const KeptPackSchema = PackSchema.check(z.refine((p) => p.id !== BUILTIN_PACK.id));

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

/** What local storage holds, and what readLocal must do about it. */
type ReadOutcome = {
  settings: Settings;
  notice: { kind: NoticeKind; detail: string } | null;
  /** Write `settings` back (repair or migration). Never for a newer version's data, which is kept. */
  rewrite: boolean;
};

function toStored(settings: Settings): StoredSettings {
  const { municipality, expectedSe, activePackId, packs } = settings;
  return { version: SETTINGS_VERSION, municipality, expectedSe, activePackId, packs };
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
  let packs: Pack[] = [];
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
    packs = [];
  }
  const settings: Settings = {
    municipality: field('municipality'),
    expectedSe: field('expectedSe'),
    activePackId: field('activePackId'),
    packs,
  };
  return { settings, reset };
}

/** Pure interpretation of what local storage holds; readLocal carries out what it asks for. */
function interpret(stored: Record<string, unknown>): ReadOutcome {
  let raw = stored[SETTINGS_KEY];
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
  // Version 1 is migrated quietly: nothing is lost or changed for the user, only the shape.
  const migrated = raw.version === 1;
  if (migrated) raw = migrateV1(raw);
  const { settings, reset } = salvage(raw as Record<string, unknown>);
  if (reset.length === 0) return { settings, notice: null, rewrite: migrated };
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

type ManagedValues = { municipality?: string; expectedSe?: string; packs?: Pack[] };

/**
 * A policy cannot hold null (Chromium drops what its schema does not type), so in a pack set by policy an
 * agreement without `version`, or with an empty one, carries none: version null.
 */
function withPolicyVersions(data: unknown): unknown {
  if (!isRecord(data) || !Array.isArray(data.agreements)) return data;
  return {
    ...data,
    agreements: data.agreements.map((a: unknown) =>
      isRecord(a) && (a.version === undefined || a.version === '') ? { ...a, version: null } : a,
    ),
  };
}

/** A managed `packs` value: an array of packs (objects or JSON strings), or a JSON string of such an array. */
function readManagedPacks(raw: unknown, problems: string[]): Pack[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw) as unknown;
    } catch (error) {
      problems.push(`packs is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  }
  if (!Array.isArray(list)) {
    problems.push('packs is not an array');
    return undefined;
  }
  const packs: Pack[] = [];
  list.forEach((item, i) => {
    let data: unknown = item;
    if (typeof item === 'string') {
      try {
        data = JSON.parse(item) as unknown;
      } catch {
        problems.push(`packs[${i}] is not valid JSON`);
        return;
      }
    }
    const checked = checkCustomPack(withPolicyVersions(data));
    if (!checked.ok) problems.push(`packs[${i}] ${checked.error}`.slice(0, 300));
    else if (packs.some((p) => p.id === checked.pack.id)) problems.push(`packs[${i}] id "${checked.pack.id}" is used twice`);
    else packs.push(checked.pack);
  });
  return packs;
}

/** The policy values this page (or worker) last read, by managed area: what a save checks against. */
const lastManaged = new WeakMap<object, ManagedValues>();

/**
 * Policy values that validate; an invalid one is ignored (never half-applied) and reported as a notice. An
 * expected SE failing the modulus-11 check is used, with a notice (a warning, not a refusal).
 */
async function readManaged(): Promise<ManagedValues> {
  const area = managedArea();
  const raw = await area.get([...MANAGED_KEYS]);
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
  let seWarning: string | null = null;
  if (typeof expectedSe === 'string' && expectedSe.trim() !== '') {
    const checked = checkExpectedSe(expectedSe);
    if (checked.ok) {
      out.expectedSe = checked.value;
      if (!checked.modulus11) seWarning = `policy expectedSe ${checked.value} fails the modulus 11 check; it is used as set`;
    } else {
      problems.push(`expectedSe "${expectedSe.slice(0, 40)}" is not a valid SE number (${checked.reason})`);
    }
  } else if (expectedSe !== undefined && typeof expectedSe !== 'string') {
    problems.push('expectedSe is not a string');
  }
  const packs = readManagedPacks(raw.packs, problems);
  if (packs !== undefined && packs.length > 0) out.packs = packs;
  for (const problem of problems) await addNotice('managed-invalid', `policy ignored: ${problem}`);
  if (seWarning) await addNotice('managed-se-suspect', seWarning);
  lastManaged.set(area, out);
  return out;
}

function effective(local: Settings, managed: ManagedValues): EffectiveSettings {
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

type Patch = { municipality?: string; expectedSe?: string | null };
export interface SaveOptions {
  /** Save an expected SE that fails the modulus-11 check: the user pressed "Gem alligevel". */
  acceptSeWarning?: boolean;
}

/**
 * Validates a patch against the policy. A value equal to the managed one is accepted as a no-op, so a form
 * that sends every field still saves; a different value for a managed field is refused.
 */
function checkPatch(
  patch: Patch,
  managed: ManagedValues,
  options: SaveOptions,
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
    const checked = patch.expectedSe === null || patch.expectedSe === '' ? null : checkExpectedSe(patch.expectedSe);
    if (managed.expectedSe !== undefined) {
      if (!checked?.ok || checked.value !== managed.expectedSe) errors.expectedSe = 'managed';
    } else if (checked === null) {
      values.expectedSe = null;
    } else if (!checked.ok) {
      errors.expectedSe = `se-${checked.reason}`;
    } else if (!checked.modulus11 && !options.acceptSeWarning) {
      errors.expectedSe = 'se-modulus11';
    } else {
      values.expectedSe = checked.value;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

function effectiveDefaults(): EffectiveSettings {
  return { ...DEFAULT_SETTINGS, managed: { municipality: false, expectedSe: false }, managedPacks: [], expectedSeSuspect: false };
}

/** Local settings merged with managed ones: a valid policy value wins; an invalid one is ignored with a notice. */
export async function loadSettings(): Promise<EffectiveSettings> {
  try {
    const [local, managed] = await Promise.all([readLocal(), readManaged().catch(() => ({}))]);
    return effective(local, managed);
  } catch {
    return effectiveDefaults();
  }
}

/**
 * Checks the patch, then writes it together with `extra` in one write, or nothing. Every exported writer
 * ends here: what runs before it is pure checking that cannot throw.
 *
 * A save never waits for managed storage: Chromium answers the first storage.managed read of a fresh
 * profile only after seconds, and a save that waited for it was lost when the page closed meanwhile (and
 * showed no "Gemt" until then). The policy this page last read is what the save is checked against (the
 * options page shows managed fields read-only and never sends them); a policy not read yet cannot be broken
 * by a local value either, since a policy value wins whenever the settings are read.
 */
async function savePatch(
  patch: Patch,
  extra: Partial<Settings> | ((local: Settings, managed: ManagedValues) => Partial<Settings> | string),
  options: SaveOptions = {},
): Promise<SaveResult | { ok: false; error: string }> {
  try {
    const area = managedArea();
    const managed = lastManaged.get(area) ?? {};
    // Refresh what is known of the policy for the next save, without waiting for it.
    void readManaged().catch(() => undefined);
    const local = await readLocal();
    const checked = checkPatch(patch, managed, options);
    if (!checked.ok) return checked;
    const more = typeof extra === 'function' ? extra(local, managed) : extra;
    if (typeof more === 'string') return { ok: false, error: more };
    const next = { ...local, ...checked.values, ...more };
    await localArea().set({ [SETTINGS_KEY]: toStored(next) });
    return { ok: true, settings: effective(next, managed) };
  } catch (error) {
    await reportWriteFailure('settings', error);
    return { ok: false, errors: {}, writeFailed: true };
  }
}

/**
 * Validates first; nothing invalid is ever written. expectedSe '' or null clears it; SE is stored as 8 digits.
 * An SE failing the modulus-11 check is refused with 'se-modulus11' unless `acceptSeWarning` is set.
 */
export async function saveSettings(patch: Patch, options: SaveOptions = {}): Promise<SaveResult> {
  return (await savePatch(patch, {}, options)) as SaveResult;
}

/** The active pack: kept, set by policy, or built in. */
export async function getActivePack(): Promise<Pack> {
  try {
    return activePackOf(await loadSettings());
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

/** A pack for the store: valid, and not claiming the built-in pack's id. */
function checkCustomPack(data: unknown): { ok: true; pack: Pack } | { ok: false; error: string } {
  const parsed = parsePack(data);
  if (parsed.ok && parsed.pack.id === BUILTIN_PACK.id) {
    const error = `id: "${BUILTIN_PACK.id}" belongs to the built-in pack; give the custom pack its own id`;
    return { ok: false, error };
  }
  return parsed;
}

export type KeepResult = { ok: true; pack: Pack } | { ok: false; error: string };

/** The kept packs with `pack` in place of one with its id, or added at the end. */
function withPack(packs: readonly Pack[], pack: Pack): Pack[] | string {
  const at = packs.findIndex((p) => p.id === pack.id);
  if (at >= 0) return packs.map((p, i) => (i === at ? pack : p));
  if (packs.length >= MAX_KEPT_PACKS) return `too many kept tasks (at most ${MAX_KEPT_PACKS}); remove one first`;
  return [...packs, pack];
}

/** On success the pack is kept (replacing a kept one with its id) and made active; bad input changes nothing. */
export async function importPack(jsonText: string): Promise<KeepResult> {
  const json = parseJson(jsonText);
  if (!json.ok) return json;
  const checked = checkCustomPack(json.value);
  if (!checked.ok) return checked;
  return keepChecked(checked.pack, false);
}

async function keepChecked(pack: Pack, renameOnClash: boolean): Promise<KeepResult> {
  let kept = pack;
  const saved = await savePatch({}, (local, managed) => {
    const managedIds = new Set((managed.packs ?? []).map((p) => p.id));
    if (managedIds.has(kept.id)) {
      if (!renameOnClash) return `id: "${kept.id}" belongs to a task set by the municipality's IT`;
      kept = { ...kept, id: freeId(kept.id, new Set([BUILTIN_PACK.id, ...managedIds])) };
    }
    const packs = withPack(local.packs, kept);
    return typeof packs === 'string' ? packs : { packs, activePackId: kept.id };
  });
  if (saved.ok) return { ok: true, pack: kept };
  return 'error' in saved ? saved : { ok: false, error: 'write-failed' };
}

/** `id` with the first free "-2", "-3", ... suffix. */
function freeId(id: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${id.slice(0, 60)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** JSON with object keys sorted, so two packs compare by content whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/**
 * Keeps a pack read from a KLIK task's text and makes it active. The same task read again replaces its kept
 * pack (its progress stays: same task, same agreements). A pack exactly like the built-in one activates the
 * built-in one; one with the built-in or a policy pack's id but other content gets an id of its own ("-2").
 */
export async function keepPackFromText(pack: Pack): Promise<KeepResult> {
  const samePack = (a: Pack, b: Pack) => canonical(a) === canonical(b);
  if (pack.id === BUILTIN_PACK.id && samePack(pack, BUILTIN_PACK)) {
    const active = await setActivePack(BUILTIN_PACK.id);
    return active.ok ? { ok: true, pack: BUILTIN_PACK } : { ok: false, error: 'write-failed' };
  }
  const candidate = pack.id === BUILTIN_PACK.id ? { ...pack, id: freeId(pack.id, new Set([BUILTIN_PACK.id])) } : pack;
  const checked = checkCustomPack(candidate);
  if (!checked.ok) return checked;
  return keepChecked(checked.pack, true);
}

/** Makes a pack in reach (built-in, set by IT, or kept) the active one. */
export async function setActivePack(id: string): Promise<{ ok: boolean }> {
  const saved = await savePatch({}, (local, managed) => {
    const known = packEntries({ packs: local.packs, managedPacks: managed.packs ?? [] }).some((e) => e.pack.id === id);
    return known ? { activePackId: id } : `no task with id "${id}"`;
  });
  return { ok: saved.ok };
}

/** Makes the built-in pack active; the kept packs stay. */
export async function useBuiltinPack(): Promise<void> {
  await setActivePack(BUILTIN_PACK.id);
}

/**
 * Removes a kept task and its progress (so a task read again later starts afresh: progress never leaks
 * from one task to another). The built-in task and those set by IT cannot be removed.
 */
export async function removePack(id: string): Promise<{ ok: boolean }> {
  const saved = await savePatch({}, (local) => {
    if (!local.packs.some((p) => p.id === id)) return `no kept task with id "${id}"`;
    return {
      packs: local.packs.filter((p) => p.id !== id),
      ...(local.activePackId === id ? { activePackId: BUILTIN_PACK.id } : {}),
    };
  });
  if (saved.ok) await resetProgress(id);
  return { ok: saved.ok };
}

/**
 * The settings file: what the user sees (policy values included), the kept tasks (`packs`), and the active
 * kept task again as `customPack` (what version 1 files held; null when the built-in or a policy task is active).
 */
const SettingsFileSchema = z.object({
  format: z.literal(SETTINGS_FILE_FORMAT),
  version: z.int().check(z.minimum(1)),
  municipality: z.optional(z.string()),
  expectedSe: z.optional(z.nullable(z.string())),
  customPack: z.optional(z.unknown()),
  packs: z.optional(z.array(z.unknown())),
});

export async function exportSettingsJson(): Promise<string> {
  const settings = await loadSettings();
  const custom = settings.packs.find((p) => p.id === settings.activePackId) ?? null;
  const file = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_VERSION,
    municipality: settings.municipality,
    expectedSe: settings.expectedSe,
    customPack: custom,
    packs: settings.packs,
  };
  return JSON.stringify(file, null, 2);
}

/**
 * Validated as a whole and written at once: nothing is written unless every field is valid. A missing field
 * is left as it is; customPack null makes the built-in pack active. The file's kept tasks join (or replace,
 * by id) the ones kept here. An SE number failing the modulus-11 check is taken as it is (it was saved so).
 */
export async function importSettingsJson(jsonText: string): Promise<SaveResult | { ok: false; error: string }> {
  const json = parseJson(jsonText);
  if (!json.ok) return json;
  const file = SettingsFileSchema.safeParse(json.value);
  if (!file.success) {
    const issue = file.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'not a settings file'}` };
  }
  const { version, municipality, expectedSe, customPack, packs } = file.data;
  if (version > SETTINGS_VERSION) {
    return { ok: false, error: `the file is from a newer version of Aftaletjek (settings version ${version})` };
  }
  const incoming: Pack[] = [];
  for (const [i, data] of (packs ?? []).entries()) {
    const checked = checkCustomPack(data);
    if (!checked.ok) return { ok: false, error: `packs.${i}.${checked.error}` };
    incoming.push(checked.pack);
  }
  let active: Pack | null | undefined;
  if (customPack === null) {
    active = null;
  } else if (customPack !== undefined) {
    const checked = checkCustomPack(customPack);
    if (!checked.ok) return { ok: false, error: `customPack.${checked.error}` };
    active = checked.pack;
    incoming.push(checked.pack);
  }
  return savePatch(
    { municipality, expectedSe },
    (local) => {
      let kept: Pack[] = local.packs;
      for (const pack of incoming) {
        const next = withPack(kept, pack);
        if (typeof next === 'string') return next;
        kept = next;
      }
      const activePackId = active === null ? BUILTIN_PACK.id : active === undefined ? local.activePackId : active.id;
      return { packs: kept, activePackId };
    },
    { acceptSeWarning: true },
  );
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
