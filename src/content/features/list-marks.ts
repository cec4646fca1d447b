/**
 * Marks: a status badge on every recognised name, the list entry styled as a whole.
 * Pages: every portal page showing one of the task's agreements (tables, cards, search results, and the
 * agreement's own page). The mark layer is the only owner of marks.
 */
import type { OverlayContext } from '../context';
import { MarkLayer } from '../overlay/marks';
import type { Feature } from './feature';

export function initListMarks(ctx: OverlayContext): Feature {
  const layer = new MarkLayer(ctx.doc, ctx.win);
  ctx.signal.addEventListener('abort', () => layer.dispose());
  return {
    update(model) {
      layer.sync(model.updated, (el) => !model.marks.has(el));
      layer.ensureStyles();
    },
  };
}
