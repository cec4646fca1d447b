import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BUILTIN_PACK, parsePack } from '../../../src/core/pack';
import { createMatcher } from '../../../src/core/match';
import { packFromTask, packIdFor, parseKlikTask, readAgreementName, type ParsedTask } from '../../../src/core/klik';

const SEED = readFileSync('test/fixtures/klik/sf02.txt', 'utf8');

describe('the SF 02 task text (the seed)', () => {
  const task = parseKlikTask(SEED);

  it('builds exactly the built-in pack', () => {
    expect(packFromTask(task)).toEqual(BUILTIN_PACK);
    expect(parsePack(packFromTask(task))).toEqual({ ok: true, pack: BUILTIN_PACK });
  });

  it('reads the code, title, deadline and supplier', () => {
    expect({ code: task.code, title: task.title, heading: task.heading, deadline: task.deadline, supplier: task.supplier }).toEqual({
      code: 'SF 02',
      title: 'Godkend serviceaftaler',
      heading: '(SF 02) Godkend serviceaftaler',
      deadline: '9/2',
      supplier: 'Netcompany',
    });
  });

  it('reads the five agreements in task order, with names, placeholders and SE checks', () => {
    expect(task.agreements.map((a) => [a.code, a.version, a.itSystem, a.municipalityPlaceholder, a.seCheck])).toEqual([
      ['SF0770_A', 'v3', 'KP PROD', '[Kommune]', true],
      ['SF0770_E', 'v3', 'KP PROD', '[Kommune]', true],
      ['SF1470', 'V3', 'KP PROD', '[Kommune]', false],
      ['SF1490', 'V3', 'KP PROD', '[Kommune]', false],
      ['SF1320', null, 'KP PROD', null, false],
    ]);
    expect(task.agreements[0]!.name).toBe('SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – [Kommune]');
    expect(task.agreements[2]!.purpose).toBe('Anvendes ifm. at KP skal sende oplysninger om sager og dokumenter til Sags- og Dokumentindekset.');
  });

  it('says that the text asks for 4 agreements but lists 5 (the list wins), and nothing else', () => {
    expect(task.warnings).toEqual([{ kind: 'count-mismatch', stated: 4, listed: 5 }]);
    expect(task.agreements).toHaveLength(5);
  });

  it('gives a pack whose matcher finds the real names and none of the look-alikes', () => {
    const matcher = createMatcher(packFromTask(task), { municipality: 'Aarhus Kommune' });
    expect(matcher.match('SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP PROD – Aarhus Kommune')?.id).toBe('SF0770_E');
    expect(matcher.match('SF 0770_E - Abonnement på hændelser vedr. eIndkomst v2 - KP PROD – Aarhus Kommune')).toBeNull();
    expect(matcher.match('SF1470 - Sags- og Dokumentindeks V3 - KP TEST – Aarhus Kommune')).toBeNull();
    expect(matcher.match('SF1490 - Ydelsesindeks V3 - KP PROD – Odense Kommune')).toBeNull();
  });
});

/** A three-agreement task of another kind: other supplier, «…» quotes, <kommune>, no SE check at all. */
const MOMENTUM = `Opgavetitel (SF 07) Godkend serviceaftaler for Momentum

Slutdato: 14/3

Beskrivelse
KMD anmoder om godkendelse af følgende 3 serviceaftaler:

• «SF1500 - Adresseopslag v2 - Momentum PROD - <kommune>» – Anvendes når Momentum slår adresser op.
• «SF1520 - CPR Opslag v4 - Momentum PROD - <kommune>» – Bruges til at slå personer op i CPR.
• «SF2900 - Beskedfordeler v1 - Momentum PROD - <kommune>» – modtager beskeder fra Beskedfordeleren

Markér opgaven som "Fuldført", når I har godkendt dem.`;

/** The SF 02 names pasted from a PDF: lines broken inside names, stray and non-breaking spaces, „…“ and "…". */
const PDF = [
  'Opgavetitel (SF 03)  Godkend   serviceaftaler',
  'Slutdato 1/4',
  '',
  'Leverandøren af KP, Netcompany, har oprettet aftalerne.',
  '',
  '• „SF 0770_E - Abonnement på hændelser',
  'vedr. eIndkomst v3 - KP',
  'PROD – [Kommunenavn]“ – Anvendes ifm. at KP skal vedligeholde abonnementer på',
  'personer.',
  '',
  '•  "SF1470\u00a0-  Sags- og Dokumentindeks V3 -  KP PROD',
  '– [Kommune]" – Anvendes ifm. at KP skal sende oplysninger om sager.',
  '',
  'Ved godkendelse af SF 0770_E skal du kontrollere, at SE-nummeret er korrekt.',
].join('\n');

