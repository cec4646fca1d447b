/**
 * The overlay's life on one portal tab (one frame): scan what changed, decide, mark, show the banner,
 * guard, record. Browser APIs come in as `OverlayDeps`, so the whole pipeline runs in unit tests too.
 */
import { createMatcher, type AgreementMatcher } from '../core/match';
import { klikMessage } from '../core/summary';
import type { AgreementStatus, SeVerdict } from '../core/types';
import { compileProfile, type PortalWords } from '../portal/words';
import type { ContentContext } from '../shared/messages';
import type { Observation } from '../store/progress';
import { decideAgreementPage, decideMarks, decideObservations, type AgreementPage, type Mark } from './decide';
import { createSlicer, watchPage, type Batch, type PageWatcher } from './navigation';
import { Banner } from './overlay/banner';
import { installGuards, type GuardTarget } from './overlay/guards';
import { removeLeftovers } from './overlay/leftovers';
import { MarkLayer } from './overlay/marks';
import { composedClosest, composedContains, findNames, withoutContainers, type NameHit } from './scan';
import { advanceVisit, type Visit } from './visit';

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
  let words: PortalWords = compileProfile(config.profile);
  const hits = new Map<Element, NameHit>();
  /** Open shadow roots met so far: an agreement page's facts are read in them without walking the page again. */
  const shadowRoots = new Set<ShadowRoot>();
  const marks = new Map<Element, Mark>();
  const recorded = new Map<string, string>();
  let page: AgreementPage | null = null;
  let pageUrl = '';
  /** The visit to one agreement's page: what its SE check has read so far. */
  let visit: Visit | null = null;
  /** SE checks read on this tab's agreement pages, for approve controls in list entries. */
  const seRead = new Map<string, AgreementPage['se']>();

  signal.addEventListener('abort', () => {
    markLayer.dispose();
    banner.remove();
  });

  const record = (observations: Observation[]) => {
    const changed = observations.filter((o) => {
      const key = JSON.stringify([o.status ?? null, o.statusText ?? null, o.name ?? null, o.se ?? null]);
      if (recorded.get(o.id) === key) return false;
      recorded.set(o.id, key);
      return true;
    });
    if (changed.length > 0) deps.record(config.pack.id, changed).catch(deps.onError);
  };

  let watcher: PageWatcher | null = null;

  const run = async (batch: Batch) => {
    const slicer = createSlicer(win);
    try {
      if (!deps.alive()) {
        lifetime.abort();
        return;
      }
      if (batch.urlChanged) {
        // The banner belongs to the page it was shown on; the visit may go on (a tab that changes the URL).
        page = null;
        banner.remove();
      }
      const body = doc.body ?? doc.documentElement;
      const roots = batch.full ? [body] : batch.roots;
      const inScope = (el: Element) => batch.full || roots.some((root) => composedContains(root, el));
      for (const el of hits.keys()) if (!el.isConnected || inScope(el)) hits.delete(el);
      for (const root of roots) {
        const found = await findNames(root, matcher, {
          slicer,
          words,
          onShadowRoot: (shadow) => {
            shadowRoots.add(shadow);
            watcher?.observeRoot(shadow);
          },
          onPendingHost: (host) => watcher?.watchHost(host),
        });
        for (const hit of found) hits.set(hit.element, hit);
        if (signal.aborted) return;
      }
      // A name found in an earlier, smaller scan may sit inside one found now (or the reverse).
      const smallest = withoutContainers(hits.keys());
      for (const el of hits.keys()) if (!smallest.has(el)) hits.delete(el);

      const all = [...hits.values()];
      const before = page?.anchors ?? [];
      for (const shadow of shadowRoots) if (!shadow.host.isConnected) shadowRoots.delete(shadow);
      const decided = all.some((hit) => hit.kind !== 'list')
        ? await decideAgreementPage(all, config.pack, config.expectedSe, body, { slicer, words, shadowRoots: [...shadowRoots] })
        : null;
      if (signal.aborted) return;
      ({ visit, page } = advanceVisit(visit, decided, decided === null && all.length > 0, config.expectedSe, win.location.href));
      if (page?.se) seRead.set(page.id, page.se);
      pageUrl = win.location.href;

      for (const el of marks.keys()) if (!hits.has(el)) marks.delete(el);
      const anchors = new Set([...before, ...(page?.anchors ?? [])]);
      const toDecide = all.filter((hit) => inScope(hit.element) || anchors.has(hit.element) || !marks.has(hit.element));
      const updated: Mark[] = [];
      for (const hit of toDecide) {
        if (slicer.due()) await slicer.pause();
        for (const mark of decideMarks([hit], page, words)) {
          marks.set(mark.element, mark);
          updated.push(mark);
        }
      }
      markLayer.sync(updated, (el) => !marks.has(el));
      markLayer.ensureStyles();

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

  /**
   * The agreement page on screen now; while the portal re-renders it (its name gone for a moment, at an
   * address where it was shown), the visit's page: a click in that moment is still guarded.
   */
  const pageNow = (): AgreementPage | null => {
    const url = win.location.href;
    if (page && pageUrl === url && page.anchors.some((anchor) => anchor.isConnected)) return page;
    return visit?.urls.includes(url) ? visit.page : null;
  };

  const seCheckOf = (id: string): GuardTarget['se'] => {
    const agreement = config.pack.agreements.find((a) => a.id === id);
    if (!agreement?.seCheck) return undefined;
    return seRead.get(id) ?? null;
  };

  /** The agreement a control acts on: the list entry it sits in (a marked row), else the agreement page. */
  const targetOf = (action: Element): GuardTarget | null => {
    const row = composedClosest(action, '[data-aftaletjek-row]');
    if (row) {
      const ids = new Set([...marks.values()].filter((mark) => mark.row === row).map((mark) => mark.id));
      const [id] = ids;
      if (id !== undefined && ids.size === 1) return { id, se: seCheckOf(id), messageField: null };
    }
    const current = pageNow();
    if (!current) return null;
    return { id: current.id, se: current.se ?? seCheckOf(current.id), messageField: current.messageField };
  };

  watcher = watchPage(win, signal, run);
  installGuards(doc, signal, { words: () => words, targetOf }, deps.onError);

  const unwatch = deps.watchConfig((next) => {
    config = next;
    matcher = createMatcher(next.pack, { municipality: next.municipality });
    words = compileProfile(next.profile);
    recorded.clear();
    seRead.clear();
    visit = null;
    watcher?.requestFull();
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

  return { idle: () => watcher?.idle() ?? Promise.resolve(), seen };
}
