/**
 * The Fejlrapport's walk over the page: elements in document order, open shadow roots (as declarative
 * shadow DOM), same-origin frames (as srcdoc), what is rendered hidden marked so; code, styles and
 * resources left out. A loop, not recursion, walks the tree: a page may nest elements thousands of levels
 * deep. What each piece is written as comes from ./format.
 */
import { OWN_HOST_ATTRIBUTE } from '../overlay/shadow';
import { isReadonlyField } from '../scan';
import { attributesOf, escapeAttribute, shapedText, type AttributeContext } from './format';
import type { TextShaper } from './shape';

/** A snapshot stops growing here (the message to the popup and the file stay a sensible size). */
export const MAX_SNAPSHOT_CHARS = 8_000_000;
/** Frames inside frames are followed this deep. */
const MAX_FRAME_DEPTH = 3;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);
/** Left out with everything inside them: code, styles, resources and metadata. */
const DROPPED = new Set(['script', 'style', 'link', 'meta', 'base', 'object', 'embed', 'param', 'applet', 'frame', 'frameset']);
/** Kept as elements, their contents not. */
const EMPTIED = new Set([
  'noscript',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
  'listing',
  'template',
  'iframe',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'picture',
  'textarea',
]);
const TAG_NAME = /^[a-z][a-z0-9-]{0,63}$/iu;

/** The element rendered no box although its parent does: display:none, visibility:hidden, unslotted. */
function renderedHidden(el: Element): boolean {
  if (typeof el.checkVisibility !== 'function') return false;
  try {
    if (el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions)) return false;
    const display = el.ownerDocument.defaultView?.getComputedStyle(el).display;
    // display:contents has no box of its own, yet its children show.
    return display !== 'contents';
  } catch {
    return false;
  }
}

class Serializer {
  private readonly ids = new Map<string, string>();
  private out: string[] = [];
  private size = 0;
  private readonly context: AttributeContext;
  truncated = false;

  constructor(private readonly shaper: TextShaper) {
    this.context = { shaper, rename: (original) => this.id(original) };
  }

  private emit(text: string): void {
    if (this.truncated) return;
    if (this.size + text.length > MAX_SNAPSHOT_CHARS) {
      this.truncated = true;
      return;
    }
    this.out.push(text);
    this.size += text.length;
  }

  private id(original: string): string {
    let renamed = this.ids.get(original);
    if (renamed === undefined) {
      renamed = `id${this.ids.size + 1}`;
      this.ids.set(original, renamed);
    }
    return renamed;
  }

  /** Same-origin frames only: a cross-origin one throws or gives null. */
  private frameDocument(el: Element, depth: number): Document | null {
    if (depth >= MAX_FRAME_DEPTH) return null;
    try {
      const doc = (el as HTMLIFrameElement).contentDocument;
      return doc?.documentElement ? doc : null;
    } catch {
      return null;
    }
  }

  /**
   * Serialises `root`'s children (not `root` itself), an open shadow root of `root` first. `check` says
   * whether elements here are rendered and not yet inside a hidden one (then each is asked if it shows).
   */
  children(root: Node, depth: number, check: boolean): void {
    type Frame = { node: Node | null; close: string; check: boolean };
    const stack: Frame[] = [];
    const shadowOf = (parent: Node, inside: boolean) => {
      const shadow = parent.nodeType === 1 ? (parent as Element).shadowRoot : null;
      if (!shadow) return;
      // Declarative shadow DOM: the host's first child rebuilds its open shadow root.
      this.emit('<template shadowrootmode="open">');
      this.children(shadow, depth, inside);
      this.emit('</template>');
    };
    shadowOf(root, check);
    let node: Node | null = root.firstChild;
    let checking = check;
    while (node !== null || stack.length > 0) {
      if (this.truncated) return;
      if (node === null) {
        const frame = stack.pop()!;
        this.emit(frame.close);
        node = frame.node;
        checking = frame.check;
        continue;
      }
      const next = node.nextSibling;
      if (node.nodeType === 3) {
        this.emit(shapedText((node as Text).data, this.shaper));
        node = next;
        continue;
      }
      if (node.nodeType !== 1) {
        // Comments, processing instructions: free text, left out.
        node = next;
        continue;
      }
      const el = node as Element;
      const tag = el.localName.toLowerCase();
      if (DROPPED.has(tag) || el.hasAttribute(OWN_HOST_ATTRIBUTE)) {
        node = next;
        continue;
      }
      const name = TAG_NAME.test(tag) ? tag : 'x-element';
      const hidden = checking && tag !== 'head' && renderedHidden(el);
      let open = `<${name}${attributesOf(el, tag, hidden, this.context)}`;
      if (tag === 'iframe') {
        const doc = this.frameDocument(el, depth);
        if (doc) {
          const inner = new Serializer(this.shaper);
          inner.document(doc, depth + 1);
          if (inner.truncated) this.truncated = true;
          else open += ` srcdoc="${escapeAttribute(inner.html())}"`;
        }
      }
      this.emit(open + '>');
      if (VOID.has(tag)) {
        node = next;
        continue;
      }
      if (tag === 'textarea' && isReadonlyField(el)) this.emit(shapedText((el as HTMLTextAreaElement).value, this.shaper));
      if (EMPTIED.has(tag)) {
        this.emit(`</${name}>`);
        node = next;
        continue;
      }
      stack.push({ node: next, close: `</${name}>`, check: checking });
      if (hidden || tag === 'head') checking = false;
      shadowOf(el, checking);
      node = el.firstChild;
    }
  }

  document(doc: Document, depth = 0): void {
    this.emit('<!DOCTYPE html>');
    const html = doc.documentElement;
    if (!html) return;
    // The <html> element itself, then its children.
    this.emit(`<html${attributesOf(html, 'html', false, this.context)}>`);
    this.children(html, depth, true);
    this.emit('</html>');
  }

  html(): string {
    return this.out.join('');
  }
}

/** Serialises `doc` as sanitized HTML (what is kept and how: see ../snapshot.ts). */
export function snapshotHtml(doc: Document, shaper: TextShaper): { html: string; truncated: boolean } {
  const serializer = new Serializer(shaper);
  serializer.document(doc);
  return { html: serializer.html(), truncated: serializer.truncated };
}
