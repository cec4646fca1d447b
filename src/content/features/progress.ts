/**
 * Progress recording: what the page shows of the task's agreements goes to the one progress record (the
 * background's store), once per change.
 * Pages: every portal page showing one of the task's agreements, in every frame.
 */
import type { Observation } from '../../store/progress';
import type { OverlayContext } from '../context';
import { decideObservations } from '../decide';
import type { Feature } from './feature';

export function initProgress(ctx: OverlayContext, record: (packId: string, observations: Observation[]) => Promise<void>): Feature {
  /** What was last sent per agreement: a rescan that shows the same sends nothing. */
  const sent = new Map<string, string>();
  return {
    update(model) {
      const changed = decideObservations(model.marks.values(), model.page, model.url).filter((o) => {
        const key = JSON.stringify([o.status ?? null, o.statusText ?? null, o.name ?? null, o.se ?? null]);
        if (sent.get(o.id) === key) return false;
        sent.set(o.id, key);
        return true;
      });
      if (changed.length > 0) record(ctx.config().pack.id, changed).catch(ctx.onError);
    },
    reset() {
      sent.clear();
    },
  };
}
