/**
 * The overlay's life on one portal tab (one frame): the page watcher hands batches of changes to the
 * scanner, whose page model every feature reads (./features: marks, SE check, progress). Browser APIs come
 * in as `OverlayDeps`, so the whole pipeline runs in unit tests too.
 */
import type { AgreementStatus, SeVerdict } from '../core/types';
import type { Observation } from '../store/progress';
import { Settings, type OverlayConfig, type OverlayContext } from './context';
import type { Feature } from './features/feature';
import { initListMarks } from './features/list-marks';
import { initProgress } from './features/progress';
import { initSeCheck } from './features/se-check';
import { createSlicer, watchPage, type Batch, type PageWatcher } from './navigation';
import { removeLeftovers } from './overlay/leftovers';
import { createPageScanner, type PageModel } from './page-model';
import { READONLY_FIELD_SELECTOR } from './portal';
import { deepQueryAll } from './scan';

export type { OverlayConfig };

export interface OverlayDeps {
  loadConfig(): Promise<OverlayConfig>;
  /** Subscribe to settings changes (delivered with the new config); returns an unsubscribe function. */
  watchConfig(onChange: (next: OverlayConfig) => void): () => void;
  record(packId: string, observations: Observation[]): Promise<void>;
  openOptions(): void;
  /** False once the extension was reloaded or removed: this script's lifetime is over. */
  alive(): boolean;
  onError(error: unknown): void;
}

/** What the overlay sees on this page right now, for the popup and a Fejlrapport. */
export interface SeenOnPage {
  id: string;
  /** Where the name sits: a page's title or name field, or a list entry. */
  kind: 'heading' | 'name-field' | 'list';
  status: AgreementStatus;
  /** On an SE agreement's own page: the SE verdict and how many SE numbers were read. */
  se?: { verdict: SeVerdict; found: number };
}

export interface Overlay {
  /** Resolves when the page is scanned and nothing is queued. */
  idle(): Promise<void>;
  /** Resolves once the features have done what they put off (the progress record's send, a timer after the pass). */
  settled(): Promise<void>;
  /** The task's agreements recognised on this page (in this frame), one entry per recognised element. */
  seen(): SeenOnPage[];
}

/** How often an agreement page's read-only field values are compared with what was read. */
const FIELD_CHECK_MS = 750;

/**
 * Frameworks set a read-only field's value as a property (Angular's patchValue, Vue, Lit), which changes
 * nothing an observer sees: on an agreement's page (only there, the page is small), the values are compared
 * every FIELD_CHECK_MS and a change has the page read again (an SE number that arrives late, or the previous
 * agreement's number replaced when the page shows another agreement in place).
 */
function watchFieldValues(ctx: OverlayContext, onAgreementPage: () => boolean, readAgain: () => void): { noteRead(): void } {
  /** The values as the last reading saw them; null off agreement pages. */
  let read: string | null = null;
  const values = () =>
    deepQueryAll<HTMLInputElement>(ctx.doc.documentElement, READONLY_FIELD_SELECTOR)
      .map((field) => field.value)
      .join('\u0000');
  const timer = ctx.win.setInterval(() => {
    try {
      if (read !== null && onAgreementPage() && values() !== read) {
        read = null;
        readAgain();
      }
    } catch (error) {
      ctx.onError(error);
    }
  }, FIELD_CHECK_MS);
  ctx.signal.addEventListener('abort', () => ctx.win.clearInterval(timer));
  return {
    noteRead() {
      read = onAgreementPage() ? values() : null;
    },
  };
}

/** Runs until `lifetime` is aborted (or the extension goes away, which aborts it). */
export async function startOverlay(win: Window & typeof globalThis, deps: OverlayDeps, lifetime: AbortController): Promise<Overlay> {
  const doc = win.document;
  // Firefox injects an updated or re-enabled extension into open tabs without cleaning up after the old one.
  removeLeftovers(doc);
  const settings = new Settings(await deps.loadConfig());
  const ctx: OverlayContext = {
    win,
    doc,
    signal: lifetime.signal,
    config: () => settings.config,
    matcher: () => settings.matcher,
    words: () => settings.words,
    openOptions: () => deps.openOptions(),
    onError: deps.onError,
  };

  let watcher: PageWatcher | null = null;
  const scanner = createPageScanner(ctx, {
    onShadowRoot: (root) => watcher?.observeRoot(root),
    onPendingHost: (host) => watcher?.watchHost(host),
  });
  const reading = { busy: () => watcher?.busy() ?? true, idle: () => watcher?.idle() ?? Promise.resolve() };
  const features: Feature[] = [
    initListMarks(ctx),
    initSeCheck(ctx, scanner, reading),
    initProgress(ctx, (packId, observations) => deps.record(packId, observations)),
  ];
  let latest: PageModel | null = null;
  let fields: { noteRead(): void } | null = null;

  const run = async (batch: Batch) => {
    const slicer = createSlicer(win);
    try {
      if (!deps.alive()) {
        lifetime.abort();
        return;
      }
      const model = await scanner.scan(batch, slicer);
      if (!model || ctx.signal.aborted) return;
      latest = model;
      for (const feature of features) feature.update(model, batch);
      fields?.noteRead();
    } catch (error) {
      deps.onError(error);
    } finally {
      slicer.end();
    }
  };

  watcher = watchPage(win, ctx.signal, run);
  fields = watchFieldValues(
    ctx,
    () => scanner.visiting(),
    () => watcher?.requestFull(),
  );
  const unwatch = deps.watchConfig((next) => {
    settings.replace(next);
    scanner.reset();
    for (const feature of features) feature.reset?.();
    watcher?.requestFull();
  });
  ctx.signal.addEventListener('abort', unwatch);

  const seen = (): SeenOnPage[] =>
    [...(latest?.marks.values() ?? [])].map((mark) => {
      const entry: SeenOnPage = { id: mark.id, kind: scanner.kindOf(mark.element) ?? 'list', status: mark.status };
      const se = latest?.page?.id === mark.id ? latest.page.se : null;
      if (se) entry.se = { verdict: se.verdict, found: se.found.length };
      return entry;
    });

  const settled = async () => {
    await Promise.all(features.map((feature) => feature.settled?.()));
  };
  return { idle: () => watcher?.idle() ?? Promise.resolve(), settled, seen };
}
