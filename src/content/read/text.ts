/**
 * The text a person reads in the portal: the flat tree's text (open shadow roots and slots included),
 * read-only field values, and controls' accessible names. Read-only: nothing here changes the page.
 */
import { INVISIBLE_CHARS } from '../../core/normalize';
import { IGNORED_INPUT_TYPES, NON_TEXT_ELEMENTS, READONLY_FIELD_SELECTOR } from '../portal';
import { composedClosest, composedParent, flatChildren, openShadowRoot, treeOf } from './tree';

/** Inline elements that format part of a word (search highlights, emphasis): no word gap around them. */
export const FORMATTING = new Set([
  'b',
  'strong',
  'em',
  'i',
  'u',
  's',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'code',
  'bdi',
  'bdo',
  'kbd',
  'var',
  'samp',
  'ins',
  'del',
  'dfn',
  'q',
]);

export function isField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return el.localName === 'input' || el.localName === 'textarea';
}

/** A read-only field's value is page text; an editable field's value is what the user is typing. */
export function isReadonlyField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  if (!isField(el) || !el.matches(READONLY_FIELD_SELECTOR)) return false;
  return el.localName === 'textarea' || !IGNORED_INPUT_TYPES.has((el as HTMLInputElement).type);
}

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
 * textContent would run "Aktiv" and "2024" together as "Aktiv2024" and miss shadow content. Within one
 * tree a loop over siblings, not recursion: a page may nest elements thousands of levels deep; a shadow
 * root or a slot's assigned nodes are read by a nested call (they nest only as deep as components do).
 */
export function spacedText(root: Node, options: TextOptions = {}): string {
  if (root.nodeType === 1 && isReadonlyField(root as Element)) return (root as HTMLInputElement).value;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const skipAriaHidden = options.skipAriaHidden === true;
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
  /** Whether an element is entered silently: formatting, and a slot (it only stands for what it shows). */
  const noGap = (el: Element) => FORMATTING.has(el.localName) || el.localName === 'slot';

  /** Reads the flat-tree children of `top` (not `top` itself). */
  const readChildren = (top: Node): void => {
    const shadow = top.nodeType === 1 ? openShadowRoot(top as Element) : null;
    if (shadow) return readChildren(shadow);
    if (top.nodeType === 1 && (top as Element).localName === 'slot' && typeof (top as HTMLSlotElement).assignedNodes === 'function') {
      const assigned = (top as HTMLSlotElement).assignedNodes({ flatten: true });
      if (assigned.length > 0) {
        for (const node of assigned) readNode(node);
        return;
      }
    }
    let node: Node | null = top.firstChild;
    while (node !== null && length <= limit) {
      let down: Node | null = null;
      if (node.nodeType === 3) {
        add((node as Text).data);
      } else if (node.nodeType === 1) {
        const el = node as Element;
        if (isReadonlyField(el)) {
          gap = true;
          add(el.value);
          gap = true;
        } else if (!NON_TEXT_ELEMENTS.has(el.localName.toUpperCase()) && !(skipAriaHidden && el.getAttribute('aria-hidden') === 'true')) {
          // Entering an element (and leaving it, when it is empty) is a word gap, except for formatting.
          const silent = noGap(el);
          if (!silent) gap = true;
          if (openShadowRoot(el) !== null || el.localName === 'slot') {
            readChildren(el);
            if (!silent) gap = true;
          } else {
            down = el.firstChild;
            if (down === null && !silent) gap = true;
          }
        }
      }
      if (down !== null) {
        node = down;
        continue;
      }
      // On to the next sibling, leaving every element this node was the last child of.
      while (node !== null && node !== top && node.nextSibling === null) {
        node = node.parentNode;
        if (node !== null && node !== top && !noGap(node as Element)) gap = true;
      }
      node = node === null || node === top ? null : node.nextSibling;
    }
  };
  /** One assigned node of a slot: a text, or an element read whole. */
  const readNode = (node: Node): void => {
    if (node.nodeType === 3) return add((node as Text).data);
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (isReadonlyField(el)) {
      gap = true;
      add(el.value);
      gap = true;
      return;
    }
    if (NON_TEXT_ELEMENTS.has(el.localName.toUpperCase()) || (skipAriaHidden && el.getAttribute('aria-hidden') === 'true')) return;
    const silent = noGap(el);
    if (!silent) gap = true;
    readChildren(el);
    if (!silent) gap = true;
  };
  readChildren(root);
  return parts.join('');
}

/** The same invisible characters core's normalisation removes (one list, in core/normalize.ts). */
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'gu');

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
  const stack: Node[] = Array.from(flatChildren(root)).reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeType === 3) {
      const text = foldDisplay((node as Text).data);
      if (text !== '') texts.push(text);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (NON_TEXT_ELEMENTS.has(el.localName.toUpperCase()) || el.getAttribute('aria-hidden') === 'true') continue;
    stack.push(...Array.from(flatChildren(el)).reverse());
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
