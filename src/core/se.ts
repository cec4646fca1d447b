import type { LabelledValue, SeCheck, SeFinding } from './types';
import { WORD_END, WORD_START, normalizeText } from './normalize';
import builtinProfile from '../portal/profile.json';

/**
 * SE numbers: 8 digits, maybe grouped ("12 34 56 78", "1234 5678", "12.34.56.78", "12-34-56-78").
 * Patterns run on normalizeText() output: lower case, single spaces, every dash folded to '-'.
 */
const DIGIT_GAP = '(?: ?[.-] ?| )';
const EIGHT_DIGITS = `\\d(?:${DIGIT_GAP}?\\d){7}`;
/** A ninth digit after the eighth means a longer number (CPR, phone, account), not an SE number. */
const NO_MORE_DIGITS = `(?!${DIGIT_GAP}?\\d)`;
const SE_DIGITS = new RegExp(`^${EIGHT_DIGITS}$`, 'u');

const MODULUS_11_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** Eight digits anywhere, whatever lies between them: every SE number a value can hold has them. */
const EIGHT_DIGITS_SOMEWHERE = /(?:\d\D*){8}/u;

function digitsOnly(text: string): string {
  return text.replace(/\D/gu, '');
}

/** "12345678", "12 34 56 78", "1234 5678", with NBSP or dots/hyphens between groups -> "12345678"; anything else -> null. */
export function parseSeDigits(value: string): string | null {
  const text = normalizeText(value);
  return SE_DIGITS.test(text) ? digitsOnly(text) : null;
}

/** Danish modulus-11: weights 2,7,6,5,4,3,2,1, weighted sum % 11 === 0, first digit not 0. */
export function isModulus11(digits: string): boolean {
  if (!/^[1-9]\d{7}$/u.test(digits)) return false;
  const sum = MODULUS_11_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  return sum % 11 === 0;
}

/** The found numbers that fail modulus 11, each judged on its own (a check's `suspect` says only "some"). */
export function suspectNumbers(se: Pick<SeCheck, 'found'>): string[] {
  return se.found.filter((value) => !isModulus11(value));
}

/** How SE and CVR numbers are labelled (the portal profile's `seLabels`, `bareSeLabel`, `cvrLabels`). */
export interface SeLabelWords {
  /** Regex sources matched at a word start in a normalised label: "se[ .-]{0,3}(?:nummer|nr|...)". */
  seLabels: readonly string[];
  /** Regex source for a label that is "SE" alone, maybe with a note ("SE (eIndkomst):"). */
  bareSeLabel: string;
  /** Regex sources matched at a word start: any of them makes a label a CVR label. */
  cvrLabels: readonly string[];
}

export interface SeReader {
  /** Classify a label. A label mentioning CVR at all ("CVR/SE", "CVR- og SE-nr.") is 'cvr', never taken as SE. */
  classifyLabel(label: string): 'se' | 'cvr' | 'other';
  /**
   * Finds the SE number among labelled values. An SE-labelled value counts whole; every value not labelled
   * CVR (free text has label '', but a "Parametre" value may hold "SE-nr.: ..." too) is searched for inline
   * SE labels. A CVR-labelled value is never searched.
   */
  findSe(entries: readonly LabelledValue[]): SeFinding;
  /** findSe in steps: adds the SE numbers `entries` hold to `into` (a caller may yield between batches); then seFinding. */
  collectSe(entries: readonly LabelledValue[], into: Set<string>): void;
}

/**
 * Technical parameter keys written as one word ("AbonnentSENummer", "VirksomhedSENummerIdentifikator",
 * "abonnent_se_nr") read as words: a space at each lower-to-upper step, before the last capital of a run
 * of capitals followed by a lower-case letter, and for each underscore.
 */
