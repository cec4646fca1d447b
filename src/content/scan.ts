/**
 * Reading the portal's DOM: where the pack's agreement names are, which row each belongs to, the status a
 * row or page shows, and the page's label/value pairs. Read-only: nothing here changes the page.
 */
import type { AgreementMatcher } from '../core/match';
import { findStatus, parseStatus } from '../core/status';
import type { AgreementStatus, LabelledValue } from '../core/types';
import {
  ACTION_SELECTOR,
  IGNORED_INPUT_TYPES,
  MAX_CLIMB,
  MAX_LABEL_CHARS,
  MAX_NAME_ELEMENT_CHARS,
  MAX_ROW_CHARS,
  MAX_ROW_ELEMENTS,
  MAX_VALUE_CHARS,
  NAME_CONTAINER_STOP,
  NAME_HOLDER_SELECTOR,
  NON_TEXT_ELEMENTS,
  PAGE_HEADING_SELECTOR,
  READONLY_FIELD_SELECTOR,
  ROW_SELECTOR,
  isApproveText,
  isMessageLabel,
  isNameLabel,
  isRejectText,
  isStatusLabel,
} from './portal';

/** Where a recognised name sits: a page's own title or "Navn" field, or an entry of a list. */
export type NameKind = 'heading' | 'name-field' | 'list';

export interface NameHit {
  element: Element;
  id: string;
  /** The name as the page writes it (folded whitespace and dashes). */
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

/** Inline elements that format part of a word (search highlights, emphasis): no word gap around them. */
const FORMATTING = new Set(['b', 'strong', 'em', 'i', 'u', 's', 'mark', 'small', 'sub', 'sup', 'abbr', 'code', 'bdi', 'bdo', 'kbd', 'var', 'samp', 'ins', 'del', 'dfn', 'q']);

function isField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return el.localName === 'input' || el.localName === 'textarea';
}

/** A read-only field's value is page text; an editable field's value is what the user is typing. */
export function isReadonlyField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  if (!isField(el) || !el.matches(READONLY_FIELD_SELECTOR)) return false;
  return el.localName === 'textarea' || !IGNORED_INPUT_TYPES.has((el as HTMLInputElement).type);
}

/**
 * The text a user reads in an element: text nodes and read-only field values, with a space where
 * elements meet (a name split over spans rendered without whitespace) except inside formatting elements
 * (a search highlight inside a code). textContent would run "Aktiv" and "2024" together as "Aktiv2024".
 * A loop, not recursion: a page may nest elements thousands of levels deep.
 */
