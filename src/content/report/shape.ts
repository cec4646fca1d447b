/**
 * What the Fejlrapport keeps of a text: the words Aftaletjek knows (portal words, the pack's agreement names,
 * the municipality) as written; every other word as its shape (letters -> x, digits -> 9).
 */
import type { Pack } from '../../core/pack';
import { normalizeText } from '../../core/normalize';
import type { PortalWords } from '../../portal/words';

export interface ShaperOptions {
  words: Pick<PortalWords, 'knownWords' | 'profileId' | 'findStatus' | 'classifyLabel'>;
  pack: Pick<Pack, 'id' | 'agreements'>;
  municipality: string;
}

/** A word: a run of letters, digits and combining marks. Everything between words is kept as written. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Letters (and marks) -> x, digits -> 9. */
export function shapeWord(word: string): string {
  return word.replace(/\p{N}/gu, '9').replace(/[^9]/gu, 'x');
}

/** The words of a phrase, normalised, split as WORD splits text. */
function wordsOf(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/** Decides word by word what a text keeps: known words as written, every other word as its shape. */
export interface TextShaper {
  shape(text: string): string;
  isKnown(word: string): boolean;
}

export function createShaper(options: ShaperOptions): TextShaper {
  const known = new Set<string>();
  for (const word of options.words.knownWords) {
    known.add(word);
    for (const part of wordsOf(word)) known.add(part);
  }
  for (const a of options.pack.agreements) {
    for (const phrase of [a.code, a.title, a.version ?? '', a.itSystem]) for (const w of wordsOf(phrase)) known.add(w);
  }
  for (const w of wordsOf(options.municipality)) known.add(w);
  const cache = new Map<string, boolean>();
  const isKnown = (word: string): boolean => {
    const key = normalizeText(word);
    if (known.has(key)) return true;
    // Words that no list spells out: status words with open endings ("afvent*" -> "Afventer") and
    // technical SE/CVR keys ("AbonnentSENummer").
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = !/\p{N}/u.test(key) && (options.words.findStatus(word) !== null || options.words.classifyLabel(word) !== 'other');
      if (cache.size < 10_000) cache.set(key, hit);
    }
    return hit;
  };
  return {
    isKnown,
    shape: (text) => text.replace(WORD, (word) => (isKnown(word) ? word : shapeWord(word))),
  };
}

/** The page address: origin and path, each path segment shaped unless known; no query, no fragment. */
export function shapeUrl(href: string, shaper: TextShaper): string {
  try {
    const url = new URL(href);
    const path = url.pathname
      .split('/')
      .map((segment) => {
        let text = segment;
        try {
          text = decodeURIComponent(segment);
        } catch {
          // Kept encoded: its words are shaped all the same.
        }
        return encodeURIComponent(shaper.shape(text));
      })
      .join('/');
    return url.origin + path;
  } catch {
    return '';
  }
}
