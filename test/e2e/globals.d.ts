// Code passed to page.evaluate/worker.evaluate runs inside the extension, where `chrome` is global.
// The polyfill's types describe the same API surface.
import type { Browser } from 'webextension-polyfill';

declare global {
  const chrome: Browser;
}
