import browser, { type Storage as BrowserStorage } from 'webextension-polyfill';

/**
 * The storage areas the store reads and writes. Only src/store touches browser.storage; everything else
 * goes through settings.ts, progress.ts and notices.ts.
 */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

type ManagedAreaLike = Pick<StorageAreaLike, 'get'>;
type ChangeListener = (changedKeys: readonly string[]) => void;

// The polyfill is imported statically: a service worker may not use import(). Unit tests replace it with a
// stub (vitest.config.ts) and inject memory areas instead.
const browserLocal: StorageAreaLike = {
  get: (keys) => browser.storage.local.get(keys ?? null),
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};

/**
 * How long a read waits for policy values. Chromium answers the first storage.managed read of a fresh
 * profile only after its policy service is up (seconds); the extension must not sit blank that long.
 */
export const MANAGED_WAIT_MS = 1000;

/** Managed keys answered late (after MANAGED_WAIT_MS): their listeners hear of them as a change. */
const lateManagedListeners = new Set<ChangeListener>();

const browserManaged: ManagedAreaLike = {
  async get(keys) {
    // Firefox without a policy rejects, and some browsers lack the area: both mean "nothing managed".
    const read = Promise.resolve()
      .then(() => browser.storage.managed.get(keys ?? null))
      .catch(() => ({}) as Record<string, unknown>);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), MANAGED_WAIT_MS);
    });
    const first = await Promise.race([read, late]);
    clearTimeout(timer);
    if (first !== null) return first;
    void read.then((values) => {
      const changed = Object.keys(values);
      if (changed.length > 0) for (const listener of [...lateManagedListeners]) listener(changed);
    });
    return {};
  },
};

let injected: { local: StorageAreaLike; managed: ManagedAreaLike; session: StorageAreaLike | null } | undefined;

/** browser.storage.local, or the area injected for tests. */
export function localArea(): StorageAreaLike {
  return injected?.local ?? browserLocal;
}

/** browser.storage.managed (IT policy), or an empty area when unavailable; or the area injected for tests. */
export function managedArea(): ManagedAreaLike {
  return injected?.managed ?? browserManaged;
}

/**
 * browser.storage.session (kept in memory until the browser closes, with its own quota), or null where the
 * browser has none: the store's fallback for notices that storage.local refuses (a full storage).
 */
export function sessionArea(): StorageAreaLike | null {
  if (injected) return injected.session;
  const session = (browser.storage as { session?: BrowserStorage.StorageArea }).session;
  if (!session) return null;
  return {
    get: (keys) => session.get(keys ?? null),
    set: (items) => session.set(items),
    remove: (keys) => session.remove(keys),
  };
}

/**
 * Inject areas (tests). Pass undefined to restore real browser areas. A missing managed area means "no
 * policy"; a missing session area means the browser has none.
 */
export function setAreasForTesting(areas?: { local?: StorageAreaLike; managed?: ManagedAreaLike; session?: StorageAreaLike }): void {
  injected = areas ? { local: areas.local ?? memoryArea(), managed: areas.managed ?? memoryArea(), session: areas.session ?? null } : undefined;
}

// Listeners of each memory area, kept outside the returned object so its type stays StorageAreaLike.
const memoryListeners = new WeakMap<object, Set<ChangeListener>>();

