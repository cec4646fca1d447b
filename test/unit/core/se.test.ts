import { describe, it, expect } from 'vitest';
import { checkSe, classifyLabel, findSe, isModulus11, parseSeDigits, validateExpectedSe, type ExpectedSeValidation } from '../../../src/core/se';
import type { LabelledValue, SeCheck, SeFinding } from '../../../src/core/types';

/** Modulus-11 valid (domain.md), and one that is not. */
const VALID = ['13748136', '29189757', '55133018', '66945529', '38025341'];
const INVALID = '13585627';

describe('parseSeDigits', () => {
  it.each([
    ['plain', '13748136'],
    ['pairs with spaces', '13 74 81 36'],
    ['two groups of four', '1374 8136'],
    ['pairs with NBSP', '13\u00A074\u00A081\u00A036'],
    ['groups with narrow NBSP', '1374\u202F8136'],
    ['pairs with dots', '13.74.81.36'],
    ['pairs with hyphens', '13-74-81-36'],
    ['pairs with en dashes', '13\u201374\u201381\u201336'],
    ['spaced hyphens', '13 - 74 - 81 - 36'],
    ['doubled spaces', '13  74  81  36'],
    ['surrounding whitespace', ' \u00A013748136\n'],
    ['a zero-width space inside', '1374\u200B8136'],
  ])('reads %s', (_, value) => {
    expect(parseSeDigits(value)).toBe('13748136');
  });

  it('keeps a leading zero (format only; modulus 11 is checked elsewhere)', () => {
    expect(parseSeDigits('0012 3456')).toBe('00123456');
  });

  it.each([
    ['7 digits', '1374813'],
    ['9 digits', '137481360'],
    ['9 digits grouped', '137 481 360'],
    ['10 digits grouped like a phone number', '12 34 56 78 90'],
    ['a letter in place of a digit', '1374813a'],
    ['a label before the digits', 'SE 13748136'],
    ['text after the digits', '13748136 (eIndkomst)'],
    ['a trailing full stop', '13748136.'],
    ['two separators in a row', '13..74.81.36'],
    ['a slash between groups', '1374/8136'],
    ['a country prefix', '+4513748136'],
    ['non-ASCII digits', '\u0967\u0969\u096D\u096A\u096E\u0967\u0969\u096C'],
    ['empty', ''],
    ['whitespace', '  '],
  ])('rejects %s', (_, value) => {
    expect(parseSeDigits(value)).toBeNull();
  });
});

describe('isModulus11', () => {
  it.each(VALID)('accepts %s', (digits) => {
    expect(isModulus11(digits)).toBe(true);
  });

  it.each([
    ['a weighted sum not divisible by 11', INVALID],
    ['one digit off a valid number', '13748137'],
    ['a leading zero even when the sum divides by 11', '00000019'],
    ['7 digits', '1374813'],
    ['9 digits', '137481360'],
    ['grouped digits (takes digits only)', '1374 8136'],
    ['letters', 'abcdefgh'],
    ['empty', ''],
  ])('rejects %s', (_, digits) => {
    expect(isModulus11(digits)).toBe(false);
  });
});