export function spacedText(root: Node): string {
  if (root.nodeType === 1 && isReadonlyField(root as Element)) return (root as HTMLInputElement).value;
  const parts: string[] = [];
  let gap = false;
  const add = (text: string) => {
    if (text === '') return;
    if (gap && parts.length > 0) parts.push(' ');
    parts.push(text);
    gap = false;
  };
  let node: Node | null = root.firstChild;
  while (node !== null) {
    let down: Node | null = null;
    if (node.nodeType === 3) {
      add((node as Text).data);
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (isReadonlyField(el)) {
        gap = true;
        add(el.value);
        gap = true;
      } else if (!NON_TEXT_ELEMENTS.has(el.localName.toUpperCase())) {
        // Entering an element (and leaving it, when it is empty) is a word gap, except for formatting.
        const formatting = FORMATTING.has(el.localName);
        if (!formatting) gap = true;
        down = el.firstChild;
        if (down === null && !formatting) gap = true;
      }
    }
    if (down !== null) {
      node = down;
      continue;
    }
    // On to the next sibling, leaving every element this node was the last child of.
    while (node !== null && node !== root && node.nextSibling === null) {
      node = node.parentNode;
      if (node !== null && node !== root && !FORMATTING.has((node as Element).localName)) gap = true;
    }
    node = node === null || node === root ? null : node.nextSibling;
  }
  return parts.join('');
}

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/** An element's text as the page writes it (dashes kept), with whitespace collapsed: for display and messages. */
export function displayText(el: Element): string {
  return spacedText(el).replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/**
 * Finds every element under `root` whose text names one of the pack's agreements: the smallest such
 * element around each text node that may hold a code, plus read-only fields. A pass over text nodes with a
 * cheap pre-filter keeps huge lists fast; full matching runs only where a code appears.
 */
export async function findNames(root: Element, matcher: AgreementMatcher, slicer: Slicer = NO_SLICING): Promise<NameHit[]> {
  const doc = root.ownerDocument;
  const found = new Map<Element, string>();
  const checked = new Set<Element>();
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let count = 0;
  let climbed = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Checked every 64 text nodes, and after every climb (which reads an element's whole subtree).
    if (((++count & 63) === 0 || climbed) && slicer.due()) {
      await slicer.pause();
      if (!root.isConnected) return [];
      // The page may have removed the node we stood on; start over (already checked elements are skipped).
      if (!node.isConnected) walker.currentNode = root;
    }
    let parent = node.parentElement;
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
  const fields: Element[] = [...root.querySelectorAll(READONLY_FIELD_SELECTOR)];
  if (root.matches(READONLY_FIELD_SELECTOR)) fields.push(root);
  for (const field of fields) {
    // Like an element: a field holding more than a name is not a name field.
    if (!isReadonlyField(field) || field.value.length > MAX_NAME_ELEMENT_CHARS || !matcher.mayContain(field.value)) continue;
    const match = matcher.match(field.value);
    if (match) found.set(field, match.id);
  }
  const hits: NameHit[] = [];
  for (const element of withoutContainers(found.keys())) {
    if (slicer.due()) await slicer.pause();
    hits.push({ element, id: found.get(element) ?? '', name: displayText(element), kind: nameKind(element) });
  }
  return hits;
}

/** The smallest element wins: an element holding another recognised name is a container, not a name. */
export function withoutContainers(elements: Iterable<Element>): Set<Element> {
  const kept = new Set(elements);
  // Every ancestor is visited once: a walk stops where an earlier one passed (its ancestors are done).
  const passed = new Set<Element>();
  for (const el of [...kept]) {
    for (let up = el.parentElement; up && !passed.has(up); up = up.parentElement) {
      passed.add(up);
      kept.delete(up);
    }
  }
  return kept;
}

/** From a text node's element outwards: the first element whose whole text names an agreement. */
function climb(start: Element, matcher: AgreementMatcher, found: Map<Element, string>, checked: Set<Element>): void {
  let levels = 0;
  for (let el: Element | null = start; el && levels < MAX_CLIMB; el = el.parentElement, levels++) {
    if (found.has(el) || checked.has(el) || el.matches(NAME_CONTAINER_STOP)) return;
    checked.add(el);
    // Cheap length bound first: a long element is a container, and its text would be costly to build.
    if ((el.textContent ?? '').length > MAX_NAME_ELEMENT_CHARS) return;
    const match = matcher.match(spacedText(el));
    if (match) {
      if (!nameGoesOnAsAnother(el, matcher)) found.set(el, match.id);
      return;
    }
    if (el.matches(ROW_SELECTOR)) return;
  }
}

/** True when `el` sits inside a name holder whose whole text is no task agreement (another system or municipality). */
function nameGoesOnAsAnother(el: Element, matcher: AgreementMatcher): boolean {
  if (el.matches(NAME_HOLDER_SELECTOR)) return false;
  const holder = el.parentElement?.closest(NAME_HOLDER_SELECTOR);
  if (!holder || (holder.textContent ?? '').length > MAX_NAME_ELEMENT_CHARS) return false;
  return matcher.match(spacedText(holder)) === null;
}

const LIST_ENTRY_SELECTOR = 'tr, li, [role="row"], [role="listitem"]';

function nameKind(el: Element): NameKind {
  const heading = el.closest(PAGE_HEADING_SELECTOR);
  if (heading && !heading.closest(LIST_ENTRY_SELECTOR)) return 'heading';
  // A "Navn" column header labels every row of a list; only a field's own label makes a page's name field.
  const label = labelOf(el, { columnHeaders: false });
  return label !== null && isNameLabel(label) ? 'name-field' : 'list';
}

function textOfIds(doc: Document, ids: string): string {
  return ids
    .split(/\s+/u)
    .map((id) => doc.getElementById(id))
    .filter((el): el is HTMLElement => el !== null)
    .map(displayText)
    .join(' ');
}

function shortText(el: Element | null | undefined): string | null {
  if (!el) return null;
  if ((el.textContent ?? '').length > MAX_LABEL_CHARS * 2) return null;
  const text = displayText(el);
  return text !== '' && text.length <= MAX_LABEL_CHARS ? text : null;
}

/** The header cell of a table cell: a th before it in its row, else (if asked) the column's header in thead. */
function headerOfCell(cell: Element, columnHeaders: boolean): string | null {
  const row = cell.parentElement;
  if (!row) return null;
  for (let prev = cell.previousElementSibling; prev; prev = prev.previousElementSibling) {
    if (prev.localName === 'th') return shortText(prev);
  }
  if (!columnHeaders) return null;
  const headRow = row.closest('table')?.querySelector(':scope > thead > tr');
  if (!headRow || headRow === row) return null;
  const header = headRow.children[[...row.children].indexOf(cell)];
  return header ? shortText(header) : null;
}

/**
 * The label a page shows for a value element: field labels, aria-labelledby/aria-label, dt for dd,
 * th for td, or a short element just before it (a "label" div beside a "value" div).
 */
export function labelOf(el: Element, { columnHeaders = true } = {}): string | null {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = textOfIds(doc, labelledBy);
    if (text !== '') return text;
  }
  if (isField(el)) {
    const label = el.labels?.[0] ?? el.closest('label');
    if (label) {
      const text = displayText(label).replace(el.value, '').trim();
      if (text !== '') return text;
    }
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
  }
  // A value element may be wrapped (dd > span > a); its label sits beside the outermost wrapper.
  let value: Element = el;
  const ownText = (el.textContent ?? '').trim();
  for (let levels = 0; levels < MAX_CLIMB; levels++) {
    const parent = value.parentElement;
    if (value.previousElementSibling || !parent || (parent.textContent ?? '').trim() !== ownText) break;
    value = parent;
  }
  if (value.localName === 'dd') {
    for (let prev = value.previousElementSibling; prev; prev = prev.previousElementSibling) {
      if (prev.localName === 'dt') return shortText(prev);
    }
    return null;
  }
  if (value.localName === 'td' || value.getAttribute('role') === 'cell' || value.getAttribute('role') === 'gridcell') {
    return value.localName === 'td' ? headerOfCell(value, columnHeaders) : shortText(value.previousElementSibling);
  }
  const prev = value.previousElementSibling;
  if (prev && !prev.querySelector(ACTION_SELECTOR) && !isField(prev)) return shortText(prev);
  return null;
}

/**
 * The entry (row, card, list item) an element belongs to: a row element, else the nearest ancestor showing
 * a status word, unless that ancestor holds several entries (two or more children showing a status).
 */
export function findRow(el: Element): Element | null {
  const row = el.closest(ROW_SELECTOR);
  if (row) return row;
  const body = el.ownerDocument.body;
  let levels = 0;
  for (let cur = el.parentElement; cur && cur !== body && levels < MAX_CLIMB; cur = cur.parentElement, levels++) {
    if ((cur.textContent ?? '').length > MAX_ROW_CHARS) return null;
    if (findStatus(spacedText(cur)) === null) continue;
    const withStatus = [...cur.children].filter((child) => findStatus(spacedText(child)) !== null);
    return withStatus.length <= 1 ? cur : null;
  }
  return null;
}

export interface StatusReading {
  status: AgreementStatus;
  /** The portal's own words for it, e.g. "Afventer godkendelse". */
  text: string;
}

/** Separators between facts written on one line ("Netcompany A/S · Afventer underskrift · oprettet ..."). */
const FACT_SEPARATOR = /\s[·•|,;]\s|\s[-–]\s/u;

/**
 * The portal's exact words for the status: the smallest element (or read-only field) showing it, or its
 * part of a line. The agreement's name, when it shares the line, is cut out first.
 */
function statusWords(scope: Element, status: AgreementStatus, name: Element | null): string {
  const inside = scope.querySelectorAll('*');
  // Reading each element's text is quadratic in the nesting depth: bounded for pathological entries.
  if (inside.length > MAX_ROW_ELEMENTS) return '';
  const nameText = name ? displayText(name) : '';
  const candidates = [scope, ...inside].reverse();
  for (const el of candidates) {
    if (el === name || ((el.textContent ?? '').length > MAX_LABEL_CHARS * 2 && !isField(el))) continue;
    const full = displayText(el);
    const text = name && el.contains(name) ? full.replace(nameText, ' | ') : full;
    if (text === '' || findStatus(text) !== status) continue;
    const part = (text.split(FACT_SEPARATOR).find((piece) => findStatus(piece) === status) ?? text).trim();
    if (part.length <= MAX_LABEL_CHARS) return part;
  }
  return '';
}

/** The status a list entry shows, or null when it shows none; `name` is the entry's recognised name element. */
export function readRowStatus(row: Element, name: Element | null = null): StatusReading | null {
  if ((row.textContent ?? '').length > MAX_ROW_CHARS) return null;
  const status = findStatus(spacedText(row));
  return status === null ? null : { status, text: statusWords(row, status, name) };
}

/** Hidden to the user: hidden/aria-hidden ancestors, display:none, visibility:hidden. */
export function isHidden(el: Element): boolean {
  if (el.closest('[hidden], [aria-hidden="true"], template')) return true;
  if (typeof el.checkVisibility === 'function') {
    return !el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions);
  }
  const view = el.ownerDocument.defaultView;
  for (let cur: Element | null = el; cur && view; cur = cur.parentElement) {
    const style = view.getComputedStyle(cur);
    if (style.display === 'none' || style.visibility === 'hidden') return true;
  }
  return false;
}