export function splitIdentifier(text: string): string {
  return text
    .replace(/_/gu, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
}

/** The forms a label or value is read in: as written, and with technical keys split into words. */
function readings(text: string): string[] {
  const plain = normalizeText(text);
  const split = normalizeText(splitIdentifier(text));
  return split === plain ? [plain] : [plain, split];
}

export function compileSeLabels(words: SeLabelWords): SeReader {
  const seWords = `(?:${words.seLabels.join('|')})${WORD_END}`;
  const cvrWords = `(?:${words.cvrLabels.join('|')})`;
  const seLabel = new RegExp(`${WORD_START}${seWords}`, 'u');
  const bareSeLabel = new RegExp(words.bareSeLabel, 'u');
  const cvrLabel = new RegExp(`${WORD_START}${cvrWords}`, 'u');
  /**
   * An inline SE label and its number: "SE-nr.: 12345678; ...", "SE-nummer 12 34 56 78", "SE (eIndkomst): ...",
   * "AbonnentSENummer=12345678", "SE-nummer for abonnementet: 12345678" (words between only before a colon),
   * JSON ("\"AbonnentSENummer\": \"12345678\"").
   * Not after a nearby "CVR" with no digits between ("CVR/SE", "CVR- og SE-nr."): such a number is labelled CVR.
   */
  const inlineSe = new RegExp(
    `(?<!${WORD_START}${cvrWords}[^\\p{N};]{0,16})${WORD_START}` +
      `(?:${seWords}\\.?(?:(?: (?!${cvrWords})\\p{L}+){1,2}(?=["']? ?[:=]))?|se)` +
      `(?: ?\\([^()]{0,40}\\))?["']? ?[:=]? ?["']?(?<digits>${EIGHT_DIGITS})${NO_MORE_DIGITS}`,
    'gu',
  );

  const classifyLabel = (label: string): 'se' | 'cvr' | 'other' => {
    const forms = readings(label);
    if (forms.some((text) => cvrLabel.test(text))) return 'cvr';
    return forms.some((text) => seLabel.test(text) || bareSeLabel.test(text)) ? 'se' : 'other';
  };

  const collectSe = (entries: readonly LabelledValue[], values: Set<string>): void => {
    for (const { label, value } of entries) {
      // Cheap first: a value with fewer than eight digits holds no SE number (a large page has thousands of values).
      if (!EIGHT_DIGITS_SOMEWHERE.test(value)) continue;
      const kind = classifyLabel(label);
      if (kind === 'cvr') continue;
      const whole = kind === 'se' ? parseSeDigits(value) : null;
      if (whole !== null) {
        values.add(whole);
        continue;
      }
      for (const text of readings(value)) {
        for (const inline of text.matchAll(inlineSe)) values.add(digitsOnly(inline.groups?.digits ?? ''));
      }
    }
  };
  const findSe = (entries: readonly LabelledValue[]): SeFinding => {
    const values = new Set<string>();
    collectSe(entries, values);
    return seFinding(values);
  };

  return { classifyLabel, findSe, collectSe };
}

/** What the SE numbers found say: none, one, or several (ambiguous, sorted). */
export function seFinding(values: ReadonlySet<string>): SeFinding {
  const sorted = [...values].sort();
  const [first] = sorted;
  if (first === undefined) return { kind: 'missing' };
  return sorted.length === 1 ? { kind: 'found', value: first } : { kind: 'ambiguous', values: sorted };
}

const builtin = compileSeLabels(builtinProfile);
/** With the built-in portal profile's label words. */
export const classifyLabel = builtin.classifyLabel;
/** With the built-in portal profile's label words. */
export const findSe = builtin.findSe;
/** With the built-in portal profile's label words. */
export const collectSe = builtin.collectSe;

/**
 * Verdict of the SE check. expectedSe may be grouped ("1374 8136"); blank counts as not configured.
 * An ambiguous finding never matches, even when one of its values is the expected one.
 */
export function checkSe(finding: SeFinding, expectedSe: string | null): SeCheck {
  const found = finding.kind === 'found' ? [finding.value] : finding.kind === 'ambiguous' ? [...finding.values] : [];
  const expected = expectedSe !== null && expectedSe.trim() !== '' ? expectedSe : null;
  const suspect = found.some((value) => !isModulus11(value));
  if (finding.kind === 'missing') return { verdict: 'missing', found, expected, suspect };
  if (expected === null) return { verdict: 'unconfigured', found, expected, suspect };
  const matches = finding.kind === 'found' && finding.value === (parseSeDigits(expected) ?? expected);
  return { verdict: matches ? 'match' : 'mismatch', found, expected, suspect };
}

export type ExpectedSeValidation = { ok: true; value: string } | { ok: false; reason: 'empty' | 'format' | 'modulus11' };

/** Validates what a user typed as the expected SE: grouping allowed; 8 digits; modulus 11. */
export function validateExpectedSe(input: string): ExpectedSeValidation {
  if (normalizeText(input) === '') return { ok: false, reason: 'empty' };
  const digits = parseSeDigits(input);
  if (digits === null) return { ok: false, reason: 'format' };
  return isModulus11(digits) ? { ok: true, value: digits } : { ok: false, reason: 'modulus11' };
}
