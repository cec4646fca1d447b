import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK, type Pack } from '../../../src/core/pack';
import {
  badgeState,
  csvCell,
  klikMessage,
  reportCsv,
  reportMarkdown,
  summarize,
  taskName,
  type ReportText,
  type SeenAgreement,
} from '../../../src/core/summary';
import type { AgreementStatus, SeCheck } from '../../../src/core/types';

const EXPECTED = '13748136';
const WRONG = '29189757';

function seen(status: AgreementStatus, extra: Partial<SeenAgreement> = {}): SeenAgreement {
  return {
    status,
    statusText: status === 'approved' ? 'Godkendt' : 'Afventer godkendelse',
    name: '',
    se: null,
    seenAt: '2025-11-27T09:21:00.000Z',
    url: 'https://admin.serviceplatformen.dk/aftaler',
    ...extra,
  };
}

function se(verdict: SeCheck['verdict'], found: string[] = [EXPECTED], suspect = false): SeCheck {
  return { verdict, found, expected: verdict === 'unconfigured' ? null : EXPECTED, suspect };
}

const ALL_IDS = BUILTIN_PACK.agreements.map((a) => a.id);

function allApproved(overrides: Record<string, SeenAgreement> = {}): Record<string, SeenAgreement> {
  const progress: Record<string, SeenAgreement> = {};
  for (const id of ALL_IDS) progress[id] = seen('approved', { se: id.startsWith('SF0770') ? se('match') : null });
  return { ...progress, ...overrides };
}

describe('summarize', () => {
  it('lists every agreement of the pack in task order, unseen ones as "unseen"', () => {
    const summary = summarize(BUILTIN_PACK, {});
    expect(summary.lines.map((l) => l.agreement.id)).toEqual(['SF0770_A', 'SF0770_E', 'SF1470', 'SF1490', 'SF1320']);
    expect(summary.lines.every((l) => l.status === 'unseen' && l.seen === null)).toBe(true);
    expect(summary.progress).toBe('0/5');
    expect(summary.total).toBe(5);
    expect(summary.done).toBe(false);
  });

  it('counts only approved agreements and keeps the outstanding ones in task order', () => {
    const summary = summarize(BUILTIN_PACK, {
      SF1320: seen('approved'),
      SF1470: seen('approved'),
      SF0770_E: seen('rejected'),
      SF1490: seen('ended'),
      SF0770_A: seen('unknown'),
    });
    expect(summary.progress).toBe('2/5');
    expect(summary.approved.map((l) => l.agreement.id)).toEqual(['SF1470', 'SF1320']);
    expect(summary.outstanding.map((l) => l.agreement.id)).toEqual(['SF0770_A', 'SF0770_E', 'SF1490']);
    expect(summary.outstanding.map((l) => l.status)).toEqual(['unknown', 'rejected', 'ended']);
  });

  it.each([
    ['all approved, SE match on both', {}, true],
    ['all approved, SE never checked', { SF0770_A: seen('approved') }, true],
    ['all approved, SE unconfigured', { SF0770_A: seen('approved', { se: se('unconfigured') }) }, true],
    ['all approved but an SE mismatch', { SF0770_E: seen('approved', { se: se('mismatch', [WRONG]) }) }, false],
    ['all approved but an SE missing', { SF0770_A: seen('approved', { se: se('missing', []) }) }, false],
    ['one still pending', { SF1490: seen('pending') }, false],
    ['one rejected', { SF1320: seen('rejected') }, false],
  ])('done state: %s', (_name, overrides, done) => {
    expect(summarize(BUILTIN_PACK, allApproved(overrides)).done).toBe(done);
  });

  it('ignores an SE verdict on agreements whose SE the task does not ask to check', () => {
    const summary = summarize(BUILTIN_PACK, allApproved({ SF1470: seen('approved', { se: se('mismatch', [WRONG]) }) }));
    expect(summary.lines[2]!.se).toBeNull();
    expect(summary.seProblems).toEqual([]);
    expect(summary.done).toBe(true);
  });

  it('collects SE problems in task order', () => {
    const summary = summarize(BUILTIN_PACK, {
      SF0770_E: seen('pending', { se: se('missing', []) }),
      SF0770_A: seen('pending', { se: se('mismatch', [WRONG]) }),
    });
    expect(summary.seProblems.map((l) => [l.agreement.id, l.seProblem])).toEqual([
      ['SF0770_A', 'mismatch'],
      ['SF0770_E', 'missing'],
    ]);
  });

  it('names an agreement as the portal wrote it, else as the task writes it', () => {
    const portalName = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';
    const summary = summarize(BUILTIN_PACK, { SF0770_A: seen('pending', { name: portalName }) }, 'Aarhus Kommune');
    expect(summary.lines[0]!.name).toBe(portalName);
    expect(summary.lines[2]!.name).toBe('SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune');
  });

  it('does not take inherited properties for progress', () => {
    const pack: Pack = { ...BUILTIN_PACK, agreements: [{ ...BUILTIN_PACK.agreements[0]!, id: 'constructor' }] };
    expect(summarize(pack, {}).lines[0]!.status).toBe('unseen');
  });
});

