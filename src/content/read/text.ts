/**
 * The text a person reads in the portal: the flat tree's text (open shadow roots and slots included),
 * read-only field values, and controls' accessible names. Read-only: nothing here changes the page.
 */
import { IGNORED_INPUT_TYPES, NON_TEXT_ELEMENTS, READONLY_FIELD_SELECTOR } from '../portal';
import { composedClosest, composedParent, flatChildren, treeOf } from './tree';

/** Inline elements that format part of a word (search highlights, emphasis): no word gap around them. */
export const FORMATTING = new Set(['b', 'strong', 'em', 'i', 'u', 's', 'mark', 'small', 'sub', 'sup', 'abbr', 'code', 'bdi', 'bdo', 'kbd', 'var', 'samp', 'ins', 'del', 'dfn', 'q']);

export function isField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return el.localName === 'input' || el.localName === 'textarea';
}

/** A read-only field's value is page text; an editable field's value is what the user is typing. */
export function isReadonlyField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  if (!isField(el) || !el.matches(READONLY_FIELD_SELECTOR)) return false;
  return el.localName === 'textarea' || !IGNORED_INPUT_TYPES.has((el as HTMLInputElement).type);
}

/** Marks the end of an element on the reading stack: leaving it is a word gap. */
const LEAVE = null;

export interface TextOptions {
  /** Leave out aria-hidden subtrees (an accessible name does; the text on screen does not). */
  skipAriaHidden?: boolean;
  /** Stop reading once this many characters are read: the caller only needs to know the text is long. */
  limit?: number;
}

/**
 * The text a user reads in an element: text nodes of the flat tree (a shadow host's shadow content, a
 * slot's assigned nodes) and read-only field values, with a space where elements meet (a name split over
 * spans rendered without whitespace) except inside formatting elements (a search highlight inside a code).
 * textContent would run "Aktiv" and "2024" together as "Aktiv2024" and miss shadow content. A loop over an
 * explicit stack, not recursion: a page may nest elements thousands of levels deep.
 */
export function spacedText(root: Node, options: TextOptions = {}): string {
  if (root.nodeType === 1 && isReadonlyField(root as Element)) return (root as HTMLInputElement).value;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const parts: string[] = [];
  let length = 0;
  let gap = false;
  const add = (text: string) => {
    if (text === '') return;
    if (gap && parts.length > 0) parts.push(' ');
    parts.push(text);
    length += text.length;
    gap = false;
  };
  const stack: (Node | typeof LEAVE)[] = [];
  const pushChildren = (node: Node) => {
    const children = flatChildren(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  };
  pushChildren(root);
  while (stack.length > 0 && length <= limit) {
    const node = stack.pop();
    if (node === LEAVE) {
      gap = true;
      continue;
    }
    if (node === undefined) break;
    if (node.nodeType === 3) {
      add((node as Text).data);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (isReadonlyField(el)) {
      gap = true;
      add(el.value);
      gap = true;
      continue;
    }
    if (NON_TEXT_ELEMENTS.has(el.localName.toUpperCase())) continue;
    if (options.skipAriaHidden && el.getAttribute('aria-hidden') === 'true') continue;
    // Entering an element (and leaving it) is a word gap, except for formatting and a slot (which only
    // stands for what it shows).
    if (!FORMATTING.has(el.localName) && el.localName !== 'slot') {
      gap = true;
      stack.push(LEAVE);
    }
    pushChildren(el);
  }
  return parts.join('');
}

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/** Whitespace folded, invisible characters removed, dashes kept as written: for display and messages. */
export function foldDisplay(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** An element's text as the page writes it (dashes kept), with whitespace collapsed: for display and messages. */
export function displayText(el: Element, options: TextOptions = {}): string {
  return foldDisplay(spacedText(el, options));
}

/** The text of the elements an aria-labelledby / aria-describedby attribute names, in its tree. */
export function textOfIds(el: Element, ids: string): string {
  const tree = treeOf(el);
  return ids
    .split(/\s+/u)
    .filter((id) => id !== '')
    .map((id) => tree.getElementById(id))
    .filter((target): target is HTMLElement => target !== null)
    .map((target) => displayText(target))
    .join(' ')
    .trim();
}

/** An icon font's ligature name ("check", "check_circle", "thumb_up"): drawn as a glyph, not read as a word. */
const LIGATURE = /^[a-z][a-z0-9_]*$/u;

/** The text of each leaf element (or text run) in flat-tree order, outside aria-hidden parts. */
function leafTexts(root: Element): string[] {
  const texts: string[] = [];
  const stack: Node[] = [...Array.from(flatChildren(root))].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeType === 3) {
      const text = foldDisplay((node as Text).data);
      if (text !== '') texts.push(text);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (NON_TEXT_ELEMENTS.has(el.localName.toUpperCase()) || el.getAttribute('aria-hidden') === 'true') continue;
    stack.push(...[...Array.from(flatChildren(el))].reverse());
  }
  return texts;
}

/**
 * What a screen reader announces for a control: aria-labelledby, aria-label, an input button's value,
 * else its text without aria-hidden parts, else its title.
 */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = textOfIds(el, labelledBy);
    if (text !== '') return text;
  }
  const aria = el.getAttribute('aria-label')?.trim();
  if (aria) return foldDisplay(aria);
  if (el.localName === 'input') {
    const input = el as HTMLInputElement;
    if (input.type === 'image') return foldDisplay(input.alt ?? '');
    return foldDisplay(input.value ?? '');
  }
  const text = displayText(el, { skipAriaHidden: true });
  return text !== '' ? text : foldDisplay(el.getAttribute('title') ?? '');
}

/**
 * The names a control may be announced by: its accessible name, and the same without an icon font's
 * ligature word at its start or end ("check Godkend" is a check mark glyph and "Godkend"). Only a whole
 * text piece of its own counts as a ligature, and never the only one.
 */
export function controlNames(el: Element): string[] {
  const name = accessibleName(el);
  const names = [name];
  if (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') || el.localName === 'input') return names;
  const pieces = leafTexts(el);
  if (pieces.length < 2) return names;
  const first = pieces[0] ?? '';
  const last = pieces.at(-1) ?? '';
  if (LIGATURE.test(first)) names.push(pieces.slice(1).join(' '));
  if (LIGATURE.test(last)) names.push(pieces.slice(0, -1).join(' '));
  return names;
}

/** Hidden to the user: hidden/aria-hidden ancestors (across shadow roots), display:none, visibility:hidden. */
export function isHidden(el: Element): boolean {
  if (composedClosest(el, '[hidden], [aria-hidden="true"], template')) return true;
  if (typeof el.checkVisibility === 'function') {
    return !el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions);
  }
  const view = el.ownerDocument.defaultView;
  for (let cur: Element | null = el; cur && view; cur = composedParent(cur)) {
    const style = view.getComputedStyle(cur);
    if (style.display === 'none' || style.visibility === 'hidden') return true;
  }
  return false;
}
