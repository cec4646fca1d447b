/**
 * The label a page shows for a value: field labels, aria-labelledby/aria-label, dt for dd, a table cell's
 * row header, the parameter name in the first cell of a key/value row, the column header, or a short
 * element just before it (a "label" div beside a "value" div). Read-only: nothing here changes the page.
 */
import { ACTION_SELECTOR, CELL_SELECTOR, HEADER_CELL_SELECTOR, MAX_CLIMB, MAX_LABEL_CHARS, TABLE_ROW_SELECTOR, TABLE_SELECTOR } from '../portal';
import { displayText, isField, textOfIds } from './text';
import { composedClosest } from './tree';

export function shortText(el: Element | null | undefined): string | null {
  if (!el) return null;
  if ((el.textContent ?? '').length > MAX_LABEL_CHARS * 2) return null;
  const text = displayText(el, { limit: MAX_LABEL_CHARS * 2 });
  return text !== '' && text.length <= MAX_LABEL_CHARS ? text : null;
}

const HAS_LETTER = /\p{L}/u;

function isCell(el: Element): boolean {
  return el.matches(CELL_SELECTOR);
}

function cellsOf(row: Element): Element[] {
  return [...row.children].filter(isCell);
}

/** The header row of the table a row belongs to: thead's row, or a first row made only of header cells. */
function headerRow(row: Element): Element | null {
  const table = composedClosest(row, TABLE_SELECTOR);
  if (!table) return null;
  const head = table.querySelector(':scope > thead > tr');
  if (head) return head === row ? null : head;
  const first = table.querySelector(TABLE_ROW_SELECTOR);
  if (!first || first === row) return null;
  const cells = cellsOf(first);
  return cells.length > 0 && cells.every((cell) => cell.matches(HEADER_CELL_SELECTOR)) ? first : null;
}

/**
 * Every label a table cell can have, most specific first: the nearest header cell before it in its row
 * (`th scope=row`, rowheader), the parameter's name in the cell right before it (a key/value row under
 * "Parameter | Værdi", where the column header "Værdi" names no parameter), and its column's header.
 */
export function cellLabels(cell: Element, { columnHeaders = true } = {}): string[] {
  const row = cell.parentElement;
  if (!row || !row.matches(TABLE_ROW_SELECTOR)) return [];
  const cells = cellsOf(row);
  const index = cells.indexOf(cell);
  const labels: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const prev = cells[i];
    if (prev?.matches(HEADER_CELL_SELECTOR)) {
      const text = shortText(prev);
      if (text) labels.push(text);
      break;
    }
  }
  const before = index > 0 ? cells[index - 1] : undefined;
  if (before && !before.matches(HEADER_CELL_SELECTOR)) {
    const text = shortText(before);
    if (text && HAS_LETTER.test(text)) labels.push(text);
  }
  if (columnHeaders) {
    const head = headerRow(row);
    const header = head ? cellsOf(head)[index] : undefined;
    const text = shortText(header);
    if (text) labels.push(text);
  }
  return [...new Set(labels)];
}

/** Every label a value element can have, most specific first (several only for table cells). */
export function labelsOf(el: Element, { columnHeaders = true } = {}): string[] {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = textOfIds(el, labelledBy);
    if (text !== '') return [text];
  }
  if (isField(el)) {
    const label = el.labels?.[0] ?? el.closest('label');
    if (label) {
      const text = displayText(label).replace(el.value, '').trim();
      if (text !== '') return [text];
    }
    const aria = el.getAttribute('aria-label');
    if (aria) return [aria];
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
      if (prev.localName === 'dt') {
        const text = shortText(prev);
        return text ? [text] : [];
      }
    }
    return [];
  }
  if (isCell(value)) return cellLabels(value, { columnHeaders });
  const prev = value.previousElementSibling;
  if (prev && !prev.querySelector(ACTION_SELECTOR) && !isField(prev)) {
    const text = shortText(prev);
    return text ? [text] : [];
  }
  return [];
}

/** The most specific label of a value element, or null. */
export function labelOf(el: Element, options: { columnHeaders?: boolean } = {}): string | null {
  return labelsOf(el, options)[0] ?? null;
}
