import { parsePortalProfile } from '../portal/schema';
import { BUILTIN_PROFILE, type PortalProfile } from '../portal/words';
import { addNotice, reportWriteFailure } from './notices';
import { futureVersion, isRecord, localArea, managedArea, onKeysChanged, replaceIfUnchanged, serialQueue, watchKeys } from './storage';

/**
 * The portal profile in force (src/portal/profile.json describes what one holds): a valid profile set by
 * policy wins, then a valid profile the user imported, then the built-in one.
 *
 * Key layout: local `portalProfile` holds one versioned record, `{ version: 1, profile }`, written only by
 * an import and removed by "use the built-in one". Managed storage (IT policy, public/managed_schema.json)
 * uses the top-level key `portalProfile`: the profile as an object, or as a JSON string (Windows registry
 * policies often carry JSON as a string). A policy profile that does not validate is ignored as a whole,
 * never half-applied; the options page and the popup say so while it is set (a condition of the state, not a
 * notice), and the next profile in line is used.
 */
export const PROFILE_KEY = 'portalProfile';
export const MANAGED_PROFILE_KEY = 'portalProfile';
export const PROFILE_VERSION = 1;

export type ProfileSource = 'builtin' | 'imported' | 'managed';
/**
 * The profile in force, with the lasting conditions around it (shown while they hold, never as notices).
 * Both conditions are absent when they do not hold, so a clean state is `{ profile, source }`.
 */
export interface ProfileState {
  profile: PortalProfile;
  source: ProfileSource;
  /** Why the policy's profile is not used (it is set but invalid); absent when there is none or it is valid. */
  managedInvalid?: string;
  /** The version of an imported profile saved by a newer Aftaletjek (kept untouched, not used). */
  newerVersion?: number;
}

export type ProfileImportResult =
  | { ok: true; profile: PortalProfile }
  | {
      ok: false;
      /** not-json / invalid (see `field` and `detail`) / builtin-id / managed (policy sets the profile) / write-failed. */
      reason: 'not-json' | 'invalid' | 'builtin-id' | 'managed' | 'write-failed';
      /** The field of the profile that is wrong, as a dotted path ('(root)' for the whole file). */
      field?: string;
      detail?: string;
    };

type Checked = { ok: true; profile: PortalProfile } | { ok: false; error: string };

const queue = serialQueue();

/** The parser's error split into the field it names and what is wrong with it. */
function splitError(error: string): { field: string; detail: string } {
  const at = error.indexOf(': ');
  return at < 0 ? { field: '(root)', detail: error } : { field: error.slice(0, at), detail: error };
}

