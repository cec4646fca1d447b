/**
 * What an agreement's own page shows besides its name: its label/value pairs (where the SE number and the status
 * field are), its approve/reject controls and its message field, in light DOM and open shadow roots. Read-only.
 */
import type { LabelledValue } from '../../core/types';
import { BUILTIN_WORDS, type PortalWords } from '../../portal/words';
import { ACTION_SELECTOR, MAX_LABEL_CHARS, MAX_VALUE_CHARS, NON_TEXT_ELEMENTS, NOT_AN_ACTION_SELECTOR, READONLY_FIELD_SELECTOR } from '../portal';
import { labelOf, labelsOf } from './labels';
import { NO_SLICING, stepper, type Slicer } from './names';
import type { StatusReading } from './rows';
import { accessibleName, controlNames, displayText, isField, isHidden, isReadonlyField } from './text';
import { composedClosest, composedParent, deepQueryAll, shadowRootsIn, treeOf } from './tree';

/** A label/value pair and the element holding the value. */
export interface Field extends LabelledValue {
  element: Element;
}

const FREE_TEXT_MAX = 500;

/**
 * A label element's text: short, without aria-hidden parts (an icon beside the label), holding no field or
 * control; null for anything else.
 */
function labelText(el: Element): string | null {
  if ((el.textContent ?? '').length > MAX_LABEL_CHARS) return null;
  if (el.childElementCount > 0 && el.querySelector(`${ACTION_SELECTOR}, input, textarea, select`)) return null;
  const text = displayText(el, { skipAriaHidden: true });
  return text !== '' && text.length <= MAX_LABEL_CHARS ? text : null;
}

/**
 * Whether `value` is laid out where a reader looks for a label's value: on the label's line to its right, or
 * below it in the same column. Without layout (no boxes, as in unit tests) the DOM order is all there is.
 */
function shownBesideOrBelow(label: Element, value: Element): boolean {
  const a = label.getBoundingClientRect();
  const b = value.getBoundingClientRect();
  if ((a.width === 0 && a.height === 0) || (b.width === 0 && b.height === 0)) return true;
  const sameLine = b.top < a.bottom && a.top < b.bottom && b.left >= a.left;
  const below = b.top >= a.top + a.height / 2 && b.left < a.right && a.left < b.right;
  return sameLine || below;
}

/** In a grid of labels above values: the element laid out right below `label`, in its column; null when none. */
function valueBelow(label: Element): Element | null {
  const a = label.getBoundingClientRect();
  let best: { el: Element; top: number } | null = null;
  for (let next = label.nextElementSibling; next; next = next.nextElementSibling) {
    const b = next.getBoundingClientRect();
    if (b.top < a.top + a.height / 2 || b.left >= a.right || a.left >= b.right) continue;
    if (best === null || b.top < best.top) best = { el: next, top: b.top };
  }
  return best?.el ?? null;
}

export interface ReadOptions {
  slicer?: Slicer;
  words?: PortalWords;
  /** The open shadow roots under the root, when the caller has them already. */
  shadowRoots?: readonly ShadowRoot[];
}

/**
 * Every visible label/value pair under `root` and its open shadow roots (dt/dd, table cells with their row
 * header, key cell and column header, label + read-only field, aria-labelledby, label element + value
 * element) and, with label '', the visible text of each element that holds text directly ("SE-nr.:
 * 12345678; Abonnementskode: ..." inline). Hidden elements are left out. A value one of whose labels is a
 * CVR label is given that label alone: a CVR-labelled value is never the SE number.
 */
