/**
 * Progress recording: what the page shows of the task's agreements goes to the one progress record (the
 * background's store), once per change.
 * Pages: every portal page showing one of the task's agreements, in every frame.
 *
 * The message is sent in a task of its own when the page is idle (at most RECORD_DELAY_MS later, and at once
 * when the page is hidden or left), not inside the scan-decide-mark pass: a runtime message costs the page's
 * main thread more than re-reading the changed row does (0.1 ms, at times several ms, at 20,000 rows), and
 * nothing the administrator sees waits for it. Observations that come meanwhile go in the same message, in
 * the order they were made (the store merges them in that order, as it would separate messages). The send's
 * own time is a performance measure "aftaletjek:record", next to the passes' "aftaletjek:slice".
 */
import type { Observation } from '../../store/progress';
import type { OverlayContext } from '../context';
import { decideObservations } from '../decide';
import { measureSince } from '../navigation';
import type { Feature } from './feature';

const RECORD_DELAY_MS = 200;
export const RECORD_MEASURE = 'aftaletjek:record';

type Idle = { requestIdleCallback?(cb: () => void, options: { timeout: number }): number; cancelIdleCallback?(handle: number): void };

export function initProgress(ctx: OverlayContext, record: (packId: string, observations: Observation[]) => Promise<void>): Feature {
  /** What was last sent per agreement: a rescan that shows the same sends nothing. */
  const sent = new Map<string, string>();
  /** Observations not sent yet, per pack, in the order they were made. */
  const pending = new Map<string, Observation[]>();
  const win = ctx.win as typeof ctx.win & Idle;
  let handle: { idle: boolean; id: number } | null = null;
  let flushed: (() => void)[] = [];

  const release = () => {
    const done = flushed;
    flushed = [];
    for (const resolve of done) resolve();
  };
  const cancel = () => {
    if (handle?.idle) win.cancelIdleCallback?.(handle.id);
    else if (handle) win.clearTimeout(handle.id);
    handle = null;
  };
  const flush = () => {
    cancel();
    const start = win.performance.now();
    for (const [packId, observations] of pending) record(packId, observations).catch(ctx.onError);
    pending.clear();
    measureSince(win.performance, RECORD_MEASURE, start);
    release();
  };
  const schedule = () => {
    if (handle) return;
    const run = () => {
      try {
        flush();
      } catch (error) {
        ctx.onError(error);
      }
    };
    handle =
      typeof win.requestIdleCallback === 'function'
        ? { idle: true, id: win.requestIdleCallback(run, { timeout: RECORD_DELAY_MS }) }
        : { idle: false, id: win.setTimeout(run, RECORD_DELAY_MS) };
  };
  // A page being left or hidden may not have an idle moment before it goes.
  const now = () => {
    if (pending.size > 0) flush();
  };
  win.addEventListener('pagehide', now, { signal: ctx.signal });
  ctx.doc.addEventListener('visibilitychange', () => ctx.doc.visibilityState === 'hidden' && now(), { signal: ctx.signal });
  // The lifetime ends with the extension (reloaded or removed): nothing is left to record to.
  ctx.signal.addEventListener('abort', () => {
    cancel();
    pending.clear();
    release();
  });

  return {
    update(model) {
      const changed = decideObservations(model.marks.values(), model.page, model.url).filter((o) => {
        const key = JSON.stringify([o.status ?? null, o.statusText ?? null, o.name ?? null, o.se ?? null]);
        if (sent.get(o.id) === key) return false;
        sent.set(o.id, key);
        return true;
      });
      if (changed.length === 0) return;
      const packId = ctx.config().pack.id;
      pending.set(packId, [...(pending.get(packId) ?? []), ...changed]);
      schedule();
    },
    reset() {
      sent.clear();
    },
    settled() {
      return pending.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => flushed.push(resolve));
    },
  };
}
