/**
 * The page model: one reading of the page per batch of changes, which every feature reads. It holds the
 * task's names on the page, each with its decided mark, and the agreement's own page when this is one (with
 * its SE check, remembered during the visit: ./visit.ts). Reads the DOM, changes nothing.
 */
import type { Batch } from './navigation';
import type { OverlayContext } from './context';
import { decideAgreementPage, decideMarks, mayBeAgreementPage, type AgreementPage, type Mark } from './decide';
import { NAME_HOLDER_SELECTOR, ROW_SELECTOR } from './portal';
import { composedClosest, composedContains, composedParent, findNames, withoutContainers, type NameHit, type Slicer } from './scan';
import type { AgreementMatcher } from '../core/match';
import { advanceVisit, type Visit } from './visit';

export interface PageModel {
  /** Every recognised name's mark, current after this batch. */
  marks: ReadonlyMap<Element, Mark>;
  /** The marks decided anew in this batch (unchanged ones are not in it). */
  updated: readonly Mark[];
  /** The agreement's own page on screen, or null (a list, another page, a page-less moment between renders). */
  page: AgreementPage | null;
  /** The page's address when it was read. */
  url: string;
}

export interface PageScanner {
  /** Reads what `batch` changed and returns the model after it. */
  scan(batch: Batch, slicer: Slicer): Promise<PageModel | null>;
  /** The hits' kinds (heading, name field, list entry) by element, for the popup's question. */
  kindOf(el: Element): NameHit['kind'] | undefined;
  /**
   * The agreement page on screen now; while the portal re-renders it (its name gone for a moment, at an
   * address where it was shown), the visit's page: a click in that moment is still guarded.
   */
  pageNow(): AgreementPage | null;
  /** True while on (or just after) an agreement's page: its visit has not ended by a list or another agreement. */
  visiting(): boolean;
  /** Forget what was read (the settings changed: everything is read again). */
  reset(): void;
}

export interface ScannerHooks {
  onShadowRoot(root: ShadowRoot): void;
  onPendingHost(host: Element): void;
}

export function createPageScanner(ctx: OverlayContext, hooks: ScannerHooks): PageScanner {
  const { win, doc, signal } = ctx;
  const hits = new Map<Element, NameHit>();
  const marks = new Map<Element, Mark>();
  /** Open shadow roots met so far: an agreement page's facts are read in them without walking the page again. */
  const shadowRoots = new Set<ShadowRoot>();
  let page: AgreementPage | null = null;
  let pageUrl = '';
  let visit: Visit | null = null;

  /** The settings whose patterns have been run once (compiled), a step per slice turn. */
  let warmed: unknown = null;

  const scan = async (batch: Batch, slicer: Slicer): Promise<PageModel | null> => {
    const { pack, expectedSe } = ctx.config();
    const words = ctx.words();
    const matcher = ctx.matcher();
    if (warmed !== matcher) {
      for (const steps of [matcher.warmUp(), words.warmUp()]) {
        for (const _step of steps) if (slicer.due()) await slicer.pause();
      }
      warmed = matcher;
    }
    // The page model belongs to the address it was read at; the visit may go on (a tab that changes the URL).
    if (batch.urlChanged) page = null;
    const body = doc.body ?? doc.documentElement;
    const roots = batch.full ? [body] : batch.roots;
    const within = (scope: readonly Element[]) => (el: Element) => batch.full || scope.some((root) => composedContains(root, el));
    const inScope = within(roots);
    // Only the roots whose names may have changed are searched again; every root's marks are decided again below.
    const texts = batch.texts;
    const searched = texts ? roots.filter((root) => !namesKept(root, texts, hits, matcher)) : roots;
    const searchedAgain = within(searched);
    for (const el of hits.keys()) if (!el.isConnected || searchedAgain(el)) hits.delete(el);
    for (const root of searched) {
      const found = await findNames(root, matcher, {
        slicer,
        words,
        onShadowRoot: (shadow) => {
          shadowRoots.add(shadow);
          hooks.onShadowRoot(shadow);
        },
        onPendingHost: hooks.onPendingHost,
      });
      for (const hit of found) hits.set(hit.element, hit);
      if (signal.aborted) return null;
    }
    // A name found in an earlier, smaller scan may sit inside one found now (or the reverse).
    const smallest = withoutContainers(hits.keys());
    for (const el of hits.keys()) if (!smallest.has(el)) hits.delete(el);

    const all = [...hits.values()];
    const before = page?.anchors ?? [];
    for (const shadow of shadowRoots) if (!shadow.host.isConnected) shadowRoots.delete(shadow);
    const decided = mayBeAgreementPage(all) ? await decideAgreementPage(all, pack, expectedSe, body, { slicer, words, shadowRoots: [...shadowRoots] }) : null;
    if (signal.aborted) return null;
    ({ visit, page } = advanceVisit(visit, decided, decided === null && all.length > 0, expectedSe, win.location.href));
    pageUrl = win.location.href;

    for (const el of marks.keys()) if (!hits.has(el)) marks.delete(el);
    const anchors = new Set([...before, ...(page?.anchors ?? [])]);
    const updated: Mark[] = [];
    for (const hit of all) {
      if (!inScope(hit.element) && !anchors.has(hit.element) && marks.has(hit.element)) continue;
      if (slicer.due()) await slicer.pause();
      for (const mark of decideMarks([hit], page, words)) {
        marks.set(mark.element, mark);
        updated.push(mark);
      }
    }
    return { marks, updated, page, url: pageUrl };
  };

  return {
    scan,
    kindOf: (el) => hits.get(el)?.kind,
    pageNow() {
      const url = win.location.href;
      if (page && pageUrl === url && page.anchors.some((anchor) => anchor.isConnected)) return page;
      return visit?.urls.includes(url) ? visit.page : null;
    },
    visiting: () => visit !== null,
    reset() {
      visit = null;
    },
  };
}

/**
 * True when a list entry's names are as they were after its `texts` changed: the entry held names, all of
 * list entries, and no changed text is inside one of them or the link or cell that holds it, in a shadow tree,
 * or in an element that may hold a code of its own (another name, or a look-alike that the change completes).
 * A status word or a date changing beside a name is such a change: the names are kept and only their marks
 * are decided again, work in proportion to the change.
 */
function namesKept(root: Element, texts: readonly CharacterData[], hits: ReadonlyMap<Element, NameHit>, matcher: AgreementMatcher): boolean {
  if (!root.matches(ROW_SELECTOR)) return false;
  const names = [...hits.values()].filter((hit) => hit.element.isConnected && composedContains(root, hit.element));
  if (names.length === 0 || names.some((hit) => hit.kind !== 'list')) return false;
  const holders = names.map((hit) => composedClosest(hit.element, NAME_HOLDER_SELECTOR) ?? hit.element);
  for (const text of texts) {
    if (!composedContains(root, text)) continue;
    if (text.getRootNode().nodeType !== 9 || matcher.mayContain(text.data)) return false;
    // A holder is the name's element or holds it.
    if (holders.some((holder) => composedContains(holder, text))) return false;
    // Up to the element that holds a kept name (whose code it holds): no code on the way.
    for (let el = composedParent(text); el; el = composedParent(el)) {
      if (names.some((hit) => composedContains(el!, hit.element))) break;
      if (matcher.mayContain(el.textContent ?? '')) return false;
      if (el === root) break;
    }
  }
  return true;
}
