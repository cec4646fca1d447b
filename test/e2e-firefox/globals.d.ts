// Code passed to page.evaluate runs inside Firefox extension pages, where `browser` is global.
import type { Browser } from 'webextension-polyfill';

declare global {
  const browser: Browser;
}
