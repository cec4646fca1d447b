/**
 * Where the pack's agreement names are on a page: the smallest element whose whole text names one, in
 * light DOM and open shadow roots, read-only fields, and names cut short on screen whose full form is in
 * title or aria-label. Read-only: nothing here changes the page.
 */
import type { AgreementMatcher } from '../../core/match';
import { foldText } from '../../core/normalize';
import type { PortalWords } from '../../portal/words';
import { BUILTIN_WORDS } from '../../portal/words';
import {
  MAX_CLIMB,
  MAX_NAME_ELEMENT_CHARS,
  NAME_CONTAINER_STOP,
  NAME_HOLDER_SELECTOR,
  NON_TEXT_ELEMENTS,
  PAGE_HEADING_SELECTOR,
  READONLY_FIELD_SELECTOR,
  ROW_SELECTOR,
  LIST_ENTRY_SELECTOR,
  TRUNCATION,
} from '../portal';
import { labelOf } from './labels';
import { FORMATTING, displayText, foldDisplay, isReadonlyField, spacedText } from './text';
import { composedClosest, composedParent, deepQueryAll, openShadowRoot } from './tree';

/** Where a recognised name sits: a page's own title or "Navn" field, or an entry of a list. */
export type NameKind = 'heading' | 'name-field' | 'list';

export interface NameHit {
  element: Element;
  id: string;
  /** The name as the page writes it (folded whitespace; the full name when the screen shows it cut short). */
  name: string;
  kind: NameKind;
}

/** Cooperative scheduling for long scans: `due()` says a slice is used up, `pause()` gives the page a turn. */
export interface Slicer {
  due(): boolean;
  pause(): Promise<void>;
}

/** For scans that must finish in one go (tests, small subtrees). */
export const NO_SLICING: Slicer = { due: () => false, pause: async () => undefined };

/**
 * The slicer asked every `every` steps (a power of two; asking costs a clock read): the returned check is
 * true when a step should yield. `now` asks at this step whatever the count (after a costly step).
 */
export function stepper(slicer: Slicer, every: number): (now?: boolean) => boolean {
  const mask = every - 1;
  let count = 0;
  return (now = false) => ((++count & mask) === 0 || now) && slicer.due();
}

export interface FindOptions {
  slicer?: Slicer;
  words?: PortalWords;
  /** Told of every open shadow root the walk enters (the watcher observes it from then on). */
  onShadowRoot?(root: ShadowRoot): void;
  /** Told of custom elements without a shadow root yet: one may be attached when the element upgrades. */
  onPendingHost?(host: Element): void;
}

/** Elements whose text length is above the bound are containers: the cheap native check first, then the flat text. */
function tooLong(el: Element, max: number): boolean {
  if ((el.textContent ?? '').length > max) return true;
  return openShadowRoot(el) !== null || el.querySelector('*') !== null ? spacedText(el, { limit: max }).length > max : false;
}

/**
 * Finds every element under `root` whose text names one of the pack's agreements: the smallest such
 * element around each text node that may hold a code, plus read-only fields and truncated names. A pass
 * over text nodes with a cheap pre-filter keeps huge lists fast; full matching runs only where a code appears.
 * Open shadow roots met on the way are walked too.
 */
