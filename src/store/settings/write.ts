import { checkExpectedSe } from '../../core/expected-se';
import { addNotice, reportWriteFailure } from '../notices';
import { localArea } from '../storage';
import { knownManaged, readManaged, type ManagedValues } from './managed';
import { interpret, readStoredLocal, removeLegacyKeys } from './migrate';
import { effective } from './read';
import { normalizeMunicipality, SETTINGS_KEY, toStored, type SaveResult, type Settings, type SettingsFieldErrors } from './schema';

export type Patch = { municipality?: string; expectedSe?: string | null };
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

/** More to write with a patch, worked out from the local settings and the policy; a string refuses the save. */
export type Extra = Partial<Settings> | ((local: Settings, managed: ManagedValues) => Partial<Settings> | string);

/**
 * Checks the patch, then writes it together with `extra` in one write, or nothing. Every writer ends here:
 * what runs before it is pure checking that cannot throw. The record is written whole, so a migration or
 * repair it needed is done by the save (with its notice); a newer version's record is replaced.
 *
 * A save never waits for managed storage: Chromium answers the first storage.managed read of a fresh
 * profile only after seconds, and a save that waited for it was lost when the page closed meanwhile (and
 * showed no "Gemt" until then). The policy this page last read is what the save is checked against (the
 * options page shows managed fields read-only and never sends them); a policy not read yet cannot be broken
 * by a local value either, since a policy value wins whenever the settings are read.
 */
export async function savePatch(patch: Patch, extra: Extra, options: SaveOptions = {}): Promise<SaveResult | { ok: false; error: string }> {
  try {
    const managed = knownManaged();
    // Refresh what is known of the policy for the next save, without waiting for it.
    void readManaged().catch(() => undefined);
    const stored = await readStoredLocal();
    const { settings: local, notice } = interpret(stored);
    const checked = checkPatch(patch, managed, options);
    if (!checked.ok) return checked;
    const more = typeof extra === 'function' ? extra(local, managed) : extra;
    if (typeof more === 'string') return { ok: false, error: more };
    const next = { ...local, ...checked.values, ...more };
    await localArea().set({ [SETTINGS_KEY]: toStored(next) });
    // Left behind, the version-0 keys are never read again (the record wins): removing them is tidying only.
    await removeLegacyKeys(stored).catch(() => undefined);
    if (notice) await addNotice(notice.kind, notice.detail);
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
