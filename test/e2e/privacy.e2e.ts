/**
 * Privacy, proven in real Chromium (issue 6): every request the browser makes while an administrator works
 * through the demo portal with Aftaletjek (lists, agreement pages on both portal hosts, the guard, the
 * single-page portal's in-page navigation, the popup with its report export and reset, the options page with
 * save, settings export and import) is recorded, from pages, extension pages and the extension's service
 * worker alike. There are none beyond the portal's own page loads and the extension's own files.
 *
 * The recorder is checked first: a request from the service worker and one from the content script's
 * isolated world (planted through the DevTools protocol) must both be seen, so an empty record means
 * "nothing was sent", not "nothing was watched".
 */
import type { Download, Page, Request } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, PORTAL_ORIGIN, PORTAL_TEST_ORIGIN, type ExtensionSession } from '../../bench/harness';
import { configure, markSummary, openReady, readBanner } from './overlay-support';

/** What the portal's own pages load (the fixture HTML references exactly these kinds). */
const PORTAL_OWN_TYPES = new Set(['document', 'stylesheet', 'script', 'image', 'font']);
const CANARY = 'https://canary.aftaletjek.invalid';

interface Recorded {
  url: string;
  type: string;
  method: string;
  /** 'worker', or the URL of the page that made it. */
  from: string;
}

function describeRequest(request: Request): Recorded {
  let from = 'worker';
  if (!request.serviceWorker()) {
    try {
      from = request.frame().url();
    } catch {
      from = 'unknown';
    }
  }
  return { url: request.url(), type: request.resourceType(), method: request.method(), from };
}

