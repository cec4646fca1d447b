/**
 * The background's side of the content-script messages (src/shared/messages.ts): it answers with the
 * settings, active pack and portal profile, records observations, opens the options page, and tells open
 * portal tabs when any of them changes.
 */
import type { Tabs } from 'webextension-polyfill';
import { asContentMessage, type ContentContext, type ContextChanged } from '../shared/messages';
import { isPortalUrl, PORTAL_MATCHES } from '../shared/hosts';
import { recordObservations } from '../store/progress';
import type { Pack } from '../core/pack';
import type { PortalProfile } from '../portal/words';
import { getActiveProfile } from '../store/profile';
import { uiLanguage, type MessagesJson } from '../shared/i18n';
import daMessages from '../../public/_locales/da/messages.json';
import enMessages from '../../public/_locales/en/messages.json';
import { activePackOf, loadSettings, type EffectiveSettings } from '../store/settings';

/**
 * What the overlay needs of the settings (policy values already applied), the active pack and the portal
 * profile in force (policy, else imported, else built-in).
 */
export async function loadContentContext(settings?: EffectiveSettings): Promise<ContentContext> {
  const [effective, profile]: [EffectiveSettings, PortalProfile] = await Promise.all([settings ?? loadSettings(), getActiveProfile()]);
  const pack: Pack = activePackOf(effective);
  return { pack, municipality: effective.municipality, expectedSe: effective.expectedSe, profile, messages: contentMessages() };
}

/** The content script's texts (extName and content_*) in the language chrome.i18n would pick: English for an English browser, else Danish. */
export function contentMessages(): MessagesJson {
  const all: MessagesJson = uiLanguage() === 'en' ? enMessages : daMessages;
  return Object.fromEntries(Object.entries(all).filter(([key]) => key === 'extName' || key.startsWith('content_')));
}

export interface MessageDeps {
  extensionId: string;
  openOptionsPage(): Promise<void>;
}

/**
 * Handles one runtime message. Only this extension's own scripts are heard; progress comes only from
 * content scripts on the portal. Returns the reply (a promise) or undefined when the message is not ours.
 */
/** The parts of runtime.MessageSender the checks read. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { url?: string };
}

/**
 * A portal page, or a frame a portal page made without an address of its own (about:blank, about:srcdoc),
 * which the content script runs in too (match_about_blank).
 */
function fromPortal(sender: SenderLike): boolean {
  if (isPortalUrl(sender.url ?? sender.tab?.url)) return true;
  return /^about:(?:blank|srcdoc)$/u.test(sender.url ?? '') && isPortalUrl(sender.tab?.url);
}

export function handleMessage(message: unknown, sender: SenderLike, deps: MessageDeps): Promise<unknown> | undefined {
  if (sender.id !== deps.extensionId) return undefined;
  const request = asContentMessage(message);
  switch (request?.type) {
    case 'aftaletjek:get-context':
      return loadContentContext();
    case 'aftaletjek:observe':
      if (!fromPortal(sender)) return undefined;
      return recordObservations(request.packId, request.observations).then(() => true);
    case 'open-options':
      return deps.openOptionsPage().then(() => true);
    default:
      return undefined;
  }
}

export interface TabsLike {
  query(query: { url: string[] }): Promise<Pick<Tabs.Tab, 'id'>[]>;
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

/** Sends the new context to every open portal tab; a tab without a listening content script is skipped. */
export async function broadcastContext(tabs: TabsLike, context: ContentContext): Promise<void> {
  const message: ContextChanged = { type: 'aftaletjek:context-changed', context };
  const open = await tabs.query({ url: [...PORTAL_MATCHES] });
  await Promise.all(open.map((tab) => (tab.id === undefined ? undefined : tabs.sendMessage(tab.id, message).catch(() => undefined))));
}
