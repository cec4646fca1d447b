// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { Popup } from '../../../src/popup/Popup';
import { BUILTIN_PROFILE } from '../../../src/portal/words';
import { addNotice, loadNotices } from '../../../src/store/notices';
import { PROFILE_KEY, useBuiltinProfile } from '../../../src/store/profile';
import { recordObservations } from '../../../src/store/progress';
import { SETTINGS_KEY } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';

const root = document.body.appendChild(document.createElement('div'));
let managed: ReturnType<typeof memoryArea>;
let local: ReturnType<typeof memoryArea>;
afterEach(() => void (render(null, root), setAreasForTesting()));

/** Renders the popup on these areas, once it shows the progress. */
async function mount(localData: Record<string, unknown>, managedData: Record<string, unknown>): Promise<void> {
  [local, managed] = [memoryArea(localData), memoryArea(managedData)];
  setAreasForTesting({ local, managed });
  render(<Popup openOptions={() => undefined} />, root);
  await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-progress]')).not.toBeNull());
}

const boxes = (kind: string) => [...root.querySelectorAll<HTMLElement>(`[data-aftaletjek-notice="${kind}"]`)];

describe('popup: lasting conditions come from the settings state', () => {
  it('shows an ignored policy value while it is set, without a close button, and never as a stored notice', async () => {
    await mount({}, { expectedSe: '123' });
    await vi.waitFor(() => expect(boxes('managed-invalid')).toHaveLength(1));
    const [box] = boxes('managed-invalid');
    expect(box!.textContent).toContain('Kontakt IT-afdelingen.');
    expect(box!.textContent).toContain('Teknisk detalje: policy ignored: expectedSe "123" is not a valid SE number (format)');
    expect(box!.querySelector('button')).toBeNull();
    expect(await loadNotices()).toEqual([]);

    // IT fixes the policy: the condition goes with it.
    await managed.set({ expectedSe: '29189757' });
    await vi.waitFor(() => expect(boxes('managed-invalid')).toHaveLength(0));
  });

  it('says a policy SE fails the modulus-11 check while the policy sets it', async () => {
    await mount({}, { expectedSe: '13585627' });
    await vi.waitFor(() => expect(boxes('managed-se-suspect')).toHaveLength(1));
    expect(boxes('managed-se-suspect')[0]!.textContent).toContain('policy expectedSe 13585627 fails the modulus 11 check; it is used as set');
  });

  it('says settings from a newer version are kept, until a save replaces them', async () => {
    await mount({ [SETTINGS_KEY]: { version: 3, kommune: 'Aarhus' } }, {});
    await vi.waitFor(() => expect(boxes('settings-reset')).toHaveLength(1));
    expect(boxes('settings-reset')[0]!.textContent).toContain('newer version of Aftaletjek (version 3)');
    expect(local.dump()[SETTINGS_KEY]).toEqual({ version: 3, kommune: 'Aarhus' });
    await local.set({ [SETTINGS_KEY]: { version: 2, municipality: 'Aarhus Kommune', expectedSe: null, activePackId: 'klik-sf02', packs: [] } });
    await vi.waitFor(() => expect(boxes('settings-reset')).toHaveLength(0));
    expect(root.querySelector('header')!.textContent).toContain('Kommune: Aarhus Kommune');
  });

  it('shows the conditions before the one-off notices, which keep their close button', async () => {
    local = memoryArea();
    setAreasForTesting({ local, managed: memoryArea({ municipality: 7 }) });
    await addNotice('write-failed', 'progress: quota');
    render(<Popup openOptions={() => undefined} />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-aftaletjek-notice]')).toHaveLength(2));
    const kinds = [...root.querySelectorAll('[data-aftaletjek-notice]')].map((el) => [
      el.getAttribute('data-aftaletjek-notice'),
      el.querySelector('button') !== null,
    ]);
    expect(kinds).toEqual([
      ['managed-invalid', false],
      ['write-failed', true],
    ]);
  });
});

/** The one box of `kind`, once shown: a lasting condition, so without a close button. Its text. */
async function lastingBox(kind: string): Promise<string> {
  await vi.waitFor(() => expect(boxes(kind)).toHaveLength(1));
  expect(boxes(kind)[0]!.querySelector('button'), 'no close button').toBeNull();
  return boxes(kind)[0]!.textContent ?? '';
}

describe('popup: lasting conditions of the portal profile and the progress come from what it reads', () => {
  const INVALID_POLICY = { portalProfile: { ...BUILTIN_PROFILE, id: 'it-politik', schemaVersion: 2 } };

  it('shows an ignored policy profile while it is set, and not once IT fixes it; reading stores no notice', async () => {
    await mount({}, INVALID_POLICY);
    const text = await lastingBox('managed-invalid');
    expect(text).toContain('Kontakt IT-afdelingen.');
    expect(text).toContain('Teknisk detalje: policy ignored: portalProfile schemaVersion: ');
    expect(await loadNotices()).toEqual([]);
    await managed.set({ portalProfile: { ...BUILTIN_PROFILE, id: 'it-politik' } });
    await vi.waitFor(() => expect(boxes('managed-invalid')).toHaveLength(0));
  });

  it('says an imported profile from a newer version is not used, while it is stored', async () => {
    const newer = { version: 2, profile: { anything: true } };
    await mount({ [PROFILE_KEY]: newer }, {});
    expect(await lastingBox('settings-reset')).toContain('the imported portal profile was saved by a newer version of Aftaletjek (version 2)');
    expect(local.dump()[PROFILE_KEY]).toEqual(newer);
    await useBuiltinProfile();
    await vi.waitFor(() => expect(boxes('settings-reset')).toHaveLength(0));
  });

  it('says progress from a newer version is shown as not seen, until the agreement is seen again', async () => {
    const newer = { version: 2, state: { code: 'approved' } };
    await mount({ 'progress.klik-sf02.SF0770_E': newer }, {});
    expect(await lastingBox('progress-reset')).toContain('progress for SF0770_E was saved by a newer version of Aftaletjek');
    // Another record changes: the progress is read again, the condition still shown once, no notice stored.
    await recordObservations('klik-sf02', [{ id: 'SF1470', status: 'approved', url: 'https://admin.serviceplatformen.dk/x' }]);
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-progress]')!.getAttribute('data-aftaletjek-progress')).toBe('1/5'));
    expect(boxes('progress-reset')).toHaveLength(1);
    expect(await loadNotices()).toEqual([]);
    await recordObservations('klik-sf02', [{ id: 'SF0770_E', status: 'pending', url: 'https://admin.serviceplatformen.dk/x' }]);
    await vi.waitFor(() => expect(boxes('progress-reset')).toHaveLength(0));
    expect(local.dump()['progress.klik-sf02.SF0770_E']).toMatchObject({ version: 1, status: 'pending' });
  });

  it('shows a one-off reset once, with its close button, and not again when closed', async () => {
    await mount({}, {});
    await addNotice('progress-reset', 'unreadable progress for SF1490 cleared');
    await vi.waitFor(() => expect(boxes('progress-reset')).toHaveLength(1));
    await vi.waitFor(async () => expect(await loadNotices()).toEqual([]));
    boxes('progress-reset')[0]!.querySelector('button')!.click();
    await vi.waitFor(() => expect(boxes('progress-reset')).toHaveLength(0));
    await recordObservations('klik-sf02', [{ id: 'SF1470', status: 'approved', url: 'https://admin.serviceplatformen.dk/x' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(boxes('progress-reset')).toHaveLength(0);
  });
});
