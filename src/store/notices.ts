import * as z from 'zod/mini';
import { isRecord, localArea, serialQueue, watchKeys } from './storage';

/**
 * Notices: what the store had to do on its own (reset unreadable data, migrate, fail a write), kept so the
 * popup can tell the user instead of data silently changing under them.
 */
export const NOTICE_KINDS = [
  'settings-reset',
  'progress-reset',
  'managed-invalid',
  'migrated',
  'write-failed',
] as const;
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

/** Valid notices in stored order (oldest first); unreadable ones are dropped one by one. */
async function readNotices(): Promise<Notice[]> {
  const stored = (await localArea().get(NOTICES_KEY))[NOTICES_KEY];
  if (!isRecord(stored) || stored.version !== NOTICES_VERSION || !Array.isArray(stored.items)) return [];
  return stored.items.flatMap((item) => {
    const parsed = NoticeSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

async function writeNotices(items: Notice[]): Promise<void> {
  await localArea().set({ [NOTICES_KEY]: { version: NOTICES_VERSION, items } });
}

/** Newest first. */
export async function loadNotices(): Promise<Notice[]> {
  try {
    return (await readNotices()).reverse();
  } catch {
    return [];
  }
}

/** Adds a notice unless one of the same kind and detail is already there; keeps the newest 20. */
export async function addNotice(kind: NoticeKind, detail: string): Promise<void> {
  const text = detail.slice(0, MAX_DETAIL);
  await queue(async () => {
    const items = await readNotices();
    if (items.some((n) => n.kind === kind && n.detail === text)) return;
    items.push({ id: crypto.randomUUID(), kind, at: new Date().toISOString(), detail: text });
    await writeNotices(items.slice(-MAX_NOTICES));
  }).catch(() => {
    // Best effort: a notice about a failed write may itself fail to be written.
  });
}

/** Records that a write failed, for the popup to show; `what` names the data ("settings", "progress"). */
export async function reportWriteFailure(what: string, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await addNotice('write-failed', `${what}: ${reason}`);
}

export async function dismissNotice(id: string): Promise<void> {
  await queue(async () => {
    const items = await readNotices();
    const kept = items.filter((n) => n.id !== id);
    if (kept.length !== items.length) await writeNotices(kept);
  }).catch(() => {
    // Dismissing is cosmetic: a failed write leaves the notice shown, nothing worse.
  });
}

export async function dismissAllNotices(): Promise<void> {
  await queue(() => localArea().remove(NOTICES_KEY)).catch(() => {
    // As in dismissNotice.
  });
}

export function onNoticesChanged(cb: (notices: Notice[]) => void): () => void {
  return watchKeys((key) => key === NOTICES_KEY, loadNotices, cb);
}
