/** Where a task text's bullets and paragraphs begin and end, and the bullets that gave no agreement. */
import type { TaskWarning } from './types';
import { BULLET, CODE_ANYWHERE, oneLine, QUOTE_CHARS, SYMBOL_BULLET } from './tokens';

export interface Layout {
  /** Start indexes of the lines that start a bullet. */
  bullets: number[];
  /** Start indexes of the empty lines. */
  paragraphEnds: number[];
}

/**
 * The text's bullets (start indexes of their lines) and its empty lines. A symbol (•, ▪, *) always starts a
 * bullet, and so does a dash or "o" before a quoted name; a bare dash only after an empty line or in a list of
 * such bullets, since a PDF may break a name right before its " – [Kommune]".
 */
export function boundaries(text: string): Layout {
  const bullets: number[] = [];
  const paragraphEnds: number[] = [];
  const quotedNext = new RegExp(`^[ \\t\\u00A0]*[-–o]\\s*[${QUOTE_CHARS}]`, 'u');
  let at = 0;
  let previousBlank = true;
  /** In a list of bare-dash bullets ("- Opgaven ..."): its next bare dash starts a bullet too. */
  let inDashList = false;
  for (const line of text.split('\n')) {
    const blank = line.trim() === '';
    const strong = SYMBOL_BULLET.test(line) || quotedNext.test(line);
    const bareDash = !strong && BULLET.test(line) && (previousBlank || inDashList);
    if (strong || bareDash) bullets.push(at);
    if (blank) paragraphEnds.push(at);
    if (blank || strong) inDashList = false;
    else if (bareDash) inDashList = true;
    previousBlank = blank;
    at += line.length + 1;
  }
  return { bullets, paragraphEnds };
}

/** Where the text after `at` ends: the next bullet, the next empty line, or `limit`, whichever comes first. */
export function endAfter(layout: Layout, at: number, limit: number): number {
  return Math.min(...layout.bullets.filter((b) => b > at), ...layout.paragraphEnds.filter((p) => p > at), limit);
}

/** The start of the bullet `index` stands in, or -1 before the first bullet. */
export function bulletOf(layout: Layout, index: number): number {
  let found = -1;
  for (const b of layout.bullets) if (b <= index) found = b;
  return found;
}

/** Bullets that look like an agreement (a code, or the word "serviceaftale") but gave none. */
export function unreadableBullets(text: string, layout: Layout, used: ReadonlySet<number>): TaskWarning[] {
  const warnings: TaskWarning[] = [];
  // The bullets are line starts in text order, each once.
  for (const at of layout.bullets) {
    if (used.has(at)) continue;
    const body = oneLine(text.slice(at, endAfter(layout, at, text.length)).replace(BULLET, ''));
    // search(), not test(): a global pattern's test() leaves lastIndex behind, and matchAll elsewhere starts there.
    if (body.search(CODE_ANYWHERE) !== -1 || /serviceaftale/iu.test(body)) {
      warnings.push({ kind: 'unreadable', text: body.length > 120 ? `${body.slice(0, 119)}…` : body });
    }
  }
  return warnings;
}
