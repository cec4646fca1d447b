/**
 * The overlay's life on one portal tab: scan what changed, decide, mark, show the banner, guard, record.
 * Browser APIs come in as `OverlayDeps`, so the whole pipeline runs in unit tests too.
 */
import { createMatcher, type AgreementMatcher } from '../core/match';
import { klikMessage } from '../core/summary';
import type { AgreementStatus, SeVerdict } from '../core/types';
import type { ContentContext } from '../shared/messages';
import type { Observation } from '../store/progress';
import { decideAgreementPage, decideMarks, decideObservations, type AgreementPage, type Mark } from './decide';
import { createSlicer, watchPage, type Batch, type PageWatcher } from './navigation';
import { Banner } from './overlay/banner';
import { installGuards } from './overlay/guards';
import { removeLeftovers } from './overlay/leftovers';
import { MarkLayer } from './overlay/marks';
import { findNames, withoutContainers, type NameHit } from './scan';

export type OverlayConfig = ContentContext;

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
  /** The task's agreements recognised on this page (in this frame), one entry per recognised element. */
  seen(): SeenOnPage[];
}

/** Runs until `lifetime` is aborted (or the extension goes away, which aborts it). */
export async function startOverlay(win: Window & typeof globalThis, deps: OverlayDeps, lifetime: AbortController): Promise<Overlay> {
  const { signal } = lifetime;
  const doc = win.document;
  // Firefox injects an updated or re-enabled extension into open tabs without cleaning up after the old one.
  removeLeftovers(doc);
  const markLayer = new MarkLayer(doc);
  const banner = new Banner(doc, { openOptions: () => deps.openOptions() });
  let config = await deps.loadConfig();
  let matcher: AgreementMatcher = createMatcher(config.pack, { municipality: config.municipality });
  const hits = new Map<Element, NameHit>();
  const marks = new Map<Element, Mark>();
  const recorded = new Map<string, string>();
  let page: AgreementPage | null = null;
  let pageUrl = '';

  signal.addEventListener('abort', () => {
    markLayer.dispose();
    banner.remove();
  });

  const currentPage = () =>
    page && pageUrl === win.location.href && page.anchors.some((anchor) => anchor.isConnected) ? page : null;

  const record = (observations: Observation[]) => {
    const changed = observations.filter((o) => {
      const key = JSON.stringify([o.status ?? null, o.statusText ?? null, o.name ?? null, o.se ?? null]);
      if (recorded.get(o.id) === key) return false;
      recorded.set(o.id, key);
      return true;
    });
    if (changed.length > 0) deps.record(config.pack.id, changed).catch(deps.onError);
  };

  const run = async (batch: Batch) => {
    const slicer = createSlicer(win);
    try {
      if (!deps.alive()) {
        lifetime.abort();
        return;
      }
      if (batch.urlChanged) {
        // The banner belongs to the page it was shown on.
        page = null;
        banner.remove();
      }
      const body = doc.body ?? doc.documentElement;
      const roots = batch.full ? [body] : batch.roots;
      const rootSet = new Set(roots);
      const inScope = (el: Element) => {
        if (batch.full) return true;
        for (let up: Element | null = el; up; up = up.parentElement) if (rootSet.has(up)) return true;
        return false;
      };
      for (const el of hits.keys()) if (!el.isConnected || inScope(el)) hits.delete(el);
      for (const root of roots) {
        for (const hit of await findNames(root, matcher, slicer)) hits.set(hit.element, hit);
        if (signal.aborted) return;
      }
      // A name found in an earlier, smaller scan may sit inside one found now (or the reverse).
      const smallest = withoutContainers(hits.keys());
      for (const el of hits.keys()) if (!smallest.has(el)) hits.delete(el);

      const all = [...hits.values()];
      const before = page?.anchors ?? [];
      page = all.some((hit) => hit.kind !== 'list') ? await decideAgreementPage(all, config.pack, config.expectedSe, body, slicer) : null;
      if (signal.aborted) return;
      pageUrl = win.location.href;

      for (const el of marks.keys()) if (!hits.has(el)) marks.delete(el);
      const anchors = new Set([...before, ...(page?.anchors ?? [])]);
      const toDecide = all.filter((hit) => inScope(hit.element) || anchors.has(hit.element) || !marks.has(hit.element));
      const updated: Mark[] = [];
      for (const hit of toDecide) {
        if (slicer.due()) await slicer.pause();
        for (const mark of decideMarks([hit], page)) {
          marks.set(mark.element, mark);
          updated.push(mark);
        }
      }
      markLayer.ensureStyles();
      markLayer.sync(updated, (el) => !marks.has(el));

      if (page?.se) {
        const se = page.se;
        banner.show({ agreementId: page.id, se, klikMessage: klikMessage(config.pack, page.name, se.found, se.expected) });
      } else {
        banner.remove();
      }
      record(decideObservations(marks.values(), page, win.location.href));
    } catch (error) {
      deps.onError(error);
    } finally {
      slicer.end();
    }
  };

  const watcher: PageWatcher = watchPage(win, signal, run);
  installGuards(doc, signal, currentPage, deps.onError);

  const unwatch = deps.watchConfig((next) => {
    config = next;
    matcher = createMatcher(next.pack, { municipality: next.municipality });
    recorded.clear();
    watcher.requestFull();
  });
  signal.addEventListener('abort', unwatch);

  const seen = (): SeenOnPage[] =>
    [...marks.values()].map((mark) => {
      const hit = hits.get(mark.element);
      const entry: SeenOnPage = { id: mark.id, kind: hit?.kind ?? 'list', status: mark.status };
      const se = page?.id === mark.id ? page.se : null;
      if (se) entry.se = { verdict: se.verdict, found: se.found.length };
      return entry;
    });

  return { idle: () => watcher.idle(), seen };
}
