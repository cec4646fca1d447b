/**
 * Content script entry on the admin portal: wires the overlay to the extension. Settings, pack and progress
 * go through the background (src/shared/messages.ts), so this script carries no storage code. It must never
 * break the portal: every error is caught and logged once as a warning.
 */
import browser from 'webextension-polyfill';
import { compileProfile } from '../portal/words';
import { useMessages } from '../shared/i18n';
import { asContextChanged, asTabRequest, type ContentContext, type ContentMessage, type PageSeen } from '../shared/messages';
import { startOverlay, type Overlay } from './controller';
import { takeSnapshot, type Snapshot } from './snapshot';

const logged = new Set<string>();

function warnOnce(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (logged.has(text)) return;
  logged.add(text);
  console.warn('[Aftaletjek]', text);
}

function send(message: ContentMessage): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

async function loadConfig(): Promise<ContentContext> {
  const context = (await send({ type: 'aftaletjek:get-context' })) as ContentContext | undefined;
  if (!context?.pack) throw new Error('the extension did not answer with its settings');
  useMessages(context.messages);
  return context;
}

/** After an extension update or removal this script lives on in open tabs without an extension behind it. */
function alive(): boolean {
  try {
    return Boolean(browser.runtime.id);
  } catch {
    return false;
  }
}

/** How long the popup's question waits for a scan under way before it takes what is seen so far. */
const SETTLE_MS = 1000;

function settled(overlay: Overlay): Promise<void> {
  return Promise.race([overlay.idle(), new Promise<void>((resolve) => setTimeout(resolve, SETTLE_MS))]);
}

/**
 * The popup asks the active tab's top frame what it sees here, and for a Fejlrapport. Only this extension's
 * own pages can send to a tab (tabs.sendMessage); the sender's id is checked all the same.
 */
function answerPopup(overlay: Overlay): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    const request = asTabRequest(message);
    if (!request || sender.id !== browser.runtime.id) return undefined;
    if (request.type === 'aftaletjek:page-seen') {
      return settled(overlay).then((): PageSeen => ({ type: 'aftaletjek:page-seen', seen: overlay.seen() }));
    }
    return Promise.all([loadConfig(), settled(overlay)]).then(
      ([context]): Snapshot =>
        takeSnapshot(document, {
          words: compileProfile(context.profile),
          pack: context.pack,
          municipality: context.municipality,
          seen: overlay.seen(),
          extensionVersion: browser.runtime.getManifest().version,
        }),
      (error: unknown) => {
        warnOnce(error);
        throw error;
      },
    );
  });
}

async function main(): Promise<void> {
  // The script runs here (the smoke test's hook); "scanned" below says the first full scan is done.
  document.documentElement.setAttribute('data-aftaletjek-ready', '');
  const lifetime = new AbortController();
  const overlay = await startOverlay(
    window,
    {
      loadConfig,
      watchConfig: (onChange) => {
        const listener = (message: unknown) => {
          const changed = asContextChanged(message);
          if (changed) {
            useMessages(changed.context.messages);
            onChange(changed.context);
          }
        };
        browser.runtime.onMessage.addListener(listener);
        return () => browser.runtime.onMessage.removeListener(listener);
      },
      record: async (packId, observations) => {
        await send({ type: 'aftaletjek:observe', packId, observations });
      },
      // Content scripts cannot open the options page themselves; the background does it.
      openOptions: () => void send({ type: 'open-options' }).catch(warnOnce),
      alive,
      onError: warnOnce,
    },
    lifetime,
  );
  answerPopup(overlay);
  await overlay.idle();
  document.documentElement.setAttribute('data-aftaletjek-scanned', '');
}

main().catch(warnOnce);
