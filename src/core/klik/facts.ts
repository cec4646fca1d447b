/** The task's own facts in its text: code and title, deadline, supplier, the stated count, the SE sentences. */
import { CODE_ANYWHERE, codeOf, oneLine } from './tokens';

const TASK_CODE = /\(\s*(\p{Lu}{1,4}) ?(\d{1,3}[a-z]?)\s*\)[ \t\u00A0]*([^\n]*)/u;
const TITLE_LINE = /^[ \t\u00A0]*Opgavetitel[ \t\u00A0:]+([^\n]+)/imu;
const DEADLINE = /^[ \t\u00A0]*Slutdato[ \t\u00A0:]*([^\n]*\S)/imu;
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{N}&.'-]*";
const SUPPLIER_PATTERNS = [
  new RegExp(`(${NAME_WORD}(?: ${NAME_WORD}){0,3}) anmoder (?:jer |kommunen )?om (?:godkendelse|at godkende)`, 'u'),
  new RegExp(`[Ll]everandøren af [^,]{1,40}, (${NAME_WORD}(?: ${NAME_WORD}){0,3}),`, 'u'),
  new RegExp(`Leverandør(?:en)?:? (${NAME_WORD}(?: ${NAME_WORD}){0,3})`, 'u'),
];
const NUMBER_WORDS: Record<string, number> = {
  en: 1,
  et: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
  elleve: 11,
  tolv: 12,
};
const STATED_COUNT = new RegExp(
  `(?<![\\p{L}])(?:de|følgende|disse|alle|godkende)\\s+(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})\\s+` +
    `(?:(?:anmodede|nye|følgende|nævnte|ovennævnte)\\s+)?serviceaftaler(?![\\p{L}])`,
  'iu',
);
/** A sentence about checking the SE number. */
const SE_WORD = /(?<![\p{L}\p{N}])SE[- ]?(?:nummer|nummeret|numre|nr\.?)(?![\p{L}])/iu;
const CHECK_WORD = /verific|kontroll|tjek|check|korrekt|rigtig|passer/iu;

/** The task's code ("SF 02"), title and heading ("(SF 02) Godkend serviceaftaler"), each null when absent. */
export function readHeading(text: string): { code: string | null; title: string | null; heading: string | null } {
  let code: string | null = null;
  let title: string | null = null;
  const titleLine = TITLE_LINE.exec(text)?.[1] ?? null;
  const codeMatch = TASK_CODE.exec(titleLine ?? text);
  if (codeMatch) {
    code = `${codeMatch[1]} ${codeMatch[2]}`.toUpperCase();
    title = oneLine(codeMatch[3] ?? '') || null;
  } else if (titleLine) {
    title = oneLine(titleLine) || null;
  }
  const heading = code && title ? `(${code}) ${title}` : (title ?? (code ? `(${code})` : null));
  return { code, title, heading };
}

/** The "Slutdato" as written, or null. */
export function readDeadline(text: string): string | null {
  return DEADLINE.exec(text)?.[1]?.trim() ?? null;
}

/** The supplier named in the text; `flat` is the text on one line. */
export function readSupplier(text: string, flat: string): string | null {
  // Lines kept: a supplier's name never runs on from the line before ("Beskrivelse\nKMD anmoder ...").
  const lined = text.replace(/[ \t\u00A0]+/gu, ' ');
  for (const [i, pattern] of SUPPLIER_PATTERNS.entries()) {
    const found = pattern.exec(i === 1 ? flat : lined);
    if (found?.[1]) return found[1];
  }
  return null;
}

/** How many agreements the text (on one line) says it asks for ("de 4 anmodede serviceaftaler"), or null. */
export function statedCount(flat: string): number | null {
  const stated = STATED_COUNT.exec(flat);
  if (!stated) return null;
  const word = stated[1]!.toLocaleLowerCase('da');
  return NUMBER_WORDS[word] ?? Number(word);
}

/** Sentences (for finding the SE ones): a full stop, "?" or "!" before a capital, a bullet, or an empty line. */
function sentences(text: string): string[] {
  return text
    .split(/\n[ \t\u00A0]*\n|(?<=[.!?])\s+(?=[\p{Lu}\d•])|\n(?=[ \t]*[•·▪])|\n(?=\s*\d+\))/u)
    .map(oneLine)
    .filter(Boolean);
}

/** The codes named in the sentences about verifying the SE number, in text order (repeats kept). */
export function seCheckCodes(text: string): string[] {
  const codes: string[] = [];
  for (const sentence of sentences(text)) {
    if (!SE_WORD.test(sentence) || !CHECK_WORD.test(sentence)) continue;
    for (const found of sentence.matchAll(CODE_ANYWHERE)) codes.push(codeOf(found[1]!, found[2]!, found[3]));
  }
  return codes;
}
