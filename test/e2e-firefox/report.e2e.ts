/**
 * The Fejlrapport in real Firefox, as test/e2e/report.e2e.ts does it in Chromium: the popup (a page in a
 * tab of the same window, with the portal tab brought back to the front) tells what the portal page shows,
 * saves the snapshot as a file without personal data, and the snapshot's html, served again as a portal
 * page, is marked the same.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/content/snapshot';
import { markSummary, readBanner } from '../e2e/shared/overlay';
import type { FirefoxSession } from './harness';
import { openReady, useFirefox } from './support';

const PERSONAL_PAGE = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Sag for Karen Jensen</title></head>
<body><main>
  <h1>Serviceaftaler</h1>
  <p>Borger: Karen Jensen, CPR 010190-1234 og 0101901234.</p>
  <table><tbody>
    <tr><td><a href="/aftale/sf1470">SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune</a></td><td>Godkendt</td><td>Karen Jensen</td></tr>
  </tbody></table>
</main></body></html>`;

describe('Fejlrapport in real Firefox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftaletjek-ff-report-'));
  const downloads = join(dir, 'downloads');
  const session = useFirefox({
    configured: true,
    prefs: {
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let served = 0;

  /** The popup in a tab beside the portal tab, which is then made the active tab again. */
  async function popupOver(s: FirefoxSession, portal: Page): Promise<Page> {
    const popup = await s.openPopup();
    await popup.waitForSelector('[data-aftaletjek-progress]', { timeout: 15_000 });
    await portal.bringToFront();
    return popup;
  }

  const pageLine = (popup: Page) =>
    popup.evaluate(() => {
      const el = document.querySelector('[data-aftaletjek-page]');
      return el ? `${el.getAttribute('data-aftaletjek-page')}: ${el.textContent?.trim()}` : null;
    });

  async function fejlrapport(popup: Page): Promise<{ name: string; snapshot: Snapshot; text: string }> {
    await popup.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Fejlrapport');
      (button as HTMLButtonElement).click();
    });
    const done = () => (existsSync(downloads) ? readdirSync(downloads).filter((n) => !n.endsWith('.part')) : []);
    // Firefox may show the file's name before its content is written: wait until it is whole JSON.
    const whole = () => {
      const [first] = done();
      if (!first) return null;
      const content = readFileSync(join(downloads, first), 'utf8');
      try {
        JSON.parse(content);
        return { first, content };
      } catch {
        return null;
      }
    };
    await expect.poll(whole, { timeout: 15_000 }).not.toBeNull();
    const { first: name, content: text } = whole()!;
    expect(done()).toHaveLength(1);
    rmSync(downloads, { recursive: true, force: true });
    return { name, snapshot: JSON.parse(text) as Snapshot, text };
  }

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
    await expect.poll(() => pageLine(popup), { timeout: 10_000 }).toContain(`${count}: På denne side: ${count} af opgavens aftaler`);
    const { name, snapshot } = await fejlrapport(popup);
    expect(name).toMatch(/^aftaletjek-fejlrapport-\d{4}-\d{2}-\d{2}\.json$/);
    expect((snapshot.html + snapshot.url).replace(/<\/?h[1-6]\b|\bid\d+\b|SF\d{4}|\bv3\b/giu, '')).not.toMatch(/[0-8]/);
    const marks = await markSummary(portal);
    expect(snapshot.seen.map((s) => `${s.id}:${s.status}`).sort()).toEqual(marks);
    const again = await rebuilt(snapshot);
    expect(await markSummary(again)).toEqual(marks);
    const [banner, rebuiltBanner] = [await readBanner(portal), await readBanner(again)];
    expect([rebuiltBanner.count, rebuiltBanner.se]).toEqual([banner.count, banner.se]);
    await again.close();
    await popup.close();
    await portal.close();
  });

  it('no CPR number or name survives', async () => {
    session().servePortal('/fejlrapport/persondata', PERSONAL_PAGE);
    const portal = await openReady(session(), '/fejlrapport/persondata');
    const popup = await popupOver(session(), portal);
    await expect.poll(() => pageLine(popup), { timeout: 10_000 }).toContain('1: På denne side: 1 af opgavens aftaler (SF1470)');
    const { snapshot, text } = await fejlrapport(popup);
    for (const word of ['Karen', 'Jensen', '010190', '0101901234', 'href']) expect(text, word).not.toContain(word);
    expect(snapshot.html).toContain('CPR 999999-9999 og 9999999999.');
    const again = await rebuilt(snapshot);
    expect(await markSummary(again)).toEqual(['SF1470:approved']);
    await again.close();
    await popup.close();
    await portal.close();
  });
});