export async function collectFields(root: Element, options: ReadOptions = {}): Promise<Field[]> {
  const slicer = options.slicer ?? NO_SLICING;
  const words = options.words ?? BUILTIN_WORDS;
  const shadowRoots = options.shadowRoots ?? shadowRootsIn(root);
  const doc = root.ownerDocument;
  /** A turn for the page every so often: on a large page this is the longest part of a scan. */
  const breathe = stepper(slicer, 32);
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
    const text = displayText(el, { limit: MAX_VALUE_CHARS });
    return text.length > MAX_VALUE_CHARS ? null : text;
  };
  const trees: (Element | ShadowRoot)[] = [root, ...shadowRoots];

  for (const el of deepQueryAll(root, 'dd, td, [role="cell"], [role="gridcell"], [aria-labelledby]', shadowRoots)) {
    if (breathe()) await slicer.pause();
    const labels = labelsOf(el);
    if (labels.length === 0) continue;
    const value = valueText(el);
    if (value === null) continue;
    const cvr = labels.find((label) => words.classifyLabel(label) === 'cvr');
    for (const label of cvr !== undefined ? [cvr] : labels) add(label, el, value);
  }
  for (const el of deepQueryAll(root, READONLY_FIELD_SELECTOR, shadowRoots)) {
    if (breathe()) await slicer.pause();
    if (!isReadonlyField(el) || el.value.length > MAX_VALUE_CHARS) continue;
    add(labelOf(el) ?? '', el, el.value);
  }
  // Label element + value element siblings, e.g. <div><span>SE-nr.</span><span>2918 9757</span></div>. An SE
  // label is paired only with a value shown beside or below it: in a grid whose first row holds the labels and
  // the next row the values, the next sibling is the neighbouring column's value, not this label's.
  for (const el of deepQueryAll(root, 'label, legend, dt, th, span, div, p, strong, b', shadowRoots)) {
    if (breathe()) await slicer.pause();
    const value = el.nextElementSibling;
    if (!value || value.localName === 'dd' || value.localName === 'td' || isField(value)) continue;
    const label = labelText(el);
    if (label === null || hidden(el)) continue;
    const shown = words.classifyLabel(label) === 'se' && !shownBesideOrBelow(el, value) ? valueBelow(el) : value;
    const text = shown === null ? null : valueText(shown);
    if (shown !== null && text !== null) add(label, shown, text);
  }
  // A label naming its value element by id (<label for="o">SE-nummer</label> … <output id="o">).
  for (const el of deepQueryAll<HTMLLabelElement>(root, 'label[for]', shadowRoots)) {
    if (breathe()) await slicer.pause();
    const target = treeOf(el).getElementById(el.htmlFor);
    if (!target || isField(target) || target === el.nextElementSibling) continue;
    const label = labelText(el);
    const text = label === null ? null : valueText(target);
    if (label !== null && text !== null) add(label, target, text);
  }
  // Free text, once per element that holds text directly.
  const parents = new Set<Element>();
  for (const tree of trees) {
    const walker = doc.createTreeWalker(tree, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (breathe()) {
        await slicer.pause();
        // As in findNames: start over where the page removed the node we stood on (parents are not read twice).
        if (!node.isConnected) walker.currentNode = tree;
      }
      const parent = composedParent(node);
      if (!parent || parents.has(parent) || (node as Text).data.trim() === '') continue;
      if (NON_TEXT_ELEMENTS.has(parent.localName.toUpperCase())) continue;
      parents.add(parent);
      if ((parent.textContent ?? '').length <= FREE_TEXT_MAX) add('', parent, displayText(parent, { limit: FREE_TEXT_MAX }));
    }
  }
  return fields;
}

/** The page's approve/reject controls (visible ones), recognised by their accessible names. */
export async function findActions(root: Element, options: ReadOptions = {}): Promise<{ approve: Element[]; reject: Element[] }> {
  const slicer = options.slicer ?? NO_SLICING;
  const words = options.words ?? BUILTIN_WORDS;
  const approve: Element[] = [];
  const reject: Element[] = [];
  const due = stepper(slicer, 32);
  // Thousands of links (a related-agreements table) each have their name read: yield as collectFields does.
  for (const el of deepQueryAll(root, ACTION_SELECTOR, options.shadowRoots ?? shadowRootsIn(root))) {
    if (due()) await slicer.pause();
    const kind = actionKind(el, words);
    if (kind === 'approve' && !isHidden(el)) approve.push(el);
    else if (kind === 'reject' && !isHidden(el)) reject.push(el);
  }
  return { approve, reject };
}

