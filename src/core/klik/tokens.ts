/** The KLIK task reader's text clean-up and the patterns every part of it shares (quotes, bullets, codes). */
import { foldText, INVISIBLE_CHARS } from '../normalize';

/** The zero-width characters core/normalize.ts removes everywhere. */
export const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'gu');
/** Opening and closing quotes a Danish text may use: ”…”, “…”, "…", „…“, «…», »…«, ‚…‘ is not used for names. */
export const QUOTE_CHARS = '"\u201C\u201D\u201E\u201F\u00AB\u00BB';
export const QUOTED = new RegExp(`[${QUOTE_CHARS}]([^${QUOTE_CHARS}]{1,600})[${QUOTE_CHARS}]`, 'gu');
export const BULLET = /^[ \t\u00A0]*(?:[•·▪◦●○■□‣⁃*]|-(?=\s)|–(?=\s)|o(?=\s))\s*/u;
export const SYMBOL_BULLET = /^[ \t\u00A0]*[•·▪◦●○■□‣⁃*]/u;

/** One line, single spaces, no invisible characters; dashes kept as written. */
export function oneLine(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** As oneLine, with every dash folded to '-' (for reading the structure of a name): core's one folding. */
export const folded = foldText;

/** A service code at the start: "SF0770_A", "SF 0770_E", "SF1320", "SF 1470"; stray spaces around "_" too. */
export const CODE_AT_START = /^(\p{Lu}{2,4}) ?(\d{3,5})(?: ?_ ?([\p{Lu}\d]{1,4}))?(?![\p{L}\p{N}_])/u;
/** A code anywhere (in an SE sentence): the same forms. */
export const CODE_ANYWHERE = /(?<![\p{L}\p{N}_])(\p{Lu}{2,4}) ?(\d{3,5})(?: ?_ ?([\p{Lu}\d]{1,4}))?(?![\p{L}\p{N}_])/gu;

export function codeOf(letters: string, digits: string, suffix: string | undefined): string {
  return `${letters}${digits}${suffix ? `_${suffix}` : ''}`.toUpperCase();
}
