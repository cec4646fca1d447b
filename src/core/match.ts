import type { Pack, PackAgreement } from './pack';
import { INVISIBLE_CHARS, WORD_END, WORD_START, escapeRegExp, foldText, normalizeText } from './normalize';

/**
 * Recognises the pack's agreements by name. A name reads
 *   CODE - TITLE [VERSION] - IT SYSTEM - MUNICIPALITY
 * e.g. "SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune".
 * Patterns run on foldText() output (dashes '-', single spaces, case kept) with the i flag, so the
 * municipality comes back as written. Every pattern is built once, in createMatcher.
 */

export interface MatchOptions {
  municipality?: string | null;
}

export interface AgreementMatch {
  id: string;
  /** The municipality as written in the name (spaces and dashes folded, case kept), or null when it names none. */
  municipality: string | null;
}

export interface AgreementMatcher {
  /**
   * Very cheap pre-filter on RAW (un-normalised) text: false means the text surely names no pack agreement.
   * One precompiled case-insensitive regex over the codes, tolerant of "SF 0770_E" spacing and invisible characters.
   */
  mayContain(rawText: string): boolean;
  /**
   * Which pack agreement (if any) this text fragment names. The fragment is typically the text of a link, heading,
   * cell or read-only input holding the agreement name; it may have a little leading text ("Serviceaftale: ...")
   * and trailing text after the municipality. Call it only when mayContain is true.
   */
  match(rawText: string): AgreementMatch | null;
  /**
   * Runs each of the matcher's patterns once on the pack's own names, one step per yield: a JavaScript engine
   * compiles a pattern on its first use, and these (Unicode classes, case-insensitive) take tens of
   * milliseconds each, which a caller can spread over several turns of the page instead of one.
   */
  warmUp(): Generator<void>;
}

/** A code is a token of its own: not XSF0770_A. Its end needs no check: a space or dash must follow (SF07700, SF0770_AB fail). */
const CODE_START = '(?<![\\p{L}\\p{N}_])';
/** Between name parts: " - " (any dash, folded), a bare "-", or a bare space (a name split over elements). */
const PART_GAP = '(?: ?- ?| )';
/** A hyphen inside a title ("Sags- og Dokumentindeks"): required, its spacing is not. */
const WORD_HYPHEN = ' ?- ?';
/** "v3" must not go on as "v31", "v3b" or "v3.1". */
const VERSION_END = '(?![\\p{L}\\p{N}_]|[.,]\\p{N})';
/** Any explicit version token right after the title, for agreements whose name carries none. */
const SOME_VERSION = `${PART_GAP}v\\d`;

/** How far past a matched name to look for the municipality; bounds the work per occurrence. */
const TAIL_WINDOW = 120;
const LEADING_DASH = /^ ?- ?/u;
/** Where the municipality part ends: a spaced dash or punctuation (an inner hyphen as in "Lyngby-Taarbæk" does not). */
const TAIL_PART_END = / -|- |[,;:|()[\]]/u;
/** "Kommune", its genitive, and Bornholm's "Regionskommune". */
const KOMMUNE = '(?:regions)?kommunes?';
const KOMMUNE_WORD = new RegExp(`${WORD_START}${KOMMUNE}${WORD_END}`, 'iu');
const ONLY_KOMMUNE = new RegExp(`^${KOMMUNE}$`, 'u');
/**
 * Environment words that mark an IT system ("KP TEST", "Momentum PROD", "KMD Sag PROD", "KP PRODX").
 * Looked for in the first words after a name, so a name that names another system is not taken.
 */
const ENVIRONMENT_WORD = new RegExp(`${WORD_START}(?:(?:pre-?)?prod[\\p{L}\\p{N}]*|test[\\p{L}\\p{N}]*|demo|dev|udv|udvikling|staging|qa)${WORD_END}`, 'iu');
const SYSTEM_WORDS_LOOKED_AT = 3;

/** Splits "SF0770_A" into "SF" and "0770_A": the task text itself writes "SF 0770_E". */
function splitCode(code: string): [letters: string, rest: string] | null {
  const parts = /^(\p{L}+)(\p{N}.*)$/u.exec(code);
  return parts && parts[1] !== undefined && parts[2] !== undefined ? [parts[1], parts[2]] : null;
}

function codePattern(code: string): string {
  const folded = foldText(code);
  const split = splitCode(folded);
  return split ? `${escapeRegExp(split[0])} ?${escapeRegExp(split[1])}` : escapeRegExp(folded);
}

/** A title or system: words escaped; " - " between parts may be "-", " – " or left out; inner hyphens keep. */
function phrasePattern(phrase: string): string {
  return foldText(phrase)
    .split(/( - | ?- ?| )/u)
    .map((piece) => {
      if (piece === ' - ') return PART_GAP;
      if (piece === ' ') return ' ';
      if (piece.trim() === '-') return WORD_HYPHEN;
      return escapeRegExp(piece);
    })
    .join('');
}

function namePattern(agreement: PackAgreement): string {
  const version =
    agreement.version === null
      ? // Conservative: a name with a version the pack does not expect may be an older or newer agreement.
        `(?!${SOME_VERSION})`
      : `${PART_GAP}${escapeRegExp(agreement.version)}${VERSION_END}`;
  const system = `${PART_GAP}${phrasePattern(agreement.itSystem)}${WORD_END}`;
  return (
    `${CODE_START}${codePattern(agreement.code)}${PART_GAP}${phrasePattern(agreement.title)}${WORD_END}` +
    `${version}${agreement.systemSuffixOptional ? `(?:${system})?` : system}`
  );
}