/** Browser storage keeps JSON-like data: a copy in and out means callers never share objects with the store. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** In-memory area for tests and fallbacks, with an optional failure injector (e.g. quota error on set). */
export function memoryArea(
  initial: Record<string, unknown> = {},
  opts: { failSet?: (items: Record<string, unknown>) => Error | null } = {},
): StorageAreaLike & { dump(): Record<string, unknown> } {
  const data = new Map<string, string>(Object.entries(initial).flatMap(([k, v]) => (v === undefined ? [] : [[k, JSON.stringify(v)]])));
  const listeners = new Set<ChangeListener>();

  // Like browser.storage.onChanged: asynchronous, and only for keys whose value really changed.
  const emit = (changed: string[]) => {
    if (changed.length === 0) return;
    queueMicrotask(() => {
      for (const listener of [...listeners]) listener(changed);
    });
  };

  const area = {
    async get(keys?: string | string[] | null) {
      const wanted = keys == null ? [...data.keys()] : typeof keys === 'string' ? [keys] : keys;
      const out: Record<string, unknown> = {};
      for (const key of wanted) {
        const json = data.get(key);
        if (json !== undefined) out[key] = JSON.parse(json);
      }
      return out;
    },
    async set(items: Record<string, unknown>) {
      const failure = opts.failSet?.(jsonCopy(items));
      if (failure) throw failure;
      const changed: string[] = [];
      for (const [key, value] of Object.entries(items)) {
        if (value === undefined) continue;
        const json = JSON.stringify(value);
        if (data.get(key) !== json) changed.push(key);
        data.set(key, json);
      }
      emit(changed);
    },
    async remove(keys: string | string[]) {
      const changed = (typeof keys === 'string' ? [keys] : keys).filter((key) => data.delete(key));
      emit(changed);
    },
    dump() {
      return Object.fromEntries([...data].map(([k, json]) => [k, JSON.parse(json) as unknown]));
    },
  };
  memoryListeners.set(area, listeners);
  return area;
}

/**
 * Subscribe to changes of the given top-level keys in local, managed and session storage; `cb` gets the keys
 * of one change that matched. Returns an unsubscribe function. Injected memory areas emit their own changes, so logic built on this runs in tests too.
 * Subscriptions stay with the areas that were current when they were made.
 */
export function onKeysChanged(keys: (key: string) => boolean, cb: (changed: string[]) => void): () => void {
  const notify = (changedKeys: readonly string[]) => {
    const changed = changedKeys.filter(keys);
    if (changed.length === 0) return;
    try {
      cb(changed);
    } catch {
      // One failing subscriber must not stop the others or the emitting write.
    }
  };

  if (injected) {
    const sets = [injected.local, injected.managed, injected.session].flatMap((a) => (a ? (memoryListeners.get(a) ?? []) : []));
    for (const set of sets) set.add(notify);
    return () => {
      for (const set of sets) set.delete(notify);
    };
  }

  const listener = (changes: Record<string, unknown>, areaName: string) => {
    if (areaName === 'local' || areaName === 'managed' || areaName === 'session') notify(Object.keys(changes));
  };
  browser.storage.onChanged.addListener(listener);
  lateManagedListeners.add(notify);
  return () => {
    browser.storage.onChanged.removeListener(listener);
    lateManagedListeners.delete(notify);
  };
}

/**
 * Runs tasks of one module one after another, so read-modify-write cycles in the same page never
 * interleave. Other pages are not covered: the key layout keeps their writes apart instead.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Repairs a stored value found unreadable, unless another page changed it since it was read: a repair
 * must never undo a real save. `next` undefined removes the key. Returns whether it replaced the value (so
 * a repair's notice is added only for a repair made). Write errors reach the caller.
 */
export async function replaceIfUnchanged(key: string, seen: unknown, next: unknown): Promise<boolean> {
  const area = localArea();
  const now = (await area.get(key))[key];
  if (JSON.stringify(now) !== JSON.stringify(seen)) return false;
  if (next === undefined) await area.remove(key);
  else await area.set({ [key]: next });
  return true;
}

/**
 * onKeysChanged that reloads and delivers the new value. Loads may finish out of order when changes come
 * fast, so only the latest load is delivered.
 */
export function watchKeys<T>(keys: (key: string) => boolean, load: () => Promise<T>, cb: (value: T) => void): () => void {
  let latest = 0;
  return onKeysChanged(keys, () => {
    const mine = ++latest;
    load()
      .then((value) => {
        if (mine === latest) cb(value);
      })
      .catch(() => {
        // A failing subscriber must not surface as an unhandled rejection.
      });
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The version of stored data written by a newer release than `current`, else null. */
export function futureVersion(stored: unknown, current: number): number | null {
  const version = isRecord(stored) ? stored.version : undefined;
  return typeof version === 'number' && version > current ? version : null;
}
