// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { Popup } from '../../../src/popup/Popup';
import { addNotice, loadNotices } from '../../../src/store/notices';
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

  it("says settings from a newer version are kept, until a save replaces them", async () => {
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
    const kinds = [...root.querySelectorAll('[data-aftaletjek-notice]')].map((el) => [el.getAttribute('data-aftaletjek-notice'), el.querySelector('button') !== null]);
    expect(kinds).toEqual([
      ['managed-invalid', false],
      ['write-failed', true],
    ]);
  });
});