/** Pre-filter pattern for raw text: invisible characters anywhere in the code, any spaces after its letters. */
function rawCodePattern(code: string): string {
  const invisible = `[${INVISIBLE_CHARS}]*`;
  const chars = (text: string) => Array.from(text, escapeRegExp).join(invisible);
  const split = splitCode(code);
  return split ? `${chars(split[0])}[\\s${INVISIBLE_CHARS}]*${chars(split[1])}` : chars(code);
}

interface Tail {
  /** True when the tail is joined to the name by a dash, i.e. it is part of the name. */
  dashed: boolean;
  /** The first part of the tail, up to the next spaced dash or punctuation. */
  part: string;
}

function tailAfter(text: string, end: number): Tail {
  const window = text.slice(end, end + TAIL_WINDOW);
  const dash = LEADING_DASH.exec(window);
  const rest = dash ? window.slice(dash[0].length) : window;
  const partEnd = TAIL_PART_END.exec(rest);
  return { dashed: dash !== null, part: (partEnd ? rest.slice(0, partEnd.index) : rest).trim() };
}

/**
 * True when the first words after a name name an IT system other than the agreement's own
 * ("- KP TEST", "Godkendt KP TEST"); the own system there (a row's system column) is fine.
 */
function namesOtherSystem(part: string, ownSystem: RegExp): boolean {
  const firstWords = part.split(' ').slice(0, SYSTEM_WORDS_LOOKED_AT).join(' ');
  return ENVIRONMENT_WORD.test(firstWords.replace(ownSystem, ' '));
}

/** The municipality as written: up to and including a "Kommune" word, else the whole part; null when empty. */
function municipalityIn(part: string): string | null {
  const kommune = KOMMUNE_WORD.exec(part);
  const name = kommune ? part.slice(0, kommune.index + kommune[0].length) : part;
  return name === '' ? null : name;
}

/**
 * Builds the test for the configured municipality, or null when none is set. The configured name drops
 * "Kommune" and a genitive s; the name's municipality must start with what is left, an optional s, then end or
 * a non-letter ("Københavns Kommune" = "København", "Aarhus" = "Aarhus Kommune Afventer godkendelse"), since
 * unrelated text may follow. A following "-letter" keeps "Lyngby-Taarbæk" distinct from "Lyngby".
 */
function municipalityTest(configured: string | null | undefined): ((municipality: string) => boolean) | null {
  const core = normalizeText(configured ?? '')
    .split(' ')
    .filter((word) => !ONLY_KOMMUNE.test(word))
    .join(' ')
    .replace(/s$/u, '');
  if (core === '') return null;
  const pattern = new RegExp(`^${escapeRegExp(core)}s?(?![\\p{L}\\p{N}]|-\\p{L})`, 'u');
  return (municipality) => pattern.test(normalizeText(municipality));
}

export function createMatcher(pack: Pack, options: MatchOptions = {}): AgreementMatcher {
  const prefilter = new RegExp(pack.agreements.map((a) => rawCodePattern(a.code)).join('|'), 'iu');
  const agreements = pack.agreements.map((agreement) => ({
    id: agreement.id,
    name: new RegExp(namePattern(agreement), 'giu'),
    ownSystem: new RegExp(`${WORD_START}${phrasePattern(agreement.itSystem)}${WORD_END}`, 'giu'),
  }));
  const isConfiguredMunicipality = municipalityTest(options.municipality);

  return {
    *warmUp() {
      prefilter.test(pack.agreements[0]?.code ?? '');
      yield;
      for (const [i, compiled] of agreements.entries()) {
        const agreement = pack.agreements[i];
        const sample = agreement ? foldText(`${agreement.code} - ${agreement.title} ${agreement.version ?? ''} - ${agreement.itSystem} - x`) : '';
        for (const pattern of [compiled.name, compiled.ownSystem]) {
          pattern.lastIndex = 0;
          pattern.test(sample);
          pattern.lastIndex = 0;
          yield;
        }
      }
      namesOtherSystem('x prod', /x/u);
      municipalityIn('x kommune');
      isConfiguredMunicipality?.('x');
      yield;
    },
    mayContain: (rawText) => prefilter.test(rawText),
    match(rawText) {
      const text = foldText(rawText);
      // The earliest acceptable name in the fragment wins, whatever the pack order.
      let best: { index: number; match: AgreementMatch } | null = null;
      for (const agreement of agreements) {
        for (const found of text.matchAll(agreement.name)) {
          if (best && found.index >= best.index) break;
          const tail = tailAfter(text, found.index + found[0].length);
          if (namesOtherSystem(tail.part, agreement.ownSystem)) continue;
          const municipality = tail.dashed ? municipalityIn(tail.part) : null;
          if (municipality !== null && isConfiguredMunicipality && !isConfiguredMunicipality(municipality)) continue;
          best = { index: found.index, match: { id: agreement.id, municipality } };
          break;
        }
      }
      return best?.match ?? null;
    },
  };
}
