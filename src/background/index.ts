/**
 * Background: Chromium service worker and Firefox event page (one file). Listeners are registered at the top
 * level, synchronously, so an event that wakes the worker finds them.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { loadProfileState } from '../store/profile';
import { ensureDefaults, onSettingsChanged } from '../store/settings';
import { watchBadge } from './badge';
import { broadcastContext, handleMessage, loadContentContext } from './messages';

const warn = (what: string) => (error: unknown) => console.warn(`Aftaletjek: ${what}`, error);

const badge = watchBadge(browser.action, warn('badge update failed'));

// Reading the profile in force reports an invalid policy profile as a notice for the popup, as reading the
// settings does for the other policy values (policy changes later reach loadContentContext below).
browser.runtime.onInstalled.addListener(() => {
  void ensureDefaults().then(badge.refresh);
  void loadProfileState();
});

browser.runtime.onStartup.addListener(() => {
  void badge.refresh();
  void loadProfileState();
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender, {
    extensionId: browser.runtime.id,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  }),
);

// Portal tabs follow new settings (municipality, expected SE, another pack) and a new portal profile (an
// import, a policy) without a reload: onSettingsChanged hears of both.
onSettingsChanged((settings) => {
  loadContentContext(settings)
    .then((context) => broadcastContext(browser.tabs, context))
    .catch(warn('settings broadcast failed'));
});

// A worker (or event page) that was stopped starts again without onStartup: show the current state.
void badge.refresh();
