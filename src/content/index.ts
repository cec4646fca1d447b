/**
 * Content script entry on the admin portal: wires the overlay to the extension (settings, progress,
 * options page). It must never break the portal: every error is caught and logged once as a warning.
 */
import browser from 'webextension-polyfill';
import { recordObservations } from '../store/progress';
import { getActivePack, loadSettings, onSettingsChanged } from '../store/settings';
import { startOverlay, type OverlayConfig } from './controller';

const logged = new Set<string>();

function warnOnce(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (logged.has(text)) return;
  logged.add(text);
  console.warn('[Aftaletjek]', text);
}

async function loadConfig(): Promise<OverlayConfig> {
  const [settings, pack] = await Promise.all([loadSettings(), getActivePack()]);
  return { pack, municipality: settings.municipality, expectedSe: settings.expectedSe };
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
      watchConfig: (onChange) => onSettingsChanged(onChange),
      record: recordObservations,
      // Content scripts cannot open the options page themselves; the background does it.
      openOptions: () => void browser.runtime.sendMessage({ type: 'open-options' }).catch(warnOnce),
      alive,
      onError: warnOnce,
    },
    lifetime,
  );
  await overlay.idle();
  document.documentElement.setAttribute('data-aftaletjek-scanned', '');
}

main().catch(warnOnce);
