/**
 * User-facing text comes from _locales (Danish by default, English when the browser is English).
 * `chrome.i18n` exists in both Chromium and Firefox, in extension pages and content scripts alike.
 */
import type daMessages from '../../public/_locales/da/messages.json';

export type MessageKey = keyof typeof daMessages;

export type MessagesJson = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

let testMessages: MessagesJson | null = null;

/** Unit tests run outside an extension: they register a messages.json to read from instead. */
export function setMessagesForTesting(messages: MessagesJson | null): void {
  testMessages = messages;
}

function fromJson(messages: MessagesJson, key: string, subs: string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  // Same substitution rules as chrome.i18n: named placeholders map to $1..$9, then $n is replaced.
  let text = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content;
  });
  text = text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return text.replace(/\$\$/g, '$');
}

let givenMessages: MessagesJson | null = null;

/**
 * The content script's texts, handed over by the background with its context: a content script's first
 * chrome.i18n call fetches the whole message catalogue from the browser synchronously, which on a busy
 * machine blocks the portal's page for hundreds of milliseconds in the middle of a scan.
 */
export function useMessages(messages: MessagesJson | null | undefined): void {
  givenMessages = messages ?? null;
}

export function t(key: MessageKey, substitutions: string | readonly string[] = []): string {
  const subs = typeof substitutions === 'string' ? [substitutions] : [...substitutions];
  if (testMessages) return fromJson(testMessages, key, subs) || key;
  if (givenMessages && key in givenMessages) return fromJson(givenMessages, key, subs) || key;
  const api = (globalThis as { chrome?: { i18n?: { getMessage(k: string, s?: string[]): string } } }).chrome?.i18n;
  return api?.getMessage(key, subs) || key;
}

/**
 * The words for each value of a closed set (a status, a notice kind, an error code): one message key per
 * value, checked by the compiler, so a new value without words does not build.
 *   const sourceText = textFor<PackSource>({ builtin: 'options_pack_builtin', ... });
 */
export function textFor<Value extends string>(keys: Readonly<Record<Value, MessageKey>>): (value: Value) => string {
  return (value) => t(keys[value]);
}

/** The UI language chosen by the browser ('da' unless the browser asks for English). */
export function uiLanguage(): 'da' | 'en' {
  if (testMessages) return 'da';
  const api = (globalThis as { chrome?: { i18n?: { getUILanguage(): string } } }).chrome?.i18n;
  return api?.getUILanguage().toLowerCase().startsWith('en') ? 'en' : 'da';
}