describe('other task texts', () => {
  it.each<{ name: string; text: string; expected: Partial<ParsedTask>; agreements: unknown[][] }>([
    {
      name: 'a Momentum task with three agreements and none needing SE',
      text: MOMENTUM,
      expected: { code: 'SF 07', title: 'Godkend serviceaftaler for Momentum', deadline: '14/3', supplier: 'KMD', warnings: [] },
      agreements: [
        ['SF1500', 'Adresseopslag', 'v2', 'Momentum PROD', '<kommune>', false, 'Anvendes når Momentum slår adresser op.'],
        ['SF1520', 'CPR Opslag', 'v4', 'Momentum PROD', '<kommune>', false, 'Bruges til at slå personer op i CPR.'],
        ['SF2900', 'Beskedfordeler', 'v1', 'Momentum PROD', '<kommune>', false, 'Modtager beskeder fra Beskedfordeleren.'],
      ],
    },
    {
      name: 'text pasted from a PDF (broken lines, stray spaces, „…“ and "…")',
      text: PDF,
      expected: { code: 'SF 03', title: 'Godkend serviceaftaler', deadline: '1/4', supplier: 'Netcompany', warnings: [] },
      agreements: [
        [
          'SF0770_E',
          'Abonnement på hændelser vedr. eIndkomst',
          'v3',
          'KP PROD',
          '[Kommunenavn]',
          true,
          'Anvendes ifm. at KP skal vedligeholde abonnementer på personer.',
        ],
        ['SF1470', 'Sags- og Dokumentindeks', 'V3', 'KP PROD', '[Kommune]', false, 'Anvendes ifm. at KP skal sende oplysninger om sager.'],
      ],
    },
    {
      name: 'straight quotes, a name without version or system, and a stated count that fits',
      text: 'Opgavetitel (SF 11) Godkend 2 serviceaftaler\nI skal godkende de 2 nye serviceaftaler:\n- "SF1320 – CPR Hændelser" – beskeder fra KOMBIT\n- "SF1530 - Sags- og Dokumentindeks V1 - KP PROD - [Kommune]" – sager\n\nNetcompany anmoder om godkendelse.',
      expected: { code: 'SF 11', deadline: null, supplier: 'Netcompany', warnings: [] },
      agreements: [
        ['SF1320', 'CPR Hændelser', null, 'KP PROD', null, false, 'Beskeder fra KOMBIT.'],
        ['SF1530', 'Sags- og Dokumentindeks', 'V1', 'KP PROD', '[Kommune]', false, 'Sager.'],
      ],
    },
  ])('$name', ({ text, expected, agreements }) => {
    const task = parseKlikTask(text);
    expect(task).toMatchObject(expected);
    expect(task.agreements.map((a) => [a.code, a.title, a.version, a.itSystem, a.municipalityPlaceholder, a.seCheck, a.purpose])).toEqual(agreements);
    expect(parsePack(packFromTask(task)).ok).toBe(true);
  });

  it('gives the Momentum task its own pack id, title and supplier message', () => {
    const pack = packFromTask(parseKlikTask(MOMENTUM));
    expect(pack).toMatchObject({ id: 'klik-sf07', title: 'KLIK SF 07 – Godkend serviceaftaler for Momentum', supplier: 'KMD', deadline: '14/3' });
    expect(pack.seMismatchMessage).toContain('KMD bedes rette SE-nummeret');
    const matcher = createMatcher(pack, { municipality: 'Vejle Kommune' });
    expect(matcher.match('SF1520 - CPR Opslag v4 - Momentum PROD - Vejle Kommune')?.id).toBe('SF1520');
    expect(matcher.match('SF1520 - CPR Opslag v4 - KP PROD - Vejle Kommune')).toBeNull();
  });

  it('reads the SE sentence whatever the quotes and spacing of the codes', () => {
    const text = `${MOMENTUM}\n\nDu skal ved godkendelse af serviceaftalerne „SF 1500“ og SF1520 verificere, at SE-nummeret er korrekt.`;
    expect(parseKlikTask(text).agreements.map((a) => [a.code, a.seCheck])).toEqual([
      ['SF1500', true],
      ['SF1520', true],
      ['SF2900', false],
    ]);
  });

  it.each([
    { stated: 'de 4 anmodede serviceaftaler', warning: { kind: 'count-mismatch', stated: 4, listed: 3 } },
    { stated: 'de fem nye serviceaftaler', warning: { kind: 'count-mismatch', stated: 5, listed: 3 } },
    { stated: 'de tre anmodede serviceaftaler', warning: null },
  ])('compares "$stated" with the list', ({ stated, warning }) => {
    const task = parseKlikTask(MOMENTUM.replace('følgende 3 serviceaftaler', stated));
    expect(task.warnings).toEqual(warning ? [warning] : []);
  });

  it('warns about a bullet it cannot read and leaves it out', () => {
    const text = MOMENTUM.replace('• «SF2900', '• SF2950 Beskedfordeler uden anførselstegn\n• «SF2900');
    const task = parseKlikTask(text);
    expect(task.agreements.map((a) => a.code)).toEqual(['SF1500', 'SF1520', 'SF2900']);
    expect(task.warnings).toEqual([{ kind: 'unreadable', text: 'SF2950 Beskedfordeler uden anførselstegn' }]);
  });

  it('reads a text the same after a text with an unreadable bullet (no state carried between parses)', () => {
    const alone = parseKlikTask(SEED);
    parseKlikTask(MOMENTUM.replace('• «SF2900', '• Beskedfordeler uden anførselstegn med et meget langt navn, kode SF2950\n• «SF2900'));
    expect(parseKlikTask(SEED)).toEqual(alone);
    expect(packFromTask(parseKlikTask(SEED))).toEqual(BUILTIN_PACK);
  });

  it('warns about a code listed twice with different names and keeps the first', () => {
    const text = MOMENTUM.replace('«SF2900 - Beskedfordeler v1', '«SF1500 - Adresseopslag v3');
    const task = parseKlikTask(text);
    expect(task.agreements.map((a) => [a.code, a.version])).toEqual([
      ['SF1500', 'v2'],
      ['SF1520', 'v4'],
    ]);
    expect(task.warnings).toEqual([
      { kind: 'duplicate', code: 'SF1500' },
      { kind: 'count-mismatch', stated: 3, listed: 2 },
    ]);
  });

  it('warns about an SE sentence naming an agreement that is not listed', () => {
    const task = parseKlikTask(`${MOMENTUM}\nHusk at kontrollere SE-nummeret i SF0770_A.`);
    expect(task.warnings).toEqual([{ kind: 'se-unknown-code', code: 'SF0770_A' }]);
  });

  it('says what is missing in a text without title, supplier or agreements', () => {
    const task = parseKlikTask('Hej\n\nHer er ingen aftaler, kun "citater" og • et punkt.');
    expect(task.agreements).toEqual([]);
    expect(task.warnings.map((w) => w.kind)).toEqual(['no-title', 'no-supplier', 'no-agreements']);
    expect(parsePack(packFromTask(task)).ok).toBe(false);
  });

  it('uses a placeholder system, and says so, when no name names one', () => {
    const task = parseKlikTask('(SF 20) Test\nX anmoder om godkendelse\n• ”SF1111 - Noget” – formål');
    expect(task.agreements[0]).toMatchObject({ code: 'SF1111', itSystem: 'PROD', systemSuffixOptional: true });
    expect(task.warnings).toEqual([{ kind: 'no-it-system' }]);
  });

  it('applies the preview corrections: dropped rows and switched SE checks', () => {
    const task = parseKlikTask(SEED);
    const pack = packFromTask(task, { dropped: ['SF1320'], seCheck: { SF0770_E: false, SF1470: true } });
    expect(pack.agreements.map((a) => [a.id, a.seCheck])).toEqual([
      ['SF0770_A', true],
      ['SF0770_E', false],
      ['SF1470', true],
      ['SF1490', false],
    ]);
  });
});

