import { describe, expect, it } from 'vitest';
import type { AgreementPage } from '../../../src/content/decide';
import { guardFor, type GuardTarget } from '../../../src/content/overlay/guards';
import { advanceVisit, type Visit } from '../../../src/content/visit';
import type { SeCheck } from '../../../src/core/types';

const EXPECTED = '29189757';
const URL_PARAMS = 'https://admin.serviceplatformen.dk/aftale/1#parametre';
const URL_TYPE = 'https://admin.serviceplatformen.dk/aftale/1#type';
const check = (verdict: SeCheck['verdict'], found: string[], expected: string | null = EXPECTED): SeCheck => ({ verdict, found, expected, suspect: false });
const page = (id: string, se: SeCheck | null): AgreementPage => ({ id, name: id, status: null, se, anchors: [], messageField: null });

/** Runs scans one after another; each step is [page decided or null, a list shown]. */
function visitAll(steps: [AgreementPage | null, boolean, string?][]): { visit: Visit | null; page: AgreementPage | null }[] {
  let visit: Visit | null = null;
  return steps.map(([decided, list, url]) => {
    const next = advanceVisit(visit, decided, list, EXPECTED, url ?? URL_PARAMS);
    visit = next.visit;
    return next;
  });
}

describe('what was seen stays seen during a visit to an agreement page', () => {
  it('keeps a mismatch when a later render lacks the SE number (another tab, a re-render)', () => {
    const results = visitAll([
      [page('SF0770_A', check('missing', [])), false, URL_TYPE],
      [page('SF0770_A', check('mismatch', ['38025341'])), false, URL_PARAMS],
      [null, false, URL_TYPE],
      [page('SF0770_A', check('missing', [])), false, URL_TYPE],
    ]);
    expect(results.map((r) => r.page?.se?.verdict ?? null)).toEqual(['missing', 'mismatch', null, 'mismatch']);
    expect(results[3]?.page?.se).toEqual(check('mismatch', ['38025341']));
    expect(results[3]?.visit?.urls).toEqual([URL_TYPE, URL_PARAMS]);
  });

  it('lets a different number read later replace the earlier one; two at once stay a warning', () => {
    const results = visitAll([
      [page('SF0770_A', check('mismatch', ['38025341'])), false],
      [page('SF0770_A', check('match', [EXPECTED])), false],
      [page('SF0770_A', check('mismatch', [EXPECTED, '38025341'])), false],
      [page('SF0770_A', check('missing', [])), false],
    ]);
    expect(results.map((r) => r.page?.se)).toEqual([
      check('mismatch', ['38025341']),
      check('match', [EXPECTED]),
      check('mismatch', [EXPECTED, '38025341']),
      check('mismatch', [EXPECTED, '38025341']),
    ]);
  });

  it('ends the visit on a list or on another agreement page', () => {
    const afterList = visitAll([
      [page('SF0770_A', check('mismatch', ['38025341'])), false],
      [null, true],
      [page('SF0770_A', check('missing', [])), false],
    ]);
    expect(afterList.map((r) => r.visit?.id ?? null)).toEqual(['SF0770_A', null, 'SF0770_A']);
    expect(afterList[2]?.page?.se?.verdict).toBe('missing');

    const other = visitAll([
      [page('SF0770_A', check('mismatch', ['38025341'])), false],
      [page('SF0770_E', check('missing', [])), false],
    ]);
    expect(other[1]?.page?.se?.verdict).toBe('missing');
    expect(other[1]?.visit?.found).toEqual([]);
  });

  it('judges the remembered number against the expected SE in force', () => {
    const visit: Visit | null = advanceVisit(null, page('SF0770_A', check('mismatch', ['38025341'])), false, EXPECTED, URL_PARAMS).visit;
    const next = advanceVisit(visit, page('SF0770_A', check('missing', [], '38025341')), false, '38025341', URL_TYPE);
    expect(next.page?.se).toEqual(check('match', ['38025341'], '38025341'));
  });
});

describe('which guard a control needs', () => {
  const target = (se: GuardTarget['se']): GuardTarget => ({ id: 'SF0770_A', se, messageField: null });
  it.each<[string, 'approve' | 'reject', GuardTarget['se'], string | null]>([
    ['approve on a mismatch', 'approve', check('mismatch', ['38025341']), 'approve-mismatch'],
    ['approve on two different numbers', 'approve', check('mismatch', [EXPECTED, '38025341']), 'approve-mismatch'],
    ['approve with no SE number read', 'approve', check('missing', []), 'approve-unchecked'],
    ['approve with no expected SE configured', 'approve', check('unconfigured', ['38025341'], null), 'approve-unchecked'],
    ['approve from a list, SE never read', 'approve', null, 'approve-unchecked'],
    ['approve on a match', 'approve', check('match', [EXPECTED]), null],
    ['approve an agreement without SE check', 'approve', undefined, null],
    ['reject', 'reject', check('match', [EXPECTED]), 'reject-reminder'],
    ['reject an agreement without SE check', 'reject', undefined, 'reject-reminder'],
  ])('%s', (_what, kind, se, guard) => {
    expect(guardFor(kind, target(se))?.kind ?? null).toBe(guard);
  });
});
