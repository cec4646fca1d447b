// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { klikMessage } from '../../../src/core/summary';
import type { AgreementStatus, SeCheck } from '../../../src/core/types';
import { Popup } from '../../../src/popup/Popup';
import { addNotice, loadNotices } from '../../../src/store/notices';
import { loadProgress, recordObservations, type Observation } from '../../../src/store/progress';
import { keepPackFromText, saveSettings } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { captureDownloads } from './downloads';

const PACK = BUILTIN_PACK.id;
const EXPECTED = '13748136';
const WRONG = '29189757';
const NAME_A = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';
const URL_A = 'https://admin.serviceplatformen.dk/aftaler/1';

let root: HTMLElement;
let openOptions: ReturnType<typeof vi.fn<() => void>>;

beforeEach(async () => {
  setAreasForTesting({ local: memoryArea() });
  await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: EXPECTED });
  root = document.createElement('div');
  document.body.append(root);
  openOptions = vi.fn<() => void>();
});
afterEach(() => {
  render(null, root);
  root.remove();
  setAreasForTesting();
  vi.restoreAllMocks();
});

function se(verdict: SeCheck['verdict'], found = [EXPECTED]): SeCheck {
  return { verdict, found, expected: EXPECTED, suspect: false };
}

function observe(id: string, status: AgreementStatus, extra: Partial<Observation> = {}): Observation {
  return { id, status, statusText: status === 'approved' ? 'Godkendt' : 'Afventer godkendelse', url: URL_A, ...extra };
}

const ALL_APPROVED: Observation[] = BUILTIN_PACK.agreements.map((a) => observe(a.id, 'approved', a.seCheck ? { se: se('match') } : {}));

async function mount(): Promise<void> {
  render(<Popup openOptions={openOptions} />, root);
  await vi.waitFor(() => expect(progressHook()).not.toBeNull());
}

const progressHook = () => root.querySelector('[data-aftaletjek-progress]')?.getAttribute('data-aftaletjek-progress') ?? null;
const item = (id: string) => root.querySelector<HTMLElement>(`[data-aftaletjek-agreement="${id}"]`)!;
const text = () => root.textContent ?? '';
function button(name: string | RegExp): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => (typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent ?? '')));
  if (!found) throw new Error(`no button ${String(name)}`);
  return found;
}