/** A label/value pair and the element holding the value. */
export interface Field extends LabelledValue {
  element: Element;
}

const FREE_TEXT_MAX = 500;

/**
 * Every visible label/value pair under `root` (dt/dd, th/td, label + read-only field, aria-labelledby,
 * label element + value element) and, with label '', the visible text of each element that holds text
 * directly ("SE-nr.: 12345678; Abonnementskode: ..." inline). Hidden elements are left out.
 */
export async function collectFields(root: Element, slicer: Slicer = NO_SLICING): Promise<Field[]> {
  const doc = root.ownerDocument;
  let count = 0;
  /** A turn for the page every so often: on a large page this is the longest part of a scan. */
  const breathe = () => (++count & 31) === 0 && slicer.due();
  const fields: Field[] = [];
  const hiddenCache = new Map<Element, boolean>();
  const hidden = (el: Element) => {
    let value = hiddenCache.get(el);
    if (value === undefined) hiddenCache.set(el, (value = isHidden(el)));
    return value;
  };
  const add = (label: string, element: Element, value: string) => {
    if (value.trim() === '' || hidden(element)) return;
    fields.push({ label, value, element });
    // A value with more words after the number ("29189757 (eIndkomst)") is still found inline under its label.
    if (label !== '') fields.push({ label: '', value: `${label}: ${value}`, element });
  };
  /** A value element's text, or null when it is too long to be one value (cheap length check first). */
  const valueText = (el: Element) => {
    if ((el.textContent ?? '').length > MAX_VALUE_CHARS) return null;
    const text = displayText(el);
    return text.length > MAX_VALUE_CHARS ? null : text;
  };

  for (const el of root.querySelectorAll('dd, td, [role="cell"], [role="gridcell"], [aria-labelledby]')) {
    if (breathe()) await slicer.pause();
    const label = labelOf(el);
    const value = label === null ? null : valueText(el);
    if (label !== null && value !== null) add(label, el, value);
  }
  for (const el of root.querySelectorAll(READONLY_FIELD_SELECTOR)) {
    if (breathe()) await slicer.pause();
    if (!isReadonlyField(el) || el.value.length > MAX_VALUE_CHARS) continue;
    add(labelOf(el) ?? '', el, el.value);
  }
  // Label element + value element siblings, e.g. <div><span>SE-nr.</span><span>2918 9757</span></div>.
  for (const el of root.querySelectorAll('label, dt, th, span, div, p, strong, b')) {
    if (breathe()) await slicer.pause();
    const value = el.nextElementSibling;
    if (!value || value.localName === 'dd' || value.localName === 'td' || isField(value)) continue;
    if (el.childElementCount > 0 || (el.textContent ?? '').length > MAX_LABEL_CHARS) continue;
    const label = displayText(el);
    if (label === '' || hidden(el)) continue;
    const text = valueText(value);
    if (text !== null) add(label, value, text);
  }
  // Free text, once per element that holds text directly.
  const parents = new Set<Element>();
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (breathe()) {
      await slicer.pause();
      // As in findNames: start over where the page removed the node we stood on (parents are not read twice).
      if (!node.isConnected) walker.currentNode = root;
    }
    const parent = node.parentElement;
    if (!parent || parents.has(parent) || (node as Text).data.trim() === '') continue;
    if (NON_TEXT_ELEMENTS.has(parent.localName.toUpperCase())) continue;
    parents.add(parent);
    if ((parent.textContent ?? '').length <= FREE_TEXT_MAX) add('', parent, displayText(parent));
  }
  return fields;
}

