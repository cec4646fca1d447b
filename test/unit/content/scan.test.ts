// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { collectFields, displayText, findNames, findRow, isHidden, labelOf, readRowStatus, spacedText } from '../../../src/content/scan';
import { aarhusMatcher, anyMunicipalityMatcher, loadFixture } from './fixture';

function html(markup: string): HTMLElement {
  document.body.innerHTML = markup;
  return document.body;
}

describe('spacedText: the text a user reads', () => {
  it.each([
    ['a gap where elements meet', '<a><span>SF0770_A</span><span>SKAT</span></a>', 'SF0770_A SKAT'],
    ['no gap inside a highlighted word', '<a><mark>SF0770</mark>_A</a>', 'SF0770_A'],
    ['status apart from a date cell', '<table><tbody><tr><td>Aktiv</td><td>2024</td></tr></tbody></table>', 'Aktiv 2024'],
    ['read-only field values', 'Status<input readonly value="Afventer">', 'Status Afventer'],
    ['no editable field values or scripts', 'A<input value="typed"><script>x()</script><textarea>t</textarea>', 'A'],
  ])('%s', (_what, markup, expected) => {
    const root = html(`<div>${markup}</div>`).firstElementChild!;
    expect(spacedText(root).replace(/\s+/g, ' ').trim()).toBe(expected);
  });

  it('displayText keeps dashes as written and folds whitespace', () => {
    expect(displayText(html('<h1> SF1320&nbsp;–\n CPR   Hændelser </h1>').firstElementChild!)).toBe('SF1320 – CPR Hændelser');
  });
});

describe('findNames: a name split over elements is read whole', () => {
  it.each([
    [
      'SF1320 with another system in a sibling span',
      '<a href="#"><span>SF1320 -&nbsp;CPR Hændelser</span> - <span>Momentum PROD</span> – Aarhus Kommune</a>',
      [],
    ],
    ['SF1320 with KP TEST in a sibling span of a heading', '<h1><span>SF1320 – CPR Hændelser</span> <span>- KP TEST</span></h1>', []],
    [
      'SF0770_A with another municipality in a sibling span',
      '<a href="#"><span>SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD</span> – <span>Odense Kommune</span></a>',
      [],
    ],
    ['SF1320 alone in its span', '<a href="#"><span>SF1320 – CPR Hændelser</span></a>', ['SF1320']],
    ['SF1320 with its own system in a sibling span', '<a href="#"><span>SF1320 – CPR Hændelser</span> - <span>KP PROD</span> – Aarhus Kommune</a>', ['SF1320']],
  ])('%s', async (_what, markup, ids) => {
    const hits = await findNames(html(`<table><tbody><tr><td>${markup}</td><td>Afventer</td></tr></tbody></table>`), aarhusMatcher());
    expect(hits.map((hit) => hit.id)).toEqual(ids);
  });
});