describe('popup: progress and the five agreements', () => {
  it('shows every agreement as not seen yet, with how to find it, when nothing is recorded', async () => {
    await mount();
    expect(progressHook()).toBe('0/5');
    expect(text()).toContain('0 af 5 godkendt');
    expect(text()).toContain('5 aftaler mangler godkendelse.');
    expect(text()).toContain('Aftaletjek har ikke set nogen af aftalerne endnu.');
    const items = [...root.querySelectorAll('[data-aftaletjek-agreement]')];
    expect(items.map((el) => el.getAttribute('data-aftaletjek-agreement'))).toEqual(['SF0770_A', 'SF0770_E', 'SF1470', 'SF1490', 'SF1320']);
    expect(items.every((el) => el.getAttribute('data-aftaletjek-status') === 'unseen')).toBe(true);
    expect(item('SF1470').textContent).toContain('Ikke set endnu');
    expect(item('SF1470').textContent).toContain('Find den: søg efter »SF1470« i aftalelisten i administrationsmodulet.');
    expect(item('SF1470').textContent).toContain(BUILTIN_PACK.agreements[2]!.purpose);
  });

  it.each([
    ['pending', 'Afventer godkendelse'],
    ['approved', 'Godkendt'],
    ['rejected', 'Afvist'],
    ['ended', 'Ophørt/udløbet'],
    ['unknown', 'Set, status ukendt'],
  ] as const)('says "%s" in words: %s', async (status, words) => {
    await recordObservations(PACK, [observe('SF1490', status, { statusText: 'Under behandling' })]);
    await mount();
    expect(item('SF1490').getAttribute('data-aftaletjek-status')).toBe(status);
    expect(item('SF1490').querySelector('.pill')!.textContent).toBe(words);
  });

  it('puts the outstanding agreements first, in task order, and counts only approved ones', async () => {
    await recordObservations(PACK, [observe('SF1320', 'approved'), observe('SF1470', 'approved'), observe('SF1490', 'rejected')]);
    await mount();
    expect(progressHook()).toBe('2/5');
    expect(text()).toContain('2 af 5 godkendt');
    const order = [...root.querySelectorAll('[data-aftaletjek-agreement]')].map((el) => el.getAttribute('data-aftaletjek-agreement'));
    expect(order).toEqual(['SF0770_A', 'SF0770_E', 'SF1490', 'SF1470', 'SF1320']);
    const headings = [...root.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings).toContain('Mangler (3)');
    expect(headings).toContain('Godkendt (2)');
    expect(item('SF1470').textContent).toMatch(/Sidst set \d/);
  });

  it('marks the SE verdict on the agreements that need the check, and only there', async () => {
    await recordObservations(PACK, [
      observe('SF0770_A', 'pending', { se: se('match') }),
      observe('SF0770_E', 'pending', { se: { verdict: 'missing', found: [], expected: EXPECTED, suspect: false } }),
      observe('SF1470', 'approved', { se: se('mismatch', [WRONG]) }),
    ]);
    await mount();
    expect(item('SF0770_A').getAttribute('data-aftaletjek-se')).toBe('match');
    expect(item('SF0770_A').textContent).toContain(`SE-nummer korrekt: ${EXPECTED}`);
    expect(item('SF0770_E').getAttribute('data-aftaletjek-se')).toBe('missing');
    expect(item('SF0770_E').textContent).toContain('SE-nummer ikke fundet på aftalens side');
    expect(item('SF1470').hasAttribute('data-aftaletjek-se')).toBe(false);
    expect(root.querySelector('[data-aftaletjek-klik]')).toBeNull();
  });

  it('says when an SE agreement has not been checked yet', async () => {
    await recordObservations(PACK, [observe('SF0770_A', 'pending')]);
    await mount();
    expect(item('SF0770_A').hasAttribute('data-aftaletjek-se')).toBe(false);
    expect(item('SF0770_A').textContent).toContain('SE-nummer ikke kontrolleret endnu');
  });

  it('flags a found SE that fails modulus 11 as suspect', async () => {
    await recordObservations(PACK, [observe('SF0770_A', 'pending', { se: { ...se('mismatch', ['13585627']), suspect: true } })]);
    await mount();
    expect(item('SF0770_A').textContent).toContain('Bemærk: 13585627 består ikke modulus 11-kontrollen.');
  });

  it('calls only the number that fails modulus 11 suspect when the page showed two', async () => {
    await recordObservations(PACK, [observe('SF0770_A', 'pending', { se: { ...se('mismatch', ['13585627', '29189757']), suspect: true } })]);
    await mount();
    expect(item('SF0770_A').textContent).toContain('Bemærk: 13585627 består ikke modulus 11-kontrollen.');
    expect(item('SF0770_A').textContent).not.toContain('29189757 består ikke');
  });
});

describe('popup: SE mismatch and the KLIK message', () => {
  beforeEach(async () => {
    await recordObservations(PACK, [observe('SF0770_A', 'pending', { name: NAME_A, se: se('mismatch', [WRONG]) })]);
  });

  it('warns not to approve and offers the ready-made message from the pack', async () => {
    await mount();
    const box = root.querySelector<HTMLElement>('[data-aftaletjek-klik="SF0770_A"]')!;
    expect(box.textContent).toContain('Forkert SE-nummer: godkend ikke SF0770_A');
    expect(box.querySelector('[role="alert"]')!.textContent).toContain(`SE-nummeret i aftalen er ${WRONG}, men kommunens SE-nummer er ${EXPECTED}`);
    const textarea = box.querySelector('textarea')!;
    expect(textarea.value).toBe(klikMessage(BUILTIN_PACK, NAME_A, [WRONG], EXPECTED));
    expect(textarea.readOnly).toBe(true);
    expect(root.querySelector(`label[for="${textarea.id}"]`)!.textContent).toBe('Besked til KLIK-opgaven om SF0770_A');
  });

  it('copies the message and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await mount();
    button('Kopiér besked om SF0770_A').click();
    await vi.waitFor(() => expect(text()).toContain('Beskeden er kopieret. Indsæt den på KLIK-opgaven.'));
    expect(writeText).toHaveBeenCalledWith(klikMessage(BUILTIN_PACK, NAME_A, [WRONG], EXPECTED));
  });

  it('selects the text and says how to copy when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn().mockRejectedValue(new Error('denied')) },
      configurable: true,
    });
    await mount();
    button('Kopiér besked om SF0770_A').click();
    await vi.waitFor(() => expect(text()).toContain('Kunne ikke kopiere. Markér teksten og kopiér med Ctrl+C.'));
    const textarea = root.querySelector('textarea')!;
    expect(textarea.selectionEnd - textarea.selectionStart).toBe(textarea.value.length);
  });

  it('is not done while the mismatch stands, even when everything is approved', async () => {
    await recordObservations(
      PACK,
      ALL_APPROVED.map((o) => (o.id === 'SF0770_A' ? { ...o, se: se('mismatch', [WRONG]) } : o)),
    );
    await mount();
    expect(progressHook()).toBe('5/5');
    expect(root.querySelector('[data-aftaletjek-done]')).toBeNull();
    expect(root.querySelector('[data-aftaletjek-klik="SF0770_A"]')).not.toBeNull();
  });
});

