/**
 * Background: Chromium service worker and Firefox event page (one file). Listeners are registered at the top
 * level, synchronously, so an event that wakes the worker finds them.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { ensureDefaults } from '../store/settings';
import { watchBadge } from './badge';

const badge = watchBadge(browser.action, (error) => console.warn('Aftaletjek: badge update failed', error));

browser.runtime.onInstalled.addListener(() => {
  void ensureDefaults().then(badge.refresh);
});

browser.runtime.onStartup.addListener(() => {
  void badge.refresh();
});

/** The content script's banner asks for the options page (content scripts cannot open it themselves). */
function isOpenOptionsMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'open-options';
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || !isOpenOptionsMessage(message)) return undefined;
  return browser.runtime.openOptionsPage();
});

// A worker (or event page) that was stopped starts again without onStartup: show the current state.
void badge.refresh();
