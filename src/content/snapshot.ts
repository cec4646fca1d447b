/**
 * The "Fejlrapport": a privacy-safe structural snapshot of the open portal page, for the maintainers when
 * Aftaletjek does not see what the administrator sees. It keeps what the scanner reads structure from
 * (tags, roles, ARIA, label relations, read-only fields, open shadow roots, same-origin frames) and the
 * words Aftaletjek knows (portal words, the pack's agreement names, the municipality); every other word is
 * replaced by its shape (letters -> x, digits -> 9), so no CPR number, person name or free text survives.
 * No attribute value leaves the page except roles, types and ARIA states; ids are renamed.
 *
 * The serializer is written out by hand: every character it emits is escaped, it emits no script, no style,
 * no URL and no event handler, and it never parses or assigns HTML. A loop, not recursion, walks the tree: a
 * page may nest elements thousands of levels deep.
 */
import type { Pack } from '../core/pack';
import { normalizeText } from '../core/normalize';
import type { PortalWords } from '../portal/words';
import type { SeenOnPage } from './controller';
import { OWN_HOST_ATTRIBUTE } from './overlay/shadow';
import { isReadonlyField } from './scan';

export const SNAPSHOT_FORMAT = 'aftaletjek-fejlrapport';
export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  createdAt: string;
  extensionVersion: string;
  profileId: string;
  packId: string;
  /** Origin and path, every path segment shaped unless a known word; no query, no fragment. */
  url: string;
  /** What the overlay recognised on the page when the snapshot was taken. */
  seen: SeenOnPage[];
  /** The page's structure as HTML (declarative shadow DOM for open shadow roots, srcdoc for frames). */
  html: string;
  /** True when the page was larger than a snapshot holds and its end was left out. */
  truncated: boolean;
}

export interface SnapshotOptions {
  words: Pick<PortalWords, 'knownWords' | 'profileId' | 'findStatus' | 'classifyLabel'>;
  pack: Pick<Pack, 'id' | 'agreements'>;
  municipality: string;
  seen: readonly SeenOnPage[];
  extensionVersion?: string;
  now?: Date;
}

/** A snapshot stops growing here (the message to the popup and the file stay a sensible size). */
export const MAX_SNAPSHOT_CHARS = 8_000_000;
/** A text node or value longer than this is cut: the scanner treats far shorter text as prose already. */
const MAX_TEXT_CHARS = 20_000;
/** Frames inside frames are followed this deep. */
const MAX_FRAME_DEPTH = 3;

/** A word: a run of letters, digits and combining marks. Everything between words is kept as written. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Letters (and marks) -> x, digits -> 9. */
export function shapeWord(word: string): string {
  return word.replace(/\p{N}/gu, '9').replace(/[^9]/gu, 'x');
}

/** The words of a phrase, normalised, split as WORD splits text. */
function wordsOf(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/** Decides word by word what a text keeps: known words as written, every other word as its shape. */
export interface TextShaper {
  shape(text: string): string;
  isKnown(word: string): boolean;
}

export function createShaper(options: Pick<SnapshotOptions, 'words' | 'pack' | 'municipality'>): TextShaper {
  const known = new Set<string>();
  for (const word of options.words.knownWords) {
    known.add(word);
    for (const part of wordsOf(word)) known.add(part);
  }
  for (const a of options.pack.agreements) {
    for (const phrase of [a.code, a.title, a.version ?? '', a.itSystem]) for (const w of wordsOf(phrase)) known.add(w);
  }
  for (const w of wordsOf(options.municipality)) known.add(w);
  const cache = new Map<string, boolean>();
  const isKnown = (word: string): boolean => {
    const key = normalizeText(word);
    if (known.has(key)) return true;
    // Words that no list spells out: status words with open endings ("afvent*" -> "Afventer") and
    // technical SE/CVR keys ("AbonnentSENummer").
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = !/\p{N}/u.test(key) && (options.words.findStatus(word) !== null || options.words.classifyLabel(word) !== 'other');
      if (cache.size < 10_000) cache.set(key, hit);
    }
    return hit;
  };
  return {
    isKnown,
    shape: (text) => text.replace(WORD, (word) => (isKnown(word) ? word : shapeWord(word))),
  };
}

/** The page address: origin and path, each path segment shaped unless known; no query, no fragment. */
export function shapeUrl(href: string, shaper: TextShaper): string {
  try {
    const url = new URL(href);
    const path = url.pathname
      .split('/')
      .map((segment) => {
        let text = segment;
        try {
          text = decodeURIComponent(segment);
        } catch {
          // Kept encoded: its words are shaped all the same.
        }
        return encodeURIComponent(shaper.shape(text));
      })
      .join('/');
    return url.origin + path;
  } catch {
    return '';
  }
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);
/** Left out with everything inside them: code, styles, resources and metadata. */
const DROPPED = new Set(['script', 'style', 'link', 'meta', 'base', 'object', 'embed', 'param', 'applet', 'frame', 'frameset']);
/** Kept as elements, their contents not. */
const EMPTIED = new Set(['noscript', 'xmp', 'plaintext', 'noembed', 'noframes', 'listing', 'template', 'iframe', 'svg', 'math', 'canvas', 'video', 'audio', 'picture', 'textarea']);
const BOOLEAN = ['hidden', 'readonly', 'disabled', 'checked', 'selected', 'open', 'inert', 'required', 'multiple'];
/** ARIA attributes whose values are text a user reads. */
const ARIA_TEXT = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'aria-braillelabel', 'aria-brailleroledescription', 'aria-keyshortcuts']);
/** ARIA attributes that point at ids. */
const ARIA_REFS = new Set(['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant', 'aria-details', 'aria-errormessage', 'aria-flowto']);
/** Plain text attributes. */
const TEXT_ATTRIBUTES = ['title', 'placeholder', 'alt', 'label'];
/** Attributes holding an id reference list. */
const REF_ATTRIBUTES = ['for', 'headers', 'form', 'list'];
/** A state, a number or a keyword ("true", "2", "page"): kept as written. */
const TOKEN_VALUE = /^(?:[a-z]{1,20}(?: [a-z]{1,20}){0,5}|-?\d{1,3})$/iu;
const TAG_NAME = /^[a-z][a-z0-9-]{0,63}$/iu;