/** What an agreement's own page offers besides its name: its actions, status field and message field. */
export interface PageFacts {
  approveActions: Element[];
  rejectActions: Element[];
  status: StatusReading | null;
  messageField: HTMLElement | null;
  fields: Field[];
}

function actionText(el: Element): string {
  if (el.localName === 'input') return (el as HTMLInputElement).value;
  return displayText(el) || el.getAttribute('aria-label') || '';
}

/** The page's approve/reject actions (visible ones). */
export function findActions(root: Element): { approve: Element[]; reject: Element[] } {
  const approve: Element[] = [];
  const reject: Element[] = [];
  for (const el of root.querySelectorAll(ACTION_SELECTOR)) {
    if ((el.textContent ?? '').length > MAX_LABEL_CHARS) continue;
    const text = actionText(el);
    if (isApproveText(text) && !isHidden(el)) approve.push(el);
    else if (isRejectText(text) && !isHidden(el)) reject.push(el);
  }
  return { approve, reject };
}

/** The text field where the user writes to the supplier: labelled as a message, else the page's only editable textarea. */
function findMessageField(root: Element): HTMLElement | null {
  const editable = [...root.querySelectorAll<HTMLElement>('textarea, [contenteditable="true"], input[type="text"]')].filter(
    (el) => !isReadonlyField(el) && !isHidden(el),
  );
  const labelled = editable.find((el) => {
    const label = labelOf(el);
    return label !== null && isMessageLabel(label);
  });
  if (labelled) return labelled;
  const textareas = editable.filter((el) => el.localName === 'textarea');
  return textareas.length === 1 ? (textareas[0] ?? null) : null;
}

export async function readPageFacts(root: Element, slicer: Slicer = NO_SLICING): Promise<PageFacts> {
  const fields = await collectFields(root, slicer);
  const statusField = fields.find((f) => f.label !== '' && isStatusLabel(f.label));
  if (slicer.due()) await slicer.pause();
  const { approve, reject } = findActions(root);
  if (slicer.due()) await slicer.pause();
  return {
    approveActions: approve,
    rejectActions: reject,
    status: statusField ? { status: parseStatus(statusField.value), text: statusField.value } : null,
    messageField: findMessageField(root),
    fields,
  };
}
