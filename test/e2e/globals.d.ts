// Code passed to page.evaluate or Session.inExtension runs inside the extension (or a portal page), where
// `chrome` is global in both browsers and `browser` in Firefox. The polyfill's types describe the same API.
import type { Browser } from 'webextension-polyfill';

declare global {
  const chrome: Browser;
  const browser: Browser;
}