function escapeText(text: string): string {
  return text.replace(/[&<>\u00A0]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\u00A0]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&nbsp;'));
}

function cut(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

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
  truncated = false;

  constructor(private readonly shaper: TextShaper) {}

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

  private refs(value: string): string {
    return value
      .split(/\s+/u)
      .filter((ref) => ref !== '')
      .map((ref) => this.id(ref))
      .join(' ');
  }

  private attributes(el: Element, tag: string, hidden: boolean): string {
    const attrs: [string, string | null][] = [];
    const get = (name: string) => el.getAttribute(name);
    const id = get('id');
    if (id) attrs.push(['id', this.id(id)]);
    const role = get('role');
    if (role !== null) attrs.push(['role', TOKEN_VALUE.test(role) ? role : this.shaper.shape(role)]);
    const type = get('type');
    if (type !== null && TOKEN_VALUE.test(type)) attrs.push(['type', type]);
    for (const name of BOOLEAN) if (el.hasAttribute(name)) attrs.push([name, null]);
    if (hidden && !el.hasAttribute('hidden')) attrs.push(['hidden', null]);
    for (const name of ['scope', 'colspan', 'rowspan', 'aria-level', 'slot']) {
      const value = get(name);
      if (value !== null && /^[a-z0-9_-]{1,40}$/iu.test(value)) attrs.push([name, value]);
    }
    if (tag === 'slot') {
      const name = get('name');
      if (name !== null && /^[a-z0-9_-]{1,40}$/iu.test(name)) attrs.push(['name', name]);
    }
    for (const name of REF_ATTRIBUTES) {
      const value = get(name);
      if (value !== null) attrs.push([name, this.refs(value)]);
    }
    for (const name of TEXT_ATTRIBUTES) {
      const value = get(name);
      if (value !== null) attrs.push([name, this.shaper.shape(cut(value))]);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (!name.startsWith('aria-') || name === 'aria-level' || !/^aria-[a-z]{1,30}$/u.test(name)) continue;
      if (ARIA_REFS.has(name)) attrs.push([name, this.refs(attr.value)]);
      else if (ARIA_TEXT.has(name) || !TOKEN_VALUE.test(attr.value)) attrs.push([name, this.shaper.shape(cut(attr.value))]);
      else attrs.push([name, attr.value]);
    }
    // A read-only field's value is page text (the scanner reads it): kept, shaped. An editable one is
    // what the user typed, and is left out.
    // A button's value is its text (the scanner reads "Godkend" there).
    const buttonValue = tag === 'input' && ['submit', 'button', 'reset'].includes((el as HTMLInputElement).type);
    if (tag === 'input' && (buttonValue || isReadonlyField(el))) attrs.push(['value', this.shaper.shape(cut((el as HTMLInputElement).value))]);
    return attrs.map(([name, value]) => (value === null ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`)).join('');
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
        this.emit(escapeText(this.shaper.shape(cut((node as Text).data))));
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
      let open = `<${name}${this.attributes(el, tag, hidden)}`;
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
      if (tag === 'textarea' && isReadonlyField(el)) this.emit(escapeText(this.shaper.shape(cut((el as HTMLTextAreaElement).value))));
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
    this.emit(`<html${this.attributes(html, 'html', false)}>`);
    this.children(html, depth, true);
    this.emit('</html>');
  }

  html(): string {
    return this.out.join('');
  }
}

/** Serialises `doc` as sanitized HTML (see the file comment). */
export function snapshotHtml(doc: Document, shaper: TextShaper): { html: string; truncated: boolean } {
  const serializer = new Serializer(shaper);
  serializer.document(doc);
  return { html: serializer.html(), truncated: serializer.truncated };
}

function seenCopy(seen: readonly SeenOnPage[]): SeenOnPage[] {
  return seen.map((s) => {
    const entry: SeenOnPage = { id: s.id, kind: s.kind, status: s.status };
    if (s.se) entry.se = { verdict: s.se.verdict, found: s.se.found };
    return entry;
  });
}

export function takeSnapshot(doc: Document, options: SnapshotOptions): Snapshot {
  const shaper = createShaper(options);
  const { html, truncated } = snapshotHtml(doc, shaper);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    extensionVersion: options.extensionVersion ?? '',
    profileId: options.words.profileId,
    packId: options.pack.id,
    url: shapeUrl(doc.location?.href ?? doc.URL, shaper),
    seen: seenCopy(options.seen),
    html,
    truncated,
  };
}
