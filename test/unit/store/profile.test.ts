import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { profileConditions } from '../../../src/popup/conditions';
import { BUILTIN_PROFILE } from '../../../src/portal/words';
import { loadNotices } from '../../../src/store/notices';
import {
  exportProfileJson,
  getActiveProfile,
  importProfile,
  loadProfileState,
  onProfileChanged,
  PROFILE_KEY,
  useBuiltinProfile,
} from '../../../src/store/profile';
import { onSettingsChanged } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { IMPORTED, MANAGED, storedImport } from './profile-support';

let local: ReturnType<typeof memoryArea>;
let managed: ReturnType<typeof memoryArea>;

function useAreas(localData: Record<string, unknown> = {}, managedData: Record<string, unknown> = {}) {
  local = memoryArea(localData);
  managed = memoryArea(managedData);
  setAreasForTesting({ local, managed });
}

beforeEach(() => useAreas());
afterEach(() => setAreasForTesting());

describe('the profile in force: policy > import > built-in', () => {
  it('is the built-in profile when nothing is set, without writing anything', async () => {
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin' });
    expect(local.dump()).toEqual({});
  });

  it('is the imported profile once one is imported', async () => {
    expect(await importProfile(JSON.stringify(IMPORTED))).toEqual({ ok: true, profile: IMPORTED });
    expect(local.dump()).toEqual(storedImport(IMPORTED));
    expect(await loadProfileState()).toEqual({ profile: IMPORTED, source: 'imported' });
    expect(await getActiveProfile()).toEqual(IMPORTED);
  });

  it('is a valid policy profile, over an imported one', async () => {
    useAreas(storedImport(IMPORTED), { portalProfile: MANAGED });
    expect(await loadProfileState()).toEqual({ profile: MANAGED, source: 'managed' });
    expect(await loadNotices()).toEqual([]);
  });

  it('takes a policy profile given as a JSON string (Windows registry)', async () => {
    useAreas({}, { portalProfile: JSON.stringify(MANAGED) });
    expect(await loadProfileState()).toEqual({ profile: MANAGED, source: 'managed' });
  });

  it('treats an empty policy string as not set', async () => {
    useAreas({}, { portalProfile: '  ' });
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin' });
    expect(await loadNotices()).toEqual([]);
  });

  it.each([
    {
      name: 'an empty status word list',
      policy: { ...MANAGED, statusWords: { ...MANAGED.statusWords, approved: [] } },
      error: /^statusWords\.approved: /,
    },
    { name: 'a wrong schemaVersion', policy: { ...MANAGED, schemaVersion: 2 }, error: /^schemaVersion: / },
    { name: 'a pattern that matches empty text', policy: { ...MANAGED, seLabels: ['x*'] }, error: /^seLabels\.0: not a valid regular expression/ },
    { name: 'a broken JSON string', policy: '{"schemaVersion": 1,', error: /^not valid JSON/ },
    { name: 'a number', policy: 42, error: 'neither an object nor a JSON string of one' },
    { name: 'a JSON string of an array', policy: '[]', error: 'neither an object nor a JSON string of one' },
  ])('ignores an invalid policy profile as a whole ($name): the import stays, the user learns why', async ({ policy, error }) => {
    useAreas(storedImport(IMPORTED), { portalProfile: policy });
    const state = await loadProfileState();
    expect(state).toEqual({ profile: IMPORTED, source: 'imported', managedInvalid: expect.stringMatching(error) });
    // Said from the state while the policy is set (the popup's box), not as a stored notice.
    expect(profileConditions(state)).toEqual([
      expect.objectContaining({ kind: 'managed-invalid', detail: `policy ignored: portalProfile ${state.managedInvalid}`, lasting: true }),
    ]);
    // Read again: still the state, never a notice.
    expect(await loadProfileState()).toEqual(state);
    expect(await loadNotices()).toEqual([]);
  });

  it('falls back to the built-in profile when the invalid policy has no import to fall back to', async () => {
    useAreas({}, { portalProfile: { ...MANAGED, id: 'Not An Id' } });
    expect(await loadProfileState()).toEqual({
      profile: BUILTIN_PROFILE,
      source: 'builtin',
      managedInvalid: expect.stringMatching(/^id: /),
    });
  });
});

