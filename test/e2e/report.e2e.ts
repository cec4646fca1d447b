/**
 * The Fejlrapport, in both browsers: the popup asks the portal tab what it sees and for a snapshot, saves
 * it as a file; nothing personal is in the file; and the snapshot's html, served as a portal page again,
 * makes the overlay mark the same agreements with the same statuses.
 *
 * The popup is opened as a page in a background tab of the portal tab's window, so the portal tab stays
 * the window's active tab, as it is when the toolbar popup opens over it.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/content/snapshot';
import { scratchFolder } from './popup-support';
import { clickRole, findByText, markSummary, openReady, readBanner, tabOpenedBy, text, useBrowser, type Session } from './support';

const PERSONAL_PAGE = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Sag for Karen Jensen</title></head>
<body>
<header><span class="user" data-user="karen.jensen@aarhus.dk">Logget ind som Karen Jensen (karen.jensen@aarhus.dk)</span></header>
<main>
  <h1>Serviceaftaler</h1>
  <p>Borger: Karen Jensen, CPR 010190-1234 og 0101901234. Fortrolig note om sagen.</p>
  <label for="cpr">CPR-nummer</label><input id="cpr" readonly value="010190-1234">
  <table>
    <thead><tr><th>Navn</th><th>Status</th><th>Sagsbehandler</th></tr></thead>
    <tbody>
      <tr><td><a href="/aftale/sf1470">SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune</a></td><td>Godkendt</td><td>Karen Jensen</td></tr>
      <tr><td><a href="/aftale/sf1320">SF1320 – CPR Hændelser</a></td><td>Under behandling</td><td>Jens Hansen</td></tr>
    </tbody>
  </table>
  <div id="widget"></div>
</main>
<script>
  const root = document.getElementById('widget').attachShadow({ mode: 'open' });
  const p = document.createElement('p');
  p.setAttribute('role', 'note');
  p.textContent = 'Skygge: Karen Jensen 010190-1234';
  root.append(p);
</script>
</body></html>`;

const NOTHING_PAGE = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Forside</title></head>
<body><main><h1>Velkommen, Karen Jensen</h1><p>Der er ingen serviceaftaler at vise.</p></main></body></html>`;

const PERSONAL = ['Karen', 'Jensen', 'Hansen', 'karen.jensen', '010190', '0101901234', '1234', 'Fortrolig', 'data-user', 'href'];

const folder = scratchFolder();

/**
 * Opens the popup as a background tab in the portal tab's window (the portal tab stays active), and waits
 * for its line about the page.
 */
async function popupOver(session: Session, portal: Page): Promise<Page> {
  const url = session.extensionUrl('src/popup/index.html');
  const create = () =>
    session.inExtension(
      async ({ portalUrl, url }) => {
        const [tab] = await chrome.tabs.query({ url: portalUrl });
        if (tab?.id === undefined) throw new Error(`no tab shows ${portalUrl}`);
        await chrome.tabs.update(tab.id, { active: true });
        await chrome.tabs.create({ windowId: tab.windowId, url, active: false });
      },
      { portalUrl: portal.url(), url },
    );
  const popup = await tabOpenedBy(session, create, url);
  await popup.waitForSelector('[data-aftaletjek-progress]', { timeout: 20_000 });
  return popup;
}

/** Presses "Fejlrapport" in the popup (a background tab) and reads the one file it saves. */
async function fejlrapport(popup: Page): Promise<{ name: string; snapshot: Snapshot; text: string }> {
  // A real click at the button's place, scrolled to: puppeteer's element click first waits for the element
  // to be seen in view, which a background tab in Chromium never reports.
  const button = await findByText(popup, 'button', 'Fejlrapport');
  await button.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await button.boundingBox())!;
  await popup.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const [name, content] = [...(await folder.downloaded(1))][0]!;
  const text = content.toString('utf8');
  return { name, snapshot: JSON.parse(text) as Snapshot, text };
}

const pageLine = (popup: Page) => popup.$eval('[data-aftaletjek-page]', (el) => el.getAttribute('data-aftaletjek-page'));
const pageLineText = (popup: Page) => text(popup, '[data-aftaletjek-page]');

