/**
 * Privacy, proven in a real browser (issue 6): every request the browser makes while an administrator works
 * through the demo portal with Aftaletjek (lists, agreement pages on both portal hosts, the guard, the
 * single-page portal's in-page navigation, the popup with its report export and reset, the options page with
 * save, settings export and import) is recorded, from pages, extension pages and the extension's background
 * alike (how, in each browser: privacy-support.ts). There are none beyond the portal's own page loads and
 * the extension's own files, and no web socket.
 *
 * The recorder is checked first: a request from the background, one from a content script and a web socket
 * must all be seen, so an empty record means "nothing was sent", not "nothing was watched".
 */
import type { ElementHandle } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from './popup-support';
import { CANARY_HOST, installCanaryExtension, requestRecorder, type Recorded } from './privacy-support';
import {
  attr,
  byLabel,
  clickByText,
  clickRole,
  IS_FIREFOX,
  markSummary,
  openReady,
  PORTAL_ORIGIN,
  PORTAL_TEST_ORIGIN,
  readBanner,
  text,
  typeInto,
  useBrowser,
} from './support';

/** What the portal's own pages load (the fixture HTML references exactly these kinds). */
const PORTAL_OWN_TYPES = new Set(['document', 'stylesheet', 'script', 'image', 'font']);
const BACKGROUND_CANARY = `https://background.${CANARY_HOST}/background`;
const CONTENT_CANARY = `${PORTAL_ORIGIN}/canary/content-script`;
const SOCKET_CANARY = `wss://socket.${CANARY_HOST}/socket`;
const isCanary = (r: Recorded) => r.url.includes(CANARY_HOST) || r.url.startsWith(CONTENT_CANARY);

const portalOrigins = new Set([PORTAL_ORIGIN, PORTAL_TEST_ORIGIN]);
const isPortal = (url: string) => URL.canParse(url) && portalOrigins.has(new URL(url).origin);

/** The recorded requests beyond the portal pages' own loads and the extension's own files. */
function beyondPortal(recorded: Recorded[], ownOrigin: string): Recorded[] {
  return recorded.filter((r) => {
    if (r.url.startsWith(ownOrigin) || r.url.startsWith(`blob:${ownOrigin}`)) return false; // the extension's own files and downloads
    if (r.url.startsWith('data:')) return false; // read from the URL itself (Firefox reports them): nothing is sent
    if (r.from === 'background' || r.from === 'network') return true; // the background loads nothing else; nothing else leaves
    // A portal page's own loads: the test's navigations (made from the blank new tab) and what the pages reference.
    const byPortalPage = r.type === 'document' || isPortal(r.from);
    // The browser asks for a page's icon by itself (Chromium: type "other").
    const ownType = PORTAL_OWN_TYPES.has(r.type) || (new URL(r.url).pathname === '/favicon.ico' && r.type === 'other');
    return !(isPortal(r.url) && byPortalPage && ownType && r.method === 'GET');
  });
}

