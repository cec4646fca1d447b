/**
 * The status badges, drawn in Aftaletjek's own layer: one host element after the portal's <body> with an
 * open shadow root, each badge absolutely positioned beside its name (placement.ts says where). The portal's
 * elements get no box and no space, so marking a 20,000-row table costs no relayout of it. Only marks on
 * screen get a badge (IntersectionObserver); badges follow scrolling (of the page and of any scrolling box),
 * resizing, transitions and the portal's own re-layouts (ResizeObserver, and every pass over the page's
 * changes), one placement per frame. A badge is hidden where the portal shows something over its name (a
 * dialog, a sticky header, a scrolling box's edge); the layer's z-index is 1, so a portal overlay drawn
 * later (a menu, a tooltip) covers a badge until the next placement hides it.
 * Printing draws the words in flow instead (marks.ts), as a print lays the page out anew anyway.
 * The words reach assistive technology as the name's aria-description (the portal's own is kept).
 */
import type { AgreementStatus } from '../../core/types';
import { TABLE_ROW_SELECTOR } from '../portal';
import { writeAttribute } from './dom';
import { placeBadge, type Box, type Placement, type Size } from './placement';
import { createShadowHost } from './shadow';

const HOST_TAG = 'aftaletjek-marks';
/** On a name whose badge found no room: a paint-only outline (marks.ts) carries the status instead. */
export const UNPLACED_ATTR = 'data-aftaletjek-unplaced';
export const DESCRIPTION = 'aria-description';
/** Between the portal's own aria-description and the badge words appended to it. */
const WORDS_AFTER = '. ';

/** The portal's own part of a name's aria-description that ends with the badge `words` (null: none of its own). */
export function descriptionWithout(description: string, words: string): string | null {
  const own = description.endsWith(words) ? description.slice(0, -words.length) : description;
  return (own.endsWith(WORDS_AFTER) ? own.slice(0, -WORDS_AFTER.length) : own) || null;
}
/** A box with more pieces than this is not searched for room (the outline is used). */
const MAX_PIECES = 400;

/** 16 px high in all (14 px line and its border): it fits beside a line of the portal's smallest common text. */
const CSS = `
:host { all: initial !important; display: block !important; position: absolute !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; pointer-events: none !important;
  z-index: 1 !important; contain: layout style !important; }
@media print { :host { display: none !important; } }
.badge {
  position: absolute; top: 0; left: 0; box-sizing: border-box; visibility: hidden;
  padding: 0 0.55em; border: 1px solid; border-radius: 8px; white-space: nowrap;
  font: 600 11px/14px system-ui, "Segoe UI", Roboto, Arial, sans-serif; letter-spacing: 0;
}
.badge[data-kind] { visibility: visible; }
.badge[data-status="pending"] { background: #fff1cc; color: #5c3900; border-color: #c98a00; }
.badge[data-status="approved"] { background: #e2f3e7; color: #174f2b; border-color: #3f8f5a; }
.badge[data-status="rejected"] { background: #fde7e9; color: #8a1722; border-color: #c8424f; }
.badge[data-status="ended"] { background: #eceff3; color: #38424d; border-color: #8593a3; }
.badge[data-status="unknown"] { background: #e6eefa; color: #123e70; border-color: #5b86c5; }
`;

interface Entry {
  /** The agreement's id, on the badge as a test hook (data-agreement). */
  id: string;
  /** The name's list entry (row, card), where the badge may go when the name's own box has no room. */
  row: Element | null;
  status: AgreementStatus;
  words: string;
  /** The portal's own aria-description before ours, restored when the mark goes. */
  ownDescription: string | null;
  badge: HTMLElement | null;
}

const INLINE = new Set(['inline', 'contents', 'inline-block', 'inline-flex', 'inline-grid']);
const symbolOf = (words: string) => words.split(' ')[0] ?? words;
const boxOf = (r: DOMRect): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

export class BadgeLayer {
  private readonly entries = new Map<Element, Entry>();
  private readonly onScreen = new Set<Element>();
  private readonly sizes = new Map<string, Size>();
  private readonly stop = new AbortController();
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private frame = 0;
  private readonly seen: IntersectionObserver | null;
  private readonly resized: ResizeObserver | null;

  constructor(
    private readonly doc: Document,
    private readonly win: Window & typeof globalThis,
  ) {
    const schedule = () => this.schedule();
    this.seen =
      typeof win.IntersectionObserver === 'function'
        ? new win.IntersectionObserver((changes) => {
            for (const change of changes) {
              if (change.isIntersecting) this.onScreen.add(change.target);
              else this.onScreen.delete(change.target);
            }
            schedule();
          })
        : null;
    this.resized = typeof win.ResizeObserver === 'function' ? new win.ResizeObserver(schedule) : null;
    this.resized?.observe(doc.documentElement);
    const options = { capture: true, passive: true, signal: this.stop.signal };
    doc.addEventListener('scroll', schedule, options);
    win.addEventListener('resize', () => (this.sizes.clear(), schedule()), options);
    for (const type of ['transitionend', 'animationend']) doc.addEventListener(type, schedule, options);
  }

  /** Places the badges again at the next frame (the page changed: rows may have moved without resizing). */
  refresh(): void {
    if (this.entries.size > 0) this.schedule();
  }

  /** Shows (or updates) the badge of the name `anchor`. */
  show(anchor: Element, id: string, status: AgreementStatus, words: string, row: Element | null = null): void {
    let entry = this.entries.get(anchor);
    if (!entry) {
      const own = anchor.getAttribute(DESCRIPTION);
      entry = { id, row, status, words, ownDescription: own, badge: null };
      this.entries.set(anchor, entry);
      this.seen?.observe(anchor);
      this.resized?.observe(anchor);
      if (!this.seen) this.onScreen.add(anchor);
    }
    Object.assign(entry, { id, row, status, words });
    writeAttribute(anchor, DESCRIPTION, entry.ownDescription ? `${entry.ownDescription}${WORDS_AFTER}${words}` : words);
    this.schedule();
  }