describe('popup: done', () => {
  it('says to mark the KLIK task Fuldført when all five are approved and the SE numbers are right', async () => {
    await recordObservations(PACK, ALL_APPROVED);
    await mount();
    const done = root.querySelector('[data-aftaletjek-done]')!;
    expect(done.textContent).toContain('Alle aftaler er godkendt');
    expect(done.textContent).toContain('Markér KLIK-opgaven som »Fuldført«.');
    expect(text()).not.toContain('Mangler (');
    expect(text()).not.toContain('mangler godkendelse');
  });

  it('is not done while an SE number was not found', async () => {
    await recordObservations(
      PACK,
      ALL_APPROVED.map((o) => (o.id === 'SF0770_E' ? { ...o, se: se('missing', []) } : o)),
    );
    await mount();
    expect(root.querySelector('[data-aftaletjek-done]')).toBeNull();
    expect(text()).toContain('SE-nummer ikke fundet i SF0770_E');
  });
});

describe('popup: settings, live updates, notices', () => {
  it('asks for the SE number when none is set and opens the options page', async () => {
    await saveSettings({ expectedSe: null });
    await mount();
    expect(text()).toContain('Angiv kommunens SE-nummer i indstillingerne');
    button('Åbn indstillinger').click();
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('shows the municipality from the settings', async () => {
    await mount();
    expect(root.querySelector('header')!.textContent).toContain('Kommune: Aarhus Kommune');
  });

  it('follows progress recorded while it is open', async () => {
    await mount();
    expect(item('SF1470').getAttribute('data-aftaletjek-status')).toBe('unseen');
    await recordObservations(PACK, [observe('SF1470', 'approved')]);
    await vi.waitFor(() => expect(item('SF1470').getAttribute('data-aftaletjek-status')).toBe('approved'));
    expect(progressHook()).toBe('1/5');
  });

  it('follows settings changed while it is open', async () => {
    await mount();
    await saveSettings({ municipality: 'Odense Kommune' });
    await vi.waitFor(() => expect(root.querySelector('header')!.textContent).toContain('Kommune: Odense Kommune'));
  });

  it('shows a notice once, in words, and lets the user close it', async () => {
    await addNotice('settings-reset', 'invalid stored expectedSe reset to default');
    await mount();
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-notice="settings-reset"]')).not.toBeNull());
    expect(text()).toContain('De gemte indstillinger kunne ikke læses og er sat tilbage.');
    await vi.waitFor(async () => expect(await loadNotices()).toEqual([]));
    button('Luk besked').click();
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-notice]')).toBeNull());
  });

  it('shows a notice that arrives while it is open', async () => {
    await mount();
    await addNotice('write-failed', 'progress: QuotaExceededError');
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-notice="write-failed"]')).not.toBeNull());
    expect(text()).toContain('Teknisk detalje: progress: QuotaExceededError');
  });

  it('does not show a lasting condition twice when the store reports it again while it is open', async () => {
    const detail = 'progress for SF0770_E was saved by a newer version of Aftaletjek; shown as not seen until seen again';
    await addNotice('progress-reset', detail);
    await mount();
    await vi.waitFor(async () => expect(await loadNotices()).toEqual([]));
    await addNotice('progress-reset', detail);
    await vi.waitFor(async () => expect(await loadNotices()).toEqual([]));
    expect(root.querySelectorAll('[data-aftaletjek-notice="progress-reset"]')).toHaveLength(1);
  });
});

