/**
 * Progress recording: what the page shows of the task's agreements goes to the one progress record (the
 * background's store), once per change.
 * Pages: every portal page showing one of the task's agreements, in every frame.
 *
 * The message is sent in a task of its own RECORD_DELAY_MS later (at once when the page is left), not inside
 * the scan-decide-mark pass: a runtime message costs the page's main thread more than re-reading the changed
 * row does (0.1 ms, at times several ms, at 20,000 rows), and nothing the administrator sees waits for it.
 * Observations that come meanwhile go in the same message, in the order they were made (the store merges them
 * in that order, as it would separate messages). The send's own time is a performance measure
 * "aftaletjek:record", next to the passes' "aftaletjek:slice".
 */
import type { Observation } from '../../store/progress';
import type { OverlayContext } from '../context';
import { decideObservations } from '../decide';
import { measureSince } from '../navigation';
import type { Feature } from './feature';

const RECORD_DELAY_MS = 50;
export const RECORD_MEASURE = 'aftaletjek:record';

export function initProgress(ctx: OverlayContext, record: (packId: string, observations: Observation[]) => Promise<void>): Feature {
  const { win } = ctx;
  /** What was last sent per agreement: a rescan that shows the same sends nothing. */
  const sent = new Map<string, string>();
  /** Observations not sent yet, per pack, in the order they were made. */
  const pending = new Map<string, Observation[]>();
  let timer: number | undefined;
  const waiting: (() => void)[] = [];

  /** Sends what is pending (send = false: drops it); whoever waits for the feature to settle goes on. */
  const flush = (send = true) => {
    win.clearTimeout(timer);
    timer = undefined;
    const start = win.performance.now();
    if (send) for (const [packId, observations] of pending) record(packId, observations).catch(ctx.onError);
    pending.clear();
    if (send) measureSince(win.performance, RECORD_MEASURE, start);
    for (const resolve of waiting.splice(0)) resolve();
  };
  // A page being left may not run the timer before it goes.
  win.addEventListener('pagehide', () => pending.size > 0 && flush(), { signal: ctx.signal });
  // The lifetime ends with the extension (reloaded or removed): nothing is left to record to.
  ctx.signal.addEventListener('abort', () => flush(false));

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
      timer ??= win.setTimeout(() => flush(), RECORD_DELAY_MS);
    },
    reset() {
      sent.clear();
    },
    settled() {
      return pending.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve));
    },
  };
}
