/**
 * Content script entry on the admin portal: wires the overlay to the extension. Settings, pack and progress
 * go through the background (src/shared/messages.ts), so this script carries no storage code. It must never
 * break the portal: every error is caught and logged once as a warning.
 */
import browser from 'webextension-polyfill';
import { asContextChanged, type ContentContext, type ContentMessage } from '../shared/messages';
import { startOverlay } from './controller';

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
          if (changed) onChange(changed.context);
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
  await overlay.idle();
  document.documentElement.setAttribute('data-aftaletjek-scanned', '');
}

main().catch(warnOnce);
