// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { findNames } from '../../../src/content/scan';
import { createShaper, shapeUrl, shapeWord, takeSnapshot, type Snapshot } from '../../../src/content/snapshot';
import { BUILTIN_WORDS } from '../../../src/portal/words';
import { aarhusMatcher, loadFixture, MUNICIPALITY } from './fixture';

afterEach(() => {
  vi.restoreAllMocks();
});

const OPTIONS = { words: BUILTIN_WORDS, pack: BUILTIN_PACK, municipality: MUNICIPALITY, seen: [], extensionVersion: '0.1.0' };

function page(markup: string): Document {
  document.documentElement.innerHTML = `<head><title>Karen Jensen</title></head><body>${markup}</body>`;
  return document;
}

/** Parses a snapshot's html into a fresh document; happy-dom does not parse declarative shadow DOM, so
 * the test rebuilds each <template shadowrootmode="open"> with attachShadow, as a browser's parser would. */
function rebuild(html: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const attach = (root: ParentNode) => {
    for (const template of [...root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode="open"]')]) {
      const host = template.parentElement!;
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.append(template.content);
      template.remove();
      attach(shadow);
    }
  };
  attach(doc);
  return doc;
}

async function recognised(root: Element): Promise<string[]> {
  return (await findNames(root, aarhusMatcher())).map((hit) => `${hit.id}:${hit.kind}`).sort();
}

/** The html without the digits it may keep: heading tags, generated ids, the agreements' codes and version. */
const withoutKnownDigits = (html: string) => html.replace(/<\/?h[1-6]\b|\bid\d+\b|SF\d{4}|\bv3\b/giu, '');

const PERSONAL = [
  '010190-1234',
  '0101901234',
  '010190',
  '1234',
  'Karen',
  'Jensen',
  'karen.jensen@aarhus.dk',
  'karen.jensen',
  'Hemmelig',
  'sagsbehandler',
  '55133018',
  '14814833',
  '29189757',
  'Netcompany',
  'secret-class',
  'https://evil',
  'onerror',
  'alert',
  'data-note',
];

