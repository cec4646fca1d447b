// @vitest-environment happy-dom
import { BUILTIN_PROFILE } from '../../../src/portal/words';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startOverlay, type OverlayConfig, type OverlayDeps } from '../../../src/content/controller';
import { BUILTIN_PACK } from '../../../src/core/pack';
import type { Observation } from '../../../src/store/progress';
import { EXPECTED_SE, MUNICIPALITY, loadFixture } from './fixture';

let lifetime: AbortController | null = null;
afterEach(() => lifetime?.abort());

async function start(path: string, config: Partial<OverlayConfig> = {}) {
  loadFixture(path);
  const recorded: Observation[][] = [];
  let notify: (next: OverlayConfig) => void = () => undefined;
  let current: OverlayConfig = { pack: BUILTIN_PACK, municipality: MUNICIPALITY, expectedSe: EXPECTED_SE, profile: BUILTIN_PROFILE, ...config };
  const deps: OverlayDeps = {
    loadConfig: async () => current,
    watchConfig: (cb) => {
      notify = cb;
      return () => undefined;
    },
    record: async (_packId, observations) => void recorded.push(observations),
    openOptions: vi.fn(),
    alive: () => true,
    onError: vi.fn(),
  };
  lifetime = new AbortController();
  const overlay = await startOverlay(window as unknown as Window & typeof globalThis, deps, lifetime);
  await overlay.idle();
  await overlay.settled();
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    await overlay.idle();
    await overlay.settled();
  };
  const reconfigure = async (next: Partial<OverlayConfig>) => {
    current = { ...current, ...next };
    notify(current);
    await settle();
  };
  return { deps, recorded, settle, reconfigure };
}

const marks = () =>
  [...document.querySelectorAll('[data-aftaletjek-agreement]')].map(
    (el) => `${el.getAttribute('data-aftaletjek-agreement')}:${el.getAttribute('data-aftaletjek-status')}`,
  );
const banners = () => [...document.querySelectorAll('[data-aftaletjek-se]')];

