/**
 * The page's tree as a person sees it: light DOM, open shadow roots (nested too) and slots. The DOM's own
 * parentElement, closest() and querySelectorAll() stop at a shadow root; these cross it. Closed shadow
 * roots cannot be read from an extension's content script through the standard DOM and stay out of reach.
 */

/** The element's parent, or the shadow host when the element is a shadow root's top-level child. */
export function composedParent(node: Node): Element | null {
  const parent = node.parentNode;
  if (parent === null) return null;
  if (parent.nodeType === 1) return parent as Element;
  // A ShadowRoot (DocumentFragment with a host); a Document or plain fragment ends the climb.
  return parent.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : null;
}

/** closest() across shadow boundaries: the native closest() in each tree, then on from the shadow host. */
export function composedClosest(el: Element, selector: string): Element | null {
  for (let cur: Element | null = el; cur;) {
    const found = cur.closest(selector);
    if (found) return found;
    const root = cur.getRootNode();
    cur = root.nodeType === 11 ? ((root as ShadowRoot).host ?? null) : null;
  }
  return null;
}

/** True when `ancestor` holds `node` in the composed tree (or is it). */
export function composedContains(ancestor: Node, node: Node): boolean {
  for (let cur: Node | null = node; cur; cur = cur.parentNode ?? (cur.nodeType === 11 ? (cur as ShadowRoot).host : null)) {
    if (cur === ancestor) return true;
  }
  return false;
}

/** The elements the DOM lets a page attach a shadow root to, besides custom elements (a name with a hyphen). */
const SHADOW_HOSTS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** True when the element could host a shadow root: asking only those keeps a walk over a large page cheap. */
export function mayHostShadow(el: Element): boolean {
  const name = el.localName;
  return SHADOW_HOSTS.has(name) || name.includes('-');
}

/** The open shadow root an element hosts, or null (none, or a closed one). */
export function openShadowRoot(el: Element): ShadowRoot | null {
  return mayHostShadow(el) ? (el.shadowRoot ?? null) : null;
}

/**
 * Every open shadow root inside `root` (nested ones too), in tree order of their hosts. One element walk
 * per tree: shadow hosts have no marker a selector could find.
 */
export function shadowRootsIn(root: Node): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const pending: Node[] = [root];
  for (let tree = pending.pop(); tree !== undefined; tree = pending.pop()) {
    const doc = tree.nodeType === 9 ? (tree as Document) : tree.ownerDocument;
    if (!doc) continue;
    if (tree.nodeType === 1) {
      const own = openShadowRoot(tree as Element);
      if (own) {
        found.push(own);
        pending.push(own);
      }
    }
    const walker = doc.createTreeWalker(tree, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
      const shadow = openShadowRoot(el);
      if (shadow) {
        found.push(shadow);
        pending.push(shadow);
      }
    }
  }
  return found;
}

/** querySelectorAll over `root` and every open shadow root inside it. */
export function deepQueryAll<T extends Element = Element>(
  root: Element | ShadowRoot | Document,
  selector: string,
  roots: readonly ShadowRoot[] = shadowRootsIn(root),
): T[] {
  const found: T[] = [];
  if (root.nodeType === 1 && (root as Element).matches(selector)) found.push(root as T);
  for (const tree of [root, ...roots]) found.push(...tree.querySelectorAll<T>(selector));
  return found;
}

/**
 * The children a node shows in the flat tree: a shadow host shows its shadow root's children, a slot
 * the nodes assigned to it (or its fallback content), any other node its own children.
 */
export function flatChildren(node: Node): ArrayLike<Node> {
  if (node.nodeType === 1) {
    const el = node as Element;
    const shadow = openShadowRoot(el);
    if (shadow) return shadow.childNodes;
    if (el.localName === 'slot' && typeof (el as HTMLSlotElement).assignedNodes === 'function') {
      const assigned = (el as HTMLSlotElement).assignedNodes({ flatten: true });
      if (assigned.length > 0) return assigned;
    }
  }
  return node.childNodes;
}

/** The document or shadow root an element lives in, for id look-ups (aria-labelledby, label[for]). */
export function treeOf(el: Element): Document | ShadowRoot {
  const root = el.getRootNode();
  return root.nodeType === 11 || root.nodeType === 9 ? (root as Document | ShadowRoot) : el.ownerDocument;
}
