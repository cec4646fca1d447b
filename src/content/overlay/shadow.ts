/**
 * Aftaletjek's own UI lives in shadow roots on host elements it inserts, so the portal's CSS cannot reach
 * it and its CSS cannot reach the portal. Hosts are custom tags that no portal selector targets.
 */

/**
 * Adds a stylesheet: a constructed sheet where supported (not subject to the page's style-src CSP, no
 * node in the portal's DOM), else a <style> element.
 */
export function adoptStyles(target: Document | ShadowRoot, css: string): AdoptedStyles {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    return {
      present: () => target.adoptedStyleSheets.includes(sheet),
      remove() {
        target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
      },
    };
  } catch {
    const doc = target instanceof Document ? target : target.ownerDocument;
    const style = doc.createElement('style');
    style.setAttribute(OWN_HOST_ATTRIBUTE, '');
    style.textContent = css;
    (target instanceof Document ? (doc.head ?? doc.documentElement) : target).append(style);
    return { present: () => style.isConnected, remove: () => style.remove() };
  }
}

export interface AdoptedStyles {
  /** False once the page has dropped the sheet (replaced its adopted sheets or its head). */
  present(): boolean;
  remove(): void;
}

/** Marks every element Aftaletjek inserts, so its own DOM changes are told apart from the portal's. */
export const OWN_HOST_ATTRIBUTE = 'data-aftaletjek-host';

export function isOwnNode(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute(OWN_HOST_ATTRIBUTE);
}

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
}

/** A host element with an open shadow root (open so tests and assistive tools can read it). */
export function createShadowHost(doc: Document, tag: string, css: string): ShadowHost {
  const host = doc.createElement(tag);
  host.setAttribute(OWN_HOST_ATTRIBUTE, '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, css);
  return { host, root };
}