describe('takeSnapshot: nothing personal survives', () => {
  let snapshot: Snapshot;
  beforeEach(() => {
    const doc = page(`
      <header><span class="user secret-class" data-note="Karen Jensen">Logget ind som Karen Jensen (karen.jensen@aarhus.dk)</span></header>
      <main>
        <h1 title="Karen Jensen">SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune</h1>
        <dl>
          <dt id="st">Status</dt><dd aria-labelledby="st">Afventer godkendelse</dd>
          <dt>Myndighedens CVR-nr.</dt><dd>55133018</dd>
          <dt>Leverandør</dt><dd>Netcompany A/S (CVR-nr. 14814833)</dd>
          <dt>SE-nummer</dt><dd>29 18 97 57</dd>
        </dl>
        <p>Borger: Karen Jensen, CPR 010190-1234 eller 0101901234. Hemmelig sagsbehandler-note.</p>
        <label for="cpr">CPR</label><input id="cpr" readonly value="010190-1234">
        <label for="typed">Besked</label><input id="typed" value="Karen skriver">
        <textarea readonly aria-label="Karen Jensen">Hemmelig tekst 0101901234</textarea>
        <img src="https://evil/x.png" alt="Karen Jensen" onerror="alert(1)">
        <a href="https://evil/?cpr=0101901234" aria-label="Karen Jensen" placeholder="Jensen">Se mere</a>
        <script>alert("Karen Jensen")</script><style>.x{content:"Karen"}</style>
        <!-- Karen Jensen 010190-1234 -->
        <div id="host"></div>
      </main>`);
    const host = doc.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = doc.createElement('p');
    inner.setAttribute('role', 'note');
    inner.textContent = 'Skygge: Karen Jensen 010190-1234 · SF1470';
    shadow.append(inner);
    const own = doc.createElement('aftaletjek-banner');
    own.setAttribute('data-aftaletjek-host', '');
    own.textContent = 'Aftaletjek · SE-kontrol 29189757';
    doc.body.append(own);
    snapshot = takeSnapshot(doc, { ...OPTIONS, now: new Date('2025-02-03T10:00:00Z') });
  });

  it('has the documented header', () => {
    expect(snapshot).toMatchObject({
      format: 'aftaletjek-fejlrapport',
      version: 1,
      createdAt: '2025-02-03T10:00:00.000Z',
      extensionVersion: '0.1.0',
      profileId: BUILTIN_WORDS.profileId,
      packId: BUILTIN_PACK.id,
      seen: [],
      truncated: false,
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it.each(PERSONAL)('no trace of %s', (text) => {
    expect(JSON.stringify(snapshot).toLowerCase()).not.toContain(text.toLowerCase());
  });

  it('no CPR-like number, in any writing, survives anywhere', () => {
    // Digits other than shapes remain only in generated ids, the agreement codes and the header.
    expect(withoutKnownDigits(snapshot.html)).not.toMatch(/[0-8]/);
    expect(JSON.stringify(snapshot.seen)).not.toMatch(/[0-8]/);
  });

  it('shapes what it does not know: letters to x, digits to 9, punctuation and spacing kept', () => {
    expect(snapshot.html).toContain('xxxxxx xxx xxx xxxxx xxxxxx (xxxxx.xxxxxx@aarhus.xx)');
    expect(snapshot.html).toContain('CPR 999999-9999 xxxxx 9999999999.');
    expect(snapshot.html).toContain('99 99 99 99');
    expect(snapshot.html).toContain('value="999999-9999"');
    expect(snapshot.html).toContain('alt="xxxxx xxxxxx"');
  });

  it('keeps the words Aftaletjek knows: agreement names, portal words, the municipality', () => {
    expect(snapshot.html).toContain('SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune');
    expect(snapshot.html).toContain('Afventer godkendelse');
    expect(snapshot.html).toContain('SE-nummer');
    expect(snapshot.html).toContain('Status');
    expect(snapshot.html).toContain('CVR-nr.');
  });

  it('keeps no attribute value but roles, types and states; renames ids and keeps relations', () => {
    expect(snapshot.html).not.toMatch(/\s(class|style|href|src|data-[\w-]+|on\w+|name)=/);
    expect(snapshot.html).toContain('<dt id="id1">Status</dt><dd aria-labelledby="id1">');
    expect(snapshot.html).toMatch(/<label for="(id\d+)">CPR<\/label><input id="\1" readonly value="999999-9999">/);
    // An editable field's value is what the user types: left out.
    expect(snapshot.html).toMatch(/<input id="id\d+">/);
    expect(snapshot.html).not.toMatch(/id="(st|cpr|typed|host)"/);
  });

  it('leaves out scripts, styles, comments and Aftaletjek’s own UI', () => {
    expect(snapshot.html).not.toMatch(/<script|<style|<!--|aftaletjek-banner|SE-kontrol/);
  });

  it('serialises an open shadow root as declarative shadow DOM', () => {
    expect(snapshot.html).toContain(
      '<div id="id4"><template shadowrootmode="open"><p role="note">xxxxxx: xxxxx xxxxxx 999999-9999 · SF1470</p></template></div>',
    );
  });

  it('the url keeps origin and known words, shapes the rest, drops query and fragment', () => {
    const shaper = createShaper(OPTIONS);
    expect(shapeUrl('https://admin.serviceplatformen.dk/aftaler/Karen%20Jensen/0101901234/parametre?cpr=0101901234#x', shaper)).toBe(
      'https://admin.serviceplatformen.dk/xxxxxxx/xxxxx%20xxxxxx/9999999999/parametre',
    );
    expect(shapeWord('Æble7')).toBe('xxxx9');
  });
});

describe('takeSnapshot: what the page does not let through', () => {
  it('escapes everything it emits: page text with markup stays text', () => {
    const doc = page('<p id="a&quot;b" aria-level="<x>"></p>');
    doc.querySelector('p')!.textContent = '<img src=x onerror=alert(1)> SF1470 & "Godkendt"';
    doc.querySelector('p')!.setAttribute('role', '"><script>alert(1)</script>');
    const { html } = takeSnapshot(doc, OPTIONS);
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    expect(parsed.querySelectorAll('img, script').length).toBe(0);
    expect(parsed.querySelector('p')!.textContent).toBe('<xxx xxx=x xxxxxxx=xxxxx(9)> SF1470 & "Godkendt"');
    expect(parsed.querySelector('p')!.getAttribute('role')).toBe('"><xxxxxx>xxxxx(9)</xxxxxx>');
  });

  it('marks an element hidden when the page hides it by style', () => {
    const doc = page('<div style="display:none"><span>SF1470</span></div><div>SF1490</div>');
    const { html } = takeSnapshot(doc, OPTIONS);
    expect(html).toContain('<div hidden><span>SF1470</span></div><div>SF1490</div>');
  });

  it('walks 10,000 levels of nesting without recursion', () => {
    // happy-dom's checkVisibility walks every ancestor's style (a browser caches it): not what this test measures.
    vi.spyOn(Element.prototype, 'checkVisibility').mockReturnValue(true);
    // A document of its own: happy-dom recurses when such a tree is removed, so it is never removed.
    const doc = document.implementation.createHTMLDocument('');
    let el: Element = doc.body;
    for (let i = 0; i < 10_000; i++) el = el.appendChild(doc.createElement('div'));
    el.textContent = 'Karen';
    const { html } = takeSnapshot(doc, OPTIONS);
    expect(html.match(/<div>/g)!.length).toBe(10_000);
    expect(html).toContain('xxxxx');
  });

  it('keeps the SeenOnPage entries as plain data', () => {
    const seen = [{ id: 'SF0770_A', kind: 'heading' as const, status: 'unknown' as const, se: { verdict: 'missing' as const, found: 0 } }];
    expect(takeSnapshot(page(''), { ...OPTIONS, seen }).seen).toEqual(seen);
  });
});

describe('takeSnapshot: the snapshot rebuilds a fixture that reproduces what Aftaletjek saw', () => {
  it.each([
    'aftaler/tabel.html',
    'aftaler/kort.html',
    'aftaler/liste.html',
    'aftale/sf0770-a-forkert-se.html',
    'aftale/sf0770-a-mangler-se.html',
    'aftale/sf0770-a-v2.html',
  ])('%s: the same agreements, of the same kinds, and no digit but shapes', async (fixture) => {
    const doc = loadFixture(fixture);
    const before = await recognised(doc.body);
    const { html } = takeSnapshot(doc, OPTIONS);
    const after = await recognised(rebuild(html).body);
    expect(after).toEqual(before);
    // Codes, versions and shapes only: no date, CVR or SE number.
    expect(withoutKnownDigits(html)).not.toMatch(/[0-8]/);
  });

  it('a list inside an open shadow root survives as one', async () => {
    const doc = page('<main><section id="list"></section></main>');
    const shadow = doc.getElementById('list')!.attachShadow({ mode: 'open' });
    const table = doc.createElement('table');
    const row = table.createTBody().insertRow();
    row.insertCell().textContent = 'SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune';
    row.insertCell().textContent = 'Afvist';
    row.insertCell().textContent = 'Karen Jensen';
    shadow.append(table);
    const before = await recognised(shadow.querySelector('table')!);
    expect(before).toEqual(['SF1490:list']);
    const rebuilt = rebuild(takeSnapshot(doc, OPTIONS).html);
    const again = rebuilt.querySelector('main section')!.shadowRoot!;
    expect(again.textContent).not.toContain('Karen');
    expect(await recognised(again.querySelector('table')!)).toEqual(before);
    expect(again.querySelector('td:nth-child(2)')!.textContent).toBe('Afvist');
  });
});
