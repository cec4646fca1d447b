import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK, type Pack } from '../../../src/core/pack';
import { klikMessage } from '../../../src/core/summary';
import type { AgreementProgress, AgreementStatus, SeCheck } from '../../../src/core/types';
import type { PageSeenAnswer } from '../../../src/popup/portalTab';
import { popupState, stateConditions, type PopupInput, type PageView } from '../../../src/popup/state';
import { BUILTIN_PROFILE } from '../../../src/portal/words';
import type { Notice } from '../../../src/store/notices';
import type { ProfileState } from '../../../src/store/profile';
import type { Progress } from '../../../src/store/progress';
import type { EffectiveSettings, SettingsState } from '../../../src/store/settings';

const EXPECTED = '13748136';
const SETTINGS: EffectiveSettings = {
  municipality: 'Aarhus Kommune',
  expectedSe: EXPECTED,
  activePackId: BUILTIN_PACK.id,
  packs: [],
  managed: { municipality: false, expectedSe: false },
  managedPacks: [],
  expectedSeSuspect: false,
};
const STATE: SettingsState = { settings: SETTINGS, managed: { invalid: [] }, pack: BUILTIN_PACK, newerVersion: null };
const SF07: Pack = { ...BUILTIN_PACK, id: 'klik-sf07', title: 'KLIK SF 07', agreements: BUILTIN_PACK.agreements.slice(2) };

const se = (verdict: SeCheck['verdict'], found = [EXPECTED]): SeCheck => ({ verdict, found, expected: EXPECTED, suspect: false });
function seen(status: AgreementStatus, extra: Partial<AgreementProgress> = {}): AgreementProgress {
  return { status, statusText: '', name: '', se: null, seenAt: '2025-02-03T10:00:00.000Z', url: 'https://admin.serviceplatformen.dk/x', ...extra };
}
const notice = (kind: Notice['kind'], detail: string, id = `n-${detail}`): Notice => ({ id, kind, detail, at: '2025-02-03T10:00:00.000Z' });
const PROFILE: ProfileState = { profile: BUILTIN_PROFILE, source: 'builtin' };
/** The popup's input; `progress` as the records (null: not read), `newerVersion` its condition. */
type Given = Partial<Omit<PopupInput, 'progress'>> & { progress?: Progress | null; newerVersion?: string[] };
const input = ({ progress = {}, newerVersion = [], ...over }: Given = {}): PopupInput => ({
  state: STATE,
  profile: PROFILE,
  pageSeen: null,
  notices: [],
  ...over,
  progress: progress === null ? null : { progress, newerVersion },
});
const ALL_APPROVED = Object.fromEntries(BUILTIN_PACK.agreements.map((a) => [a.id, seen('approved', a.seCheck ? { se: se('match') } : {})]));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('popupState: a pure function of what the popup has read', () => {
  it('shows only the notices while the settings are not read, and loads the body until the progress is', () => {
    const loading = popupState(input({ state: null, progress: null, notices: [notice('write-failed', 'settings: quota', 'n1')] }));
    expect(loading).toEqual({ header: null, notices: [{ id: 'n1', kind: 'write-failed', detail: 'settings: quota', lasting: false }], body: null });
    const noProgress = popupState(input({ progress: null }));
    expect(noProgress.header).not.toBeNull();
    expect(noProgress.body).toBeNull();
  });

  it('gives the same view for the same input, and changes none of it', () => {
    const frozen = deepFreeze(
      input({ progress: { SF1470: seen('approved') }, pageSeen: { kind: 'seen', seen: [{ id: 'SF1470', kind: 'list', status: 'approved' }] } }),
    );
    expect(popupState(frozen)).toEqual(popupState(frozen));
  });

  it('names the task and the municipality; a switcher only with more than one task, marking those set by IT', () => {
    expect(popupState(input()).header).toEqual({ title: BUILTIN_PACK.title, activeId: BUILTIN_PACK.id, tasks: null, municipality: 'Aarhus Kommune' });
    const settings = { ...SETTINGS, packs: [SF07], managedPacks: [{ ...SF07, id: 'it-sf09', title: 'Fra IT' }], activePackId: 'klik-sf07' };
    const header = popupState(input({ state: { ...STATE, settings, pack: SF07 } })).header!;
    expect(header.activeId).toBe('klik-sf07');
    expect(header.tasks).toEqual([
      { id: BUILTIN_PACK.id, title: BUILTIN_PACK.title, managed: false },
      { id: 'it-sf09', title: 'Fra IT', managed: true },
      { id: 'klik-sf07', title: 'KLIK SF 07', managed: false },
    ]);
  });

  it('counts approved and outstanding agreements, and says when none was seen', () => {
    const body = popupState(input({ progress: { SF1470: seen('approved'), SF1490: seen('rejected') } })).body!;
    expect([body.approved, body.left, body.total, body.summary.progress]).toEqual([1, 4, 5, '1/5']);
    expect(body.nothingSeen).toBe(false);
    expect(popupState(input()).body!.nothingSeen).toBe(true);
  });

  const onPage = (...ids: string[]): PageSeenAnswer => ({ kind: 'seen', seen: ids.map((id) => ({ id, kind: 'list', status: 'pending' })) });
  it.each<{ answer: PageSeenAnswer | null; page: PageView | null }>([
    { answer: null, page: null },
    { answer: { kind: 'not-portal' }, page: null },
    { answer: { kind: 'no-answer' }, page: { kind: 'no-answer' } },
    { answer: onPage(), page: { kind: 'none' } },
    { answer: onPage('OTHER'), page: { kind: 'none' } },
    { answer: onPage('SF1470', 'SF0770_A', 'SF1470'), page: { kind: 'seen', codes: ['SF0770_A', 'SF1470'] } },
  ])('says what the open page shows of the task: $page', ({ answer, page }) => {
    expect(popupState(input({ pageSeen: answer })).body!.page).toEqual(page);
  });

  it('gives a wrong SE number the ready-made KLIK message, and one not found where to look, in task order', () => {
    const name = 'SF0770_E - as the portal wrote it';
    const progress = { SF0770_E: seen('pending', { name, se: se('mismatch', ['29189757']) }), SF0770_A: seen('pending', { se: se('missing', []) }) };
    const body = popupState(input({ progress })).body!;
    expect(body.seProblems.map((p) => [p.kind, p.line.agreement.id])).toEqual([
      ['missing', 'SF0770_A'],
      ['mismatch', 'SF0770_E'],
    ]);
    expect(body.seProblems[1]).toMatchObject({
      found: ['29189757'],
      expected: EXPECTED,
      supplier: BUILTIN_PACK.supplier,
      message: klikMessage(BUILTIN_PACK, name, ['29189757'], EXPECTED),
    });
    expect(body.done).toBeNull();
  });

  it('is done when all are approved with the right SE numbers, naming SE agreements not checked', () => {
    expect(popupState(input({ progress: ALL_APPROVED })).body!.done).toEqual({ unchecked: [] });
    const unchecked = { ...ALL_APPROVED, SF0770_A: seen('approved', { se: { ...se('unconfigured'), found: [] } }) };
    expect(popupState(input({ progress: unchecked })).body!.done).toEqual({ unchecked: ['SF0770_A'] });
  });

  it('asks for the SE number only when none is set and the task has SE agreements', () => {
    expect(popupState(input()).body!.askForSe).toBe(false);
    const unset = { ...STATE, settings: { ...SETTINGS, expectedSe: null } };
    expect(popupState(input({ state: unset })).body!.askForSe).toBe(true);
    const noSe = { ...SF07, agreements: SF07.agreements.filter((a) => !a.seCheck) };
    expect(popupState(input({ state: { ...unset, pack: noSe } })).body!.askForSe).toBe(false);
  });
});

