import { describe, it, expect } from 'vitest';
import { BUILTIN_PACK, type Pack } from '../../../src/core/pack';
import { createMatcher, type AgreementMatch } from '../../../src/core/match';

const A = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger';
const E = 'SF0770_E - Abonnement på hændelser vedr. eIndkomst';
const SDI = 'SF1470 - Sags- og Dokumentindeks';
const YI = 'SF1490 - Ydelsesindeks';
const CPR = 'SF1320 \u2013 CPR Hændelser';
const TAIL = ' - KP PROD \u2013 Aarhus Kommune';

const hit = (id: string, municipality: string | null = 'Aarhus Kommune'): AgreementMatch => ({ id, municipality });

/** The five names exactly as the task writes them, for Aarhus. */
const TASK_NAMES: [string, AgreementMatch][] = [
  [`${A} v3${TAIL}`, hit('SF0770_A')],
  [`${E} v3${TAIL}`, hit('SF0770_E')],
  [`${SDI} V3${TAIL}`, hit('SF1470')],
  [`${YI} V3${TAIL}`, hit('SF1490')],
  [CPR, hit('SF1320', null)],
];

/** Writing variants that must still be recognised. */
const VARIANTS: [string, string, AgreementMatch][] = [
  ['hyphens everywhere', 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD - Aarhus Kommune', hit('SF0770_A')],
  ['en dashes everywhere', 'SF0770_A \u2013 SKAT Indkomst \u2013 Opslag personoplysninger v3 \u2013 KP PROD \u2013 Aarhus Kommune', hit('SF0770_A')],
  ['em dashes everywhere', 'SF0770_A \u2014 SKAT Indkomst \u2014 Opslag personoplysninger v3 \u2014 KP PROD \u2014 Aarhus Kommune', hit('SF0770_A')],
  ['minus signs and figure dashes', 'SF0770_A \u2212 SKAT Indkomst \u2012 Opslag personoplysninger v3 \u2212 KP PROD \u2012 Aarhus Kommune', hit('SF0770_A')],
  ['dashes without spaces', 'SF0770_A-SKAT Indkomst-Opslag personoplysninger v3-KP PROD\u2013Aarhus Kommune', hit('SF0770_A')],
  ['dashes spaced on one side only', 'SF0770_A -SKAT Indkomst- Opslag personoplysninger v3 -KP PROD- Aarhus Kommune', hit('SF0770_A')],
  [
    'NBSP everywhere',
    'SF0770_A\u00A0-\u00A0SKAT\u00A0Indkomst\u00A0-\u00A0Opslag\u00A0personoplysninger\u00A0v3\u00A0-\u00A0KP\u00A0PROD\u00A0\u2013\u00A0Aarhus\u00A0Kommune',
    hit('SF0770_A'),
  ],
  ['doubled spaces, tabs and a newline', 'SF0770_A  -  SKAT\tIndkomst - Opslag\npersonoplysninger  v3 -  KP  PROD \u2013  Aarhus  Kommune', hit('SF0770_A')],
  ['upper-case V3 for a v3 pack version', `${A} V3${TAIL}`, hit('SF0770_A')],
  ['lower-case v3 for a V3 pack version', `${SDI} v3${TAIL}`, hit('SF1470')],
  ['all lower case', `${A} v3${TAIL}`.toLowerCase(), hit('SF0770_A', 'aarhus kommune')],
  ['all upper case, Danish letters too', `${E} v3${TAIL}`.toUpperCase(), hit('SF0770_E', 'AARHUS KOMMUNE')],
  [
    'zero-width chars inside code and words',
    'SF07\u200B70_A - SKAT\u200C Indkomst - Opslag person\u00ADoplysninger v\u200D3 - KP PROD\uFEFF \u2013 Aarhus Kommune',
    hit('SF0770_A'),
  ],
  ['a decomposed å in "på"', `SF0770_E - Abonnement pa\u030A hændelser vedr. eIndkomst v3${TAIL}`, hit('SF0770_E')],
  ['"SF 0770_E" with a space after SF (as in the task text)', `SF 0770_E - Abonnement på hændelser vedr. eIndkomst v3${TAIL}`, hit('SF0770_E')],
  ['"SF 0770_A" with an NBSP after SF', `SF\u00A00770_A - SKAT Indkomst - Opslag personoplysninger v3${TAIL}`, hit('SF0770_A')],
  ['title parts joined by "-" without spaces', `SF0770_A - SKAT Indkomst-Opslag personoplysninger v3${TAIL}`, hit('SF0770_A')],
  ['title parts joined by an en dash', `SF0770_A - SKAT Indkomst \u2013 Opslag personoplysninger v3${TAIL}`, hit('SF0770_A')],
  ['title parts joined by a space only', `SF0770_A - SKAT Indkomst Opslag personoplysninger v3${TAIL}`, hit('SF0770_A')],
  ['"Sags-og" without the space', `SF1470 - Sags-og Dokumentindeks V3${TAIL}`, hit('SF1470')],
  ['"Sags - og" with spaces around the hyphen', `SF1470 - Sags - og Dokumentindeks V3${TAIL}`, hit('SF1470')],
  ['"Sags\u2013 og" with an en dash', `SF1470 - Sags\u2013 og Dokumentindeks V3${TAIL}`, hit('SF1470')],
  ['leading label text', `Serviceaftale: ${YI} V3${TAIL}`, hit('SF1490')],
  ['leading text glued with a colon', `Serviceaftale:${YI} V3${TAIL}`, hit('SF1490')],
  ['trailing status text after the municipality', `${YI} V3${TAIL} Afventer godkendelse`, hit('SF1490')],
  ['a name split over elements and joined with spaces', 'SF1490 Ydelsesindeks V3 KP PROD Aarhus Kommune', hit('SF1490', null)],
  ['SF1320 in lower case', 'sf1320 - cpr hændelser', hit('SF1320', null)],
  ['SF1320 in upper case', 'SF1320 - CPR HÆNDELSER', hit('SF1320', null)],
  ['SF1320 with hyphen instead of en dash', 'SF1320 - CPR Hændelser', hit('SF1320', null)],
  ['SF1320 with the full suffix', `${CPR}${TAIL}`, hit('SF1320')],
  ['SF1320 with the system and no municipality', `${CPR} - KP PROD`, hit('SF1320', null)],
  ['SF1320 with a municipality and no system', `${CPR} \u2013 Aarhus Kommune`, hit('SF1320')],
  ['SF1320 followed by an unrelated status word', `${CPR} Afventer godkendelse`, hit('SF1320', null)],
  ['SF1320 followed by a status and then its own system', `${CPR} Godkendt KP PROD`, hit('SF1320', null)],
  ['a row where the system column repeats KP PROD', `${A} v3 - KP PROD KP PROD Netcompany`, hit('SF0770_A', null)],
  ['a row with status, system and supplier after the municipality', `${A} v3${TAIL} Godkendt KP PROD Netcompany`, hit('SF0770_A')],
  ['trailing text naming a test system only after three words', `${A} v3${TAIL} Afventer godkendelse KP TEST`, hit('SF0770_A')],
];

/** Look-alikes a municipality really has side by side (domain.md), and near misses. None may match. */
const LOOK_ALIKES: [string, string][] = [
  ['SF0770_A at older version v2', `${A} v2${TAIL}`],
  ['SF0770_E at older version v2', `${E} v2${TAIL}`],
  ['SF1470 at older version V2', `${SDI} V2${TAIL}`],
  ['SF1490 at older version V2', `${YI} V2${TAIL}`],
  ['SF0770_A at v1', `${A} v1${TAIL}`],
  ['SF0770_A at a newer v4', `${A} v4${TAIL}`],
  ['version v31', `${A} v31${TAIL}`],
  ['version v3.1', `${A} v3.1${TAIL}`],
  ['version v3,1', `${A} v3,1${TAIL}`],
  ['version v3b', `${A} v3b${TAIL}`],
  ['version written "v 3"', `${A} v 3${TAIL}`],
  ['no version where the pack has one', `${A}${TAIL}`],
  ['SF0770_A for KP TEST', `${A} v3 - KP TEST \u2013 Aarhus Kommune`],
  ['SF0770_E for Momentum PROD', `${E} v3 - Momentum PROD \u2013 Aarhus Kommune`],
  ['SF1470 for KMD Sag PROD', `${SDI} V3 - KMD Sag PROD \u2013 Aarhus Kommune`],
  ['SF1490 for "KP PRODX"', `${YI} V3 - KP PRODX \u2013 Aarhus Kommune`],
  ['SF1490 for "KP PROD2"', `${YI} V3 - KP PROD2 \u2013 Aarhus Kommune`],
  ['SF1490 for KP alone', `${YI} V3 - KP \u2013 Aarhus Kommune`],
  ['SF1490 for KP PROD followed by TEST', `${YI} V3 - KP PROD - TEST \u2013 Aarhus Kommune`],
  ['system missing where it is required', `${YI} V3`],
  ['system missing, municipality present', `${YI} V3 \u2013 Aarhus Kommune`],
  ['a longer code SF14700', `SF14700 - Sags- og Dokumentindeks V3${TAIL}`],
  ['a longer code SF0770_AB', `SF0770_AB - SKAT Indkomst - Opslag personoplysninger v3${TAIL}`],
  ['a code with a letter before it', `XSF0770_A - SKAT Indkomst - Opslag personoplysninger v3${TAIL}`],
  ['a code with a digit before it', `1SF1490 - Ydelsesindeks V3${TAIL}`],
  ['a code glued to an underscore', `X_SF1490 - Ydelsesindeks V3${TAIL}`],
  ['the E code with the A title', `SF0770_E - SKAT Indkomst - Opslag personoplysninger v3${TAIL}`],
  ['a longer title word', `SF1490 - Ydelsesindekset V3${TAIL}`],
  ['a title word missing', `SF0770_A - SKAT Indkomst - personoplysninger v3${TAIL}`],
  ['"Sags og" without its hyphen', `SF1470 - Sags og Dokumentindeks V3${TAIL}`],
  ['SF1320 with a longer title word', 'SF1320 \u2013 CPR Hændelserne'],
  ['SF1320 with an older version token', `${CPR} v2${TAIL}`],
  ['SF1320 with a version token and nothing else', `${CPR} V1`],
  ['SF1320 with a dashed version token', `${CPR} - v2 - KP PROD`],
  ['SF1320 for KP TEST', `${CPR} - KP TEST`],
  ['SF1320 for KP TEST with municipality', `${CPR} - KP TEST \u2013 Aarhus Kommune`],
  ['SF1320 for Momentum PROD', `${CPR} - Momentum PROD \u2013 Aarhus Kommune`],
  ['SF1320 for KMD Sag PROD', `${CPR} - KMD Sag PROD`],
  ['SF1320 for "KP PRODX"', `${CPR} - KP PRODX`],
  ['SF1320 for KP PREPROD', `${CPR} - KP PREPROD`],
  ['SF1320 for KP PRE-PROD', `${CPR} - KP PRE-PROD`],
  ['SF1320 for KP PRODUKTION', `${CPR} - KP PRODUKTION`],
  ['SF1320 for KP TEST2', `${CPR} - KP TEST2`],
  ['SF1320 for KP DEMO', `${CPR} - KP DEMO`],
  ['SF1320 for KP DEV', `${CPR} - KP DEV`],
  ['SF1320 for KP UDV', `${CPR} - KP UDV`],
  ['SF1320 for KP Udvikling', `${CPR} - KP Udvikling`],
  ['SF1320 for KP Staging', `${CPR} - KP Staging`],
  ['SF1320 for KP QA', `${CPR} - KP QA`],
  ['SF1320 followed by KP TEST without a dash', `${CPR} KP TEST`],
  ['SF1320 followed by a status and another system', `${CPR} Godkendt KP TEST`],
  ['SF1320 followed by its own system and then another', `${CPR} KP PROD KP TEST`],
  ['a bare code', 'SF0770_A'],
  ['two bare codes as in the task text', 'SF0770_A og SF 0770_E'],
  ['the code and title with no version or system (a breadcrumb)', A],
  ['empty text', ''],
  ['a status word only', 'Afventer godkendelse'],
];

describe('createMatcher(BUILTIN_PACK).match: recognises names', () => {
  const matcher = createMatcher(BUILTIN_PACK);

  it.each(TASK_NAMES)('recognises the task name %j', (text, expected) => {
    expect(matcher.match(text)).toEqual(expected);
  });

  it.each(VARIANTS)('recognises a variant: %s', (_, text, expected) => {
    expect(matcher.match(text)).toEqual(expected);
  });

  it.each(LOOK_ALIKES)('rejects a look-alike: %s', (_, text) => {
    expect(matcher.match(text)).toBeNull();
  });
});

describe('match: the municipality as written in the name', () => {
  const matcher = createMatcher(BUILTIN_PACK);
  const name = `${YI} V3 - KP PROD`;

  it.each([
    ['after an en dash', `${name} \u2013 Aarhus Kommune`, 'Aarhus Kommune'],
    ['folded spaces and trimmed', `${name} \u2013\u00A0 Aarhus  Kommune\u00A0`, 'Aarhus Kommune'],
    ['case kept', `${name} - AARHUS kommune`, 'AARHUS kommune'],
    ['cut after "Kommune" when a status follows', `${name} - Aarhus Kommune Afventer godkendelse`, 'Aarhus Kommune'],
    ['a genitive "Kommunes"', `${name} - Aarhus Kommunes`, 'Aarhus Kommunes'],
    ['"Regionskommune"', `${name} - Bornholms Regionskommune Godkendt`, 'Bornholms Regionskommune'],
    ['without a "Kommune" word', `${name} - Aarhus`, 'Aarhus'],
    ['cut at a comma', `${name} - Aarhus, Afventer godkendelse`, 'Aarhus'],
    ['cut at a parenthesis', `${name} - Aarhus (Netcompany)`, 'Aarhus'],
    ['cut at a following spaced dash', `${name} - Københavns Kommune - Godkendt`, 'Københavns Kommune'],
    ['an inner hyphen kept', `${name} - Lyngby\u2013Taarbæk Kommune`, 'Lyngby-Taarbæk Kommune'],
    ['a dash without spaces', `${name}\u2013Aarhus Kommune`, 'Aarhus Kommune'],
    ['none after the system', name, null],
    ['none for undashed trailing text', `${name} Afventer godkendelse`, null],
    ['none for a dangling dash', `${name} \u2013 `, null],
    ['none for a dash then punctuation', `${name} - (Aarhus)`, null],
  ])('%s', (_, text, municipality) => {
    expect(matcher.match(text)).toEqual({ id: 'SF1490', municipality });
  });
});

describe('match with a configured municipality', () => {
  const nameFor = (municipality: string) => `${A} v3 - KP PROD \u2013 ${municipality}`;

  it.each([
    ['Aarhus', 'Aarhus Kommune', true],
    ['Aarhus', 'Aarhus', true],
    ['Aarhus', 'AARHUS KOMMUNE', true],
    ['Aarhus Kommune', 'Aarhus', true],
    ['Aarhus Kommune', 'Aarhus Kommune', true],
    ['aarhus  kommune', 'Aarhus Kommune', true],
    [' Aarhus\u00A0Kommune ', 'Aarhus  Kommune', true],
    ['Aarhus', 'Aarhus Kommunes', true],
    ['Aarhus', 'Aarhus Kommune Afventer godkendelse', true],
    ['Aarhus', 'Aarhus Afventer godkendelse', true],
    ['Aarhus', 'Aarhus, Godkendt', true],
    ['København', 'Københavns Kommune', true],
    ['Københavns Kommune', 'København', true],
    ['Københavns Kommune', 'Københavns Kommune', true],
    ['KØBENHAVN', 'københavns kommune', true],
    ['Vesthimmerlands Kommune', 'Vesthimmerland', true],
    ['Bornholm', 'Bornholms Regionskommune', true],
    ['Lyngby-Taarbæk Kommune', 'Lyngby-Taarbæk Kommune', true],
    ['Lyngby\u2013Taarbæk', 'Lyngby-Taarbæk Kommune', true],
    ['Ikast-Brande', 'Ikast-Brande Kommune', true],
    ['Aarhus', 'Odense Kommune', false],
    ['Aarhus', 'Skanderborg', false],
    ['Aarhus', 'Aarhusbo Kommune', false],
    ['Lyngby', 'Lyngby-Taarbæk Kommune', false],
    ['Lyngby-Taarbæk', 'Lyngby Kommune', false],
    ['Ikast', 'Ikast-Brande Kommune', false],
    ['Frederiksberg', 'Frederikssund Kommune', false],
    ['Frederikssund', 'Frederiksberg Kommune', false],
    ['Ringkøbing-Skjern', 'Ringkøbing Kommune', false],
    ['København', 'Københavnerne', false],
  ])('configured %j, name says %j: match %s', (configured, municipality, matches) => {
    const result = createMatcher(BUILTIN_PACK, { municipality: configured }).match(nameFor(municipality));
    expect(result).toEqual(matches ? { id: 'SF0770_A', municipality: expect.any(String) } : null);
  });

  it.each([
    ['no municipality after the system', `${A} v3 - KP PROD`],
    ['SF1320 with no suffix', CPR],
    ['only undashed trailing text', `${A} v3 - KP PROD Afventer godkendelse`],
  ])('accepts a name that names no municipality: %s', (_, text) => {
    expect(createMatcher(BUILTIN_PACK, { municipality: 'Aarhus' }).match(text)).not.toBeNull();
  });

  it('rejects SF1320 named for another municipality', () => {
    expect(createMatcher(BUILTIN_PACK, { municipality: 'Aarhus' }).match(`${CPR} \u2013 Odense Kommune`)).toBeNull();
  });

  it.each([
    ['unset', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', ' \u00A0 '],
    ['only the word "Kommune"', 'Kommune'],
  ])('counts any municipality when the option is %s', (_, municipality) => {
    const matcher = createMatcher(BUILTIN_PACK, { municipality });
    expect(matcher.match(nameFor('Odense Kommune'))).toEqual(hit('SF0770_A', 'Odense Kommune'));
  });

  it('counts any municipality when no options are given', () => {
    expect(createMatcher(BUILTIN_PACK).match(nameFor('Odense Kommune'))).toEqual(hit('SF0770_A', 'Odense Kommune'));
  });
});

describe('match: several names in one text', () => {
  const aarhus = createMatcher(BUILTIN_PACK, { municipality: 'Aarhus' });

  it('returns the earliest name, not the first in pack order', () => {
    expect(aarhus.match(`${YI} V3${TAIL}; ${A} v3${TAIL}`)).toEqual(hit('SF1490'));
  });

  it('returns the earliest name when it is also first in pack order', () => {
    expect(aarhus.match(`${A} v3${TAIL}; ${YI} V3${TAIL}`)).toEqual(hit('SF0770_A'));
  });

  it('skips a look-alike and finds the real name after it', () => {
    expect(aarhus.match(`${A} v2${TAIL}; ${E} v3${TAIL}`)).toEqual(hit('SF0770_E'));
  });

  it('skips another municipality and finds the same agreement for ours', () => {
    expect(aarhus.match(`${A} v3 - KP PROD \u2013 Odense Kommune; ${A} v3${TAIL}`)).toEqual(hit('SF0770_A'));
  });
});

describe('mayContain', () => {
  const matcher = createMatcher(BUILTIN_PACK);

  it.each([...TASK_NAMES.map(([text]): [string, string] => ['task name', text]), ...VARIANTS.map(([what, text]): [string, string] => [what, text])])(
    'is true for every text match() recognises: %s',
    (_, text) => {
      expect(matcher.mayContain(text)).toBe(true);
    },
  );

  it.each([
    ['a bare code', 'SF1320'],
    ['lower case', 'sf0770_e'],
    ['"SF 0770_E" spacing', 'SF 0770_E'],
    ['several spaces after SF', 'SF   1490'],
    ['an NBSP after SF', 'SF\u00A00770_A'],
    ['a newline after SF', 'SF\n1470'],
    ['a zero-width space inside the digits', 'SF07\u200B70_A'],
    ['a soft hyphen before the underscore', 'SF0770\u00AD_E'],
    ['a code inside other text', 'Se aftalen SF1490 for detaljer'],
  ])('is true for %s', (_, text) => {
    expect(matcher.mayContain(text)).toBe(true);
  });

  it('is only a pre-filter: true for a look-alike that match() rejects', () => {
    const text = `${A} v2${TAIL}`;
    expect(matcher.mayContain(text)).toBe(true);
    expect(matcher.match(text)).toBeNull();
  });

  it.each([
    ['empty text', ''],
    ['a status word', 'Afventer godkendelse'],
    ['a municipality and system', 'KP PROD \u2013 Aarhus Kommune'],
    ['another service code', 'SF0771_A - Noget andet v3'],
    ['a code without its letters', '0770_A'],
    ['letters split by a hyphen', 'SF-0770_A'],
    ['a heading', 'Serviceaftaler'],
  ])('is false for %s', (_, text) => {
    expect(matcher.mayContain(text)).toBe(false);
  });
});

describe('createMatcher with another pack', () => {
  const base = BUILTIN_PACK.agreements[0];
  if (!base) throw new Error('builtin pack has no agreements');
  const pack: Pack = {
    ...BUILTIN_PACK,
    agreements: [
      { ...base, id: 'X1', code: 'XY12', title: 'Opslag (CPR) + data.ny', version: 'v2', itSystem: 'Momentum PROD' },
      { ...base, id: 'X2', code: '42', title: 'Uden bogstaver', version: null, itSystem: 'KP PROD', systemSuffixOptional: false },
      { ...base, id: 'X3', code: 'XY13', title: 'Med version', version: 'v2', itSystem: 'KP PROD', systemSuffixOptional: true },
    ],
  };
  const matcher = createMatcher(pack);

  it.each([
    ['regex characters in the title taken literally', 'XY12 - Opslag (CPR) + data.ny v2 - Momentum PROD \u2013 Aarhus', hit('X1', 'Aarhus')],
    ['a code without a letter prefix', '42 - Uden bogstaver - KP PROD', hit('X2', null)],
    ['a version with an optional system absent', 'XY13 - Med version V2', hit('X3', null)],
    ['a version then a full stop, optional system absent', 'XY13 - Med version v2.', hit('X3', null)],
    ['a version then its optional system', 'XY13 - Med version v2 - KP PROD \u2013 Aarhus', hit('X3', 'Aarhus')],
  ])('recognises %s', (_, text, expected) => {
    expect(matcher.mayContain(text)).toBe(true);
    expect(matcher.match(text)).toEqual(expected);
  });

  it.each([
    ['a title dot not taken as any character', 'XY12 - Opslag (CPR) + dataxny v2 - Momentum PROD'],
    ['the builtin system for a Momentum pack', 'XY12 - Opslag (CPR) + data.ny v2 - KP PROD'],
    ['a required system missing when version is null', '42 - Uden bogstaver'],
    ['a version token when the pack has none', '42 - Uden bogstaver v2 - KP PROD'],
    ['a code inside a longer number', '142 - Uden bogstaver - KP PROD'],
    ['v21 where the optional system leaves nothing to follow', 'XY13 - Med version v21'],
    ['v2.1 where the optional system leaves nothing to follow', 'XY13 - Med version v2.1'],
    ['v2,1 where the optional system leaves nothing to follow', 'XY13 - Med version v2,1'],
    ['v2b where the optional system leaves nothing to follow', 'XY13 - Med version v2b'],
    ['a version with an optional system, naming another', 'XY13 - Med version v2 - KP TEST'],
  ])('rejects %s', (_, text) => {
    expect(matcher.match(text)).toBeNull();
  });
});

describe('matcher on large hostile input (no catastrophic backtracking; finishing is the assertion)', () => {
  const MB = 1_000_000;
  const aarhus = createMatcher(BUILTIN_PACK, { municipality: 'Aarhus' });

  it.each([
    ['dashes and spaces', '- '.repeat(MB / 2), null],
    ['mixed dashes, NBSP and zero-width', ' \u2013\u00A0\u200B-'.repeat(MB / 5), null],
    ['repeated bare codes', 'SF0770_A - '.repeat(MB / 11), null],
    ['repeated code + title prefixes', `${A} - `.repeat(MB / 55), null],
    ['repeated "SF" followed by spaces', 'SF        '.repeat(MB / 10), null],
    ['a name followed by 1 MB of dashes', `${A} v3 - KP PROD ${'- '.repeat(MB / 2)}`, hit('SF0770_A', null)],
  ])('handles 1 MB of %s', (_, text, expected) => {
    aarhus.mayContain(text);
    expect(aarhus.match(text)).toEqual(expected);
  });

  it('checks every occurrence of a name for another municipality in 1 MB and finds none', () => {
    const text = `${A} v3 - KP PROD \u2013 Odense Kommune `.repeat(12_000);
    expect(aarhus.mayContain(text)).toBe(true);
    expect(aarhus.match(text)).toBeNull();
  });
});
