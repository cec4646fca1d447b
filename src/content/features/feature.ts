/**
 * A feature of the overlay: one capability, in one file, with a small init(ctx) that returns what it does
 * with each page model. Everything a feature adds to the page (listeners, observers, UI) is tied to
 * ctx.signal and removed with it.
 */
import type { Batch } from '../navigation';
import type { PageModel } from '../page-model';

export interface Feature {
  /** Called after every scan with the page model (and the batch that produced it). */
  update(model: PageModel, batch: Batch): void;
  /** The settings changed: forget what was derived from the old ones. */
  reset?(): void;
  /** Resolves once the feature has nothing left to do for what it was given (work it puts off until after the pass). */
  settled?(): Promise<void>;
}