describe('the overlay pipeline on one tab', () => {
  it('marks a list, records it once, and follows changes made later', async () => {
    const { recorded, settle } = await start('aftaler/tabel.html');
    expect(marks()).toEqual(['SF0770_A:pending', 'SF0770_E:pending', 'SF1470:approved', 'SF1490:rejected', 'SF1320:pending']);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.map((o) => o.id)).toEqual(['SF0770_A', 'SF0770_E', 'SF1470', 'SF1490', 'SF1320']);

    // A status word changes in a row: only that agreement is recorded again.
    document.querySelector('a[data-aftaletjek-agreement="SF1490"]')!.closest('tr')!.querySelector('.status')!.textContent = 'Aktiv';
    await settle();
    expect(marks()).toContain('SF1490:approved');
    expect(recorded.at(-1)!.map((o) => [o.id, o.status])).toEqual([['SF1490', 'approved']]);

    // A name turns into a look-alike: its mark and its row's mark go.
    const link = document.querySelector('a[data-aftaletjek-agreement="SF0770_A"]')!;
    link.querySelector('.title')!.textContent = 'SKAT Indkomst - Opslag personoplysninger v2';
    await settle();
    expect(marks()).not.toContain('SF0770_A:pending');
    expect(link.closest('tr')!.hasAttribute('data-aftaletjek-row')).toBe(false);
  });

  it('follows text changed in place (Text.data, as a framework re-renders), inside a name and beside it', async () => {
    const { settle } = await start('aftaler/tabel.html');
    const row = (id: string) => document.querySelector(`a[data-aftaletjek-agreement="${id}"]`)!.closest('tr')!;
    const textOf = (el: Element) => [...el.childNodes].find((node): node is Text => node.nodeType === 3)!;

    // A status word beside the name: the mark follows it.
    textOf(row('SF1490').querySelector('.status')!).data = 'Godkendt';
    await settle();
    expect(marks()).toContain('SF1490:approved');

    // A name's own text turns it into a look-alike: its mark goes.
    const sf0770 = row('SF0770_A');
    textOf(sf0770.querySelector('.title')!).data = 'SKAT Indkomst - Opslag personoplysninger v2';
    await settle();
    expect(marks()).not.toContain('SF0770_A:pending');
    expect(sf0770.hasAttribute('data-aftaletjek-row')).toBe(false);

    // The IT system beside the name, inside the link that holds it, turns it into another system's agreement.
    const sf1320 = document.querySelector('a[href="/aftale/sf1320"]')!;
    sf1320.innerHTML = '<span>SF1320 – CPR Hændelser</span> - <span class="system">KP PROD</span>';
    await settle();
    expect(marks()).toContain('SF1320:pending');
    textOf(sf1320.querySelector('.system')!).data = 'Momentum PROD';
    await settle();
    expect(marks().filter((mark) => mark.startsWith('SF1320'))).toEqual([]);

    // Another cell of a marked row comes to hold a second task name: it is found too.
    const system = row('SF1470').querySelectorAll('td')[2]!;
    textOf(system).data = 'SF1490 - Ydelsesindeks V3 - KP PROD - Aarhus Kommune';
    await settle();
    expect(system.getAttribute('data-aftaletjek-agreement')).toBe('SF1490');
    // A look-alike beside a marked name becomes a task name through a text change without a code.
    const other = row('SF1490').querySelectorAll('td')[3]!;
    other.innerHTML = '<a href="/aftale/x"><span>SF1320 – CPR Hændelser</span> - <span class="system">Momentum PROD</span></a>';
    await settle();
    expect(other.querySelector('[data-aftaletjek-agreement]')).toBeNull();
    textOf(other.querySelector('.system')!).data = 'KP PROD';
    await settle();
    expect(other.querySelector('[data-aftaletjek-agreement="SF1320"]')).not.toBeNull();
    // A list entry that held no name comes to hold one through a text change.
    const v2 = document.querySelector('a[href="/aftale/sf0770-a-v2"]')!;
    textOf(v2.querySelector('.title')!).data = 'SKAT Indkomst - Opslag personoplysninger v3';
    await settle();
    expect(v2.getAttribute('data-aftaletjek-agreement')).toBe('SF0770_A');
  });

  it('marks rows rendered late, without duplicating anything', async () => {
    const { settle } = await start('aftaler/tabel.html');
    const tbody = document.querySelector('tbody')!;
    const copy = tbody.cloneNode(true) as HTMLElement;
    tbody.replaceWith(copy);
    await settle();
    expect(marks()).toEqual(['SF0770_A:pending', 'SF0770_E:pending', 'SF1470:approved', 'SF1490:rejected', 'SF1320:pending']);
    expect(document.querySelectorAll('[data-aftaletjek-row]')).toHaveLength(5);
  });

  it('shows one banner on an SE agreement page and removes it when the page goes', async () => {
    const { settle, recorded } = await start('aftale/sf0770-a-forkert-se.html');
    expect(banners().map((b) => [b.getAttribute('data-aftaletjek-se'), b.getAttribute('data-aftaletjek-se-found'), b.getAttribute('role')])).toEqual([
      ['mismatch', '55133018', 'alert'],
    ]);
    expect(banners()[0]!.shadowRoot!.textContent).toContain('55133018');
    expect(recorded.flat().find((o) => o.id === 'SF0770_A')?.se?.verdict).toBe('mismatch');

    // The SE parameter is corrected in place: the banner updates, still one.
    const seValue = [...document.querySelectorAll('dt')].find((dt) => dt.textContent === 'SE-nummer')!.nextElementSibling!;
    seValue.textContent = EXPECTED_SE;
    await settle();
    expect(banners().map((b) => b.getAttribute('data-aftaletjek-se'))).toEqual(['match']);

    // The portal replaces the view with a list.
    document.querySelector('main')!.replaceChildren(document.createElement('p'));
    await settle();
    expect(banners()).toHaveLength(0);
  });

  it('shows no banner for an agreement without SE check', async () => {
    await start('aftale/sf1470.html');
    expect(marks()).toEqual(['SF1470:pending']);
    expect(banners()).toHaveLength(0);
  });

  it('scans again with new settings', async () => {
    const { reconfigure } = await start('aftaler/tabel.html');
    await reconfigure({ municipality: 'Odder Kommune' });
    expect(marks().sort()).toEqual(['SF0770_A:pending', 'SF1320:pending', 'SF1320:pending']);
  });

  it('reports its own failures instead of throwing into the page', async () => {
    const { deps, settle } = await start('aftaler/tabel.html');
    deps.record = () => Promise.reject(new Error('quota'));
    document.querySelector('.status')!.textContent = 'Godkendt';
    await settle();
    await vi.waitFor(() => expect(deps.onError).toHaveBeenCalledWith(new Error('quota')));
  });

  it('removes every mark and the banner when its lifetime ends', async () => {
    await start('aftale/sf0770-a-forkert-se.html');
    lifetime!.abort();
    expect(marks()).toEqual([]);
    expect(banners()).toHaveLength(0);
  });
});
