/** Text normalisation shared by the matcher, the status reader and the SE finder. Pure, no DOM. */

/**
 * Characters that render as nothing (zero-width space/joiners, word joiner, BOM, soft hyphen): the portal
 * or a copy-paste may put them inside a name. As regex class content, so the matcher's pre-filter skips the same set.
 */
export const INVISIBLE_CHARS = '\\u00AD\\u200B-\\u200D\\u2060\\uFEFF';

const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'gu');
/** Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign and their small/fullwidth forms. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;
/** JS \s covers NBSP, U+2000–U+200A, U+202F, U+205F, U+3000, tabs and newlines (U+FEFF is removed before). */
const SPACES = /\s+/gu;

/**
 * Regex source: no letter or digit right before / after. JS \b only knows ASCII letters, so it would see a
 * boundary inside "udløbet"; use these with the u flag instead.
 */
export const WORD_START = '(?<![\\p{L}\\p{N}])';
export const WORD_END = '(?![\\p{L}\\p{N}])';

/** Like normalizeText but keeps letter case: for regexes with the i flag that must hand back text as written. */
export function foldText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(DASHES, '-').replace(SPACES, ' ').trim();
}

/** NFC; every Unicode space -> ' '; zero-width chars removed; all dashes -> '-'; whitespace collapsed; trimmed; lower case (Danish letters kept). */
export function normalizeText(text: string): string {
  return foldText(text).toLocaleLowerCase('da');
}

/** Escapes regex syntax characters; safe inside a u-flag pattern (which rejects needless escapes). */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
