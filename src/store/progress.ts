import * as z from 'zod/mini';
import { PackAgreementSchema, PackSchema } from '../core/pack';
import { AGREEMENT_STATUSES, SE_VERDICTS, type AgreementProgress } from '../core/types';
import { addNotice, reportWriteFailure } from './notices';
import { futureVersion, localArea, onKeysChanged, replaceIfUnchanged, serialQueue, watchKeys } from './storage';
import { merge, NAME_MAX, STATUS_TEXT_MAX, URL_MAX, type Observation } from './progress-merge';

export type { AgreementProgress };
export type Progress = Record<string, AgreementProgress>;
export type { Observation };

/**
 * Key layout: one key per agreement, `progress.<packId>.<agreementId>`, so pages recording different
 * agreements at the same time never overwrite each other. Each record carries its own version.
 */
export const PROGRESS_VERSION = 1;
export const progressKeyPrefix = (packId: string): string => `progress.${packId}.`;

const SeDigits = z.string().check(z.regex(/^\d{8}$/));
const SeCheckSchema = z.object({
  verdict: z.enum(SE_VERDICTS),
  found: z.array(SeDigits).check(z.maxLength(20)),
  expected: z.nullable(SeDigits),
  suspect: z.boolean(),
});

export const ProgressRecordSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  status: z.enum(AGREEMENT_STATUSES),
  statusText: z.string().check(z.maxLength(STATUS_TEXT_MAX)),
  name: z.string().check(z.maxLength(NAME_MAX)),
  se: z.nullable(SeCheckSchema),
  seenAt: z.iso.datetime(),
  url: z.string().check(z.maxLength(URL_MAX)),
});

type ReadRecord = { kind: 'ok'; progress: AgreementProgress } | { kind: 'future' } | { kind: 'unreadable' };

function readRecord(raw: unknown): ReadRecord {
  const parsed = ProgressRecordSchema.safeParse(raw);
  if (!parsed.success) return futureVersion(raw, PROGRESS_VERSION) !== null ? { kind: 'future' } : { kind: 'unreadable' };
  const { version: _version, ...progress } = parsed.data;
  return { kind: 'ok', progress };
}

const isPackId = (packId: string) => PackSchema.shape.id.safeParse(packId).success;
const isAgreementId = (id: string) => PackAgreementSchema.shape.id.safeParse(id).success;

const queue = serialQueue();
const readAll = () => localArea().get(null);

/** One pack's stored progress: the valid records, and a lasting condition (records a newer version saved). */
export interface ProgressState {
  progress: Progress;
  /** Agreements whose record a newer Aftaletjek saved: kept, shown as not seen until seen again. */
  newerVersion: string[];
}

/** The pack id of a progress key (`progress.<packId>.<agreementId>`), or null for any other key. */
function packOf(key: string): string | null {
  const packId = key.startsWith('progress.') ? key.slice('progress.'.length).split('.')[0] : undefined;
  return packId !== undefined && isPackId(packId) ? packId : null;
}

/**
 * The progress state of one pack. Pure: it never writes storage nor adds notices; an unreadable record is
 * skipped (shown as not seen) until repairStoredProgress removes it. Never throws: failing storage means none.
 */
export async function loadProgressState(packId: string): Promise<ProgressState> {
  const state: ProgressState = { progress: {}, newerVersion: [] };
  const prefix = progressKeyPrefix(packId);
  const stored = isPackId(packId) ? await readAll().catch(() => ({})) : {};
  for (const [key, raw] of Object.entries(stored)) {
    if (!key.startsWith(prefix)) continue;
    const read = readRecord(raw);
    if (read.kind === 'ok') state.progress[key.slice(prefix.length)] = read.progress;
    else if (read.kind === 'future') state.newerVersion.push(key.slice(prefix.length));
  }
  return state;
}

/** The valid records of loadProgressState, by agreement id. */
export const loadProgress = async (packId: string): Promise<Progress> => (await loadProgressState(packId)).progress;

/** The one-off notice of a reset: unreadable records of one pack cleared (removed, or replaced by a sighting). */
const addResetNotice = (ids: readonly string[]) => addNotice('progress-reset', `unreadable progress for ${ids.join(', ')} cleared`);