describe('lasting conditions: shown from the state while they hold, before the one-off notices', () => {
  it('none for a clean state, nor for a suspect SE the user saved with "Gem alligevel"', () => {
    expect(stateConditions(STATE)).toEqual([]);
    expect(stateConditions({ ...STATE, settings: { ...SETTINGS, expectedSe: '13585627', expectedSeSuspect: true } })).toEqual([]);
  });

  it('an ignored policy value, a suspect policy SE and settings from a newer version, with their details', () => {
    const state: SettingsState = {
      ...STATE,
      settings: { ...SETTINGS, expectedSe: '13585627', expectedSeSuspect: true, managed: { municipality: false, expectedSe: true } },
      managed: { invalid: ['packs[1] agreements: too small'] },
      newerVersion: 3,
    };
    const shown = popupState(input({ state, notices: [notice('write-failed', 'progress: quota')] })).notices;
    expect(shown.map((n) => [n.kind, n.detail, n.lasting])).toEqual([
      ['managed-invalid', 'policy ignored: packs[1] agreements: too small', true],
      ['managed-se-suspect', 'policy expectedSe 13585627 fails the modulus 11 check; it is used as set', true],
      ['settings-reset', expect.stringContaining('newer version of Aftaletjek (version 3)'), true],
      ['write-failed', 'progress: quota', false],
    ]);
    expect(new Set(shown.map((n) => n.id)).size).toBe(4);
  });

  it('does not show a stored notice again that says what a condition shows', () => {
    const state = { ...STATE, newerVersion: 3 };
    const [newer] = stateConditions(state);
    const progressNewer = 'progress for SF1470 was saved by a newer version of Aftaletjek; shown as not seen until seen again';
    const notices = [
      notice('settings-reset', newer!.detail),
      notice('settings-reset', 'stored settings were unreadable; defaults restored'),
      notice('progress-reset', progressNewer),
    ];
    expect(popupState(input({ state, notices, newerVersion: ['SF1470'] })).notices.map((n) => [n.detail, n.lasting])).toEqual([
      [newer!.detail, true],
      [progressNewer, true],
      ['stored settings were unreadable; defaults restored', false],
    ]);
  });

  it("the profile's: an ignored policy profile and an import a newer version saved, after the settings' and before the progress'", () => {
    const profile: ProfileState = { ...PROFILE, managedInvalid: 'schemaVersion: expected 1', newerVersion: 2 };
    const shown = popupState(input({ state: { ...STATE, newerVersion: 3 }, profile, newerVersion: ['SF0770_E', 'SF1320'] })).notices;
    expect(shown.map((n) => [n.kind, n.detail, n.lasting])).toEqual([
      ['settings-reset', expect.stringContaining('settings were saved by a newer version of Aftaletjek (version 3)'), true],
      ['managed-invalid', 'policy ignored: portalProfile schemaVersion: expected 1', true],
      ['settings-reset', 'the imported portal profile was saved by a newer version of Aftaletjek (version 2); the built-in profile is used', true],
      ['progress-reset', 'progress for SF0770_E, SF1320 was saved by a newer version of Aftaletjek; shown as not seen until seen again', true],
    ]);
    expect(new Set(shown.map((n) => n.id)).size).toBe(4);
  });

  it('none from a clean profile and progress, nor from those not read yet', () => {
    expect(popupState(input()).notices).toEqual([]);
    expect(popupState(input({ profile: null, progress: null })).notices).toEqual([]);
    // Fixed: the condition goes with what caused it.
    expect(popupState(input({ newerVersion: ['SF1470'] })).notices).toHaveLength(1);
    expect(popupState(input({ newerVersion: [] })).notices).toEqual([]);
  });
});
