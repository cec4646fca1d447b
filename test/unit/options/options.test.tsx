// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { Options } from '../../../src/options/Options';
import { BUILTIN_PROFILE } from '../../../src/portal/words';
import { importProfile, loadProfileState, PROFILE_KEY } from '../../../src/store/profile';
import { getActivePack, loadSettings, saveSettings, SETTINGS_KEY } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { captureDownloads } from '../popup/downloads';
import { readFileSync } from 'node:fs';

let root: HTMLElement;
let local: ReturnType<typeof memoryArea>;

function setup(managed: Record<string, unknown> = {}) {
  local = memoryArea();
  setAreasForTesting({ local, managed: memoryArea(managed) });
}

beforeEach(() => {
  setup();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  setAreasForTesting();
  vi.restoreAllMocks();
});

async function mount(): Promise<void> {
  render(<Options />, root);
  await vi.waitFor(() => expect(root.querySelector('#expectedSe')).not.toBeNull());
}

const input = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)!;
const label = (id: string) => root.querySelector(`label[for="${id}"]`)!.textContent ?? '';
const text = () => root.textContent ?? '';
function button(name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

function type(id: string, value: string) {
  const el = input(id);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

async function save() {
  root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

/** Sets a file on a file input and fires change, as choosing it in the dialog does. */
function chooseFile(id: string, content: string, name = 'file.json') {
  const el = input(id);
  const file = new File([content], name, { type: 'application/json' });
  Object.defineProperty(el, 'files', { value: [file], configurable: true });
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('options: municipality and SE number', () => {
  it('labels the fields with "Kommune" and "SE-nummer" and describes them', async () => {
    await mount();
    expect(label('municipality')).toContain('Kommune');
    expect(label('expectedSe')).toContain('SE-nummer');
    expect(input('expectedSe').getAttribute('aria-describedby')).toBe('expectedSe-hint');
    expect(button('Gem').type).toBe('submit');
  });

  it('saves a grouped SE number as 8 digits and says so', async () => {
    await mount();
    type('municipality', '  Aarhus Kommune ');
    type('expectedSe', '13 74 81 36');
    await save();
    await vi.waitFor(() => expect(text()).toContain('Gemt.'));
    const settings = await loadSettings();
    expect(settings.municipality).toBe('Aarhus Kommune');
    expect(settings.expectedSe).toBe('13748136');
    await vi.waitFor(() => expect(input('expectedSe').value).toBe('13748136'));
  });

  it.each([
    ['1234567', 'se-format', 'SE-nummeret skal være 8 cifre, fx 12345678 eller 12 34 56 78.'],
    ['1234567a', 'se-format', 'SE-nummeret skal være 8 cifre'],
    ['13585627', 'se-modulus11', 'Cifrene består ikke modulus 11-kontrollen.'],
  ])('refuses %s (%s) in Danish and saves nothing', async (value, code, message) => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '29189757' });
    const before = local.dump()[SETTINGS_KEY];
    await mount();
    type('municipality', 'Odense Kommune');
    type('expectedSe', value);
    await save();
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-error]')).not.toBeNull());
    const error = root.querySelector('#expectedSe-error')!;
    expect(error.getAttribute('data-aftaletjek-error')).toBe(code);
    expect(error.textContent).toContain(message);
    expect(input('expectedSe').getAttribute('aria-invalid')).toBe('true');
    expect(input('expectedSe').getAttribute('aria-describedby')).toContain('expectedSe-error');
    expect(text()).toContain('Intet er gemt. Ret fejlen ved feltet.');
    expect(document.activeElement).toBe(input('expectedSe'));
    expect(local.dump()[SETTINGS_KEY]).toEqual(before);
  });

  it('clears the SE number when the field is emptied', async () => {
    await saveSettings({ expectedSe: '29189757' });
    await mount();
    type('expectedSe', '   ');
    await save();
    await vi.waitFor(() => expect(text()).toContain('Gemt.'));
    expect((await loadSettings()).expectedSe).toBeNull();
  });

  it('clears an error once the value is corrected and saved', async () => {
    await mount();
    type('expectedSe', '123');
    await save();
    await vi.waitFor(() => expect(root.querySelector('#expectedSe-error')).not.toBeNull());
    type('expectedSe', '55133018');
    await save();
    await vi.waitFor(() => expect(root.querySelector('#expectedSe-error')).toBeNull());
    expect(input('expectedSe').hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows values saved elsewhere', async () => {
    await mount();
    await saveSettings({ municipality: 'Vejle Kommune', expectedSe: '66945529' });
    await vi.waitFor(() => expect(input('municipality').value).toBe('Vejle Kommune'));
    expect(input('expectedSe').value).toBe('66945529');
  });
});

describe('options: managed values', () => {
  it('shows policy values read-only with the note that municipal IT set them, and still saves the rest', async () => {
    setup({ expectedSe: '55 13 30 18' });
    await saveSettings({ municipality: 'Aarhus Kommune' });
    await mount();
    expect(input('expectedSe').value).toBe('55133018');
    expect(input('expectedSe').readOnly).toBe(true);
    expect(root.querySelector('[data-aftaletjek-managed="expectedSe"]')!.textContent).toContain('Sat af kommunens IT-afdeling. Kan ikke ændres her.');
    expect(input('expectedSe').getAttribute('aria-describedby')).toContain('expectedSe-managed');
    expect(input('municipality').readOnly).toBe(false);

    type('municipality', 'Odense Kommune');
    await save();
    await vi.waitFor(() => expect(text()).toContain('Gemt.'));
    const settings = await loadSettings();
    expect(settings).toMatchObject({ municipality: 'Odense Kommune', expectedSe: '55133018' });
    expect(settings.managed).toEqual({ municipality: false, expectedSe: true });
  });

  it('disables "Gem" when every field is managed', async () => {
    setup({ municipality: 'Aarhus Kommune', expectedSe: '55133018' });
    await mount();
    expect(input('municipality').readOnly).toBe(true);
    expect(input('municipality').value).toBe('Aarhus Kommune');
    expect(button('Gem').disabled).toBe(true);
  });
});

describe('options: pack', () => {
  const customPack = {
    ...BUILTIN_PACK,
    id: 'klik-sf99',
    title: 'KLIK SF 99 – Prøvepakke',
    agreements: [BUILTIN_PACK.agreements[0]!],
  };

  it('shows the active built-in pack and its agreements', async () => {
    await mount();
    expect(root.querySelector('[data-aftaletjek-pack]')!.getAttribute('data-aftaletjek-pack')).toBe('klik-sf02');
    expect(text()).toContain('Aktiv pakke: KLIK SF 02 – Godkend serviceaftaler');
    expect(text()).toContain('5 aftaler fra Netcompany:');
    expect(label('pack-file')).toBe('Importér pakke (JSON-fil)');
  });

  it.each([
    ['not JSON', '{ "schemaVersion": 1, '],
    ['not a pack', JSON.stringify({ hello: 'world' })],
    ['a pack with a bad agreement', JSON.stringify({ ...customPack, agreements: [{ id: 'x y' }] })],
    ['the built-in id', JSON.stringify(BUILTIN_PACK)],
  ])('refuses %s with a clear error and changes nothing', async (_name, content) => {
    await saveSettings({ municipality: 'Aarhus Kommune' });
    const before = local.dump();
    await mount();
    chooseFile('pack-file', content);
    await vi.waitFor(() => expect(text()).toContain('Filen blev ikke importeret, og intet er ændret. Den er ikke en gyldig pakke.'));
    expect(text()).toMatch(/Detalje: \S/);
    expect(local.dump()).toEqual(before);
    expect((await getActivePack()).id).toBe('klik-sf02');
  });

  it('imports a valid pack, makes it active, and can go back to the built-in one', async () => {
    await mount();
    chooseFile('pack-file', JSON.stringify(customPack));
    await vi.waitFor(() => expect(text()).toContain('Pakken »KLIK SF 99 – Prøvepakke« er importeret og er nu aktiv.'));
    await vi.waitFor(() => expect(text()).toContain('Aktiv pakke: KLIK SF 99 – Prøvepakke'));
    expect((await getActivePack()).id).toBe('klik-sf99');
    button('Brug den indbyggede pakke').click();
    await vi.waitFor(() => expect(text()).toContain('Aktiv pakke: KLIK SF 02 – Godkend serviceaftaler'));
    expect((await getActivePack()).id).toBe('klik-sf02');
  });

  it('exports the active pack as a JSON file that imports again', async () => {
    const { blobs, names } = captureDownloads();
    await mount();
    button('Eksportér aktiv pakke').click();
    expect(names).toEqual(['klik-sf02.json']);
    expect(JSON.parse(await blobs[0]!.text())).toEqual(BUILTIN_PACK);
  });
});

describe('options: settings file', () => {
  it('exports the settings and imports them again', async () => {
    const { blobs, names } = captureDownloads();
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
    await mount();
    button('Eksportér indstillinger').click();
    await vi.waitFor(() => expect(names).toHaveLength(1));
    expect(names[0]).toMatch(/^aftaletjek-indstillinger-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await blobs[0]!.text();
    expect(JSON.parse(file)).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });

    await saveSettings({ municipality: 'Odense Kommune', expectedSe: null });
    chooseFile('settings-file', file);
    await vi.waitFor(() => expect(text()).toContain('Indstillingerne er importeret.'));
    expect(await loadSettings()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
    await vi.waitFor(() => expect(input('municipality').value).toBe('Aarhus Kommune'));
  });

  it('refuses a settings file with a bad SE number and changes nothing', async () => {
    await saveSettings({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
    const before = local.dump();
    await mount();
    chooseFile('settings-file', JSON.stringify({ format: 'aftaletjek-settings', version: 1, municipality: 'X', expectedSe: '1358562' }));
    await vi.waitFor(() => expect(text()).toContain('Filen blev ikke importeret, og intet er ændret.'));
    expect(text()).toContain('SE-nummeret skal være 8 cifre');
    expect(local.dump()).toEqual(before);
  });

  it('refuses a file that is not a settings file', async () => {
    await mount();
    chooseFile('settings-file', 'not json');
    await vi.waitFor(() => expect(text()).toContain('Filen blev ikke importeret, og intet er ændret.'));
    expect(text()).toMatch(/Detalje: not valid JSON/);
  });

  it('refuses a file over 1 MB without reading it', async () => {
    await mount();
    chooseFile('settings-file', ' '.repeat(1024 * 1024 + 1));
    await vi.waitFor(() => expect(text()).toContain('Filen er for stor (over 1 MB).'));
  });
});

describe('options: portal profile', () => {
  const imported = {
    ...BUILTIN_PROFILE,
    id: 'kommune-drift',
    statusWords: { ...BUILTIN_PROFILE.statusWords, approved: [...BUILTIN_PROFILE.statusWords.approved, 'i drift'] },
  };
  const activeProfile = () => root.querySelector('[data-aftaletjek-profile]')!;
  const profileStatus = () => root.querySelector('#profile-status')!.textContent ?? '';

  it('shows the built-in profile in force, with export and import but no "use the built-in one"', async () => {
    await mount();
    expect(root.querySelector('#profile-heading')!.textContent).toBe('Portalprofil');
    expect(activeProfile().getAttribute('data-aftaletjek-profile')).toBe('fkam-builtin');
    expect(activeProfile().getAttribute('data-aftaletjek-profile-source')).toBe('builtin');
    expect(activeProfile().textContent).toBe('Aktiv profil: fkam-builtin Indbygget i Aftaletjek.');
    expect(label('profile-file')).toBe('Importér portalprofil (JSON-fil)');
    expect(input('profile-file').getAttribute('aria-describedby')).toBe('profile-status');
    expect(button('Eksportér portalprofil')).toBeTruthy();
    expect(() => button('Brug den indbyggede profil')).toThrow();
  });

  it('imports a valid profile, shows it as imported, and goes back to the built-in one', async () => {
    await mount();
    chooseFile('profile-file', JSON.stringify(imported), 'profil.json');
    await vi.waitFor(() => expect(profileStatus()).toContain('Portalprofilen »kommune-drift« er importeret og er nu i brug.'));
    await vi.waitFor(() => expect(activeProfile().getAttribute('data-aftaletjek-profile-source')).toBe('imported'));
    expect(activeProfile().textContent).toBe('Aktiv profil: kommune-drift Importeret fra en fil.');
    expect(await loadProfileState()).toEqual({ profile: imported, source: 'imported' });
    button('Brug den indbyggede profil').click();
    await vi.waitFor(() => expect(activeProfile().getAttribute('data-aftaletjek-profile')).toBe('fkam-builtin'));
    expect(profileStatus()).toContain('Den indbyggede portalprofil er i brug igen.');
    expect(local.dump()[PROFILE_KEY]).toBeUndefined();
  });

  it.each([
    ['not JSON', '{ "schemaVersion": 1,', 'Den er ikke gyldig JSON.', /Detalje: \S/],
    [
      'a profile without approved words',
      JSON.stringify({ ...imported, statusWords: { ...imported.statusWords, approved: [] } }),
      'Den er ikke en gyldig portalprofil: feltet »statusWords.approved« er forkert.',
      /Detalje: statusWords\.approved: /,
    ],
    ['not a profile', JSON.stringify(['x']), 'Den er ikke en gyldig portalprofil.', /Detalje: \(root\): /],
    [
      'the built-in profile',
      JSON.stringify(BUILTIN_PROFILE),
      "Id'et »fkam-builtin« tilhører den indbyggede profil; giv din profil sit eget id.",
      /^(?!.*Detalje)/,
    ],
  ])('refuses %s with a Danish message naming what is wrong, and changes nothing', async (_name, content, words, detail) => {
    await saveSettings({ municipality: 'Aarhus Kommune' });
    const before = local.dump();
    await mount();
    chooseFile('profile-file', content);
    await vi.waitFor(() => expect(profileStatus()).toContain('Filen blev ikke importeret, og intet er ændret.'));
    expect(profileStatus()).toContain(words);
    expect(profileStatus()).toMatch(detail);
    expect(local.dump()).toEqual(before);
    expect(activeProfile().getAttribute('data-aftaletjek-profile')).toBe('fkam-builtin');
  });

  it('exports the profile in force as a JSON file named by its id', async () => {
    const { blobs, names } = captureDownloads();
    await importProfile(JSON.stringify(imported));
    await mount();
    button('Eksportér portalprofil').click();
    await vi.waitFor(() => expect(names).toEqual(['kommune-drift.json']));
    expect(JSON.parse(await blobs[0]!.text())).toEqual(imported);
  });

  it('shows a policy profile read-only with the IT note: no import, no "use the built-in one"', async () => {
    setup({ portalProfile: { ...imported, id: 'it-politik' } });
    await mount();
    expect(activeProfile().getAttribute('data-aftaletjek-profile')).toBe('it-politik');
    expect(activeProfile().getAttribute('data-aftaletjek-profile-source')).toBe('managed');
    expect(activeProfile().textContent).toContain('Sat af kommunens IT-afdeling.');
    expect(root.querySelector('[data-aftaletjek-managed="portalProfile"]')!.textContent).toContain('Sat af kommunens IT-afdeling. Kan ikke ændres her.');
    expect(root.querySelector('#profile-file')).toBeNull();
    expect(() => button('Brug den indbyggede profil')).toThrow();
    expect(button('Eksportér portalprofil')).toBeTruthy();
  });

  it('says so when the policy profile is invalid, and keeps the one in force', async () => {
    setup({ portalProfile: { ...imported, id: 'it-politik', schemaVersion: 2 } });
    await importProfile(JSON.stringify(imported));
    await mount();
    expect(activeProfile().getAttribute('data-aftaletjek-profile')).toBe('kommune-drift');
    const warning = root.querySelector('[data-aftaletjek-error="profile-managed-invalid"]')!;
    expect(warning.textContent).toContain('Kommunens IT-afdeling har sat en portalprofil, som ikke er gyldig.');
    expect(warning.textContent).toContain('Detalje: schemaVersion: ');
    expect(root.querySelector('#profile-file')).not.toBeNull();
  });
});

function blur(id: string) {
  input(id).dispatchEvent(new Event('blur', { bubbles: false }));
}

describe('options: typing at once', () => {
  it("keeps what is typed the moment the form appears (the form's first effect runs later and must not undo it)", async () => {
    let typed = false;
    const observer = new MutationObserver(() => {
      const field = root.querySelector<HTMLInputElement>('#municipality');
      if (!field || typed) return;
      typed = true;
      type('municipality', 'Vejle Kommune');
    });
    observer.observe(root, { childList: true, subtree: true });
    render(<Options />, root);
    await vi.waitFor(() => expect(typed).toBe(true));
    observer.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(input('municipality').value).toBe('Vejle Kommune');
    await save();
    await vi.waitFor(() => expect(text()).toContain('Gemt.'));
    expect(local.dump()[SETTINGS_KEY]).toMatchObject({ municipality: 'Vejle Kommune' });
  });
});

describe('options: checks on leaving a field, and "Gem alligevel"', () => {
  it.each([
    ['1234 567', 'se-format'],
    ['13585627', 'se-modulus11'],
  ])('shows the error for %s when the field is left, before any save', async (value, code) => {
    await mount();
    const writes = vi.spyOn(local, 'set');
    type('expectedSe', value);
    blur('expectedSe');
    await vi.waitFor(() => expect(root.querySelector('#expectedSe-error')?.getAttribute('data-aftaletjek-error')).toBe(code));
    expect(input('expectedSe').getAttribute('aria-invalid')).toBe('true');
    expect(writes).not.toHaveBeenCalled();
    type('expectedSe', '13 74 81 36');
    blur('expectedSe');
    await vi.waitFor(() => expect(root.querySelector('#expectedSe-error')).toBeNull());
  });

  it('saves an SE failing modulus 11 only after "Gem alligevel", and says why it failed', async () => {
    await mount();
    type('expectedSe', '13585627');
    await save();
    await vi.waitFor(() => expect(text()).toContain('Intet er gemt.'));
    expect(local.dump()[SETTINGS_KEY]).toBeUndefined();
    expect(root.querySelector('[data-aftaletjek-se-why]')?.textContent).toContain('summen 142, og den giver rest 10');
    button('Gem alligevel').click();
    await vi.waitFor(() => expect(text()).toContain('Gemt.'));
    expect(local.dump()[SETTINGS_KEY]).toMatchObject({ expectedSe: '13585627' });
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-se-note="modulus11"]')).not.toBeNull());
  });

  it('says why a number starting with 0 fails', async () => {
    await mount();
    type('expectedSe', '03748136');
    await save();
    await vi.waitFor(() => expect(root.querySelector('#expectedSe-error')?.textContent).toContain('begynder med 0'));
  });
});

describe('options: a task from the KLIK text', () => {
  const seed = readFileSync('test/fixtures/klik/sf02.txt', 'utf8');
  const textarea = () => root.querySelector<HTMLTextAreaElement>('#klik-text')!;
  const rows = () =>
    [...root.querySelectorAll('[data-aftaletjek-pack-preview]')].map((r) => [
      r.getAttribute('data-aftaletjek-agreement'),
      r.getAttribute('data-aftaletjek-se-check'),
    ]);
  function paste(value: string) {
    textarea().value = value;
    textarea().dispatchEvent(new Event('input', { bubbles: true }));
    root.querySelector<HTMLFormElement>('.klik-form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  }

  it('labels the field "KLIK-opgavens tekst" and saves nothing before "Brug pakken"', async () => {
    await mount();
    expect(label('klik-text')).toBe('KLIK-opgavens tekst');
    const writes = vi.spyOn(local, 'set');
    paste(seed);
    await vi.waitFor(() => expect(rows()).toHaveLength(5));
    expect(rows()).toEqual([
      ['SF0770_A', 'yes'],
      ['SF0770_E', 'yes'],
      ['SF1470', 'no'],
      ['SF1490', 'no'],
      ['SF1320', 'no'],
    ]);
    expect(root.querySelector('[data-aftaletjek-preview-warning="count-mismatch"]')?.textContent).toContain('Teksten nævner 4 serviceaftaler, men oplister 5');
    expect(text()).toContain('9/2');
    expect(text()).toContain('Netcompany');
    expect(writes).not.toHaveBeenCalled();
  });

  it('takes the corrections (SE check switched, a row dropped) into the saved, active pack', async () => {
    await mount();
    paste(seed.replace('(SF 02)', '(SF 12)'));
    await vi.waitFor(() => expect(rows()).toHaveLength(5));
    const row = (code: string) => root.querySelector(`[data-aftaletjek-agreement="${code}"]`)!;
    const check = row('SF1470').querySelector<HTMLInputElement>('input[type=checkbox]')!;
    check.checked = true;
    check.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(row('SF1470').getAttribute('data-aftaletjek-se-check')).toBe('yes'));
    button('Fjern SF1320').click();
    await vi.waitFor(() => expect(rows()).toHaveLength(4));
    button('Brug pakken').click();
    await vi.waitFor(() => expect(text()).toContain('Opgaven »KLIK SF 12 – Godkend serviceaftaler« med 4 aftaler er gemt og i brug.'));
    const pack = await getActivePack();
    expect(pack.id).toBe('klik-sf12');
    expect(pack.agreements.map((a) => [a.id, a.seCheck])).toEqual([
      ['SF0770_A', true],
      ['SF0770_E', true],
      ['SF1470', true],
      ['SF1490', false],
    ]);
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-pack]')?.getAttribute('data-aftaletjek-pack')).toBe('klik-sf12'));
    expect(root.querySelector('[data-aftaletjek-task="klik-sf12"]')?.getAttribute('data-aftaletjek-task-source')).toBe('kept');
  });

  it("makes the built-in task active again when SF 02's own text is read and used unchanged", async () => {
    await saveSettings({});
    await mount();
    paste(seed.replace('(SF 02)', '(SF 12)'));
    await vi.waitFor(() => expect(rows()).toHaveLength(5));
    button('Brug pakken').click();
    await vi.waitFor(async () => expect((await getActivePack()).id).toBe('klik-sf12'));
    paste(seed);
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-preview-pack]')?.getAttribute('data-aftaletjek-preview-pack')).toBe('klik-sf02'));
    button('Brug pakken').click();
    await vi.waitFor(async () => expect(await getActivePack()).toBe(BUILTIN_PACK));
    expect((await loadSettings()).packs.map((p) => p.id)).toEqual(['klik-sf12']);
  });

  it('says so when the text holds no agreements, and shows no preview', async () => {
    await mount();
    paste('Bare en tekst uden aftaler.');
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-error="klik-text"]')).not.toBeNull());
    expect(rows()).toEqual([]);
  });

  it('shows tasks set by IT read-only with the IT note, and lets the user switch to them', async () => {
    const itPack = { ...BUILTIN_PACK, id: 'it-sf09', title: 'KLIK SF 09 – Fra IT', agreements: BUILTIN_PACK.agreements.slice(0, 2) };
    setup({ packs: [itPack] });
    await mount();
    const task = () => root.querySelector('[data-aftaletjek-task="it-sf09"]')!;
    expect(task().getAttribute('data-aftaletjek-task-source')).toBe('managed');
    expect(task().querySelector('[data-aftaletjek-managed="pack:it-sf09"]')?.textContent).toContain('Sat af kommunens IT-afdeling. Kan ikke ændres her.');
    expect([...task().querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Brug »KLIK SF 09 – Fra IT«']);
    button('Brug »KLIK SF 09 – Fra IT«').click();
    await vi.waitFor(async () => expect((await getActivePack()).id).toBe('it-sf09'));
  });

  it('removes a kept task after asking', async () => {
    await mount();
    paste(seed.replace('(SF 02)', '(SF 12)'));
    await vi.waitFor(() => expect(rows()).toHaveLength(5));
    button('Brug pakken').click();
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-task="klik-sf12"]')).not.toBeNull());
    button('Fjern »KLIK SF 12 – Godkend serviceaftaler«').click();
    await vi.waitFor(() => button('Ja, fjern den'));
    button('Ja, fjern den').click();
    await vi.waitFor(() => expect(root.querySelector('[data-aftaletjek-task="klik-sf12"]')).toBeNull());
    expect((await loadSettings()).packs).toEqual([]);
  });
});
