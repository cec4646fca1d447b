// @vitest-environment happy-dom
/** The options page's shared pieces: the one field binding, the one file import, words for codes. */
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { render, type VNode } from 'preact';
import { useState } from 'preact/hooks';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { Field, type FieldProps } from '../../../src/options/Field';
import { FileImport } from '../../../src/options/FileImport';
import type { ImportKind } from '../../../src/options/imports';
import { Options } from '../../../src/options/Options';
import type { Feedback } from '../../../src/options/Feedback';
import { errorText, packSourceText, profileSourceText } from '../../../src/options/texts';
import { getActivePack, importPack, SETTINGS_KEY } from '../../../src/store/settings';
import { memoryArea, setAreasForTesting } from '../../../src/store/storage';
import { textFor } from '../../../src/shared/i18n';

let root: HTMLElement;
/** Renders into a fresh element, removed (with the store's test areas and mocks) when the test ends. */
function show(vnode: VNode) {
  const mounted = document.body.appendChild(document.createElement('div'));
  root = mounted;
  render(vnode, mounted);
  onTestFinished(() => {
    render(null, mounted);
    mounted.remove();
    setAreasForTesting();
    vi.restoreAllMocks();
  });
}

const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);

function chooseFile(id: string, content: string | null) {
  const el = $<HTMLInputElement>(`#${id}`)!;
  const files = content === null ? [] : [new File([content], 'fil.json', { type: 'application/json' })];
  Object.defineProperty(el, 'files', { value: files, configurable: true });
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('Field', () => {
  const base: FieldProps = { id: 'f', label: 'Felt', hint: 'Sådan', value: 'v', onInput: () => undefined };

  it('ties label, hint and value to a one-line text field', () => {
    show(<Field {...base} />);
    const input = $<HTMLInputElement>('#f')!;
    expect(input.localName).toBe('input');
    expect(input.type).toBe('text');
    expect(input.name).toBe('f');
    expect(input.value).toBe('v');
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect($('label[for="f"]')!.textContent).toBe('Felt');
    expect($('#f-hint')!.textContent).toBe('Sådan');
    expect(input.getAttribute('aria-describedby')).toBe('f-hint');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect($('.field')!.className).toBe('field');
  });

  it('shows an error with its code, marks the field invalid and describes it by the error; the note waits', () => {
    show(<Field {...base} error={{ code: 'x-bad', text: 'Forkert.' }} errorExtra={<p class="more">Mere</p>} note={<p class="note">Note</p>} />);
    const input = $<HTMLInputElement>('#f')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('f-hint f-error');
    expect($('#f-error')!.getAttribute('data-aftaletjek-error')).toBe('x-bad');
    expect($('#f-error')!.textContent).toContain('Forkert.');
    expect($('#f-error .more')).not.toBeNull();
    expect($('.note')).toBeNull();
    expect($('.field')!.className).toBe('field invalid');
  });

  it('shows the note while there is no error', () => {
    show(<Field {...base} note={<p class="note">Note</p>} />);
    expect($('.note')!.textContent).toBe('Note');
  });

  it('makes a field set by IT read-only, with the note, and describes it by the note', () => {
    show(<Field {...base} managed />);
    const input = $<HTMLInputElement>('#f')!;
    expect(input.readOnly).toBe(true);
    expect(input.getAttribute('aria-describedby')).toBe('f-hint f-managed');
    expect($('[data-aftaletjek-managed="f"]')!.textContent).toContain('Sat af kommunens IT-afdeling.');
  });

  it('binds a text area the same way, and hands on what is typed', () => {
    const typed: string[] = [];
    show(<Field {...base} rows={4} onInput={(v) => typed.push(v)} error={{ code: 'f', text: 'Tom.' }} />);
    const area = $<HTMLTextAreaElement>('#f')!;
    expect(area.localName).toBe('textarea');
    expect(area.getAttribute('rows')).toBe('4');
    expect(area.getAttribute('aria-describedby')).toBe('f-hint f-error');
    expect(area.getAttribute('aria-invalid')).toBe('true');
    area.value = 'ny tekst';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    expect(typed).toEqual(['ny tekst']);
  });
});

describe('FileImport', () => {
  const kind = (importer: ImportKind['importer'], accept?: string): ImportKind => ({
    id: 'fil',
    statusId: 'fil-status',
    label: 'options_pack_import_label',
    refused: 'options_settings_import_error',
    importer,
    ...(accept ? { accept } : {}),
  });
  function Host({ of, enabled }: { of: ImportKind; enabled?: boolean }) {
    const [feedback, setFeedback] = useState<Feedback>(null);
    return <FileImport kind={of} feedback={feedback} onFeedback={setFeedback} enabled={enabled} />;
  }

  it('labels a JSON file input described by its status line', () => {
    show(<Host of={kind(async () => null)} />);
    const input = $<HTMLInputElement>('#fil')!;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.json,application/json');
    expect(input.getAttribute('aria-describedby')).toBe('fil-status');
    expect($('label[for="fil"]')!.textContent).toBe('Importér pakke (JSON-fil)');
    expect($('#fil-status')!.getAttribute('role')).toBe('status');
  });

  it('reads the chosen file as text, hands it to the importer and shows its answer', async () => {
    const importer = vi.fn(async (text: string) => ({ tone: 'bad' as const, text: 'Nej.', detail: text }));
    show(<Host of={kind(importer, '.txt,text/plain')} />);
    expect($<HTMLInputElement>('#fil')!.accept).toBe('.txt,text/plain');
    chooseFile('fil', 'indhold');
    await vi.waitFor(() => expect($('#fil-status')!.textContent).toContain('Nej.'));
    expect(importer).toHaveBeenCalledWith('indhold');
    expect($('#fil-status')!.className).toBe('status-line bad');
    expect($('#fil-status')!.textContent).toContain('Detalje: indhold');
    expect($<HTMLInputElement>('#fil')!.value).toBe('');
  });

  it('refuses a file over 1 MB with its own sentence, without reading it', async () => {
    const importer = vi.fn(async () => null);
    show(<Host of={kind(importer)} />);
    chooseFile('fil', ' '.repeat(1024 * 1024 + 1));
    await vi.waitFor(() => expect($('#fil-status')!.textContent).toContain('Filen blev ikke importeret, og intet er ændret.'));
    expect($('#fil-status')!.textContent).toContain('Filen er for stor (over 1 MB).');
    expect(importer).not.toHaveBeenCalled();
  });

  it('does nothing when the choice is cancelled', async () => {
    const importer = vi.fn(async () => null);
    show(<Host of={kind(importer)} />);
    chooseFile('fil', null);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(importer).not.toHaveBeenCalled();
    expect($('#fil-status')!.textContent).toBe('');
  });

  it('leaves the input out when disabled, and keeps the status line', () => {
    show(<Host of={kind(async () => null)} enabled={false} />);
    expect($('#fil')).toBeNull();
    expect($('#fil-status')).not.toBeNull();
  });
});

describe('words for codes', () => {
  it('gives every value of a closed set its message', () => {
    const text = textFor<'a' | 'b'>({ a: 'options_save', b: 'options_saved' });
    expect([text('a'), text('b')]).toEqual(['Gem', 'Gemt.']);
    expect(errorText('se-format')).toContain('SE-nummeret skal være 8 cifre');
    expect(packSourceText('builtin')).toBe('Indbygget i Aftaletjek.');
    expect(profileSourceText('imported')).toBe('Importeret fra en fil.');
  });
});

describe('options: a refused write', () => {
  it('says so when "Brug den indbyggede pakke" cannot be saved, and keeps the active pack', async () => {
    let full = false;
    const local = memoryArea({}, { failSet: (items) => (full && SETTINGS_KEY in items ? new Error('QUOTA_BYTES quota exceeded') : null) });
    setAreasForTesting({ local, managed: memoryArea() });
    await importPack(JSON.stringify({ ...BUILTIN_PACK, id: 'klik-sf99', title: 'KLIK SF 99 – Prøve', agreements: [BUILTIN_PACK.agreements[0]!] }));
    show(<Options />);
    await vi.waitFor(() => expect($('[data-aftaletjek-pack]')?.getAttribute('data-aftaletjek-pack')).toBe('klik-sf99'));
    full = true;
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Brug den indbyggede pakke')!.click();
    await vi.waitFor(() => expect($('#pack-status')!.textContent).toContain('Browseren kunne ikke gemme indstillingerne.'));
    expect($('#pack-status')!.className).toBe('status-line bad');
    expect((await getActivePack()).id).toBe('klik-sf99');
  });
});
