/**
 * Background: Chromium service worker and Firefox event page (one file). Listeners are registered at the top
 * level, synchronously, so an event that wakes the worker finds them.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { loadProfileState } from '../store/profile';
import { ensureDefaults, migrateStored, onStateChanged } from '../store/settings';
import { watchBadge } from './badge';
import { broadcastContext, handleMessage, loadContentContext } from './messages';

const warn = (what: string) => (error: unknown) => console.warn(`Aftaletjek: ${what}`, error);

// The badge is fed by the one settings watcher below; it follows the active pack's progress itself.
const badge = watchBadge(browser.action, warn('badge update failed'), { ownWatcher: false });

/** Migrates or repairs the stored settings (reads never do), then shows the current state. */
const start = (migrate: () => Promise<unknown>) => () => void migrate().then(() => badge.refresh());

// Reading the profile in force reports an invalid policy profile as a notice for the popup (the settings'
// policy values are part of the settings state instead; policy changes later reach the watcher below).
browser.runtime.onInstalled.addListener(() => {
  start(ensureDefaults)();
  void loadProfileState();
});

browser.runtime.onStartup.addListener(() => {
  start(migrateStored)();
  void loadProfileState();
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender, {
    extensionId: browser.runtime.id,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  }),
);

// The one settings watcher: new settings (municipality, expected SE, another pack), a policy or a new portal
// profile (an import) reach the badge and the portal tabs, which follow without a reload. A record another
// page or an older copy wrote is repaired first (migrate), so its notice is added once, here.
onStateChanged(
  (state) => {
    void badge.refresh(state);
    loadContentContext(state.settings)
      .then((context) => broadcastContext(browser.tabs, context))
      .catch(warn('settings broadcast failed'));
  },
  { migrate: true },
);

// A worker (or event page) that was stopped starts again without onStartup: show the current state.
start(migrateStored)();