describe('privacy: what leaves the browser while working with Aftaletjek', () => {
  const recorder = requestRecorder();
  const files = scratchFolder();
  const session = useBrowser({
    configured: true,
    get prefs() {
      return { ...files.prefs, ...recorder.prefs() };
    },
  });
  files.allowDownloads(session);
  recorder.watch(session);

  it('sees requests from the background and from a content script, and web sockets (the recorder works)', async () => {
    // The background: Chromium's service worker runs it itself; Firefox's extension pages reach the background page.
    await session().inExtension(async (url) => {
      const background = typeof document === 'undefined' ? globalThis : ((await chrome.runtime.getBackgroundPage()) as unknown as typeof globalThis);
      await background.fetch(url).catch(() => undefined);
    }, BACKGROUND_CANARY);

    session().servePortal('/canary/content-script', '');
    session().servePortal('/canary/page', '<!doctype html><title>Serviceaftaler</title><main><h1>Serviceaftaler</h1></main>');
    const errorsBefore = session().pageErrors.length;
    // Chromium: a request planted in Aftaletjek's own content-script world; Firefox: a helper extension's content script.
    const canaryExtension = IS_FIREFOX ? await installCanaryExtension(session(), CONTENT_CANARY) : null;
    const page = await openReady(session(), '/canary/page');
    if (!IS_FIREFOX) {
      const [world, ...more] = page.mainFrame().extensionRealms();
      expect(more, "the content script's isolated world, alone").toEqual([]);
      expect(world!.origin).toBe(session().extensionUrl('').replace(/\/$/, ''));
      expect(await world!.evaluate((url) => fetch(url).then((response) => response.status), CONTENT_CANARY)).toBe(200);
    }
    await page.evaluate((url) => void new WebSocket(url), SOCKET_CANARY);

    const host = (url: string) => new URL(url).host;
    const canaries = () =>
      recorder.recorded
        .filter((r) => isCanary(r) && r.type !== 'websocket')
        .map((r) => `${r.url} from ${r.from === 'background' || r.from === 'network' ? r.from : 'a page'}`)
        .sort();
    // Firefox sees the background's request where it leaves the browser, and the web socket there too.
    const expected = IS_FIREFOX
      ? [`${CONTENT_CANARY} from a page`, `https://${host(BACKGROUND_CANARY)} from network`, `https://${host(SOCKET_CANARY)} from network`]
      : [`${BACKGROUND_CANARY} from background`, `${CONTENT_CANARY} from a page`];
    await expect.poll(canaries).toEqual(expected.sort());
    await expect.poll(() => recorder.sockets().map(host)).toEqual([host(SOCKET_CANARY)]);
    await canaryExtension?.uninstall();
    await page.close();
    // The filter the next test applies flags every canary, and nothing the canary page loaded for itself.
    const ownOrigin = session().extensionUrl('');
    expect(beyondPortal(recorder.recorded, ownOrigin)).toEqual(recorder.recorded.filter(isCanary));
    expect(
      recorder.recorded.filter((r) => r.url === `${PORTAL_ORIGIN}/canary/page`),
      'the canary page, recorded',
    ).not.toEqual([]);

    // The canary socket's failure to connect is the only error the canaries caused; then the record starts afresh.
    await expect
      .poll(() =>
        session()
          .pageErrors.slice(errorsBefore)
          .some((error) => error.includes(host(SOCKET_CANARY))),
      )
      .toBe(true);
    const errors = session().pageErrors.splice(errorsBefore);
    expect(
      errors.every((error) => error.includes(host(SOCKET_CANARY))),
      errors.join('\n'),
    ).toBe(true);
    expect(
      session().foreignRequests.every((url) => url.includes(CANARY_HOST)),
      session().foreignRequests.join('\n'),
    ).toBe(true);
    session().foreignRequests.length = 0;
    recorder.clear();
  });

  it('sends nothing anywhere while working through the demo portal, the popup and the options page', async () => {
    // Lists and agreement pages on the portal, and its test twin.
    for (const path of ['/aftaler/tabel', '/aftaler/kort', '/aftaler/liste?q=SF0770', '/aftale/sf0770-e-readonly', '/aftale/sf1470']) {
      const page = await openReady(session(), path);
      expect((await markSummary(page)).length, path).toBeGreaterThan(0);
      await page.close();
    }
    const twin = await session().openPortal('/aftaler/tabel', PORTAL_TEST_ORIGIN);
    await twin.waitForSelector('[data-aftaletjek-agreement]');
    await twin.close();

    // A wrong SE number: banner, KLIK message copied, and the guard on Godkend.
    await session().grantClipboard();
    const agreement = await openReady(session(), '/aftale/sf0770-a-forkert-se');
    expect((await readBanner(agreement)).se).toBe('mismatch');
    await clickByText(agreement, 'button', 'Kopiér besked til KLIK-opgaven', { scope: 'banner' });
    await clickRole(agreement, 'button', 'Godkend');
    await expect.poll(() => agreement.evaluate(() => Boolean(document.querySelector('aftaletjek-dialog')))).toBe(true);
    await clickByText(agreement, 'button', 'Godkend alligevel', { scope: 'dialog' });
    await expect.poll(() => markSummary(agreement)).toEqual(['SF0770_A:approved']);
    await agreement.close();

    // The single-page portal: in-page navigation to an agreement and back.
    const spa = await openReady(session(), '/spa/');
    await expect.poll(async () => (await markSummary(spa)).length).toBe(5); // the app renders its list late
    await clickByText(spa, 'a', /eIndkomst v3/);
    await expect.poll(async () => (await readBanner(spa)).se).toBe('match');
    // Between pushState entries there is no load to wait for: the page is polled instead.
    await spa.goBack({ timeout: 2_000 }).catch(() => null);
    await expect.poll(async () => (await markSummary(spa)).length).toBe(5);
    await spa.close();

    // The popup: progress, report export, reset.
    const popup = await session().openPopup();
    await popup.waitForSelector('[data-aftaletjek-progress]', { timeout: 20_000 });
    await clickRole(popup, 'button', 'Eksportér rapport');
    expect((await files.downloaded(2)).size).toBe(2);
    await clickRole(popup, 'button', 'Nulstil fremdrift');
    await clickRole(popup, 'button', 'Ja, nulstil');
    await expect.poll(() => attr(popup, '[data-aftaletjek-progress]', 'data-aftaletjek-progress')).toBe('0/5');
    await popup.close();

    // The options page: save, export the settings, import them again.
    const options = await session().openOptions();
    await options.waitForSelector('#expectedSe', { timeout: 20_000 });
    await typeInto(options, await byLabel(options, 'Kommune'), 'Vejle Kommune');
    await clickRole(options, 'button', 'Gem');
    await expect.poll(() => text(options, '#save-status')).toContain('Gemt.');
    await clickRole(options, 'button', 'Eksportér indstillinger');
    const [exported] = [...(await files.downloaded(1)).values()];
    const input = (await byLabel(options, 'Importér indstillinger (JSON-fil)')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(files.file('indstillinger.json', exported!.toString('utf8')));
    await expect.poll(() => text(options, '#settings-file-status')).toContain('Indstillingerne er importeret.');
    await options.close();

    const { recorded } = recorder;
    const offending = beyondPortal(recorded, session().extensionUrl(''));
    const portalLoads = recorded.filter((r) => isPortal(r.url));
    console.log(
      `privacy: ${recorded.length} requests recorded (${portalLoads.length} portal page loads: ` +
        `${[...new Set(portalLoads.map((r) => r.type))].join(', ')}; ${recorded.length - portalLoads.length} extension files and data: URLs); ` +
        `${offending.length} beyond them`,
    );
    expect(portalLoads.length, 'portal page loads recorded').toBeGreaterThan(10);
    expect(offending, 'requests beyond the portal page loads and the extension files').toEqual([]);
    expect(recorder.sockets(), 'web sockets').toEqual([]);
    expect(session().foreignRequests, 'requests to other hosts (harness)').toEqual([]);
    expect(session().pageErrors, 'page errors').toEqual([]);
  }, 90_000);
});