describe('importProfile', () => {
  it.each([
    { name: 'not JSON', text: '{ "schemaVersion": 1,', expected: { ok: false, reason: 'not-json', detail: expect.any(String) } },
    {
      name: 'a profile without approved words',
      text: JSON.stringify({ ...IMPORTED, statusWords: { ...IMPORTED.statusWords, approved: [] } }),
      expected: { ok: false, reason: 'invalid', field: 'statusWords.approved', detail: expect.stringMatching(/^statusWords\.approved: /) },
    },
    {
      name: 'upper-case words',
      text: JSON.stringify({ ...IMPORTED, actions: { approve: ['Godkend'], reject: ['afvis'] } }),
      expected: { ok: false, reason: 'invalid', field: 'actions.approve.0', detail: 'actions.approve.0: lower case, no outer spaces' },
    },
    { name: 'not a profile', text: '[1, 2]', expected: { ok: false, reason: 'invalid', field: '(root)', detail: expect.stringMatching(/^\(root\): /) } },
    { name: 'the built-in id', text: JSON.stringify(BUILTIN_PROFILE), expected: { ok: false, reason: 'builtin-id', field: 'id', detail: 'fkam-builtin' } },
  ])('refuses $name, naming what is wrong, and changes nothing', async ({ text, expected }) => {
    await importProfile(JSON.stringify(IMPORTED));
    const before = local.dump();
    expect(await importProfile(text)).toEqual(expected);
    expect(local.dump()).toEqual(before);
    expect((await loadProfileState()).profile.id).toBe('kommune-drift');
  });

  it('is refused while a valid policy profile is in force', async () => {
    useAreas({}, { portalProfile: MANAGED });
    expect(await importProfile(JSON.stringify(IMPORTED))).toEqual({ ok: false, reason: 'managed' });
    expect(local.dump()).toEqual({});
  });

  it('is accepted while the policy profile is invalid (and ignored)', async () => {
    useAreas({}, { portalProfile: { id: 'broken' } });
    expect(await importProfile(JSON.stringify(IMPORTED))).toMatchObject({ ok: true });
    expect(await loadProfileState()).toMatchObject({ profile: IMPORTED, source: 'imported', managedInvalid: expect.any(String) });
  });

  it('reports a failed write and stores nothing', async () => {
    setAreasForTesting({ local: memoryArea({}, { failSet: (items) => (PROFILE_KEY in items ? new Error('QUOTA_BYTES quota exceeded') : null) }) });
    expect(await importProfile(JSON.stringify(IMPORTED))).toEqual({ ok: false, reason: 'write-failed' });
    expect(await loadNotices()).toEqual([expect.objectContaining({ kind: 'write-failed', detail: 'portal profile: QUOTA_BYTES quota exceeded' })]);
    expect(await getActiveProfile()).toEqual(BUILTIN_PROFILE);
  });
});

describe('useBuiltinProfile and exportProfileJson', () => {
  it('drops the imported profile', async () => {
    await importProfile(JSON.stringify(IMPORTED));
    expect(await useBuiltinProfile()).toEqual({ ok: true });
    expect(local.dump()).toEqual({});
    expect(await loadProfileState()).toEqual({ profile: BUILTIN_PROFILE, source: 'builtin' });
  });

  it('exports the profile in force under its id, as a file that imports again', async () => {
    expect(await exportProfileJson()).toEqual({ filename: 'fkam-builtin.json', json: JSON.stringify(BUILTIN_PROFILE, null, 2) + '\n' });
    await importProfile(JSON.stringify(IMPORTED));
    const file = await exportProfileJson();
    expect(file.filename).toBe('kommune-drift.json');
    await useBuiltinProfile();
    expect(await importProfile(file.json)).toEqual({ ok: true, profile: IMPORTED });
    await managed.set({ portalProfile: MANAGED });
    expect(JSON.parse((await exportProfileJson()).json)).toEqual(MANAGED);
  });
});

describe('changes of the profile in force', () => {
  it('reach onProfileChanged and onSettingsChanged (the background broadcasts from the latter)', async () => {
    const profiles = vi.fn();
    const settings = vi.fn();
    const stops = [onProfileChanged(profiles), onSettingsChanged(settings)];
    await importProfile(JSON.stringify(IMPORTED));
    await vi.waitFor(() => expect(profiles).toHaveBeenLastCalledWith({ profile: IMPORTED, source: 'imported' }));
    await vi.waitFor(() => expect(settings).toHaveBeenCalledTimes(1));
    await managed.set({ portalProfile: MANAGED });
    await vi.waitFor(() => expect(profiles).toHaveBeenLastCalledWith({ profile: MANAGED, source: 'managed' }));
    await vi.waitFor(() => expect(settings).toHaveBeenCalledTimes(2));
    for (const stop of stops) stop();
  });
});