/** A policy value: an object, or a JSON string of one. Empty means "not set" (null). */
function checkManaged(raw: unknown): Checked | null {
  if (raw === undefined || raw === null) return null;
  let data: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return null;
    try {
      data = JSON.parse(raw) as unknown;
    } catch (error) {
      return { ok: false, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  if (!isRecord(data)) return { ok: false, error: 'neither an object nor a JSON string of one' };
  return parsePortalProfile(data);
}

async function readManaged(): Promise<Checked | null> {
  return checkManaged((await managedArea().get([MANAGED_PROFILE_KEY]))[MANAGED_PROFILE_KEY]);
}

/** What the local record holds: nothing, a usable profile, a newer version's record (kept), or nothing readable. */
type Imported = { kind: 'none' } | { kind: 'ok'; profile: PortalProfile } | { kind: 'newer'; version: number } | { kind: 'unreadable'; why: string };

function interpretImported(stored: unknown): Imported {
  if (stored === undefined) return { kind: 'none' };
  const future = futureVersion(stored, PROFILE_VERSION);
  if (future !== null) return { kind: 'newer', version: future };
  const parsed = isRecord(stored) && stored.version === PROFILE_VERSION ? parsePortalProfile(stored.profile) : null;
  if (parsed?.ok) return { kind: 'ok', profile: parsed.profile };
  return { kind: 'unreadable', why: parsed && !parsed.ok ? `: ${parsed.error}` : '' };
}

/** The local record as stored and as read. Reads only. */
async function readImported(): Promise<{ stored: unknown; imported: Imported }> {
  const stored = (await localArea().get(PROFILE_KEY))[PROFILE_KEY];
  return { stored, imported: interpretImported(stored) };
}

/**
 * The profile in force, where it comes from and the lasting conditions (an invalid policy profile, an import
 * from a newer version). Pure: it never writes storage nor adds notices (repairStoredProfile removes an
 * unreadable import; until then it is skipped). Never throws: storage failures mean the built-in profile.
 */
export async function loadProfileState(): Promise<ProfileState> {
  const [managed, imported] = await Promise.all([
    readManaged().catch(() => null),
    readImported().then(
      (read) => read.imported,
      (): Imported => ({ kind: 'none' }),
    ),
  ]);
  const conditions = {
    ...(managed && !managed.ok ? { managedInvalid: managed.error } : {}),
    ...(imported.kind === 'newer' ? { newerVersion: imported.version } : {}),
  };
  if (managed?.ok) return { profile: managed.profile, source: 'managed', ...conditions };
  if (imported.kind === 'ok') return { profile: imported.profile, source: 'imported', ...conditions };
  return { profile: BUILTIN_PROFILE, source: 'builtin', ...conditions };
}

/**
 * Repairs the stored import once: an unreadable record is removed (unless another page changed it meanwhile)
 * with a one-off notice; a newer version's record is kept. Run by the background at install and start-up and
 * when the key changes (watchProfileRepair); reads never repair. `ok` is false when the removal failed.
 */
export function repairStoredProfile(): Promise<{ ok: boolean }> {
  return queue(async () => {
    const read = await readImported().catch(() => null);
    if (read?.imported.kind !== 'unreadable') return { ok: read !== null };
    let ok = true;
    try {
      // Another page replaced it meanwhile: nothing was repaired, nothing to say.
      if (!(await replaceIfUnchanged(PROFILE_KEY, read.stored, undefined))) return { ok };
    } catch (error) {
      ok = false;
      await reportWriteFailure('portal profile', error);
    }
    const detail = `the stored portal profile was unreadable${read.imported.why}; the built-in profile is used`;
    await addNotice('settings-reset', detail.slice(0, 400));
    return { ok };
  });
}

/** For the background: repairStoredProfile whenever the stored import changes (another page, an older copy). */
export function watchProfileRepair(): () => void {
  const repair = () => void repairStoredProfile();
  return onKeysChanged((key) => key === PROFILE_KEY, repair);
}

/** The profile in force, for the content script's context. */
export async function getActiveProfile(): Promise<PortalProfile> {
  return (await loadProfileState()).profile;
}

/**
 * Validates an imported file and stores it as the user's profile; anything invalid changes nothing. Refused
 * while a valid policy profile is in force (it would have no effect), and for the built-in profile's id, so
 * the id always tells which profile is meant.
 */
export async function importProfile(jsonText: string): Promise<ProfileImportResult> {
  let data: unknown;
  try {
    data = JSON.parse(jsonText) as unknown;
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  const parsed = parsePortalProfile(data);
  if (!parsed.ok) return { ok: false, reason: 'invalid', ...splitError(parsed.error) };
  if (parsed.profile.id === BUILTIN_PROFILE.id) return { ok: false, reason: 'builtin-id', field: 'id', detail: parsed.profile.id };
  return queue(async () => {
    if ((await readManaged().catch(() => null))?.ok) return { ok: false, reason: 'managed' } as const;
    try {
      await localArea().set({ [PROFILE_KEY]: { version: PROFILE_VERSION, profile: parsed.profile } });
      return { ok: true, profile: parsed.profile } as const;
    } catch (error) {
      await reportWriteFailure('portal profile', error);
      return { ok: false, reason: 'write-failed' } as const;
    }
  });
}

/** Drops the imported profile: the built-in one is used again (unless a policy sets one). */
export async function useBuiltinProfile(): Promise<{ ok: boolean }> {
  return queue(async () => {
    try {
      await localArea().remove(PROFILE_KEY);
      return { ok: true };
    } catch (error) {
      await reportWriteFailure('portal profile', error);
      return { ok: false };
    }
  });
}

/** The profile in force as a file that imports again (after a change of its id). */
export async function exportProfileJson(): Promise<{ filename: string; json: string }> {
  const { profile } = await loadProfileState();
  return { filename: `${profile.id}.json`, json: JSON.stringify(profile, null, 2) + '\n' };
}

/** Whether a changed storage key can change the profile in force (local import or policy). */
export function isProfileKey(key: string): boolean {
  return key === PROFILE_KEY || key === MANAGED_PROFILE_KEY;
}

export function onProfileChanged(cb: (state: ProfileState) => void): () => void {
  return watchKeys(isProfileKey, loadProfileState, cb);
}
