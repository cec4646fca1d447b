// @vitest-environment happy-dom
/**
 * The reading rules for pages the team did not write: open shadow roots, key/value parameter tables,
 * controls by their accessible name, names cut short on screen. Table-driven, look-alikes included.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { decideAgreementPage, decideMarks } from '../../../src/content/decide';
import { actionKind, collectFields, controlNames, findActions, findNames, findRow, readRowStatus, spacedText } from '../../../src/content/scan';
import { BUILTIN_WORDS } from '../../../src/portal/words';
import { EXPECTED_SE, aarhusMatcher } from './fixture';

const A = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';
const A_V2 = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v2 - KP PROD – Aarhus Kommune';
const A_ODDER = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Odder Kommune';
const E = 'SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP PROD – Aarhus Kommune';

function html(markup: string): HTMLElement {
  document.body.innerHTML = markup;
  return document.body;
}

/** Attaches an open shadow root to every element with data-shadow="id" holding <template id="id">'s markup (nested too). */
function attachShadows(root: ParentNode = document): void {
  for (const host of [...root.querySelectorAll<HTMLElement>('[data-shadow]')]) {
    const template = document.getElementById(host.dataset.shadow!) as HTMLTemplateElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = template.innerHTML;
    attachShadows(shadow);
  }
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('open shadow roots', () => {
  const TEMPLATES = `
    <template id="row"><div role="row"><span role="cell"><slot name="name"></slot></span><span role="cell" class="chip"><slot name="status"></slot></span></div></template>
    <template id="list"><div role="table"><slot></slot></div></template>
    <template id="inner-name"><a href="#"><slot></slot></a></template>`;

  it('finds names in nested shadow roots and in slotted light DOM, with each entry and its status', async () => {
    html(`${TEMPLATES}
      <fkam-list data-shadow="list">
        <fkam-row data-shadow="row"><fkam-link data-shadow="inner-name" slot="name">${A}</fkam-link><span slot="status">Afventer godkendelse</span></fkam-row>
        <fkam-row data-shadow="row"><fkam-link data-shadow="inner-name" slot="name">${A_V2}</fkam-link><span slot="status">Godkendt</span></fkam-row>
        <fkam-row data-shadow="row"><fkam-link data-shadow="inner-name" slot="name">${E}</fkam-link><span slot="status">Godkendt</span></fkam-row>
      </fkam-list>`);
    attachShadows();
    const roots: ShadowRoot[] = [];
    const hits = await findNames(document.body, aarhusMatcher(), { onShadowRoot: (root) => roots.push(root) });
    expect(hits.map((hit) => hit.id)).toEqual(['SF0770_A', 'SF0770_E']);
    expect(roots.length).toBeGreaterThanOrEqual(4);
    const marks = decideMarks(hits, null);
    expect(marks.map((m) => `${m.id}:${m.status}:${m.statusText}`)).toEqual(['SF0770_A:pending:Afventer godkendelse', 'SF0770_E:approved:Godkendt']);
    expect(marks.every((m) => m.row?.localName === 'fkam-row' || m.row?.getAttribute('role') === 'row')).toBe(true);
  });

  it('finds a name rendered only inside a shadow root, and the row across the boundary', async () => {
    html(`<template id="card"><article><h3>${A}</h3><p>Status: Afventer</p></article></template><fkam-card data-shadow="card"></fkam-card>`);
    attachShadows();
    const hits = await findNames(document.body, aarhusMatcher());
    expect(hits.map((hit) => [hit.id, hit.element.localName, hit.kind])).toEqual([['SF0770_A', 'h3', 'list']]);
    const row = findRow(hits[0]!.element);
    expect(row?.localName).toBe('article');
    expect(readRowStatus(row!, hits[0]!.element)?.status).toBe('pending');
  });

  it('reads an agreement page whose SE parameter and Godkend button live in shadow roots', async () => {
    html(`
      <template id="page"><h1>${A}</h1><fkam-field data-shadow="field" label="Status">Afventer godkendelse</fkam-field>
        <section><h2>Parametre</h2><dl><dt>SE-nummer</dt><dd><fkam-text data-shadow="text">38 02 53 41</fkam-text></dd>
        <dt>Myndighedens CVR-nummer</dt><dd>29189757</dd></dl></section>
        <fkam-button data-shadow="button">Godkend</fkam-button><fkam-button data-shadow="button">Afvis</fkam-button></template>
      <template id="field"><div><span>Status</span><span><slot></slot></span></div></template>
      <template id="text"><span><slot></slot></span></template>
      <template id="button"><button type="button"><slot></slot></button></template>
      <fkam-agreement data-shadow="page"></fkam-agreement>`);
    attachShadows();
    const hits = await findNames(document.body, aarhusMatcher());
    expect(hits.map((hit) => [hit.id, hit.kind])).toEqual([['SF0770_A', 'heading']]);
    const page = await decideAgreementPage(hits, BUILTIN_PACK, EXPECTED_SE, document.body);
    expect(page?.se).toMatchObject({ verdict: 'mismatch', found: ['38025341'] });
    expect(page?.status?.status).toBe('pending');
    const actions = await findActions(document.body);
    expect([actions.approve.length, actions.reject.length]).toEqual([1, 1]);
    expect(actions.approve[0]?.localName).toBe('button');
  });

  it('reads the flat tree: a host shows its shadow content and slotted children, not unslotted ones', () => {
    html(`<template id="t"><b>[</b><slot name="x"></slot><b>]</b></template><p><x-a data-shadow="t"><i slot="x">inne</i>unslotted</x-a></p>`);
    attachShadows();
    expect(spacedText(document.querySelector('p')!).replace(/\s+/g, ' ').trim()).toBe('[inne]');
  });
});

describe("key/value parameter tables: the row's own first cell is the label", () => {
  const table = (head: string, rows: string) =>
    `<h1>${E}</h1><p>Status: Afventer godkendelse</p><button>Godkend</button><table>${head}<tbody>${rows}</tbody></table>`;
  it.each([
    [
      'td key under "Parameter | Værdi"',
      table(
        '<thead><tr><th>Parameter</th><th>Værdi</th></tr></thead>',
        '<tr><td>SE-nummer</td><td>38 02 53 41</td></tr><tr><td>CVR-nummer</td><td>29189757</td></tr>',
      ),
      'mismatch',
      ['38025341'],
    ],
    [
      'th scope=row key, technical name',
      table('', '<tr><th scope="row">AbonnentSENummer</th><td>29189757</td></tr><tr><th scope="row">MyndighedCVRNummer</th><td>55133018</td></tr>'),
      'match',
      ['29189757'],
    ],
    [
      'three columns: service, parameter, value',
      table(
        '<thead><tr><th>Service</th><th>Parameter</th><th>Værdi</th></tr></thead>',
        '<tr><td>SF0770_E</td><td>VirksomhedSENummerIdentifikator</td><td>55133018</td></tr>',
      ),
      'mismatch',
      ['55133018'],
    ],
    [
      'header row of th without thead',
      table('', '<tr><th>Navn</th><th>Værdi</th></tr><tr><td>SE-nummer (abonnent)</td><td>29189757</td></tr>'),
      'match',
      ['29189757'],
    ],
    [
      'ARIA grid key/value',
      `<h1>${E}</h1><p>Status: Afventer</p><button>Godkend</button><div role="grid"><div role="row"><span role="columnheader">Parameter</span><span role="columnheader">Værdi</span></div><div role="row"><span role="cell">Abonnent SE-nr.</span><span role="cell">38025341</span></div></div>`,
      'mismatch',
      ['38025341'],
    ],
    [
      'a CVR key whose value equals the expected SE is never the SE',
      table(
        '<thead><tr><th>Parameter</th><th>Værdi</th></tr></thead>',
        '<tr><td>Myndighedens CVR-nummer</td><td>29189757</td></tr><tr><td>Abonnementskode</td><td>A1</td></tr>',
      ),
      'missing',
      [],
    ],
    [
      'a CVR column never yields the SE, whatever its row says',
      table('<thead><tr><th>Parameter</th><th>CVR</th></tr></thead>', '<tr><td>SE-nummer</td><td>29189757</td></tr>'),
      'missing',
      [],
    ],
  ])('%s', async (_what, markup, verdict, found) => {
    html(markup);
    const hits = await findNames(document.body, aarhusMatcher());
    const page = await decideAgreementPage(hits, BUILTIN_PACK, EXPECTED_SE, document.body);
    expect(page?.se).toMatchObject({ verdict, found });
  });

  it("a list table's column header still labels its cells", async () => {
    html('<table><thead><tr><th>Nr</th><th>SE-nr.</th></tr></thead><tbody><tr><td>1</td><td>38025341</td></tr></tbody></table>');
    const fields = await collectFields(document.body);
    expect(fields).toContainEqual(expect.objectContaining({ label: 'SE-nr.', value: '38025341' }));
  });
});

describe('controls by their accessible name', () => {
  it.each([
    ['plain text', '<button>Godkend</button>', 'approve'],
    ['an icon ligature before the label', '<button><span class="material-icons">check</span>Godkend</button>', 'approve'],
    ['an icon ligature after the label', '<button>Afvis<i>close</i></button>', 'reject'],
    ['an aria-hidden icon', '<button><span aria-hidden="true">✓ done</span> Godkend serviceaftale</button>', 'approve'],
    ['aria-label on an icon-only button', '<button aria-label="Godkend aftale"><svg><title>ok</title></svg></button>', 'approve'],
    ['aria-labelledby', '<span id="l">Afvis serviceaftale</span><button aria-labelledby="l">×</button>', 'reject'],
    ['an input button', '<form><input type="submit" value="Godkend"></form>', 'approve'],
    ['a link acting as a button', '<a role="button" href="#">Godkend aftale</a>', 'approve'],
    ['a title on an empty button', '<button title="Godkend"></button>', 'approve'],
    ['a status word is no action', '<button>Godkendt</button>', null],
    ['a tab of approved agreements', '<div role="tablist"><button role="tab">Godkendte aftaler</button></div>', null],
    ['a wizard tab named Godkend', '<div role="tablist"><a role="tab" href="#">Godkend</a></div>', null],
    ['a menu trigger', '<button aria-haspopup="menu">Godkend</button>', null],
    ['another action naming approvals', '<button>Vis godkendelser</button>', null],
    ['a ligature-like word alone stays the name', '<button><span>godkend</span></button>', 'approve'],
    ['a rejected status is no action', '<button><span>close</span>Afvist</button>', null],
    ['words after the ligature must still begin with the action', '<button><i>check</i>Ikke godkend</button>', null],
    [
      'confirming a decision of Godkend',
      '<div role="dialog"><label><input type="radio" name="d" checked> Godkend</label><label><input type="radio" name="d"> Afvis</label><button>Bekræft</button></div>',
      'approve',
    ],
    ['confirming a decision of Afvis', '<form><div role="radio" aria-checked="true">Afvis</div><button>Gem</button></form>', 'reject'],
    ['confirming nothing decided', '<form><label><input type="radio" name="d"> Godkend</label><button>Bekræft</button></form>', null],
  ])('%s', (_what, markup, kind) => {
    html(markup);
    const el = document.querySelector('button') ?? document.querySelector('input, a')!;
    expect(actionKind(el, BUILTIN_WORDS)).toBe(kind);
  });

  it('takes a component library button host for the control, its inner button in a closed shadow root', () => {
    html('<md-filled-button>Godkend</md-filled-button><sl-button>Afvis</sl-button><x-card>Godkend</x-card>');
    document.querySelector('md-filled-button')!.attachShadow({ mode: 'closed' }).innerHTML = '<button><slot></slot></button>';
    expect(actionKind(document.querySelector('md-filled-button')!)).toBe('approve');
    expect(actionKind(document.querySelector('sl-button')!)).toBe('reject');
    expect(actionKind(document.querySelector('x-card')!)).toBeNull();
  });

  it('reads a shadow button through its slot', () => {
    html('<template id="b"><button><span class="icon">check</span><slot></slot></button></template><x-button data-shadow="b">Godkend</x-button>');
    attachShadows();
    const inner = document.querySelector('x-button')!.shadowRoot!.querySelector('button')!;
    expect(controlNames(inner)).toContain('Godkend');
    expect(actionKind(inner)).toBe('approve');
  });
});

describe('names cut short on screen', () => {
  it.each([
    ['title holds the full name', `<a href="#" title="${A}">SF0770_A - SKAT Indkomst - Opslag personoplys…</a>`, ['SF0770_A'], A],
    ['aria-label holds it, three dots', `<a href="#" aria-label="${E}"><span>SF0770_E - Abonnement på hændelser...</span></a>`, ['SF0770_E'], E],
    ['the full name is an older version', `<a href="#" title="${A_V2}">SF0770_A - SKAT Indkomst - Opslag personoplys…</a>`, [], ''],
    ['the full name is another municipality', `<a href="#" title="${A_ODDER}">SF0770_A - SKAT Indkomst…</a>`, [], ''],
    ['the title is not what is shown', `<a href="#" title="${A}">SF0770_E - Abonnement…</a>`, [], ''],
    ['a name shown whole needs no title', `<a href="#" title="Åbn aftalen">${A}</a>`, ['SF0770_A'], A],
  ])('%s', async (_what, link, ids, name) => {
    html(`<table><tbody><tr><td>${link}</td><td>Afventer</td></tr></tbody></table>`);
    const hits = await findNames(document.body, aarhusMatcher());
    expect(hits.map((hit) => hit.id)).toEqual(ids);
    if (name) expect(hits[0]?.name).toBe(name);
  });
});