describe('readAgreementName', () => {
  it.each([
    [
      'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – [Kommune]',
      { code: 'SF0770_A', title: 'SKAT Indkomst - Opslag personoplysninger', version: 'v3', itSystem: 'KP PROD', municipalityPlaceholder: '[Kommune]' },
    ],
    [
      'SF 0770_E – Abonnement på hændelser vedr. eIndkomst V3 – KP PROD – <kommune>',
      { code: 'SF0770_E', title: 'Abonnement på hændelser vedr. eIndkomst', version: 'V3', itSystem: 'KP PROD', municipalityPlaceholder: '<kommune>' },
    ],
    ['SF1320 – CPR Hændelser', { code: 'SF1320', title: 'CPR Hændelser', version: null, itSystem: null, municipalityPlaceholder: null }],
    [
      'SF1320 - CPR Hændelser - KP PROD - [Kommunenavn]',
      { code: 'SF1320', title: 'CPR Hændelser', version: null, itSystem: 'KP PROD', municipalityPlaceholder: '[Kommunenavn]' },
    ],
    [
      'SF2900 - Beskedfordeler v1 - KMD Sag PROD',
      { code: 'SF2900', title: 'Beskedfordeler', version: 'v1', itSystem: 'KMD Sag PROD', municipalityPlaceholder: null },
    ],
    ['SF0770 _ A - Titel v2 - KP PROD - [Kommune]', { code: 'SF0770_A', title: 'Titel', version: 'v2', itSystem: 'KP PROD' }],
  ])('%s', (name, parts) => {
    expect(readAgreementName(name)).toMatchObject(parts);
  });

  it.each(['SF0770_A', 'omnummerering', 'Fuldført', 'SF1470 -', 'SF1470 - -', 'XSF - noget'])('is not an agreement name: %s', (text) => {
    expect(readAgreementName(text)).toBeNull();
  });
});

describe('packIdFor', () => {
  it.each([
    ['SF 02', null, 'klik-sf02'],
    ['SF 7a', null, 'klik-sf7a'],
    [null, 'Godkend aftaler for Ærø', 'klik-godkend-aftaler-for-aeroe'],
    [null, null, 'klik-opgave'],
  ])('%s / %s -> %s', (code, title, id) => {
    expect(packIdFor(code, title)).toBe(id);
  });
});