describe('classifyLabel', () => {
  it.each([
    'SE-nummer',
    'SE-nr.',
    'SE nr',
    'SE-no.',
    'SE nr.:',
    'SE nummer',
    'SE',
    'se',
    'SE:',
    'SE-nummer (eIndkomst)',
    'SE (eIndkomst)',
    'SE \u2013 nr.',
    'SE\u00A0nr.',
    'SEnr',
    'SE number',
    'Se-Nummer',
    'SE-NR',
    'Kommunens SE-nummer',
    'SE-nummeret',
    'SE-nummer (abonnent)',
    'Abonnent SE-nr.',
    'AbonnentSENummer',
    'VirksomhedSENummerIdentifikator',
    'abonnent_se_nr',
    'SENummer',
    'seNummer',
  ])('classifies %j as se', (label) => {
    expect(classifyLabel(label)).toBe('se');
  });

  it.each([
    'CVR',
    'CVR-nr.',
    'CVR-nummer:',
    'cvr nummer',
    'Myndighed CVR',
    'Leverandør (CVR)',
    'CVR/SE',
    'SE/CVR',
    'CVR- og SE-nummer',
    'SE- og CVR-nr.',
    'VirksomhedCVRNummerIdentifikator',
    'MyndighedCVRNummer',
    'cvr_nummer',
  ])('classifies %j as cvr (never SE, even when SE is mentioned)', (label) => {
    expect(classifyLabel(label)).toBe('cvr');
  });

  it.each([
    '',
    'Abonnementskode',
    'Se detaljer',
    'Kasse nr',
    'Rejse nr.',
    'Sender nr',
    'Sag nr.',
    'P-nummer',
    'Serviceaftale',
    'Status',
    'Service',
    'SE-nummerserie',
    'AbonnementTypeKode',
    'AbonnentTypeKode',
    'SekundærNummer',
    'SagsNr',
  ])('classifies %j as other', (label) => {
    expect(classifyLabel(label)).toBe('other');
  });
});

const se = (value: string): LabelledValue => ({ label: 'SE-nr.', value });
const cvr = (value: string): LabelledValue => ({ label: 'CVR-nr.', value });
const text = (value: string): LabelledValue => ({ label: '', value });
const found = (value: string): SeFinding => ({ kind: 'found', value });
const missing: SeFinding = { kind: 'missing' };