describe('popup: reset and report', () => {
  it('resets progress only after an in-page confirmation, moving focus to the question and back', async () => {
    await recordObservations(PACK, [observe('SF1470', 'approved')]);
    await mount();
    const confirmBox = root.querySelector<HTMLElement>('#reset-confirm')!;
    expect(confirmBox.hidden).toBe(true);
    const resetButton = button('Nulstil fremdrift');
    resetButton.click();
    await vi.waitFor(() => expect(confirmBox.hidden).toBe(false));
    expect(confirmBox.textContent).toContain('slettes i denne browser');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Annullér'));

    button('Annullér').click();
    await vi.waitFor(() => expect(confirmBox.hidden).toBe(true));
    await vi.waitFor(() => expect(document.activeElement).toBe(resetButton));
    expect(Object.keys(await loadProgress(PACK))).toEqual(['SF1470']);

    resetButton.click();
    await vi.waitFor(() => expect(confirmBox.hidden).toBe(false));
    button('Ja, nulstil').click();
    await vi.waitFor(() => expect(text()).toContain('Fremdriften er nulstillet.'));
    expect(await loadProgress(PACK)).toEqual({});
    await vi.waitFor(() => expect(item('SF1470').getAttribute('data-aftaletjek-status')).toBe('unseen'));
  });

  it('exports the checklist as a Markdown and a CSV file', async () => {
    const { blobs, names } = captureDownloads();
    await recordObservations(PACK, [observe('SF0770_A', 'pending', { name: NAME_A, se: se('mismatch', [WRONG]) })]);
    await mount();
    button('Eksportér rapport').click();

    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^aftaletjek-rapport-klik-sf02-\d{4}-\d{2}-\d{2}\.md$/);
    expect(names[1]).toMatch(/^aftaletjek-rapport-klik-sf02-\d{4}-\d{2}-\d{2}\.csv$/);
    const [md, csv] = await Promise.all(blobs.map((b) => b.text()));
    expect(blobs[1]!.type).toBe('text/csv;charset=utf-8');
    expect(md).toContain('# Aftaletjek: rapport');
    expect(md).toContain('- Kommune: Aarhus Kommune');
    expect(md).toContain(`| SF0770_A | ${NAME_A} | Afventer godkendelse | Afventer godkendelse | Forkert | ${WRONG} | ${EXPECTED} |`);
    const bytes = new Uint8Array(await blobs[1]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toContain(`"SF0770_A";"${NAME_A}";"Afventer godkendelse"`);
    await vi.waitFor(() => expect(text()).toContain(`Rapporten er gemt som ${names[0]} og ${names[1]}`));
  });
});

describe('popup: several tasks side by side', () => {
  const SF07 = { ...BUILTIN_PACK, id: 'klik-sf07', title: 'KLIK SF 07 – Tre aftaler', agreements: BUILTIN_PACK.agreements.slice(2) };
  const select = () => root.querySelector<HTMLSelectElement>('#task-select');

  it('shows no switcher while there is only the built-in task', async () => {
    await mount();
    expect(select()).toBeNull();
    expect(text()).toContain(BUILTIN_PACK.title);
  });

  it('shows the active task as "N af M", switches between the kept tasks, and keeps each one\'s progress', async () => {
    await recordObservations(PACK, [observe('SF1470', 'approved')]);
    await keepPackFromText(SF07);
    await recordObservations('klik-sf07', [observe('SF1490', 'approved'), observe('SF1320', 'approved')]);
    await mount();
    expect(root.querySelector('label[for="task-select"]')?.textContent).toBe('Opgave');
    expect([...select()!.options].map((o) => [o.value, o.textContent])).toEqual([
      [PACK, BUILTIN_PACK.title],
      ['klik-sf07', 'KLIK SF 07 – Tre aftaler'],
    ]);
    expect(select()!.value).toBe('klik-sf07');
    expect(progressHook()).toBe('2/3');
    expect(text()).toContain('2 af 3 godkendt');
    expect(item('SF0770_A')).toBeNull();

    select()!.value = PACK;
    select()!.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(progressHook()).toBe('1/5'));
    expect(item('SF1470').getAttribute('data-aftaletjek-status')).toBe('approved');
    expect(item('SF1490').getAttribute('data-aftaletjek-status')).toBe('unseen');

    select()!.value = 'klik-sf07';
    select()!.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(progressHook()).toBe('2/3'));
  });

  it('marks a task set by IT in the switcher', async () => {
    setAreasForTesting({ local: memoryArea(), managed: memoryArea({ packs: [SF07] }) });
    await mount();
    expect([...select()!.options].map((o) => o.textContent)).toEqual([BUILTIN_PACK.title, 'KLIK SF 07 – Tre aftaler (sat af IT)']);
  });
});
