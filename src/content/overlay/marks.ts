/**
 * Marks on the portal's own elements: data attributes plus one stylesheet that only paints (row bar and
 * background, field outline), and a badge with the status words in Aftaletjek's own layer (badges.ts). The
 * portal's DOM structure is never changed (no wrappers, no moved nodes), so the portal's framework keeps
 * working, and no mark takes space in its layout. The attributes `data-aftaletjek-agreement` and
 * `data-aftaletjek-status` are public test hooks (README).
 */
import type { AgreementStatus } from '../../core/types';
import { textFor } from '../../shared/i18n';
import type { Mark } from '../decide';
import { BadgeLayer, UNPLACED_ATTR } from './badges';
import { writeAttribute } from './dom';
import { adoptStyles, type AdoptedStyles } from './shadow';

export const AGREEMENT_ATTR = 'data-aftaletjek-agreement';
export const STATUS_ATTR = 'data-aftaletjek-status';
/** On the element that shows the badge (the name element, or a read-only field's label). */
export const BADGE_ATTR = 'data-aftaletjek-badge';
export const LABEL_ATTR = 'data-aftaletjek-label';
/** On the list entry (row, card, list item) of a recognised name. */
export const ROW_ATTR = 'data-aftaletjek-row';

/** The mark's words per status. */
export const statusLabel = textFor<AgreementStatus>({
  pending: 'content_mark_pending',
  approved: 'content_mark_approved',
  rejected: 'content_mark_rejected',
  ended: 'content_mark_ended',
  unknown: 'content_mark_unknown',
});

/**
 * On paper the badge is drawn in flow from the label attribute (localised, with a symbol), so colour is never
 * the only signal; on screen badges.ts draws it. A name whose badge found no room on screen gets an outline
 * whose line style differs per status. Colours: amber = work left, green = done, red = rejected, grey =
 * ended, blue = unknown; all text/background pairs meet WCAG AA.
 */
const CSS = `
@media print { [${BADGE_ATTR}]::after {
  content: attr(${LABEL_ATTR});
  display: inline-block;
  margin-inline-start: 0.5em;
  padding: 0.1em 0.55em;
  border: 1px solid;
  border-radius: 0.8em;
  font: 600 12px/1.4 system-ui, "Segoe UI", Roboto, Arial, sans-serif;
  letter-spacing: 0;
  text-transform: none;
  text-decoration: none;
  text-indent: 0;
  white-space: nowrap;
  vertical-align: 0.1em;
}
[${BADGE_ATTR}="pending"]::after { background: #fff1cc; color: #5c3900; border-color: #c98a00; }
[${BADGE_ATTR}="approved"]::after { background: #e2f3e7; color: #174f2b; border-color: #3f8f5a; }
[${BADGE_ATTR}="rejected"]::after { background: #fde7e9; color: #8a1722; border-color: #c8424f; }
[${BADGE_ATTR}="ended"]::after { background: #eceff3; color: #38424d; border-color: #8593a3; }
[${BADGE_ATTR}="unknown"]::after { background: #e6eefa; color: #123e70; border-color: #5b86c5; }
}
[${BADGE_ATTR}][${UNPLACED_ATTR}] { outline: 2px dashed #5b86c5; outline-offset: 2px; }
[${BADGE_ATTR}="pending"][${UNPLACED_ATTR}] { outline: 2px dashed #c98a00; }
[${BADGE_ATTR}="approved"][${UNPLACED_ATTR}] { outline: 2px solid #3f8f5a; }
[${BADGE_ATTR}="rejected"][${UNPLACED_ATTR}] { outline: 3px double #c8424f; }
[${BADGE_ATTR}="ended"][${UNPLACED_ATTR}] { outline: 2px dotted #8593a3; }

:is(input, textarea)[${STATUS_ATTR}] { outline: 2px solid #5b86c5; outline-offset: 1px; }
:is(input, textarea)[${STATUS_ATTR}="pending"] { outline-color: #c98a00; }
:is(input, textarea)[${STATUS_ATTR}="approved"] { outline-color: #3f8f5a; }
:is(input, textarea)[${STATUS_ATTR}="rejected"] { outline-color: #c8424f; }
:is(input, textarea)[${STATUS_ATTR}="ended"] { outline-color: #8593a3; }

[${ROW_ATTR}] { box-shadow: inset 4px 0 0 var(--aftaletjek-bar, #5b86c5); }
tr[${ROW_ATTR}] { box-shadow: none; }
tr[${ROW_ATTR}] > :first-child { box-shadow: inset 4px 0 0 var(--aftaletjek-bar, #5b86c5); }
[${ROW_ATTR}="pending"] { --aftaletjek-bar: #c98a00; }
[${ROW_ATTR}="approved"] { --aftaletjek-bar: #3f8f5a; }
[${ROW_ATTR}="rejected"] { --aftaletjek-bar: #c8424f; }
[${ROW_ATTR}="ended"] { --aftaletjek-bar: #8593a3; }
[${ROW_ATTR}="pending"]:not(tr), tr[${ROW_ATTR}="pending"] > * { background-color: #fff8e5 !important; }
`;

