/**
 * How the Fejlrapport writes what it keeps: every character escaped, texts cut and shaped, and of the
 * attributes only roles, types, ARIA states and structure (ids renamed); no URL, no style, no handler.
 */
import { isReadonlyField } from '../scan';
import type { TextShaper } from './shape';

/** A text node or value longer than this is cut: the scanner treats far shorter text as prose already. */
const MAX_TEXT_CHARS = 20_000;

const BOOLEAN = ['hidden', 'readonly', 'disabled', 'checked', 'selected', 'open', 'inert', 'required', 'multiple'];
/** ARIA attributes whose values are text a user reads. */
const ARIA_TEXT = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'aria-braillelabel',
  'aria-brailleroledescription',
  'aria-keyshortcuts',
]);
/** ARIA attributes that point at ids. */
const ARIA_REFS = new Set([
  'aria-labelledby',
  'aria-describedby',
  'aria-controls',
  'aria-owns',
  'aria-activedescendant',
  'aria-details',
  'aria-errormessage',
  'aria-flowto',
]);
/** Plain text attributes. */
const TEXT_ATTRIBUTES = ['title', 'placeholder', 'alt', 'label'];
/** Attributes holding an id reference list. */
const REF_ATTRIBUTES = ['for', 'headers', 'form', 'list'];
/** A state, a number or a keyword ("true", "2", "page"): kept as written. */
const TOKEN_VALUE = /^(?:[a-z]{1,20}(?: [a-z]{1,20}){0,5}|-?\d{1,3})$/iu;

function escapeText(text: string): string {
  return text.replace(/[&<>\u00A0]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\u00A0]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&nbsp;'));
}

function cut(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

/** A page text as a snapshot writes it: cut, shaped, escaped. */
export function shapedText(text: string, shaper: TextShaper): string {
  return escapeText(shaper.shape(cut(text)));
}

/** What writing attributes needs: the shaper for texts, and the renaming of ids (one name per id a document). */
export interface AttributeContext {
  shaper: TextShaper;
  rename(id: string): string;
}

function refs(value: string, ctx: AttributeContext): string {
  return value
    .split(/\s+/u)
    .filter((ref) => ref !== '')
    .map((ref) => ctx.rename(ref))
    .join(' ');
}

/** The attributes of `el` that a snapshot keeps, written out (` name="value"` each); `hidden` adds hidden. */
export function attributesOf(el: Element, tag: string, hidden: boolean, ctx: AttributeContext): string {
  const { shaper } = ctx;
  const attrs: [string, string | null][] = [];
  const get = (name: string) => el.getAttribute(name);
  const id = get('id');
  if (id) attrs.push(['id', ctx.rename(id)]);
  const role = get('role');
  if (role !== null) attrs.push(['role', TOKEN_VALUE.test(role) ? role : shaper.shape(role)]);
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
    if (value !== null) attrs.push([name, refs(value, ctx)]);
  }
  for (const name of TEXT_ATTRIBUTES) {
    const value = get(name);
    if (value !== null) attrs.push([name, shaper.shape(cut(value))]);
  }
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase();
    if (!name.startsWith('aria-') || name === 'aria-level' || !/^aria-[a-z]{1,30}$/u.test(name)) continue;
    if (ARIA_REFS.has(name)) attrs.push([name, refs(attr.value, ctx)]);
    else if (ARIA_TEXT.has(name) || !TOKEN_VALUE.test(attr.value)) attrs.push([name, shaper.shape(cut(attr.value))]);
    else attrs.push([name, attr.value]);
  }
  // A read-only field's value is page text (the scanner reads it): kept, shaped. An editable one is
  // what the user typed, and is left out.
  // A button's value is its text (the scanner reads "Godkend" there).
  const buttonValue = tag === 'input' && ['submit', 'button', 'reset'].includes((el as HTMLInputElement).type);
  if (tag === 'input' && (buttonValue || isReadonlyField(el))) attrs.push(['value', shaper.shape(cut((el as HTMLInputElement).value))]);
  return attrs.map(([name, value]) => (value === null ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`)).join('');
}