describe('findSe', () => {
  it.each([
    ['a technical key with =', 'AbonnentSENummer=38025341; AbonnementTypeKode=E', '38025341'],
    ['a technical key with a colon', 'VirksomhedSENummerIdentifikator: 38 02 53 41', '38025341'],
    ['words between the label and its colon', 'SE-nummer for abonnementet: 38025341', '38025341'],
    ['a qualified label', 'Abonnent SE-nr. 38025341', '38025341'],
    ['JSON', '{"AbonnentSENummer": "38025341", "AbonnementTypeKode": "E"}', '38025341'],
  ])('finds the SE inline in %s', (_what, value, digits) => {
    expect(findSe([text(value)])).toEqual(found(digits));
  });

  it.each([
    ['CVR between the SE words and the colon', 'SE-nr. og CVR: 38025341'],
    ['a technical CVR key', 'VirksomhedCVRNummerIdentifikator=38025341'],
    ['a JSON CVR key', '{"MyndighedCVRNummer": "38025341"}'],
    ['a key that only starts like SE', 'SekundærNummer=38025341'],
  ])('finds no SE in %s', (_what, value) => {
    expect(findSe([text(value)])).toEqual(missing);
  });

  it.each(['SE-nummer', 'SE-nr.', 'SE nr', 'SE-no.', 'SE nr.:', 'SE-nummer (eIndkomst)', 'SE'])('takes the value labelled %j', (label) => {
    expect(findSe([{ label, value: '13748136' }])).toEqual(found('13748136'));
  });

  it.each([
    ['a labelled grouped value', [se('13 74 81 36')], found('13748136')],
    ['a labelled value with NBSP groups', [se('1374\u00A08136')], found('13748136')],
    ['a labelled value holding its own inline label', [se('SE-nr.: 13748136')], found('13748136')],
    ['a labelled value failing modulus 11 (suspect, still found)', [se(INVALID)], found(INVALID)],
    ['inline with a semicolon after', [text('SE-nr.: 13748136; Abonnementskode: ABC')], found('13748136')],
    ['inline "SE-nummer" with grouped digits', [text('SE-nummer 13 74 81 36')], found('13748136')],
    ['inline "SE nr." with two groups', [text('SE nr. 1374 8136')], found('13748136')],
    ['inline "SE-no."', [text('SE-no. 13748136')], found('13748136')],
    ['inline "SE:"', [text('SE: 13748136')], found('13748136')],
    ['inline "SE-nummeret:"', [text('SE-nummeret: 13748136')], found('13748136')],
    ['inline with a note before the colon', [text('SE-nummer (eIndkomst): 13748136')], found('13748136')],
    ['inline in lower case with an en dash', [text('se\u2013nr 13748136')], found('13748136')],
    ['inline followed by a date', [text('SE-nr. 13748136 (oprettet 03-01-2025)')], found('13748136')],
    ['inline inside a value with another label', [{ label: 'Parametre', value: 'SE-nr.: 13748136; Abonnementskode: ABC' }], found('13748136')],
    ['inline after a CVR number', [text('CVR-nr. 29189757, SE-nr. 55133018')], found('55133018')],
    ['inline after a CVR without digits, past a semicolon', [text('CVR: ukendt; SE-nr. 13748136')], found('13748136')],
    ['inline after a CVR number and a municipality', [text('Myndighed: Aarhus Kommune, CVR 29189757, SE-nr. 13748136')], found('13748136')],
    ['SE beside a CVR pair', [cvr('29189757'), se('55133018')], found('55133018')],
    ['SE equal to the CVR number', [cvr('29189757'), se('29 18 97 57')], found('29189757')],
    ['the same SE twice, written differently', [se('13748136'), text('SE-nr. 13 74 81 36')], found('13748136')],
  ])('finds %s', (_, entries, expected) => {
    expect(findSe(entries)).toEqual(expected);
  });

  it.each([
    ['no entries', []],
    ['a CVR-labelled pair', [cvr('29189757')]],
    ['every CVR label form', ['CVR', 'Myndighed CVR', 'Leverandør (CVR)', 'CVR/SE', 'CVR- og SE-nummer'].map((label) => ({ label, value: '29189757' }))],
    ['an inline SE label inside a CVR-labelled value', [{ label: 'CVR', value: 'SE-nr. 29189757' }]],
    ['inline "CVR:"', [text('CVR: 29189757')]],
    ['inline "CVR-nr."', [text('Myndighed: Aarhus Kommune, CVR-nr. 29189757')]],
    ['inline "CVR/SE-nr."', [text('CVR/SE-nr.: 29189757')]],
    ['inline "CVR- og SE-nummer"', [text('CVR- og SE-nummer: 29189757')]],
    ['inline "CVR-nr. og SE-nr."', [text('CVR-nr. og SE-nr.: 29189757')]],
    ['inline "SE/CVR"', [text('SE/CVR: 29189757')]],
    ['inline "SE- og CVR-nr."', [text('SE- og CVR-nr.: 29189757')]],
    ['a labelled 9-digit value', [se('137481360')]],
    ['a labelled 7-digit value', [se('1374813')]],
    ['a labelled phone-like 10-digit value', [se('12 34 56 78 90')]],
    ['inline 9 digits', [text('SE-nr. 137481360')]],
    ['inline 7 digits', [text('SE-nr. 1374813; Abonnementskode: ABC')]],
    ['inline phone-like 10 digits', [text('SE-nr.: 12 34 56 78 90')]],
    ['a bare number in free text', [text('13748136')]],
    ['a number after "Kasse nr."', [text('Kasse nr. 13748136')]],
    ['a number under "Se detaljer"', [{ label: 'Se detaljer', value: '13748136' }]],
    ['a number under another label', [{ label: 'Abonnementskode', value: '13748136' }]],
    ['an SE label with no number', [text('SE-nr.: (ikke angivet)')]],
  ])('finds nothing in %s', (_, entries) => {
    expect(findSe(entries)).toEqual(missing);
  });

  it.each([
    ['two labelled values', [se('29189757'), se('13748136')]],
    ['a labelled and an inline value', [text('SE-nr. 29189757'), se('1374 8136')]],
    ['two inline values in one text', [text('SE-nr. 29189757; SE-nr. 13748136')]],
  ])('reports two different SE values in %s as ambiguous, sorted', (_, entries) => {
    expect(findSe(entries)).toEqual({ kind: 'ambiguous', values: ['13748136', '29189757'] });
  });

  it('finds an SE after 1 MB of near-labels (finishing is the assertion)', () => {
    expect(findSe([text(`${'SE-nr. cvr se 1 2 '.repeat(55_000)}SE-nr. 13748136`)])).toEqual(found('13748136'));
  });
});

