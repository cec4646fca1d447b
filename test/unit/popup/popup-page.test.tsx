// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { BUILTIN_PACK } from '../../../src/core/pack';
import type { SeenOnPage } from '../../../src/content/controller';
import type { Snapshot } from '../../../src/content/snapshot';
import { Popup } from '../../../src/popup/Popup';
import type { PageSeenAnswer, PortalTab, SnapshotAnswer } from '../../../src/popup/portalTab';
import { recordObservations } from '../../../src/store/progress';
import { saveSettings } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { asPageSeen, asSnapshot, asTabRequest } from '../../../src/shared/messages';
import { captureDownloads } from './downloads';

const PACK = BUILTIN_PACK.id;
const URL_A = 'https://admin.serviceplatformen.dk/aftaler/1';

let root: HTMLElement;

beforeEach(async () => {
  setAreasForTesting({ local: memoryArea() });
  await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  setAreasForTesting();
  vi.restoreAllMocks();
});

const SNAPSHOT: Snapshot = {
  format: 'aftaletjek-fejlrapport',
  version: 1,
  createdAt: '2025-02-03T10:00:00.000Z',
  extensionVersion: '0.1.0',
  profileId: 'fkam-builtin',
  packId: PACK,
  url: 'https://admin.serviceplatformen.dk/xxxxxxx/xxxxx',
  seen: [],
  html: '<!DOCTYPE html><html><head></head><body><h1>SF1470</h1></body></html>',
  truncated: false,
};

/** A portal tab that answers as told, and can say that the active tab changed. */
function fakeTab(page: PageSeenAnswer, snapshot: SnapshotAnswer = { kind: 'snapshot', snapshot: SNAPSHOT }) {
  const listeners = new Set<() => void>();
  const tab = {
    page,
    pageSeen: vi.fn(async () => tab.page),
    snapshot: vi.fn(async () => snapshot),
    watch(onChange: () => void) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    change(next: PageSeenAnswer) {
      tab.page = next;
      for (const l of listeners) l();
    },
  };
  return tab satisfies PortalTab;
}

async function mount(portalTab?: PortalTab): Promise<void> {
  render(<Popup openOptions={() => undefined} portalTab={portalTab} />, root);
  await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-progress]')).not.toBeNull());
}

const text = () => root.textContent ?? '';
const item = (id: string) => root.querySelector<HTMLElement>(`[data-aftaletjek-agreement="${id}"]`)!;
const pageLine = () => root.querySelector<HTMLElement>('[data-aftaletjek-page]');
function button(name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}
const seen = (id: string, status: SeenOnPage['status'] = 'pending', kind: SeenOnPage['kind'] = 'list'): SeenOnPage => ({ id, kind, status });

describe('popup: never silent about an agreement', () => {
  it('an agreement seen without a readable status says exactly that', async () => {
    await recordObservations(PACK, [{ id: 'SF1470', status: 'unknown', statusText: '', url: URL_A }]);
    await mount();
    await vi.waitFor(() => expect(item('SF1470').getAttribute('data-aftaletjek-status')).toBe('unknown'));
    expect(item('SF1470').textContent).toContain('Fundet på portalen, men Aftaletjek kunne ikke læse status.');
  });

  it('an SE agreement whose page showed no SE number says so, and where to look', async () => {
    await recordObservations(PACK, [
      { id: 'SF0770_E', status: 'pending', statusText: 'Afventer', url: URL_A, se: { verdict: 'missing', found: [], expected: '13748136', suspect: false } },
    ]);
    await mount();
    await vi.waitFor(() => expect(item('SF0770_E').getAttribute('data-aftaletjek-se')).toBe('missing'));
    expect(item('SF0770_E').textContent).toContain('SE-nummer ikke fundet på aftalens side');
    expect(item('SF0770_E').textContent).toContain('Se under fanen »Parametre« på aftalens side');
  });
});