export async function findNames(root: Element, matcher: AgreementMatcher, options: FindOptions = {}): Promise<NameHit[]> {
  const slicer = options.slicer ?? NO_SLICING;
  const words = options.words ?? BUILTIN_WORDS;
  const doc = root.ownerDocument;
  const found = new Map<Element, { id: string; name?: string }>();
  const checked = new Set<Element>();
  const shadowRoots: ShadowRoot[] = [];
  const trees: (Element | ShadowRoot)[] = [root];
  const own = openShadowRoot(root);
  if (own) trees.push(own);
  const due = stepper(slicer, 64);
  let climbed = false;
  for (let tree = trees.shift(); tree !== undefined; tree = trees.shift()) {
    if (tree.nodeType === 11) {
      shadowRoots.push(tree as ShadowRoot);
      options.onShadowRoot?.(tree as ShadowRoot);
    }
    const walker = doc.createTreeWalker(tree, 5 /* NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Checked every 64 nodes, and after every climb (which reads an element's whole subtree).
      if (due(climbed)) {
        await slicer.pause();
        if (!root.isConnected) return [];
        // The page may have removed the node we stood on; start over (already checked elements are skipped).
        if (!node.isConnected) walker.currentNode = tree;
      }
      climbed = false;
      if (node.nodeType === 1) {
        const el = node as Element;
        const shadow = openShadowRoot(el);
        if (shadow) trees.push(shadow);
        else if (el.localName.includes('-')) options.onPendingHost?.(el);
        continue;
      }
      let parent = composedParent(node);
      if (!parent) continue;
      if (FORMATTING.has(parent.localName)) {
        // A highlight may cut a code in two ("<mark>SF0770</mark>_A"): pre-filter the whole run of text.
        while (parent.parentElement && FORMATTING.has(parent.localName)) parent = parent.parentElement;
        if (checked.has(parent) || found.has(parent) || !matcher.mayContain(parent.textContent ?? '')) continue;
      } else if (!matcher.mayContain((node as Text).data)) {
        continue;
      }
      if (NON_TEXT_ELEMENTS.has(parent.localName.toUpperCase())) continue;
      climb(parent, matcher, found, checked);
      climbed = true;
    }
  }
  for (const field of deepQueryAll(root, READONLY_FIELD_SELECTOR, shadowRoots)) {
    // Like an element: a field holding more than a name is not a name field.
    if (!isReadonlyField(field) || field.value.length > MAX_NAME_ELEMENT_CHARS || !matcher.mayContain(field.value)) continue;
    const match = matcher.match(field.value);
    if (match) found.set(field, { id: match.id });
  }
  await findTruncated(root, shadowRoots, matcher, found, slicer);
  const hits: NameHit[] = [];
  for (const element of withoutContainers(found.keys())) {
    if (slicer.due()) await slicer.pause();
    const entry = found.get(element);
    hits.push({ element, id: entry?.id ?? '', name: entry?.name ?? displayText(element), kind: nameKind(element, words) });
  }
  return hits;
}

/**
 * Names cut short on screen ("SF0770_A - SKAT Indkomst - Opslag personoplys…") whose title or aria-label
 * holds the full name: the element counts as that name when the full name starts with what is shown,
 * with every look-alike rule applied to the full name.
 */
async function findTruncated(
  root: Element,
  shadowRoots: readonly ShadowRoot[],
  matcher: AgreementMatcher,
  found: Map<Element, { id: string; name?: string }>,
  slicer: Slicer,
): Promise<void> {
  const due = stepper(slicer, 64);
  for (const el of deepQueryAll(root, '[title], [aria-label]', shadowRoots)) {
    if (due()) await slicer.pause();
    if (found.has(el) || !el.isConnected) continue;
    for (const attribute of ['aria-label', 'title']) {
      const full = el.getAttribute(attribute) ?? '';
      if (full.length > MAX_NAME_ELEMENT_CHARS || !matcher.mayContain(full)) continue;
      if (tooLong(el, MAX_NAME_ELEMENT_CHARS)) break;
      const shown = foldText(spacedText(el));
      const cut = TRUNCATION.exec(shown);
      if (!cut) break;
      const head = shown.slice(0, cut.index).trim().toLowerCase();
      if (head === '' || !foldText(full).toLowerCase().startsWith(head)) continue;
      const match = matcher.match(full);
      if (match) found.set(el, { id: match.id, name: full.replace(/\s+/gu, ' ').trim() });
      break;
    }
  }
}

/** The smallest element wins: an element holding another recognised name is a container, not a name. */
export function withoutContainers(elements: Iterable<Element>): Set<Element> {
  const kept = new Set(elements);
  // Every ancestor is visited once: a walk stops where an earlier one passed (its ancestors are done).
  const passed = new Set<Element>();
  for (const el of [...kept]) {
    for (let up = composedParent(el); up && !passed.has(up); up = composedParent(up)) {
      passed.add(up);
      kept.delete(up);
    }
  }
  return kept;
}

/** From a text node's element outwards: the first element whose whole text names an agreement. */
function climb(start: Element, matcher: AgreementMatcher, found: Map<Element, { id: string; name?: string }>, checked: Set<Element>): void {
  let levels = 0;
  let below = '';
  for (let el: Element | null = start; el && levels < MAX_CLIMB; el = composedParent(el), levels++) {
    if (found.has(el) || checked.has(el) || el.matches(NAME_CONTAINER_STOP)) return;
    checked.add(el);
    // Cheap length bound first: a long element is a container, and its text would be costly to build.
    if ((el.textContent ?? '').length > MAX_NAME_ELEMENT_CHARS) return;
    const text = spacedText(el, { limit: MAX_NAME_ELEMENT_CHARS });
    if (text.length > MAX_NAME_ELEMENT_CHARS) return;
    // A cell holding only its link reads as the link did: the same text matches no better one level up.
    const match = text === below ? null : matcher.match(text);
    below = text;
    if (match) {
      if (!nameGoesOnAsAnother(el, matcher)) found.set(el, { id: match.id, name: foldDisplay(text) });
      return;
    }
    if (el.matches(ROW_SELECTOR)) return;
  }
}

/** True when `el` sits inside a name holder whose whole text is no task agreement (another system or municipality). */
function nameGoesOnAsAnother(el: Element, matcher: AgreementMatcher): boolean {
  if (el.matches(NAME_HOLDER_SELECTOR)) return false;
  const parent = composedParent(el);
  const holder = parent ? composedClosest(parent, NAME_HOLDER_SELECTOR) : null;
  if (!holder || tooLong(holder, MAX_NAME_ELEMENT_CHARS)) return false;
  return matcher.match(spacedText(holder)) === null;
}

function nameKind(el: Element, words: PortalWords): NameKind {
  const heading = composedClosest(el, PAGE_HEADING_SELECTOR);
  if (heading && !composedClosest(heading, LIST_ENTRY_SELECTOR)) return 'heading';
  // A "Navn" column header labels every row of a list; only a field's own label makes a page's name field.
  const label = labelOf(el, { columnHeaders: false });
  return label !== null && words.isNameLabel(label) ? 'name-field' : 'list';
}