/**
 * Repairs stored progress once: the unreadable records of every pack (or, given `keys`, of those records
 * only) are removed unless another page changed them meanwhile, with a notice per pack for the records
 * removed; valid and newer versions' records are kept. Run by the background at install, at start-up and
 * when records change (watchProgressRepair, with the changed keys); reads never repair.
 */
export function repairStoredProgress(keys?: readonly string[]): Promise<{ ok: boolean }> {
  return queue(async () => {
    const stored = keys ? await localArea().get([...keys]) : await readAll();
    const unreadable = Object.keys(stored).filter((key) => packOf(key) !== null && readRecord(stored[key]).kind === 'unreadable');
    let ok = true;
    for (const prefix of new Set(unreadable.map((key) => progressKeyPrefix(packOf(key) ?? '')))) {
      const keys = unreadable.filter((k) => k.startsWith(prefix));
      let removed: string[] = [];
      try {
        for (const key of keys) if (await replaceIfUnchanged(key, stored[key], undefined)) removed.push(key.slice(prefix.length));
      } catch (error) {
        ok = false;
        await reportWriteFailure('progress', error);
        // What stays unreadable is still skipped by every read: the reset is said, beside the failure.
        removed = keys.map((key) => key.slice(prefix.length));
      }
      if (removed.length > 0) await addResetNotice(removed);
    }
    return { ok };
  }).catch(() => ({ ok: false }));
}

/** For the background: repairStoredProgress of the records that changed (another page, an older copy). */
export function watchProgressRepair(): () => void {
  return onKeysChanged(
    (key) => packOf(key) !== null,
    (changed) => void repairStoredProgress(changed),
  );
}

/**
 * Merges observations into stored progress, writing only the agreements that changed. Two pages recording
 * the same agreement at once: the later write wins for that agreement; other agreements are untouched.
 */
export async function recordObservations(packId: string, observations: readonly Observation[]): Promise<void> {
  try {
    await queue(async () => {
      if (!isPackId(packId)) return;
      const prefix = progressKeyPrefix(packId);
      const valid = observations.filter((o) => isAgreementId(o.id));
      if (valid.length === 0) return;
      const ids = [...new Set(valid.map((o) => o.id))];
      const stored = await localArea().get(ids.map((id) => prefix + id));
      const current = new Map<string, AgreementProgress | null>();
      const unreadable = new Set<string>();
      for (const id of ids) {
        const read = readRecord(stored[prefix + id]);
        current.set(id, read.kind === 'ok' ? read.progress : null);
        if (read.kind === 'unreadable' && prefix + id in stored) unreadable.add(id);
      }
      const now = Date.now();
      const changed = new Set<string>();
      for (const obs of valid) {
        const before = current.get(obs.id) ?? null;
        const after = merge(before, obs, now);
        if (after !== before) {
          current.set(obs.id, after);
          changed.add(obs.id);
        }
      }
      const items: Record<string, unknown> = {};
      for (const id of changed) {
        // Observations come from page scans: a malformed se must not become a stored, unreadable record.
        const record = ProgressRecordSchema.safeParse({ version: PROGRESS_VERSION, ...current.get(id) });
        if (record.success) items[prefix + id] = record.data;
      }
      if (Object.keys(items).length === 0) return;
      await localArea().set(items);
      // An unreadable record a sighting replaced before repairStoredProgress came to it: the reset, said once.
      const replaced = ids.filter((id) => unreadable.has(id) && prefix + id in items);
      if (replaced.length > 0) await addResetNotice(replaced);
    });
  } catch (error) {
    await reportWriteFailure('progress', error);
  }
}

export async function resetProgress(packId: string): Promise<void> {
  try {
    await queue(async () => {
      const prefix = progressKeyPrefix(packId);
      const keys = Object.keys(await readAll()).filter((key) => key.startsWith(prefix));
      if (keys.length > 0) await localArea().remove(keys);
    });
  } catch (error) {
    await reportWriteFailure('progress', error);
  }
}

/** Called with the pack's progress state (loadProgressState) when one of its records changes. */
export function onProgressChanged(packId: string, cb: (state: ProgressState) => void): () => void {
  const prefix = progressKeyPrefix(packId);
  const load = () => loadProgressState(packId);
  return watchKeys((key) => key.startsWith(prefix), load, cb);
}
