import { describe, it, expect } from 'vitest';
import { WORD_END, WORD_START, escapeRegExp, foldText, normalizeText } from '../../../src/core/normalize';

const UNICODE_SPACES: [string, string][] = [
  ['NBSP U+00A0', '\u00A0'],
  ...Array.from({ length: 11 }, (_, i): [string, string] => {
    const code = 0x2000 + i;
    return [`U+${code.toString(16).toUpperCase()}`, String.fromCharCode(code)];
  }),
  ['narrow NBSP U+202F', '\u202F'],
  ['medium math space U+205F', '\u205F'],
  ['ideographic space U+3000', '\u3000'],
  ['tab', '\t'],
  ['newline', '\n'],
  ['CRLF', '\r\n'],
  ['line separator U+2028', '\u2028'],
];

const ZERO_WIDTH: [string, string][] = [
  ['zero-width space U+200B', '\u200B'],
  ['zero-width non-joiner U+200C', '\u200C'],
  ['zero-width joiner U+200D', '\u200D'],
  ['BOM / zero-width no-break space U+FEFF', '\uFEFF'],
  ['soft hyphen U+00AD', '\u00AD'],
  ['word joiner U+2060', '\u2060'],
];

const DASHES: [string, string][] = [
  ['hyphen U+2010', '\u2010'],
  ['non-breaking hyphen U+2011', '\u2011'],
  ['figure dash U+2012', '\u2012'],
  ['en dash U+2013', '\u2013'],
  ['em dash U+2014', '\u2014'],
  ['horizontal bar U+2015', '\u2015'],
  ['minus sign U+2212', '\u2212'],
  ['fullwidth hyphen-minus U+FF0D', '\uFF0D'],
];

describe('normalizeText', () => {
  it.each(UNICODE_SPACES)('turns %s into a plain space', (_, space) => {
    expect(normalizeText(`KP${space}PROD`)).toBe('kp prod');
  });

  it.each(ZERO_WIDTH)('removes %s', (_, invisible) => {
    expect(normalizeText(`SF07${invisible}70_A`)).toBe('sf0770_a');
  });

  it.each(DASHES)('turns %s into "-"', (_, dash) => {
    expect(normalizeText(`KP PROD ${dash} Aarhus`)).toBe('kp prod - aarhus');
  });

  it.each([
    ['collapses runs of spaces', 'Aarhus   Kommune', 'aarhus kommune'],
    ['collapses mixed space kinds', 'Aarhus \u00A0\t\u2003 Kommune', 'aarhus kommune'],
    ['trims both ends', '  \u00A0Aarhus Kommune\n ', 'aarhus kommune'],
    ['collapses spaces around a removed zero-width char', 'a \u200B b', 'a b'],
    ['trims a leading BOM', '\uFEFFGodkendt', 'godkendt'],
    ['lower-cases Danish letters', 'ÆØÅ HÆNDELSER', 'æøå hændelser'],
    ['keeps Danish lower-case letters', 'æøå', 'æøå'],
    ['composes a decomposed å (NFC)', 'Pa\u030A', 'på'],
    ['composes a decomposed Å (NFC) and lower-cases it', 'A\u030Abenrå', 'åbenrå'],
    ['keeps ASCII hyphen, underscore and dots', 'SF0770_A vedr. e-Indkomst', 'sf0770_a vedr. e-indkomst'],
    ['keeps an empty string empty', '', ''],
    ['turns whitespace only into empty', ' \u00A0\t\n ', ''],
    ['turns zero-width only into empty', '\u200B\u00AD', ''],
  ])('%s', (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('composes a decomposed å into one code point', () => {
    expect(normalizeText('a\u030A')).toHaveLength(1);
  });

  it('normalises a whole agreement name written with every variant at once', () => {
    const raw = '\u00A0SF0770_A\u00A0\u2013 SKAT\u00A0 Indkomst \u2014 Opslag person\u00ADoplysninger V3 \u2212 KP\u200B PROD \u2013  Aarhus\u2003Kommune ';
    expect(normalizeText(raw)).toBe('sf0770_a - skat indkomst - opslag personoplysninger v3 - kp prod - aarhus kommune');
  });

  it.each(['Afventer  Godkendelse\u00A0', 'SF 0770\u2013E', 'Ø\u200Bstre\tLandsret'])('is idempotent on %j', (input) => {
    expect(normalizeText(normalizeText(input))).toBe(normalizeText(input));
  });
});

describe('foldText', () => {
  it.each([
    ['keeps letter case', 'KP\u00A0PROD \u2013 Aarhus Kommune', 'KP PROD - Aarhus Kommune'],
    ['keeps Danish capitals', ' Københavns\u200B  Kommune ', 'Københavns Kommune'],
  ])('%s', (_, input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('equals normalizeText up to case', () => {
    const raw = '  SF\u00A00770_E \u2014 Abonnement PÅ hændelser\u00AD ';
    expect(foldText(raw).toLocaleLowerCase('da')).toBe(normalizeText(raw));
  });
});

describe('escapeRegExp', () => {
  it.each(['.*+?^${}()|[]\\', 'vedr. eIndkomst', 'Opslag (CPR) + data', 'a-b_c/d'])('makes %j match itself literally under the u flag', (text) => {
    const pattern = new RegExp(`^${escapeRegExp(text)}$`, 'u');
    expect(pattern.test(text)).toBe(true);
    expect(pattern.test(`${text}x`)).toBe(false);
  });
});

describe('WORD_START / WORD_END', () => {
  const word = (w: string) => new RegExp(`${WORD_START}${w}${WORD_END}`, 'u');

  it.each([
    ['aktiv', 'inaktiv', false],
    ['aktiv', 'ikke aktiv', true],
    ['udløbet', 'udløbet.', true],
    ['løb', 'udløbet', false],
    ['hæn', 'hændelser', false],
    ['se', 'æse', false],
    ['se', 'se-nr', true],
    ['v3', 'v31', false],
  ])('finds %j in %j: %s (Danish letters are word letters)', (w, text, expected) => {
    expect(word(w).test(text)).toBe(expected);
  });
});
