// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { decideAgreementPage, decideMarks, decideObservations } from '../../../src/content/decide';
import { findNames } from '../../../src/content/scan';
import { EXPECTED_SE, aarhusMatcher, loadFixture } from './fixture';

async function decide(path: string, expectedSe: string | null = EXPECTED_SE) {
  const doc = loadFixture(path);
  const hits = await findNames(doc.body, aarhusMatcher());
  const page = await decideAgreementPage(hits, BUILTIN_PACK, expectedSe, doc.body);
  const marks = decideMarks(hits, page);
  return { page, marks, observations: decideObservations(marks, page, 'https://admin.serviceplatformen.dk' + '/' + path) };
}

describe('the agreement page and its SE check', () => {
  it.each([
    ['aftale/sf0770-a-forkert-se.html', 'SF0770_A', 'mismatch', ['55133018'], false],
    ['aftale/sf0770-a-korrekt-se.html', 'SF0770_A', 'match', ['29189757'], false],
    ['aftale/sf0770-e-readonly.html', 'SF0770_E', 'match', ['29189757'], false],
    ['aftale/sf0770-e-inline.html', 'SF0770_E', 'mismatch', ['66945529'], false],
    ['aftale/sf0770-a-mangler-se.html', 'SF0770_A', 'missing', [], false],
    ['aftale/sf0770-e-to-se.html', 'SF0770_E', 'mismatch', ['29189757', '55133018'], false],
    ['aftale/sf0770-a-mistaenkeligt-se.html', 'SF0770_A', 'mismatch', ['13585627'], true],
  ])('%s: %s is %s', async (path, id, verdict, found, suspect) => {
    const { page } = await decide(path);
    expect(page?.id).toBe(id);
    expect(page?.se).toEqual({ verdict, found, expected: EXPECTED_SE, suspect });
    expect(page?.status?.status).toBe('pending');
    expect(page?.messageField?.id).toBe('besked');
  });

  it('is unconfigured when no expected SE is set, and says what it found', async () => {
    const { page } = await decide('aftale/sf0770-a-korrekt-se.html', null);
    expect(page?.se).toEqual({ verdict: 'unconfigured', found: ['29189757'], expected: null, suspect: false });
  });

  it('recognises the page of an agreement without SE check, without an SE check', async () => {
    const { page } = await decide('aftale/sf1470.html');
    expect(page).toMatchObject({ id: 'SF1470', se: null, name: 'SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune' });
  });

  it('is no agreement page for a look-alike, or for a list', async () => {
    expect((await decide('aftale/sf0770-a-v2.html')).page).toBeNull();
    expect((await decide('aftaler/tabel.html')).page).toBeNull();
  });

  it('is no agreement page when a heading names an agreement but nothing can be done or read there', async () => {
    document.body.innerHTML = '<h1>SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune</h1><p>Historik</p>';
    const hits = await findNames(document.body, aarhusMatcher());
    expect(await decideAgreementPage(hits, BUILTIN_PACK, EXPECTED_SE, document.body)).toBeNull();
  });
});

describe('marks and observations', () => {
  it('takes the status from the page status field on an agreement page', async () => {
    const { marks, observations } = await decide('aftale/sf0770-e-readonly.html');
    expect(marks.map((m) => [m.id, m.status, m.row])).toEqual([['SF0770_E', 'pending', null]]);
    expect(observations).toEqual([
      expect.objectContaining({ id: 'SF0770_E', status: 'pending', statusText: 'Til godkendelse', se: expect.objectContaining({ verdict: 'match' }) }),
    ]);
  });

  it('reports list statuses with the portal words, one observation per agreement', async () => {
    const { observations } = await decide('aftaler/tabel.html');
    expect(observations.map((o) => [o.id, o.status, o.statusText])).toEqual([
      ['SF0770_A', 'pending', 'Afventer godkendelse'],
      ['SF0770_E', 'pending', 'Udgivet til underskrift'],
      ['SF1470', 'approved', 'Godkendt'],
      ['SF1490', 'rejected', 'Afvist'],
      ['SF1320', 'pending', 'Afventer'],
    ]);
  });

  it('prefers the status with work left when a page shows an agreement twice, and leaves unknown out', async () => {
    document.body.innerHTML =
      '<ul><li><a>SF1320 – CPR Hændelser</a> Godkendt</li><li><a>SF1320 – CPR Hændelser</a> Afventer</li></ul>' +
      '<ul><li><a>SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune</a></li></ul>';
    const hits = await findNames(document.body, aarhusMatcher());
    const observations = decideObservations(decideMarks(hits, null), null, 'https://admin.serviceplatformen.dk/x');
    expect(observations).toEqual([
      { id: 'SF1320', name: 'SF1320 – CPR Hændelser', url: 'https://admin.serviceplatformen.dk/x', status: 'pending', statusText: 'Afventer' },
      { id: 'SF1470', name: 'SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', url: 'https://admin.serviceplatformen.dk/x' },
    ]);
  });
});
