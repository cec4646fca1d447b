/**
 * The list entry (row, card, list item) a recognised name belongs to, and the status it shows.
 * Read-only: nothing here changes the page.
 */
import type { AgreementStatus } from '../../core/types';
import { BUILTIN_WORDS, type PortalWords } from '../../portal/words';
import { MAX_CLIMB, MAX_LABEL_CHARS, MAX_ROW_CHARS, MAX_ROW_ELEMENTS, ROW_SELECTOR } from '../portal';
import { displayText, isField, spacedText } from './text';
import { composedClosest, composedContains, composedParent, flatChildren } from './tree';

export interface StatusReading {
  status: AgreementStatus;
  /** The portal's own words for it, e.g. "Afventer godkendelse". */
  text: string;
}

/** A row's flat text, or null when it is longer than one entry can be. */
function rowText(el: Element): string | null {
  if ((el.textContent ?? '').length > MAX_ROW_CHARS) return null;
  const text = spacedText(el, { limit: MAX_ROW_CHARS });
  return text.length > MAX_ROW_CHARS ? null : text;
}

/** The element children an entry shows (its shadow content for a host). */
function shownChildren(el: Element): Element[] {
  return Array.from(flatChildren(el)).filter((node): node is Element => node.nodeType === 1);
}

/**
 * The entry (row, card, list item) an element belongs to: a row element, else the nearest ancestor showing
 * a status word, unless that ancestor holds several entries (two or more children showing a status).
 */
export function findRow(el: Element, words: PortalWords = BUILTIN_WORDS): Element | null {
  const row = composedClosest(el, ROW_SELECTOR);
  if (row) return row;
  const body = el.ownerDocument.body;
  let levels = 0;
  for (let cur = composedParent(el); cur && cur !== body && levels < MAX_CLIMB; cur = composedParent(cur), levels++) {
    const text = rowText(cur);
    if (text === null) return null;
    if (words.findStatus(text) === null) continue;
    const withStatus = shownChildren(cur).filter((child) => words.findStatus(spacedText(child, { limit: MAX_ROW_CHARS })) !== null);
    return withStatus.length <= 1 ? cur : null;
  }
  return null;
}

/** Separators between facts written on one line ("Netcompany A/S · Afventer underskrift · oprettet ..."). */
const FACT_SEPARATOR = /\s[·•|,;]\s|\s[-–]\s/u;

/** The elements inside an entry, shadow content included, or null past the bound. */
function elementsIn(scope: Element): Element[] | null {
  const found: Element[] = [];
  const stack: Element[] = [scope];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    // A host shows its shadow content; light children it slots in are met again as a slot's children.
    for (const child of shownChildren(el)) {
      found.push(child);
      if (found.length > MAX_ROW_ELEMENTS) return null;
      stack.push(child);
    }
  }
  return found;
}

/**
 * The portal's exact words for the status: the smallest element (or read-only field) showing it, or its
 * part of a line. The agreement's name, when it shares the line, is cut out first.
 */
function statusWords(scope: Element, status: AgreementStatus, name: Element | null, words: PortalWords): string {
  // Reading each element's text is quadratic in the nesting depth: bounded for pathological entries.
  const inside = elementsIn(scope);
  if (inside === null) return '';
  const nameText = name ? displayText(name) : '';
  const candidates = [scope, ...inside].reverse();
  for (const el of candidates) {
    if (el === name || ((el.textContent ?? '').length > MAX_LABEL_CHARS * 2 && !isField(el))) continue;
    const full = displayText(el, { limit: MAX_ROW_CHARS });
    const text = name && composedContains(el, name) ? full.replace(nameText, ' | ') : full;
    if (text === '' || words.findStatus(text) !== status) continue;
    const part = (text.split(FACT_SEPARATOR).find((piece) => words.findStatus(piece) === status) ?? text).trim();
    if (part.length <= MAX_LABEL_CHARS) return part;
  }
  return '';
}

/** The status a list entry shows, or null when it shows none; `name` is the entry's recognised name element. */
export function readRowStatus(row: Element, name: Element | null = null, words: PortalWords = BUILTIN_WORDS): StatusReading | null {
  const text = rowText(row);
  if (text === null) return null;
  const status = words.findStatus(text);
  return status === null ? null : { status, text: statusWords(row, status, name, words) };
}
