import { BUILTIN_PACK, type Pack } from '../../core/pack';
import { resetProgress } from '../progress';
import { isRecord } from '../storage';
import { packEntries } from './read';
import { checkCustomPack, MAX_KEPT_PACKS, parseJson, type SaveResult } from './schema';
import { savePatch } from './write';

/** The writers of the tasks (packs) the user keeps and of the active one. */

export type KeepResult = { ok: true; pack: Pack } | { ok: false; error: string };

/** The kept packs with `pack` in place of one with its id, or added at the end. */
export function withPack(packs: readonly Pack[], pack: Pack): Pack[] | string {
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
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
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
    const active = await useBuiltinPack();
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

/**
 * Makes the built-in pack active; the kept packs stay. `writeFailed` when storage refused the write (a
 * notice says why): the caller must say that nothing changed.
 */
export async function useBuiltinPack(): Promise<SaveResult> {
  // A fixed patch: never refused as a string, so the result is a SaveResult.
  return (await savePatch({}, { activePackId: BUILTIN_PACK.id })) as SaveResult;
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