/**
 * An element a user activates: a button, link or input button, or a component library's button element
 * (md-filled-button, sl-button, ion-button…), which may keep its inner button in a closed shadow root.
 */
export function isActionElement(el: Element): boolean {
  return el.matches(ACTION_SELECTOR) || (el.localName.includes('-') && el.localName.includes('button'));
}

/** Whether a control approves or rejects, by what a screen reader announces for it; null for anything else. */
export function actionKind(el: Element, words: PortalWords = BUILTIN_WORDS): 'approve' | 'reject' | null {
  if (!isActionElement(el) || el.matches(NOT_AN_ACTION_SELECTOR)) return null;
  if ((el.textContent ?? '').length > MAX_LABEL_CHARS) return null;
  const names = controlNames(el);
  if (names.some((name) => words.isApproveText(name))) return 'approve';
  if (names.some((name) => words.isRejectText(name))) return 'reject';
  return chosenDecision(el, words);
}

/** A decision form or dialog: the choice is a radio button, the control a "Bekræft" / "Gem" / "Send". */
const DECISION_SCOPE = 'form, dialog, [role="dialog"], [role="alertdialog"], fieldset, [role="radiogroup"]';

/**
 * The decision a confirming control submits: in the form or dialog it sits in, the checked radio whose name
 * is Godkend (or Afvis). Null when there is none: the control decides nothing.
 */
function chosenDecision(el: Element, words: PortalWords): 'approve' | 'reject' | null {
  const scope = composedClosest(el, DECISION_SCOPE);
  if (!scope) return null;
  for (const radio of scope.querySelectorAll('input[type="radio"], [role="radio"]')) {
    const checked = radio.localName === 'input' ? (radio as HTMLInputElement).checked : radio.getAttribute('aria-checked') === 'true';
    if (!checked) continue;
    const label = radio.localName === 'input' ? ((radio as HTMLInputElement).labels?.[0] ?? null) : null;
    const name = label ? displayText(label) : accessibleName(radio);
    if (words.isApproveText(name)) return 'approve';
    if (words.isRejectText(name)) return 'reject';
  }
  return null;
}

/** The text field where the user writes to the supplier: labelled as a message, else the page's only editable textarea. */
function findMessageField(root: Element, words: PortalWords, shadowRoots: readonly ShadowRoot[]): HTMLElement | null {
  const editable = deepQueryAll<HTMLElement>(root, 'textarea, [contenteditable="true"], input[type="text"]', shadowRoots).filter(
    (el) => !isReadonlyField(el) && !isHidden(el),
  );
  const labelled = editable.find((el) => {
    const label = labelOf(el);
    return label !== null && words.isMessageLabel(label);
  });
  if (labelled) return labelled;
  const textareas = editable.filter((el) => el.localName === 'textarea');
  return textareas.length === 1 ? (textareas[0] ?? null) : null;
}

/** What an agreement's own page offers besides its name: its actions, status field and message field. */
export interface PageFacts {
  approveActions: Element[];
  rejectActions: Element[];
  status: StatusReading | null;
  messageField: HTMLElement | null;
  fields: Field[];
}

export async function readPageFacts(root: Element, options: ReadOptions = {}): Promise<PageFacts> {
  const slicer = options.slicer ?? NO_SLICING;
  const words = options.words ?? BUILTIN_WORDS;
  const shadowRoots = options.shadowRoots ?? shadowRootsIn(root);
  const fields = await collectFields(root, { slicer, words, shadowRoots });
  const statusField = fields.find((f) => f.label !== '' && words.isStatusLabel(f.label));
  const { approve: approveActions, reject: rejectActions } = await findActions(root, { slicer, words, shadowRoots });
  if (slicer.due()) await slicer.pause();
  return {
    approveActions,
    rejectActions,
    status: statusField ? { status: words.parseStatus(statusField.value), text: statusField.value } : null,
    messageField: findMessageField(root, words, shadowRoots),
    fields,
  };
}
