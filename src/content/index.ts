import browser from 'webextension-polyfill';
import { BUILTIN_PACK } from '../core/pack';

// Placeholder until the overlay lands: marks the document so the smoke test can see the script ran.
document.documentElement.setAttribute('data-aftaletjek-ready', BUILTIN_PACK.id + ':' + browser.runtime.id);