describe('popup: what the open portal page shows', () => {
  it('counts the task’s agreements on the page, each once, in task order', async () => {
    const tab = fakeTab({ kind: 'seen', seen: [seen('SF1470'), seen('SF0770_A', 'unknown', 'heading'), seen('SF1470'), seen('OTHER')] });
    await mount(tab);
    await vi.waitFor(() => expect(pageLine()?.getAttribute('data-aftaletjek-page')).toBe('2'));
    expect(pageLine()!.textContent).toBe('På denne side: 2 af opgavens aftaler (SF0770_A, SF1470).');
    // Never "0 af 5" alone: the line sits right under the progress.
    expect(text()).toContain('0 af 5 godkendt');
  });

  it('one agreement', async () => {
    await mount(fakeTab({ kind: 'seen', seen: [seen('SF1320')] }));
    await vi.waitFor(() => expect(pageLine()?.textContent).toBe('På denne side: 1 af opgavens aftaler (SF1320).'));
  });

  it('a portal page where nothing was recognised asks for a Fejlrapport', async () => {
    await mount(fakeTab({ kind: 'seen', seen: [] }));
    await vi.waitFor(() => expect(pageLine()?.getAttribute('data-aftaletjek-page')).toBe('0'));
    expect(pageLine()!.textContent).toContain('Aftaletjek fandt ingen af opgavens aftaler på denne side. Ser du dem? Send en Fejlrapport.');
    expect(button('Fejlrapport')).toBeDefined();
  });

  it('a portal page that does not answer says to wait or reload', async () => {
    await mount(fakeTab({ kind: 'no-answer' }));
    await vi.waitFor(() => expect(pageLine()?.getAttribute('data-aftaletjek-page')).toBe('no-answer'));
    expect(pageLine()!.textContent).toContain('genindlæs den (F5)');
  });

  it('no line when the active tab is not a portal page, and asks again when the tab changes', async () => {
    const tab = fakeTab({ kind: 'not-portal' });
    await mount(tab);
    await vi.waitFor(() => expect(tab.pageSeen).toHaveBeenCalled());
    expect(pageLine()).toBeNull();
    tab.change({ kind: 'seen', seen: [seen('SF1490')] });
    await vi.waitFor(() => expect(pageLine()?.getAttribute('data-aftaletjek-page')).toBe('1'));
  });
});

describe('popup: Fejlrapport', () => {
  it('says what the file is for and that it holds no personal data', async () => {
    await mount(fakeTab({ kind: 'seen', seen: [] }));
    const about = root.querySelector('#report-about')!.textContent!;
    expect(about).toContain('Aftaletjeks udviklere');
    expect(about).toContain('ingen personoplysninger');
    expect(button('Fejlrapport').getAttribute('aria-describedby')).toBe('report-about');
  });

  it('saves the snapshot of the portal page as aftaletjek-fejlrapport-YYYY-MM-DD.json', async () => {
    const downloads = captureDownloads();
    const tab = fakeTab({ kind: 'seen', seen: [] });
    await mount(tab);
    button('Fejlrapport').click();
    await vi.waitFor(() => expect(downloads.names).toHaveLength(1));
    expect(downloads.names[0]).toMatch(/^aftaletjek-fejlrapport-\d{4}-\d{2}-\d{2}\.json$/);
    expect(downloads.blobs[0]!.type).toBe('application/json');
    expect(JSON.parse(await downloads.blobs[0]!.text())).toEqual(SNAPSHOT);
    await vi.waitFor(() => expect(text()).toContain(`Fejlrapporten er gemt som ${downloads.names[0]}`));
  });

  it.each([
    ['not a portal tab', { kind: 'not-portal' } as const, 'Gå til fanen med administrationsmodulet'],
    ['a portal tab that does not answer', { kind: 'no-answer' } as const, 'Genindlæs siden i administrationsmodulet (F5)'],
  ])('explains instead of saving on %s', async (_what, answer, expected) => {
    const downloads = captureDownloads();
    await mount(fakeTab({ kind: 'not-portal' }, answer));
    button('Fejlrapport').click();
    await vi.waitFor(() => expect(text()).toContain(expected));
    expect(downloads.names).toEqual([]);
  });

  it('without a portal tab at all (no access), explains too', async () => {
    await mount();
    button('Fejlrapport').click();
    await vi.waitFor(() => expect(text()).toContain('Gå til fanen med administrationsmodulet'));
  });
});

describe('messages between popup and portal tab', () => {
  it('knows its two requests and nothing else', () => {
    expect(asTabRequest({ type: 'aftaletjek:page-seen', extra: 1 })).toEqual({ type: 'aftaletjek:page-seen' });
    expect(asTabRequest({ type: 'aftaletjek:snapshot' })).toEqual({ type: 'aftaletjek:snapshot' });
    expect(asTabRequest({ type: 'aftaletjek:observe' })).toBeNull();
    expect(asTabRequest(null)).toBeNull();
  });

  it('checks the answers', () => {
    expect(asPageSeen({ type: 'aftaletjek:page-seen', seen: [seen('SF1470')] })).toEqual([seen('SF1470')]);
    expect(asPageSeen({ type: 'aftaletjek:page-seen', seen: [{ id: 'SF1470', kind: 'list', status: 'bogus' }] })).toBeNull();
    expect(asPageSeen({ type: 'aftaletjek:page-seen', seen: [{ ...seen('SF0770_A'), se: { verdict: 'missing', found: 0 } }] })).not.toBeNull();
    expect(asPageSeen(undefined)).toBeNull();
    expect(asSnapshot(SNAPSHOT)).toBe(SNAPSHOT);
    expect(asSnapshot({ ...SNAPSHOT, format: 'other' })).toBeNull();
  });
});
