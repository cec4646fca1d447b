import * as z from 'zod/mini';
import { BUILTIN_PACK, type Pack } from '../../core/pack';
import { withPack } from './packs';
import { loadSettings } from './read';
import { checkCustomPack, parseJson, SETTINGS_FILE_FORMAT, SETTINGS_VERSION, type SaveResult } from './schema';
import { savePatch } from './write';

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