interface Applied {
  id: string;
  status: AgreementStatus;
  row: Element | null;
  badge: Element | null;
}

/** Where a mark's badge can show: pseudo-elements do not render on form fields, so their label carries it. */
function badgeHost(el: Element): Element | null {
  if (el.localName === 'input' || el.localName === 'textarea') {
    return (el as HTMLInputElement).labels?.[0] ?? null;
  }
  return el;
}

/** Which status a row shows when it holds several marks: the one with work left wins. */
const ROW_ORDER: readonly AgreementStatus[] = ['pending', 'rejected', 'ended', 'unknown', 'approved'];

export class MarkLayer {
  private readonly applied = new Map<Element, Applied>();
  /** The stylesheet in the document and in every open shadow root that holds a mark (page styles stop at a shadow root). */
  private readonly styles = new Map<Document | ShadowRoot, AdoptedStyles>();

  private readonly badges: BadgeLayer;

  constructor(
    private readonly doc: Document,
    win: Window & typeof globalThis,
  ) {
    this.badges = new BadgeLayer(doc, win);
  }

  /** The stylesheets; called on every pass, since a page may replace its adopted sheets, head or shadow content. */
  ensureStyles(): void {
    const needed = new Set<Document | ShadowRoot>([this.doc]);
    for (const [el, applied] of this.applied) {
      for (const node of [el, applied.row, applied.badge]) {
        const root = node?.getRootNode();
        if (root && root.nodeType === 11) needed.add(root as ShadowRoot);
      }
    }
    for (const [root, styles] of this.styles) {
      if (needed.has(root)) continue;
      styles.remove();
      this.styles.delete(root);
    }
    for (const root of needed) {
      const styles = this.styles.get(root);
      if (styles?.present()) continue;
      styles?.remove();
      this.styles.set(root, adoptStyles(root, CSS));
    }
  }

  /**
   * Applies `updated` marks (unchanged ones are not touched) and clears every applied mark that `isGone`
   * says is no longer recognised.
   */
  sync(updated: Iterable<Mark>, isGone: (el: Element) => boolean): void {
    const touchedRows = new Set<Element>();
    for (const [el, applied] of this.applied) {
      if (!isGone(el)) continue;
      this.clear(el, applied);
      if (applied.row) touchedRows.add(applied.row);
    }
    for (const mark of updated) {
      const before = this.applied.get(mark.element);
      if (before && before.id === mark.id && before.status === mark.status && before.row === mark.row) continue;
      const badge = badgeHost(mark.element);
      if (before) {
        // A changed status is written over the old one; the badge stays in the layer unless its host changed.
        if (before.badge && before.badge !== badge) this.unbadge(before.badge);
        if (before.row) touchedRows.add(before.row);
      }
      writeAttribute(mark.element, AGREEMENT_ATTR, mark.id);
      writeAttribute(mark.element, STATUS_ATTR, mark.status);
      if (badge) {
        const words = statusLabel(mark.status);
        writeAttribute(badge, BADGE_ATTR, mark.status);
        writeAttribute(badge, LABEL_ATTR, words);
        this.badges.show(badge, mark.id, mark.status, words, mark.row);
      }
      this.applied.set(mark.element, { id: mark.id, status: mark.status, row: mark.row, badge });
      if (mark.row) touchedRows.add(mark.row);
    }
    for (const row of touchedRows) this.updateRow(row);
    this.badges.refresh();
  }

  private updateRow(row: Element): void {
    let best: AgreementStatus | null = null;
    for (const applied of this.applied.values()) {
      if (applied.row !== row) continue;
      if (best === null || ROW_ORDER.indexOf(applied.status) < ROW_ORDER.indexOf(best)) best = applied.status;
    }
    if (best === null) row.removeAttribute(ROW_ATTR);
    else writeAttribute(row, ROW_ATTR, best);
  }

  private clear(el: Element, applied: Applied): void {
    this.applied.delete(el);
    el.removeAttribute(AGREEMENT_ATTR);
    el.removeAttribute(STATUS_ATTR);
    if (applied.badge) this.unbadge(applied.badge);
  }

  private unbadge(badge: Element): void {
    this.badges.hide(badge);
    badge.removeAttribute(BADGE_ATTR);
    badge.removeAttribute(LABEL_ATTR);
  }

  /** Removes every mark and the stylesheet (the content script's lifetime ended). */
  dispose(): void {
    const rows = new Set<Element>();
    for (const [el, applied] of this.applied) {
      this.clear(el, applied);
      if (applied.row) rows.add(applied.row);
    }
    for (const row of rows) row.removeAttribute(ROW_ATTR);
    this.badges.dispose();
    for (const styles of this.styles.values()) styles.remove();
    this.styles.clear();
  }
}