  hide(anchor: Element): void {
    const entry = this.entries.get(anchor);
    if (!entry) return;
    this.entries.delete(anchor);
    this.onScreen.delete(anchor);
    this.seen?.unobserve(anchor);
    this.resized?.unobserve(anchor);
    entry.badge?.remove();
    anchor.removeAttribute(UNPLACED_ATTR);
    writeAttribute(anchor, DESCRIPTION, entry.ownDescription);
  }

  dispose(): void {
    for (const anchor of [...this.entries.keys()]) this.hide(anchor);
    this.stop.abort();
    this.seen?.disconnect();
    this.resized?.disconnect();
    if (this.frame) this.win.cancelAnimationFrame(this.frame);
    this.host?.remove();
  }

  private schedule(): void {
    if (this.frame || this.stop.signal.aborted) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  }

  private layer(): ShadowRoot {
    if (!this.host || !this.root) ({ host: this.host, root: this.root } = createShadowHost(this.doc, HOST_TAG, CSS));
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    return this.root;
  }

  /**
   * One placement of every badge on screen: DOM writes, then all reads, then writes, so layout runs once.
   * Only what changed is written: an unchanged attribute is left alone, so a steady page costs no style work.
   */
  private place(): void {
    const root = this.layer();
    const shown: [Element, Entry][] = [];
    for (const [anchor, entry] of this.entries) {
      if (!this.onScreen.has(anchor) || !anchor.isConnected) {
        if (entry.badge) writeAttribute(entry.badge, 'data-kind', null);
        continue;
      }
      entry.badge ??= root.appendChild(this.doc.createElement('span'));
      writeAttribute(entry.badge, 'class', 'badge');
      writeAttribute(entry.badge, 'data-status', entry.status);
      writeAttribute(entry.badge, 'data-agreement', entry.id);
      shown.push([anchor, entry]);
    }
    const origin = this.host!.getBoundingClientRect();
    const spots = shown.map(([anchor, entry]) => this.spotFor(anchor, entry));
    shown.forEach(([anchor, entry], i) => {
      const spot = spots[i]!;
      const badge = entry.badge!;
      if (spot === 'covered' || spot === null) writeAttribute(badge, 'data-kind', null);
      else {
        const text = spot.kind === 'words' ? entry.words : symbolOf(entry.words);
        if (badge.textContent !== text) badge.textContent = text;
        // Through the CSSOM, which a page's style-src policy does not govern.
        const transform = `translate(${Math.round(spot.left - origin.left)}px, ${Math.round(spot.top - origin.top)}px)`;
        if (badge.style.transform !== transform) badge.style.transform = transform;
        writeAttribute(badge, 'data-kind', spot.kind);
      }
      writeAttribute(anchor, UNPLACED_ATTR, spot === null ? '' : null);
    });
  }

  /**
   * Where the badge of `anchor` goes: in the box that holds the name, else anywhere free in its list entry
   * (a card's empty corner). null: no room (outline instead); 'covered': the portal shows something over it.
   */
  private spotFor(anchor: Element, entry: Entry): Placement | null | 'covered' {
    // The name's text lines (a heading's own box spans the page; its text does not).
    const lines = contentBoxes(anchor);
    const sizes = { words: this.sizeOf(entry.status, entry.words), symbol: this.sizeOf(entry.status, symbolOf(entry.words)) };
    const holder = roomOf(anchor, this.win);
    // A table row's other cells are other columns' values: a badge there would read as theirs.
    const entryRoom = entry.row && entry.row !== holder && !entry.row.matches(TABLE_ROW_SELECTOR) ? entry.row : null;
    for (const room of entryRoom ? [holder, entryRoom] : [holder]) {
      const pieces = room === anchor ? lines : contentBoxes(room);
      if (pieces.length > MAX_PIECES) continue;
      const frame = room.getBoundingClientRect();
      const left = frame.left + room.clientLeft;
      const top = frame.top + room.clientTop;
      const box = { left, top, right: left + room.clientWidth, bottom: top + room.clientHeight };
      const spot = placeBadge({ lines, room: box, occupied: pieces, sizes });
      if (!spot) continue;
      const size = sizes[spot.kind];
      const tree = room.getRootNode() as Document | ShadowRoot;
      const hit = tree.elementFromPoint?.(spot.left + size.width / 2, spot.top + size.height / 2);
      return hit && (hit === room || room.contains(hit)) ? spot : 'covered';
    }
    return null;
  }

  /** A badge's size, measured once per text in the layer itself. */
  private sizeOf(status: AgreementStatus, text: string): Size {
    const known = this.sizes.get(text);
    if (known) return known;
    const probe = this.root!.appendChild(this.doc.createElement('span'));
    probe.className = 'badge';
    probe.dataset.status = status;
    probe.textContent = text;
    const size = { width: Math.ceil(probe.offsetWidth), height: Math.ceil(probe.offsetHeight) };
    probe.remove();
    if (size.width > 0) this.sizes.set(text, size);
    return size;
  }
}

/** The boxes of what `el` shows: its text's line boxes and its children's boxes, empty ones left out. */
function contentBoxes(el: Element): Box[] {
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map(boxOf);
}

/** The box that holds the name: its nearest ancestor (or itself) that is not laid out inline. */
function roomOf(anchor: Element, win: Window): Element {
  let el: Element = anchor;
  while (el.parentElement && INLINE.has(win.getComputedStyle(el).display)) el = el.parentElement;
  return el;
}
