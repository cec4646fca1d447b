/**
 * Background: Chromium service worker and Firefox event page (one file). Listeners are registered at the top
 * level, synchronously, so an event that wakes the worker finds them.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { ensureDefaults, onSettingsChanged } from '../store/settings';
import { watchBadge } from './badge';
import { broadcastContext, handleMessage, loadContentContext } from './messages';

const warn = (what: string) => (error: unknown) => console.warn(`Aftaletjek: ${what}`, error);

const badge = watchBadge(browser.action, warn('badge update failed'));

browser.runtime.onInstalled.addListener(() => {
  void ensureDefaults().then(badge.refresh);
});

browser.runtime.onStartup.addListener(() => {
  void badge.refresh();
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender, {
    extensionId: browser.runtime.id,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  }),
);

// Portal tabs follow new settings (municipality, expected SE, another pack) without a reload.
onSettingsChanged((settings) => {
  loadContentContext(settings)
    .then((context) => broadcastContext(browser.tabs, context))
    .catch(warn('settings broadcast failed'));
});

// A worker (or event page) that was stopped starts again without onStartup: show the current state.
void badge.refresh();