describe('findNames over fixture lists', () => {
  it.each([
    ['aftaler/tabel.html', ['SF0770_A', 'SF0770_E', 'SF1470', 'SF1490', 'SF1320']],
    ['aftaler/kort.html', ['SF0770_A', 'SF0770_E', 'SF1470', 'SF1490', 'SF1320']],
    ['aftaler/liste.html', ['SF0770_A', 'SF0770_E']],
  ])('%s: exactly the task agreements, each on its link', async (path, ids) => {
    const doc = loadFixture(path);
    const hits = await findNames(doc.body, aarhusMatcher());
    expect(hits.map((hit) => hit.id)).toEqual(ids);
    expect(hits.every((hit) => hit.element.localName === 'a' && hit.kind === 'list')).toBe(true);
  });

  it('counts other municipalities when none is configured', async () => {
    const doc = loadFixture('aftaler/tabel.html');
    const hits = await findNames(doc.body, anyMunicipalityMatcher());
    expect(hits.map((hit) => hit.id)).toEqual(['SF0770_A', 'SF0770_E', 'SF1470', 'SF1490', 'SF1320', 'SF1320', 'SF0770_A']);
  });

  it('takes the smallest element holding the whole name, never a container of it', async () => {
    const body = html('<main><p>SF0770_A</p><h1>SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune</h1></main>');
    const hits = await findNames(body, aarhusMatcher());
    expect(hits.map((hit) => `${hit.element.localName}:${hit.kind}`)).toEqual(['h1:heading']);
  });

  it('finds a name in a read-only field and calls it the page name field when labelled "Navn"', async () => {
    const doc = loadFixture('aftale/sf0770-e-readonly.html');
    const hits = await findNames(doc.body, aarhusMatcher());
    expect(hits.map((hit) => [hit.id, hit.element.id, hit.kind])).toEqual([['SF0770_E', 'f-navn', 'name-field']]);
  });

  it('does not take a list column headed "Navn" for a page name field', async () => {
    const doc = loadFixture('aftaler/tabel.html');
    expect(new Set((await findNames(doc.body, aarhusMatcher())).map((hit) => hit.kind))).toEqual(new Set(['list']));
  });

  it('gives the page a turn in slices and still finds everything', async () => {
    const rows = Array.from(
      { length: 600 },
      (_, i) => `<li><a>SF0770_A - SKAT Indkomst - Opslag personoplysninger v${i % 2 ? 3 : 2} - KP PROD – Aarhus Kommune</a> Afventer</li>`,
    );
    const body = html(`<ul>${rows.join('')}</ul>`);
    let pauses = 0;
    const hits = await findNames(body, aarhusMatcher(), { slicer: { due: () => true, pause: async () => void pauses++ } });
    expect(hits).toHaveLength(300);
    expect(pauses).toBeGreaterThan(0);
  });
});

describe('rows and their status', () => {
  beforeEach(() => loadFixture('aftaler/kort.html'));

  it('finds a card without a row element: the nearest ancestor showing a status, holding one entry', () => {
    const link = document.querySelector('a[href="/aftale/sf1490"]')!;
    const row = findRow(link)!;
    expect(row.className).toBe('card');
    expect(readRowStatus(row)).toEqual({ status: 'ended', text: 'Opsagt' });
  });

  it('reads a status from a read-only field in the entry', () => {
    const row = findRow(document.querySelector('a[href="/aftale/sf1470"]')!)!;
    expect(readRowStatus(row)).toEqual({ status: 'pending', text: 'Afventer godkendelse' });
  });

  it('finds no row when the only ancestor with a status holds several entries', () => {
    const body = html('<div><div><a id="x">name</a></div><div>Godkendt</div><div>Afvist</div></div>');
    expect(findRow(body.querySelector('#x')!)).toBeNull();
  });

  it('quotes the status words out of a line of facts', () => {
    loadFixture('aftaler/liste.html');
    const row = findRow(document.querySelector('li a')!)!;
    expect(readRowStatus(row)).toEqual({ status: 'pending', text: 'Afventer underskrift' });
  });
});

