import { describe, it, expect } from 'vitest';
import { findStatus, parseStatus } from '../../../src/core/status';
import type { AgreementStatus } from '../../../src/core/types';

const NAME = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD \u2013 Aarhus Kommune';

/** One status word alone, in the forms the portal may write it. */
const SINGLE_WORDS: [string, AgreementStatus][] = [
  ['Afventer godkendelse', 'pending'],
  ['Afventer', 'pending'],
  ['Afventende', 'pending'],
  ['Afventer underskrift', 'pending'],
  ['Til godkendelse', 'pending'],
  ['Klar til godkendelse', 'pending'],
  ['Udgivet til underskrift', 'pending'],
  ['Sendt til underskrift', 'pending'],
  ['Ikke godkendt', 'pending'],
  ['Ikke-godkendt', 'pending'],
  ['Ikke underskrevet', 'pending'],
  ['Anmodet', 'pending'],
  ['Godkendt', 'approved'],
  ['Aktiv', 'approved'],
  ['Underskrevet', 'approved'],
  ['Afvist', 'rejected'],
  ['Afslået', 'rejected'],
  ['Opsagt', 'ended'],
  ['Udløbet', 'ended'],
  ['Inaktiv', 'ended'],
  ['Ikke aktiv', 'ended'],
  ['Ikke-aktiv', 'ended'],
  ['Ophørt', 'ended'],
  ['Annulleret', 'ended'],
  ['Tilbagekaldt', 'ended'],
  ['Deaktiveret', 'ended'],
];

/** Case, spacing, dash and Unicode variants. */
const WRITING_VARIANTS: [string, AgreementStatus][] = [
  ['AFVENTER GODKENDELSE', 'pending'],
  ['afventer godkendelse', 'pending'],
  ['Afventer  godkendelse', 'pending'],
  ['Afventer\u00A0godkendelse', 'pending'],
  ['Afventer\ngodkendelse', 'pending'],
  ['Afventer-godkendelse', 'pending'],
  ['Til \u2013 godkendelse', 'pending'],
  ['  Godkendt\u00A0', 'approved'],
  ['GODKENDT', 'approved'],
  ['God\u200Bkendt', 'approved'],
  ['UDLØBET', 'ended'],
  ['OPHØRT', 'ended'],
  ['Afsla\u030Aet', 'rejected'],
  ['Ikke\u00A0aktiv', 'ended'],
];

/** Status words inside other text: labels, icons, dates, punctuation. */
const IN_CONTEXT: [string, AgreementStatus][] = [
  ['Status: Afventer godkendelse', 'pending'],
  ['Status: Godkendt', 'approved'],
  ['Godkendt \u2713', 'approved'],
  ['Godkendt 05-01-2025', 'approved'],
  ['(Afvist)', 'rejected'],
  ['Udløbet.', 'ended'],
  ['Aftalen er opsagt', 'ended'],
];

/** Texts that hold no status, though they look close. */
const NO_STATUS: [string, string][] = [
  ['the button "Godkend"', 'Godkend'],
  ['the button "Godkend aftale"', 'Godkend aftale'],
  ['the button "Afvis"', 'Afvis'],
  ['the button "Opsig aftale"', 'Opsig aftale'],
  ['the noun "Godkendelse"', 'Godkendelse'],
  ['the tab "Godkendte aftaler"', 'Godkendte aftaler'],
  ['"Godkendes" (passive)', 'Godkendes'],
  ['"Aktivitet"', 'Aktivitet'],
  ['"Aktiveret" (not in the word list)', 'Aktiveret'],
  ['"Uaktiv" (no word start before "aktiv")', 'Uaktiv'],
  ['"Oprettet" (deliberately not a status)', 'Oprettet'],
  ['a creation date label', 'Oprettet 03-01-2025'],
  ['an agreement name', NAME],
  ['"Godkendtx" (word goes on)', 'Godkendtx'],
  ['empty text', ''],
  ['whitespace only', ' \u00A0 '],
];

/** Several words in one text: approved loses to any other status; otherwise the first by position wins. */
const MIXED: [string, string, AgreementStatus][] = [
  ['a pending row with Godkend/Afvis buttons', `${NAME} Afventer godkendelse Godkend Afvis`, 'pending'],
  ['an approved row with a date', `${NAME} Godkendt 05-01-2025 KP PROD Netcompany`, 'approved'],
  ['"Inaktiv" with a Godkend button', 'Inaktiv Godkend', 'ended'],
  ['"Ikke godkendt" is not read as "Godkendt"', `${NAME} Ikke godkendt`, 'pending'],
  ['"Ikke aktiv" is not read as "Aktiv"', 'Ikke aktiv', 'ended'],
  ['approved first, then pending: pending wins', 'Aktiv Afventer godkendelse', 'pending'],
  ['pending first, then approved: pending wins', 'Afventer godkendelse Godkendt', 'pending'],
  ['approved then rejected: rejected wins', 'Godkendt Afvist', 'rejected'],
  ['approved then ended: ended wins', 'Godkendt Udløbet', 'ended'],
  ['rejected before ended: first by position', 'Afvist Opsagt', 'rejected'],
  ['ended before rejected: first by position', 'Opsagt Afvist', 'ended'],
  ['pending before ended: first by position', 'Afventer godkendelse Udløbet', 'pending'],
  ['ended before pending: first by position', 'Udløbet Afventer', 'ended'],
  ['approved twice stays approved', 'Godkendt Godkendt', 'approved'],
  ['"Oprettet" date beside "Godkendt"', 'Oprettet 03-01-2025 Godkendt', 'approved'],
];

describe('findStatus', () => {
  it.each(SINGLE_WORDS)('reads %j as %s', (text, expected) => {
    expect(findStatus(text)).toBe(expected);
  });

  it.each(WRITING_VARIANTS)('reads the variant %j as %s', (text, expected) => {
    expect(findStatus(text)).toBe(expected);
  });

  it.each(IN_CONTEXT)('reads %j as %s', (text, expected) => {
    expect(findStatus(text)).toBe(expected);
  });

  it.each(NO_STATUS)('finds no status in %s', (_, text) => {
    expect(findStatus(text)).toBeNull();
  });

  it.each(MIXED)('%s', (_, text, expected) => {
    expect(findStatus(text)).toBe(expected);
  });

  it('finds a status at the end of 1 MB of other text (finishing is the assertion)', () => {
    expect(findStatus(`${'- afven '.repeat(125_000)}Afvist`)).toBe('rejected');
  });
});

describe('parseStatus', () => {
  it.each([...SINGLE_WORDS, ...WRITING_VARIANTS, ...IN_CONTEXT])('reads %j as %s', (text, expected) => {
    expect(parseStatus(text)).toBe(expected);
  });

  it.each(NO_STATUS)('reads %s as unknown', (_, text) => {
    expect(parseStatus(text)).toBe('unknown');
  });

  it.each(MIXED)('applies the same precedence: %s', (_, text, expected) => {
    expect(parseStatus(text)).toBe(expected);
  });
});
