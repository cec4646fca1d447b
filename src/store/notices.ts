import * as z from 'zod/mini';
import { isRecord, localArea, serialQueue, sessionArea, watchKeys, type StorageAreaLike } from './storage';

/**
 * Notices: what the store had to do on its own (reset unreadable data, migrate, fail a write), kept so the
 * popup can tell the user instead of data silently changing under them. They live in storage.local; one that
 * storage.local refuses (it is full: the very failure a write-failed notice reports) goes to storage.session,
 * which has its own quota and lasts until the browser closes.
 *
 * Notices are one-off events only. Lasting conditions (an ignored policy value, data from a newer version)
 * are part of the state the pages read (getState, loadProfileState, loadProgressState), shown while they
 * hold; a stored notice of a kind no longer made (an older version's 'managed-invalid') reads as unreadable
 * and is dropped.
 */
export const NOTICE_KINDS = ['settings-reset', 'progress-reset', 'migrated', 'write-failed'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export interface Notice {
  id: string;
  kind: NoticeKind;
  at: string;
  detail: string;
}

export const NOTICES_KEY = 'notices';
const NOTICES_VERSION = 1;
const MAX_NOTICES = 20;
const MAX_DETAIL = 500;

const NoticeSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  kind: z.enum(NOTICE_KINDS),
  at: z.iso.datetime(),
  detail: z.string().check(z.maxLength(MAX_DETAIL)),
});

const queue = serialQueue();

/** Valid notices of one area in stored order (oldest first); unreadable ones are dropped one by one. */
async function readNotices(area: StorageAreaLike = localArea()): Promise<Notice[]> {
  const stored = (await area.get(NOTICES_KEY))[NOTICES_KEY];
  if (!isRecord(stored) || stored.version !== NOTICES_VERSION || !Array.isArray(stored.items)) return [];
  return stored.items.flatMap((item) => {
    const parsed = NoticeSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

async function writeNotices(items: Notice[], area: StorageAreaLike = localArea()): Promise<void> {
  await area.set({ [NOTICES_KEY]: { version: NOTICES_VERSION, items } });
}

/** The session area's notices; none where the browser has no session area or it fails. */
async function readSessionNotices(): Promise<Notice[]> {
  const session = sessionArea();
  return session ? readNotices(session).catch(() => []) : [];
}

/** Newest first, from both areas. */
export async function loadNotices(): Promise<Notice[]> {
  const local = await readNotices().catch(() => []);
  const session = await readSessionNotices();
  const all = [...local, ...session.filter((n) => !local.some((l) => l.id === n.id))];
  // Stable: notices of the same moment keep their stored order.
  return all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).reverse();
}

/** Adds a notice unless one of the same kind and detail is already there; keeps the newest 20. */
export async function addNotice(kind: NoticeKind, detail: string): Promise<void> {
  const text = detail.slice(0, MAX_DETAIL);
  const same = (n: Notice) => n.kind === kind && n.detail === text;
  await queue(async () => {
    const session = sessionArea();
    const local = await readNotices().catch(() => null);
    const kept = session ? await readSessionNotices() : [];
    if (local?.some(same) || kept.some(same)) return;
    const notice: Notice = { id: crypto.randomUUID(), kind, at: new Date().toISOString(), detail: text };
    try {
      if (local === null) throw new Error('notices unreadable');
      await writeNotices([...local, notice].slice(-MAX_NOTICES));
    } catch (error) {
      if (!session) throw error;
      await writeNotices([...kept, notice].slice(-MAX_NOTICES), session);
    }
  }).catch(() => {
    // Best effort: with neither area writable, the notice is lost.
  });
}

/** Records that a write failed, for the popup to show; `what` names the data ("settings", "progress"). */
export async function reportWriteFailure(what: string, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await addNotice('write-failed', `${what}: ${reason}`);
}

export async function dismissNotice(id: string): Promise<void> {
  await queue(async () => {
    for (const area of [localArea(), sessionArea()]) {
      if (!area) continue;
      const items = await readNotices(area);
      const kept = items.filter((n) => n.id !== id);
      if (kept.length !== items.length) await writeNotices(kept, area);
    }
  }).catch(() => {
    // Dismissing is cosmetic: a failed write leaves the notice shown, nothing worse.
  });
}

export async function dismissAllNotices(): Promise<void> {
  await queue(async () => {
    await localArea().remove(NOTICES_KEY);
    await sessionArea()?.remove(NOTICES_KEY);
  }).catch(() => {
    // As in dismissNotice.
  });
}

export function onNoticesChanged(cb: (notices: Notice[]) => void): () => void {
  return watchKeys((key) => key === NOTICES_KEY, loadNotices, cb);
}
