/**
 * Everything the content script assumes about the admin portal's pages, in one place: the words it reads
 * and the element kinds it looks at. The portal's markup is undocumented and changes without notice, so
 * nothing here names a CSS class or id of the portal; a redesign should be a change to this file only.
 *
 * Pages this runs on: every page of https://admin.serviceplatformen.dk/ and its test twin (manifest).
 * - agreement lists (table rows, cards, list items, search results): names are marked with their status;
 * - an agreement's own page (heading or "Navn" field names one agreement, with Godkend/Afvis buttons or a
 *   status field): status from the status field; the SE check and the guards for SE agreements.
 */
import { WORD_END, normalizeText } from '../core/normalize';

/** Elements that make one entry of a list: its status is read from the entry's own text. */
export const ROW_SELECTOR = 'tr, li, [role="row"], [role="listitem"], article, [role="article"]';

/** Sections, lists and tables hold names but never are one: the search for a name's element stops below them. */
export const NAME_CONTAINER_STOP =
  'body, main, section, nav, header, footer, aside, form, dialog, table, thead, tbody, ul, ol, dl, [role="main"], [role="region"], [role="list"], [role="grid"], [role="table"]';

/**
 * Elements that hold one whole agreement name: a link, heading or cell. A name recognised in a smaller
 * element inside one of these must still hold when read with the rest of it: "<a><span>SF1320 – CPR
 * Hændelser</span> - <span>Momentum PROD</span></a>" names another IT system.
 */
export const NAME_HOLDER_SELECTOR =
  'a, h1, h2, h3, h4, h5, h6, td, th, dd, dt, label, button, [role="link"], [role="heading"], [role="cell"], [role="gridcell"]';

/** Headings that title a page (a card's own heading is h3 or lower, or sits inside a row). */
export const PAGE_HEADING_SELECTOR =
  'h1, h2, [role="heading"][aria-level="1"], [role="heading"][aria-level="2"]';

/** Read-only form fields whose value counts as page text (an editable field holds what the user typed). */
export const READONLY_FIELD_SELECTOR =
  'input[readonly], input[disabled], textarea[readonly], textarea[disabled], input[aria-readonly="true"], textarea[aria-readonly="true"]';

/** Elements a user activates: the portal's approve and reject actions are among these. */
export const ACTION_SELECTOR =
  'button, [role="button"], input[type="submit"], input[type="button"], a[href], [role="link"]';

/** Form fields whose value is never page text. */
export const IGNORED_INPUT_TYPES = new Set(['hidden', 'password', 'checkbox', 'radio', 'file', 'submit', 'button', 'reset', 'image']);

/** Elements whose text is not shown as text (or is a field's default, read through .value instead). */
export const NON_TEXT_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'SVG']);

/** A name fits in this many characters; longer elements are containers, not the name itself. */
export const MAX_NAME_ELEMENT_CHARS = 400;

/** A row's text longer than this is a container of many rows, not one entry. */
export const MAX_ROW_CHARS = 3000;

/** A list entry is a few dozen elements; in a larger one the portal's own status words are not looked for. */
export const MAX_ROW_ELEMENTS = 200;

/** A label is short; longer text before a value is prose, not a label. */
export const MAX_LABEL_CHARS = 60;

/** A labelled value (an SE parameter, a status field) is short; a longer one is prose and is not read. */
export const MAX_VALUE_CHARS = 2000;

/**
 * How far up the page's tree the script looks from one element: for the whole of a name split over nested
 * elements, for the wrappers around a value, for a list entry's status. Real markup needs a handful of
 * levels; the bound keeps a pathologically deep page (thousands of levels) from costing depth² work.
 */
export const MAX_CLIMB = 32;

/** Field labels, normalised, without a trailing colon. */
const NAME_LABELS = ['navn', 'aftalenavn', 'serviceaftale', 'aftale', 'serviceaftalens navn', 'name', 'agreement'];
const STATUS_LABELS = ['status', 'aftalestatus', 'tilstand', 'state'];
const MESSAGE_LABELS = ['besked', 'beskeder', 'beskedfelt', 'ny besked', 'skriv besked', 'spørgsmål', 'kommentar', 'bemærkning', 'message'];

function labelKey(label: string): string {
  return normalizeText(label).replace(/[\s:*]+$/u, '');
}

export function isNameLabel(label: string): boolean {
  return NAME_LABELS.includes(labelKey(label));
}

export function isStatusLabel(label: string): boolean {
  return STATUS_LABELS.includes(labelKey(label));
}

export function isMessageLabel(label: string): boolean {
  const key = labelKey(label);
  return MESSAGE_LABELS.some((word) => key === word || key.startsWith(word + ' '));
}

/** "Godkend", "Godkend aftale"; not "Godkendt" (a status) or "Godkendelser" (a tab). */
const APPROVE = new RegExp(`^godkend${WORD_END}`, 'u');
/** "Afvis", "Afvis aftale"; not "Afvist". */
const REJECT = new RegExp(`^afvis${WORD_END}`, 'u');

export function isApproveText(text: string): boolean {
  return APPROVE.test(normalizeText(text));
}

export function isRejectText(text: string): boolean {
  return REJECT.test(normalizeText(text));
}
