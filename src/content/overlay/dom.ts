/**
 * A tiny element builder for Aftaletjek's own UI in its shadow roots. Plain DOM instead of a UI library
 * keeps the content script, which loads on every portal page, small. Text is always set as text.
 */
type Child = Node | string | null | undefined | false;
type Props = Record<string, string | boolean | undefined | ((event: Event) => void)>;

/** `h(doc, 'button', { type: 'button', onclick: fn }, 'Text')`: "on…" props become event listeners. */
export function h(doc: Document, tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Sets an attribute, or removes it with null, only when that changes it (an unchanged value costs no mutation or style work). */
export function writeAttribute(el: Element, name: string, value: string | null): void {
  if (el.getAttribute(name) === value) return;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}
