/**
 * What an agreement's own page shows besides its name: its label/value pairs (where the SE number and the
 * status field are), its approve/reject controls and its message field, in light DOM and open shadow
 * roots. Read-only: nothing here changes the page.
 */
import type { LabelledValue } from '../../core/types';
import { BUILTIN_WORDS, type PortalWords } from '../../portal/words';
import { ACTION_SELECTOR, MAX_LABEL_CHARS, MAX_VALUE_CHARS, NON_TEXT_ELEMENTS, NOT_AN_ACTION_SELECTOR, READONLY_FIELD_SELECTOR } from '../portal';
import { labelOf, labelsOf } from './labels';
import { NO_SLICING, type Slicer } from './names';
import type { StatusReading } from './rows';
import { controlNames, displayText, isField, isHidden, isReadonlyField } from './text';
import { composedParent, deepQueryAll, shadowRootsIn } from './tree';

/** A label/value pair and the element holding the value. */
export interface Field extends LabelledValue {
  element: Element;
}

const FREE_TEXT_MAX = 500;

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
  // Label element + value element siblings, e.g. <div><span>SE-nr.</span><span>2918 9757</span></div>.
  for (const el of deepQueryAll(root, 'label, dt, th, span, div, p, strong, b', shadowRoots)) {
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
export function findActions(root: Element, words: PortalWords = BUILTIN_WORDS, shadowRoots: readonly ShadowRoot[] = shadowRootsIn(root)): { approve: Element[]; reject: Element[] } {
  const approve: Element[] = [];
  const reject: Element[] = [];
  for (const el of deepQueryAll(root, ACTION_SELECTOR, shadowRoots)) {
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
  if (slicer.due()) await slicer.pause();
  const { approve, reject } = findActions(root, words, shadowRoots);
  if (slicer.due()) await slicer.pause();
  return {
    approveActions: approve,
    rejectActions: reject,
    status: statusField ? { status: words.parseStatus(statusField.value), text: statusField.value } : null,
    messageField: findMessageField(root, words, shadowRoots),
    fields,
  };
}