describe('Fejlrapport', () => {
  const session = useBrowser({ configured: true, prefs: folder.prefs });
  folder.allowDownloads(session);
  let served = 0;

  /** Serves the snapshot's html as a new portal page and opens it. */
  async function rebuilt(snapshot: Snapshot): Promise<Page> {
    const path = `/fejlrapport/genopbygget-${++served}`;
    session().servePortal(path, snapshot.html);
    return openReady(session(), path);
  }

  it.each([
    ['/aftaler/tabel', '5'],
    ['/aftale/sf0770-a-forkert-se', '1'],
  ])('%s: the popup says what the page shows; the report rebuilds a page marked the same', async (path, count) => {
    const portal = await openReady(session(), path);
    const popup = await popupOver(session(), portal);
    await expect.poll(() => pageLine(popup), { timeout: 10_000 }).toBe(count);
    expect(await pageLineText(popup)).toContain(`På denne side: ${count} af opgavens aftaler`);

    const { name, snapshot } = await fejlrapport(popup);
    expect(name).toMatch(/^aftaletjek-fejlrapport-\d{4}-\d{2}-\d{2}\.json$/);
    await expect.poll(() => text(popup, '[data-aftaletjek-report-message]')).toContain(`Fejlrapporten er gemt som ${name}`);
    expect(snapshot).toMatchObject({ format: 'aftaletjek-fejlrapport', version: 1, packId: 'klik-sf02' });
    // No CVR, SE or date digits: only shapes, generated ids, heading tags and the agreements' codes.
    expect((snapshot.html + snapshot.url).replace(/<\/?h[1-6]\b|\bid\d+\b|SF\d{4}|\bv3\b/giu, '')).not.toMatch(/[0-8]/);
    expect(snapshot.html).not.toMatch(/<script|\shref=|\sclass=|data-aftaletjek/);

    const marks = await markSummary(portal);
    expect(snapshot.seen.map((s) => `${s.id}:${s.status}`).sort()).toEqual(marks);
    const again = await rebuilt(snapshot);
    expect(await markSummary(again)).toEqual(marks);
    const [banner, rebuiltBanner] = [await readBanner(portal), await readBanner(again)];
    expect([rebuiltBanner.count, rebuiltBanner.se, rebuiltBanner.agreement]).toEqual([banner.count, banner.se, banner.agreement]);
    if (banner.found) expect(rebuiltBanner.found).toBe('99999999');
    await Promise.all([again.close(), popup.close(), portal.close()]);
  });

  it('no CPR number, name or free text survives; the shadow root and the marks come back', async () => {
    session().servePortal('/fejlrapport/persondata', PERSONAL_PAGE);
    const portal = await openReady(session(), '/fejlrapport/persondata');
    const popup = await popupOver(session(), portal);
    await expect.poll(() => pageLine(popup), { timeout: 10_000 }).toBe('2');
    expect(await pageLineText(popup)).toContain('På denne side: 2 af opgavens aftaler (SF1470, SF1320).');
    const { snapshot, text: file } = await fejlrapport(popup);
    for (const word of PERSONAL) expect(file.toLowerCase(), word).not.toContain(word.toLowerCase());
    // CPR-like runs of digits occur only as shapes (all 9s).
    expect((file.match(/\d{6}-?\d{4}/gu) ?? []).filter((run) => /[0-8]/u.test(run))).toEqual([]);
    expect(snapshot.html).toContain('CPR 999999-9999 og 9999999999.');
    expect(snapshot.html).toContain('<template shadowrootmode="open"><p role="note">xxxxxx: xxxxx xxxxxx 999999-9999</p></template>');

    const marks = await markSummary(portal);
    expect(marks).toEqual(['SF1320:unknown', 'SF1470:approved']);
    const again = await rebuilt(snapshot);
    expect(await markSummary(again)).toEqual(marks);
    // The browser's parser rebuilt the open shadow root from the declarative template.
    expect(await again.evaluate(() => document.querySelector('main div')?.shadowRoot?.textContent)).toBe('xxxxxx: xxxxx xxxxxx 999999-9999');
    await Promise.all([again.close(), popup.close(), portal.close()]);
  });

  it('a portal page where nothing is recognised asks for a Fejlrapport', async () => {
    session().servePortal('/fejlrapport/intet', NOTHING_PAGE);
    const portal = await openReady(session(), '/fejlrapport/intet');
    const popup = await popupOver(session(), portal);
    await expect.poll(() => pageLine(popup), { timeout: 10_000 }).toBe('0');
    expect(await pageLineText(popup)).toContain('Aftaletjek fandt ingen af opgavens aftaler på denne side. Ser du dem? Send en Fejlrapport.');
    const { snapshot } = await fejlrapport(popup);
    expect(snapshot.seen).toEqual([]);
    expect(snapshot.html).toContain('<h1>xxxxxxxxx, xxxxx xxxxxx</h1>');
    await Promise.all([popup.close(), portal.close()]);
  });

  it('when the active tab is no portal page, the button explains instead of saving', async () => {
    const popup = await session().openPopup();
    await popup.waitForSelector('[data-aftaletjek-progress]', { timeout: 20_000 });
    await clickRole(popup, 'button', 'Fejlrapport');
    await expect.poll(() => text(popup, '[data-aftaletjek-report-message]')).toContain('Gå til fanen med administrationsmodulet');
    expect(await popup.$('[data-aftaletjek-page]')).toBeNull();
    expect((await folder.downloaded(0)).size).toBe(0);
    await popup.close();
  });
});