describe('privacy: what leaves the browser while working with Aftaletjek (real Chromium)', () => {
  let session: ExtensionSession;
  const recorded: Recorded[] = [];
  const sockets: string[] = [];
  let ownOrigin = '';

  beforeAll(async () => {
    session = await launchWithExtension();
    await configure(session);
    ownOrigin = `chrome-extension://${session.extensionId}/`;
    session.context.on('request', (request) => recorded.push(describeRequest(request)));
    const watchSockets = (page: Page) => page.on('websocket', (socket) => sockets.push(socket.url()));
    session.context.on('page', watchSockets);
    await session.context.route(`${CANARY}/**`, (route) => route.fulfill({ status: 204, body: '' }));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sees requests from the service worker and from the content script (the recorder works)', async () => {
    await session.worker.evaluate((url) => fetch(url).then(() => undefined), `${CANARY}/worker`);
    const page = await openReady(session, '/aftaler/tabel');
    const cdp = await session.context.newCDPSession(page);
    const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(session.extensionId));
    expect(isolated, "the content script's isolated world").toBeDefined();
    await cdp.send('Runtime.evaluate', { expression: `fetch('${CANARY}/content-script').then(() => 1)`, contextId: isolated!.id, awaitPromise: true });
    await cdp.detach();
    await page.close();
    await expect
      .poll(() => recorded.filter((r) => r.url.startsWith(CANARY)).map((r) => `${r.url} from ${r.from === 'worker' ? 'worker' : 'page'}`))
      .toEqual([`${CANARY}/worker from worker`, `${CANARY}/content-script from page`]);
    recorded.length = 0;
    session.foreignRequests.length = 0;
  });

  it('sends nothing anywhere while working through the demo portal, the popup and the options page', async () => {
    // Lists and agreement pages on the portal, and its test twin.
    for (const path of ['/aftaler/tabel', '/aftaler/kort', '/aftaler/liste?q=SF0770', '/aftale/sf0770-e-readonly', '/aftale/sf1470']) {
      const page = await openReady(session, path);
      expect((await markSummary(page)).length, path).toBeGreaterThan(0);
      await page.close();
    }
    const twin = await session.openPortal('/aftaler/tabel', PORTAL_TEST_ORIGIN);
    await twin.waitForSelector('[data-aftaletjek-agreement]');
    await twin.close();

    // A wrong SE number: banner, KLIK message copied, and the guard on Godkend.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: PORTAL_ORIGIN });
    const agreement = await openReady(session, '/aftale/sf0770-a-forkert-se');
    expect((await readBanner(agreement)).se).toBe('mismatch');
    const host = agreement.locator('[data-aftaletjek-se]');
    await host.getByRole('button', { name: /Kopiér/ }).click();
    await agreement.getByRole('button', { name: 'Godkend', exact: true }).click();
    await agreement.getByRole('button', { name: 'Godkend alligevel' }).click();
    await expect.poll(() => markSummary(agreement)).toEqual(['SF0770_A:approved']);
    await agreement.close();

    // The single-page portal: in-page navigation to an agreement and back.
    const spa = await openReady(session, '/spa/');
    await spa.getByRole('link', { name: /eIndkomst v3/ }).click();
    await expect.poll(async () => (await readBanner(spa)).se).toBe('match');
    await spa.goBack();
    await expect.poll(async () => (await markSummary(spa)).length).toBe(5);
    await spa.close();

    // The popup: progress, report export, reset.
    const popup = await session.openPopup();
    await popup.waitForSelector('[data-aftaletjek-progress]', { timeout: 20_000 });
    const downloads: Download[] = [];
    popup.on('download', (d) => downloads.push(d));
    await popup.getByRole('button', { name: 'Eksportér rapport' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    await popup.getByRole('button', { name: 'Nulstil fremdrift' }).click();
    await popup.getByRole('button', { name: 'Ja, nulstil' }).click();
    await expect.poll(() => popup.getAttribute('[data-aftaletjek-progress]', 'data-aftaletjek-progress')).toBe('0/5');
    await popup.close();

    // The options page: save, export the settings, import them again.
    const options = await session.openOptions();
    await options.waitForSelector('#expectedSe', { timeout: 20_000 });
    await options.getByLabel('Kommune', { exact: true }).fill('Vejle Kommune');
    await options.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => options.innerText('#save-status')).toContain('Gemt.');
    const [exported] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Eksportér indstillinger' }).click()]);
    const file = readFileSync((await exported.path())!, 'utf8');
    await options
      .getByLabel('Importér indstillinger (JSON-fil)')
      .setInputFiles({ name: 'indstillinger.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect.poll(() => options.innerText('#settings-file-status')).toContain('Indstillingerne er importeret.');
    await options.close();

    const portalPages = new Set([PORTAL_ORIGIN, PORTAL_TEST_ORIGIN]);
    const isPortal = (url: string) => portalPages.has(new URL(url).origin);
    const offending = recorded.filter((r) => {
      if (r.url.startsWith(ownOrigin) || r.url.startsWith(`blob:${ownOrigin}`)) return false; // the extension's own files and downloads
      if (r.from === 'worker') return true; // the service worker loads nothing else
      // A portal page's own loads: the test's navigations (made from the blank new tab) and what the pages reference.
      const byPortalPage = r.type === 'document' || isPortal(r.from);
      return !(isPortal(r.url) && byPortalPage && PORTAL_OWN_TYPES.has(r.type) && r.method === 'GET');
    });
    const portalLoads = recorded.filter((r) => isPortal(r.url));
    console.log(
      `privacy: ${recorded.length} requests recorded (${portalLoads.length} portal page loads: ` +
        `${[...new Set(portalLoads.map((r) => r.type))].join(', ')}; ${recorded.length - portalLoads.length} extension files); ${offending.length} beyond them`,
    );
    expect(offending, 'requests beyond the portal page loads and the extension files').toEqual([]);
    expect(sockets, 'web sockets').toEqual([]);
    expect(session.foreignRequests, 'requests to other hosts (harness)').toEqual([]);
    expect(session.pageErrors, 'page errors').toEqual([]);
  }, 90_000);
});
