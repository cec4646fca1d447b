/**
 * Background: Chromium service worker and Firefox event page (one file). Listeners are registered at the top
 * level, synchronously, so an event that wakes the worker finds them.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { repairStoredProfile, watchProfileRepair } from '../store/profile';
import { repairStoredProgress, watchProgressRepair } from '../store/progress';
import { ensureDefaults, migrateStored, onStateChanged } from '../store/settings';
import { watchBadge } from './badge';
import { broadcastContext, handleMessage, loadContentContext } from './messages';

const warn = (what: string) => (error: unknown) => console.warn(`Aftaletjek: ${what}`, error);

// The badge is fed by the one settings watcher below; it follows the active pack's progress itself.
const badge = watchBadge(browser.action, warn('badge update failed'));

/**
 * Migrates or repairs the stored settings, and removes an unreadable imported portal profile or progress
 * record, each with its one-off notice (reads never repair), then shows the current state. What stays wrong
 * without a repair (an invalid policy, data from a newer version) is state the pages show while it holds.
 */
const start = (migrate: () => Promise<unknown>) => Promise.all([migrate(), repairStoredProfile(), repairStoredProgress()]).then(() => badge.refresh());

/** Once per life of this worker (event page): at browser start both onStartup and the module's own start run. */
let started: Promise<void> | null = null;
const startOnce = () => void (started ??= start(migrateStored));

// On install and update the defaults are written too (migrations are serialised, so the two never interleave).
browser.runtime.onInstalled.addListener(() => void start(ensureDefaults));

browser.runtime.onStartup.addListener(startOnce);

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

// An imported profile or a progress record another page or an older copy wrote unreadable: removed once, here.
watchProfileRepair();
watchProgressRepair();

// A worker (or event page) that was stopped starts again without onStartup: show the current state.
startOnce();
