import browser from 'webextension-polyfill';
import { BUILTIN_PACK } from '../core/pack';

browser.runtime.onInstalled.addListener(() => {
  console.debug(BUILTIN_PACK.id);
});