describe('checkSe', () => {
  const ambiguous: SeFinding = { kind: 'ambiguous', values: ['13748136', '29189757'] };

  it.each<[string, SeFinding, string | null, SeCheck]>([
    ['missing, nothing expected', missing, null, { verdict: 'missing', found: [], expected: null, suspect: false }],
    ['missing, SE expected', missing, '13748136', { verdict: 'missing', found: [], expected: '13748136', suspect: false }],
    ['found, nothing expected', found('13748136'), null, { verdict: 'unconfigured', found: ['13748136'], expected: null, suspect: false }],
    ['found, blank expected', found('13748136'), '  ', { verdict: 'unconfigured', found: ['13748136'], expected: null, suspect: false }],
    ['ambiguous, nothing expected', ambiguous, null, { verdict: 'unconfigured', found: ['13748136', '29189757'], expected: null, suspect: false }],
    ['found equal to expected', found('13748136'), '13748136', { verdict: 'match', found: ['13748136'], expected: '13748136', suspect: false }],
    ['found equal to a grouped expected', found('13748136'), '1374 8136', { verdict: 'match', found: ['13748136'], expected: '1374 8136', suspect: false }],
    ['found different from expected', found('29189757'), '13748136', { verdict: 'mismatch', found: ['29189757'], expected: '13748136', suspect: false }],
    [
      'ambiguous though one value is expected',
      ambiguous,
      '13748136',
      { verdict: 'mismatch', found: ['13748136', '29189757'], expected: '13748136', suspect: false },
    ],
    ['found failing modulus 11, equal to expected', found(INVALID), INVALID, { verdict: 'match', found: [INVALID], expected: INVALID, suspect: true }],
    ['found failing modulus 11, nothing expected', found(INVALID), null, { verdict: 'unconfigured', found: [INVALID], expected: null, suspect: true }],
    [
      'found failing modulus 11, different from expected',
      found(INVALID),
      '13748136',
      { verdict: 'mismatch', found: [INVALID], expected: '13748136', suspect: true },
    ],
    [
      'ambiguous with one value failing modulus 11',
      { kind: 'ambiguous', values: [INVALID, '13748136'] },
      '13748136',
      { verdict: 'mismatch', found: [INVALID, '13748136'], expected: '13748136', suspect: true },
    ],
  ])('%s', (_, finding, expected, result) => {
    expect(checkSe(finding, expected)).toEqual(result);
  });

  it("does not share the finding's array", () => {
    const finding: SeFinding = { kind: 'ambiguous', values: ['13748136', '29189757'] };
    checkSe(finding, null).found.push('x');
    expect(finding.values).toEqual(['13748136', '29189757']);
  });
});

describe('validateExpectedSe', () => {
  it.each<[string, string, ExpectedSeValidation]>([
    ['empty', '', { ok: false, reason: 'empty' }],
    ['spaces', '   ', { ok: false, reason: 'empty' }],
    ['an NBSP', '\u00A0', { ok: false, reason: 'empty' }],
    ['plain digits', '13748136', { ok: true, value: '13748136' }],
    ['pairs with spaces', '13 74 81 36', { ok: true, value: '13748136' }],
    ['two groups of four', '1374 8136', { ok: true, value: '13748136' }],
    ['surrounding spaces', ' 13748136 ', { ok: true, value: '13748136' }],
    ['7 digits', '1374813', { ok: false, reason: 'format' }],
    ['9 digits', '137481360', { ok: false, reason: 'format' }],
    ['a letter', '1374813x', { ok: false, reason: 'format' }],
    ['words', 'abc', { ok: false, reason: 'format' }],
    ['a label', 'SE 13748136', { ok: false, reason: 'format' }],
    ['failing modulus 11', INVALID, { ok: false, reason: 'modulus11' }],
    ['a leading zero', '00000019', { ok: false, reason: 'modulus11' }],
  ])('%s', (_, input, expected) => {
    expect(validateExpectedSe(input)).toEqual(expected);
  });

  it.each(VALID)('accepts the valid number %s', (digits) => {
    expect(validateExpectedSe(digits)).toEqual({ ok: true, value: digits });
  });
});
