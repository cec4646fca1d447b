/**
 * Everything the content script assumes about the admin portal's markup, in one place: the element kinds
 * it looks at and the bounds of its reading. The portal's words (status, label and action words, SE and CVR
 * labels) are data in the portal profile (src/portal/profile.json, replaceable by policy). The portal's
 * markup is undocumented and changes without notice, so nothing here names a CSS class or id of the portal;
 * a redesign should be a change to this file or the profile only.
 *
 * Pages this runs on: every page of https://admin.serviceplatformen.dk/ and its test twin (manifest).
 * - agreement lists (table rows, cards, list items, search results): names are marked with their status;
 * - an agreement's own page (heading or "Navn" field names one agreement, with Godkend/Afvis buttons or a
 *   status field): status from the status field; the SE check and the guards for SE agreements.
 */
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
export const PAGE_HEADING_SELECTOR = 'h1, h2, [role="heading"][aria-level="1"], [role="heading"][aria-level="2"]';

/** Read-only form fields whose value counts as page text (an editable field holds what the user typed). */
export const READONLY_FIELD_SELECTOR =
  'input[readonly], input[disabled], textarea[readonly], textarea[disabled], input[aria-readonly="true"], textarea[aria-readonly="true"]';

/** Elements a user activates: the portal's approve and reject actions are among these. */
export const ACTION_SELECTOR = 'button, [role="button"], input[type="submit"], input[type="button"], a[href], [role="link"], [role="menuitem"]';

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

/** List entries proper: a heading inside one is a card's title, not the page's. */
export const LIST_ENTRY_SELECTOR = 'tr, li, [role="row"], [role="listitem"]';

/** Table cells, HTML and ARIA: a value's label may be its row's first cell or its column's header. */
export const CELL_SELECTOR = 'td, th, [role="cell"], [role="gridcell"], [role="rowheader"], [role="columnheader"]';
export const HEADER_CELL_SELECTOR = 'th, [role="rowheader"], [role="columnheader"]';
export const TABLE_ROW_SELECTOR = 'tr, [role="row"]';
export const TABLE_SELECTOR = 'table, [role="table"], [role="grid"], [role="treegrid"]';

/** Controls that only switch what is shown (a wizard's "Godkend" tab): never an approve or reject action. */
export const NOT_AN_ACTION_SELECTOR = '[role="tab"], [role="tablist"] *, [aria-haspopup="menu"], [aria-haspopup="true"], [aria-haspopup="listbox"]';

/** Text cut short on screen: an ellipsis at its end ("…" or "..."). */
export const TRUNCATION = /(?:\u2026|\.{3})\s*$/u;