describe('taskName', () => {
  const [a, , , , cpr] = BUILTIN_PACK.agreements;
  it.each([
    [a!, '', 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD'],
    [a!, 'Aarhus Kommune', 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune'],
    [cpr!, '', 'SF1320 - CPR Hændelser'],
    [cpr!, 'Aarhus Kommune', 'SF1320 - CPR Hændelser - KP PROD – Aarhus Kommune'],
  ])('%s with municipality "%s"', (agreement, municipality, expected) => {
    expect(taskName(agreement, municipality)).toBe(expected);
  });
});

describe('badgeState', () => {
  it.each([
    ['nothing seen', {}, { kind: 'outstanding', text: '5', count: 5 }],
    ['two approved', { SF1470: seen('approved'), SF1490: seen('approved') }, { kind: 'outstanding', text: '3', count: 3 }],
    ['an SE mismatch wins over the count', { SF0770_A: seen('pending', { se: se('mismatch', [WRONG]) }) }, { kind: 'warning', text: '!', count: 5 }],
    ['all done', allApproved(), { kind: 'done', text: '' }],
    ['all approved, SE missing', allApproved({ SF0770_E: seen('approved', { se: se('missing', []) }) }), { kind: 'check-se', text: '?', count: 0 }],
    ['all approved, SE mismatch', allApproved({ SF0770_E: seen('approved', { se: se('mismatch', [WRONG]) }) }), { kind: 'warning', text: '!', count: 0 }],
  ])('%s', (_name, progress, expected) => {
    expect(badgeState(summarize(BUILTIN_PACK, progress))).toEqual(expected);
  });
});

describe('klikMessage', () => {
  const name = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';

  it('fills the pack template with name, found and expected SE', () => {
    expect(klikMessage(BUILTIN_PACK, name, WRONG, EXPECTED)).toBe(
      `SE-nummeret i serviceaftalen "${name}" er ${WRONG}, men kommunens SE-nummer er ${EXPECTED}. ` +
        'Netcompany bedes rette SE-nummeret i aftalen, så vi kan godkende den. Vi har ikke godkendt aftalen.',
    );
  });

  it('names every number found on an ambiguous page', () => {
    expect(klikMessage(BUILTIN_PACK, name, [WRONG, '55133018'], EXPECTED)).toContain(`er ${WRONG} / 55133018, men`);
  });

  it('says the expected SE is not given when none is configured', () => {
    expect(klikMessage(BUILTIN_PACK, name, WRONG, null)).toContain('kommunens SE-nummer er (ikke oplyst).');
  });

  it('inserts "$" sequences from a name literally', () => {
    const msg = klikMessage({ seMismatchMessage: '[{name}] {found}/{expected} {name}' }, " x$&$1$' ", '1', '2');
    expect(msg).toBe("[x$&$1$'] 1/2 x$&$1$'");
  });

  it('leaves unknown placeholders alone', () => {
    expect(klikMessage({ seMismatchMessage: '{name} {other}' }, 'A', '1', '2')).toBe('A {other}');
  });
});

const TEXT: ReportText = {
  title: 'Aftaletjek: rapport',
  packLabel: 'KLIK-opgave',
  municipalityLabel: 'Kommune',
  expectedSeLabel: 'Kommunens SE-nummer',
  generatedLabel: 'Udarbejdet',
  resultLabel: 'Resultat',
  result: '1 af 5 godkendt',
  none: '–',
  columns: {
    id: 'Aftale-id',
    name: 'Aftale',
    status: 'Status',
    portalStatus: 'Status i portalen',
    seVerdict: 'SE-kontrol',
    seFound: 'SE-nummer i aftalen',
    seExpected: 'Kommunens SE-nummer',
    seenAt: 'Sidst set',
    url: 'Side',
  },
  status: {
    pending: 'Afventer godkendelse',
    approved: 'Godkendt',
    rejected: 'Afvist',
    ended: 'Ophørt/udløbet',
    unknown: 'Set, status ukendt',
    unseen: 'Ikke set endnu',
  },
  verdict: { match: 'Korrekt', mismatch: 'Forkert', missing: 'Ikke fundet', unconfigured: 'Ikke angivet' },
  seNotChecked: 'Ikke kontrolleret',
  seNotRequired: 'Ikke krævet',
  suspect: '(består ikke modulus 11)',
  formatDate: (iso) => iso.slice(0, 16).replace('T', ' '),
};

const META = { pack: BUILTIN_PACK, municipality: 'Aarhus Kommune', expectedSe: EXPECTED, generatedAt: '2025-11-28T10:00:00.000Z' };

const REPORT_PROGRESS: Record<string, SeenAgreement> = {
  SF0770_A: seen('pending', {
    name: 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune',
    se: se('mismatch', ['13585627'], true),
    url: 'https://admin.serviceplatformen.dk/aftale/1',
  }),
  SF1470: seen('approved', { name: 'SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune' }),
};

describe('reportMarkdown', () => {
  const md = reportMarkdown(summarize(BUILTIN_PACK, REPORT_PROGRESS, 'Aarhus Kommune'), TEXT, META);
  const tableRows = md.split('\n').filter((l) => l.startsWith('| SF'));

  it('has a heading, the facts, and one table row per agreement in task order', () => {
    expect(md.startsWith('# Aftaletjek: rapport\n')).toBe(true);
    expect(md).toContain('- KLIK-opgave: KLIK SF 02 – Godkend serviceaftaler');
    expect(md).toContain('- Kommune: Aarhus Kommune');
    expect(md).toContain('- Kommunens SE-nummer: 13748136');
    expect(md).toContain('- Udarbejdet: 2025-11-28 10:00');
    expect(md).toContain('- Resultat: 1 af 5 godkendt');
    expect(md).toContain('| Aftale-id | Aftale | Status | Status i portalen | SE-kontrol | SE-nummer i aftalen | Kommunens SE-nummer | Sidst set | Side |');
    expect(tableRows.map((r) => r.split(' | ')[0])).toEqual(['| SF0770_A', '| SF0770_E', '| SF1470', '| SF1490', '| SF1320']);
  });

  it('shows status, SE verdict, found value with the suspect flag, time and page', () => {
    expect(tableRows[0]).toBe(
      '| SF0770_A | SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune | Afventer godkendelse | ' +
        'Afventer godkendelse | Forkert | 13585627 (består ikke modulus 11) | 13748136 | 2025-11-27 09:21 | https://admin.serviceplatformen.dk/aftale/1 |',
    );
    expect(tableRows[1]).toContain('| Ikke set endnu | – | Ikke kontrolleret | – | 13748136 | – | – |');
    expect(tableRows[2]).toContain('| Godkendt | Godkendt | Ikke krævet | – | – | 2025-11-27 09:21 |');
  });

  it('marks only the found number that fails modulus 11 as suspect', () => {
    const two = summarize(BUILTIN_PACK, { SF0770_A: seen('pending', { se: se('mismatch', ['13585627', '29189757'], true) }) });
    const row = reportMarkdown(two, TEXT, META)
      .split('\n')
      .find((l) => l.startsWith('| SF0770_A'))!;
    expect(row).toContain('| 13585627 (består ikke modulus 11) / 29189757 |');
  });

  it('keeps a hostile portal name inside its cell', () => {
    const hostile = summarize(BUILTIN_PACK, { SF1470: seen('approved', { name: 'a | b\n<img src=x onerror=alert(1)> c\\' }) });
    const row = reportMarkdown(hostile, TEXT, META)
      .split('\n')
      .find((l) => l.startsWith('| SF1470'))!;
    expect(row).toContain('| a \\| b &lt;img src=x onerror=alert(1)&gt; c\\\\ |');
    expect(row.split(/(?<!\\)\|/).length).toBe(11);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['semi;colon\nline', '"semi;colon\nline"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', '"\'+1"'],
    ['-2+3', '"\'-2+3"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    ['\tcmd', '"\'\tcmd"'],
    ['\rcmd', '"\'\rcmd"'],
    ['SF0770_A - x', '"SF0770_A - x"'],
    ['', '""'],
  ])('%j -> %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('reportCsv', () => {
  const csv = reportCsv(summarize(BUILTIN_PACK, REPORT_PROGRESS, 'Aarhus Kommune'), TEXT, META);

  it('starts with a UTF-8 byte order mark, uses ";" and CRLF, one line per agreement plus the header', () => {
    expect(csv.startsWith('\uFEFF"Aftale-id";"Aftale";"Status";')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toHaveLength(6);
    expect(lines.slice(1, -1).map((l) => l.split(';')[0])).toEqual(['"SF0770_A"', '"SF0770_E"', '"SF1470"', '"SF1490"', '"SF1320"']);
  });

  it('writes the same facts as the Markdown report', () => {
    expect(csv).toContain(
      '"SF0770_A";"SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune";"Afventer godkendelse";' +
        '"Afventer godkendelse";"Forkert";"13585627 (består ikke modulus 11)";"13748136";"2025-11-27 09:21";"https://admin.serviceplatformen.dk/aftale/1"\r\n',
    );
    expect(csv).toContain('"SF1490";"SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune";"Ikke set endnu";"";"Ikke krævet";"";"";"";""\r\n');
  });

  it('defuses a formula in a portal name', () => {
    const hostile = summarize(BUILTIN_PACK, { SF1470: seen('approved', { name: '=cmd|"/c calc"!A1' }) });
    expect(reportCsv(hostile, TEXT, META)).toContain(';"\'=cmd|""/c calc""!A1";');
  });
});