describe('labels and fields', () => {
  it.each([
    ['dt/dd', '<dl><dt>SE-nummer</dt><dd id="v">1</dd></dl>', 'SE-nummer'],
    ['row header th/td', '<table><tbody><tr><th>SE-nr.</th><td id="v">1</td></tr></tbody></table>', 'SE-nr.'],
    ['column header', '<table><thead><tr><th>A</th><th>SE nr</th></tr></thead><tbody><tr><td>7</td><td id="v">1</td></tr></tbody></table>', 'SE nr'],
    ['label for a read-only input', '<label for="v">SE-no.</label><input id="v" readonly value="1">', 'SE-no.'],
    ['aria-labelledby', '<span id="l">SE</span><span id="v" aria-labelledby="l">1</span>', 'SE'],
    ['label element beside a wrapped value', '<div><span>SE-nummer</span><div><b id="v">1</b></div></div>', 'SE-nummer'],
  ])('%s', (_form, markup, label) => {
    html(markup);
    expect(labelOf(document.getElementById('v')!)).toBe(label);
  });

  it('leaves out hidden elements of every kind', async () => {
    const doc = loadFixture('aftale/sf0770-a-korrekt-se.html');
    const values = (await collectFields(doc.body)).map((f) => f.value).join(' | ');
    expect(values).toContain('2918 9757');
    for (const hidden of ['13748136', '66945529', '38025341']) expect(values).not.toContain(hidden);
  });

  it.each([
    ['display:none', '<div style="display:none"><b id="x">1</b></div>', true],
    ['visibility:hidden', '<div style="visibility:hidden"><b id="x">1</b></div>', true],
    ['hidden attribute', '<div hidden><b id="x">1</b></div>', true],
    ['aria-hidden', '<div aria-hidden="true"><b id="x">1</b></div>', true],
    ['shown', '<div><b id="x">1</b></div>', false],
  ])('isHidden: %s', (_what, markup, hidden) => {
    html(markup);
    expect(isHidden(document.getElementById('x')!)).toBe(hidden);
  });
});

describe('pathological pages (test/e2e/hostile.e2e.ts runs them in Chromium)', () => {
  const NAME = 'SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune';
  /** `depth` nested elements under `top`; returns the innermost. */
  function chain(top: Element, depth: number, tag = 'div'): Element {
    let el = top;
    for (let i = 0; i < depth; i++) el = el.appendChild(document.createElement(tag));
    return el;
  }

  it('reads text nested thousands of levels deep without recursion, with the same gaps', () => {
    const link = html('<a></a>').firstElementChild!;
    link.append('SF1490 -');
    chain(link, 5000, 'span').textContent = 'Ydelsesindeks V3 - KP PROD – Aarhus Kommune';
    expect(displayText(link)).toBe(NAME);
  });

  it('finds a name split across thousands of levels, and one at the bottom of thousands of levels', async () => {
    const body = html('<a id="split">SF1490 - </a><div id="deep"></div>');
    chain(body.querySelector('#split')!, 3000, 'span').textContent = 'Ydelsesindeks V3 - KP PROD – Aarhus Kommune';
    chain(body.querySelector('#deep')!, 3000).textContent = NAME;
    const hits = await findNames(body, aarhusMatcher());
    expect(hits.map((hit) => [hit.id, hit.element.id || hit.element.localName])).toEqual(
      expect.arrayContaining([
        ['SF1490', 'split'],
        ['SF1490', 'div'],
      ]),
    );
    expect(hits).toHaveLength(2);
  });

  it('does not take a read-only field holding more than a name for a name field', async () => {
    const body = html(`<label>Noter <textarea readonly>${`${NAME}. `.repeat(10)}</textarea></label><input readonly value="${NAME}">`);
    expect((await findNames(body, aarhusMatcher())).map((hit) => hit.element.localName)).toEqual(['input']);
  });

  it('does not read a labelled value longer than 2,000 characters', async () => {
    const body = html(`<dl><dt>Beskrivelse</dt><dd>SE-nr. 55133018 ${'tekst '.repeat(400)}</dd><dt>SE-nummer</dt><dd>29189757</dd></dl>`);
    const fields = await collectFields(body);
    expect(fields.filter((f) => f.label !== '').map((f) => f.value)).toEqual(['29189757']);
    expect(fields.some((f) => f.value.includes('55133018'))).toBe(false);
  });

  it('still reads the status of an entry holding thousands of elements, without quoting its words', () => {
    const body = html('<ul><li><a>x</a> <span>Godkendt</span> <span id="more"></span></li></ul>');
    chain(body.querySelector('#more')!, 500, 'span').textContent = 'oprettet 06-01-2025';
    expect(readRowStatus(body.querySelector('li')!)).toEqual({ status: 'approved', text: '' });
  });
});
