/**
 * The request recorder of the privacy scenario, in both browsers: every request any tab makes (portal pages,
 * the content script in them, extension pages), from the tab's own request events; every request of the
 * extension's background; and every web socket.
 * - Chromium: the background is a service worker, watched over the DevTools protocol (its Network domain),
 *   and so are the tabs' web sockets (Network.webSocketCreated), which request interception does not see.
 * - Firefox: WebDriver BiDi reports no request of the background page (an extension's page in no tab), so
 *   the browser sends every request out through a recording proxy of the test's own: whatever the harness
 *   does not answer itself (the portal), from any context, is recorded there. WebDriver BiDi reports a web
 *   socket's handshake among the tab's requests.
 * The scenario proves the recorder before it relies on it (canaries from the background, a content script
 * and a web socket).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, HTTPRequest, Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { IS_FIREFOX, isExtensionWorker, PORTAL_ORIGIN, type Session } from './harness';

export interface Recorded {
  url: string;
  /** Chromium's resource type ('document', 'stylesheet', 'fetch', 'websocket', …); in Firefox from Sec-Fetch-Dest/-Mode. */
  type: string;
  method: string;
  /** The URL of the page that made it; 'background'; or 'network' (Firefox's proxy: from anywhere in the browser). */
  from: string;
}

/** Sec-Fetch-Dest (Firefox) as Chromium's resource types, so one filter reads both. */
const DEST_TYPES: Record<string, string> = { document: 'document', iframe: 'document', frame: 'document', style: 'stylesheet', empty: 'fetch' };

function describeRequest(request: HTTPRequest): Recorded {
  let from = 'unknown';
  try {
    from = request.frame()?.url() ?? 'unknown';
  } catch {
    // a frame already gone
  }
  if (!IS_FIREFOX) return { url: request.url(), type: request.resourceType(), method: request.method(), from };
  // WebDriver BiDi has no resource type, and puppeteer's frame there takes a page's URL only after the page's
  // first requests: Firefox's Sec-Fetch-Dest and -Mode headers give the type, its Referer the page.
  const headers = request.headers();
  const dest = headers['sec-fetch-dest'];
  const type = headers['sec-fetch-mode'] === 'websocket' ? 'websocket' : dest ? (DEST_TYPES[dest] ?? dest) : 'other';
  return { url: request.url(), type, method: request.method(), from: headers['referer'] ?? from };
}

/**
 * Firefox's prefs for the recording proxy, and a server for its own remote-settings updates that is no
 * server (they would be recorded; a release build takes the server pref only with
 * MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in its environment, which the recorder sets for the launch).
 */
function proxyPrefs(port: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.no_proxies_on': '',
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
  };
}

/**
 * The recorder for one test file. Call it before `useBrowser`, give the browser `prefs()` (read when it
 * launches), then `watch(session)` after `useBrowser`.
 */
export function requestRecorder() {
  const recorded: Recorded[] = [];
  const chromiumSockets: string[] = [];
  let proxy: Server | undefined;
  let port = 0;
  const cdpSessions: CDPSession[] = [];

  const devtoolsEnv = process.env.MOZ_REMOTE_SETTINGS_DEVTOOLS;
  beforeAll(async () => {
    if (!IS_FIREFOX) return;
    process.env.MOZ_REMOTE_SETTINGS_DEVTOOLS = '1'; // Firefox inherits this process's environment
    proxy = createServer((request, response) => {
      recorded.push({ url: request.url ?? '', type: 'network', method: request.method ?? '', from: 'network' });
      response.writeHead(502).end();
    });
    proxy.on('connect', (request, socket) => {
      recorded.push({ url: `https://${(request.url ?? '').replace(/:443$/, '')}`, type: 'network', method: 'CONNECT', from: 'network' });
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((listening) => proxy!.listen(0, '127.0.0.1', listening));
    port = (proxy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    if (devtoolsEnv === undefined) delete process.env.MOZ_REMOTE_SETTINGS_DEVTOOLS;
    else process.env.MOZ_REMOTE_SETTINGS_DEVTOOLS = devtoolsEnv;
    await Promise.all(cdpSessions.map((cdp) => cdp.detach().catch(() => undefined)));
    await new Promise((closed) => (proxy ? proxy.close(closed) : closed(undefined)));
  });

  return {
    /** Everything recorded, in order. */
    recorded,
    /** Web sockets opened by any tab. */
    sockets: () => (IS_FIREFOX ? recorded.filter((r) => r.type === 'websocket' && r.from !== 'network').map((r) => r.url) : [...chromiumSockets]),
    /** Launch preferences (Firefox: the proxy; empty in Chromium). Read only once the proxy listens. */
    prefs: (): Record<string, unknown> => (IS_FIREFOX ? proxyPrefs(port) : {}),
    clear() {
      recorded.length = 0;
      chromiumSockets.length = 0;
    },
    /** Starts recording once the browser runs: its tabs now and later, and (Chromium) its service worker. */
    watch(session: () => Session) {
      beforeAll(async () => {
        const watchPage = async (page: Page) => {
          page.on('request', (request) => recorded.push(describeRequest(request)));
          if (IS_FIREFOX) return;
          const cdp = await session().cdp(page);
          cdpSessions.push(cdp);
          cdp.on('Network.webSocketCreated', (event) => chromiumSockets.push(event.url));
          await cdp.send('Network.enable');
        };
        const watchWorker = async (target: Target) => {
          const cdp = await target.createCDPSession();
          cdpSessions.push(cdp);
          cdp.on('Network.requestWillBeSent', (event) =>
            recorded.push({ url: event.request.url, type: (event.type ?? 'other').toLowerCase(), method: event.request.method, from: 'background' }),
          );
          await cdp.send('Network.enable');
        };
        const watch = (target: Target) => {
          if (target.type() === 'page') return target.page().then((page) => page && watchPage(page));
          if (isExtensionWorker(target)) return watchWorker(target);
          return undefined;
        };
        const { browser } = session();
        browser.on('targetcreated', (target: Target) => void watch(target)?.catch(() => undefined));
        await Promise.all(browser.targets().map((target) => watch(target)));
      });
    },
  };
}

export const CANARY_HOST = 'canary.aftaletjek.invalid';

/**
 * Firefox only: a helper extension whose content script, on a portal page under /canary/, fetches `url`.
 * WebDriver BiDi reaches no extension's content-script world, so Aftaletjek's own cannot be made to send
 * one; a content script's request is a content script's request, whichever extension's it is.
 */
export async function installCanaryExtension(session: Session, url: string): Promise<{ uninstall(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'aftaletjek-canary-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'canary',
      version: '1.0',
      content_scripts: [{ matches: [`${PORTAL_ORIGIN}/canary/*`], js: ['content.js'] }],
      browser_specific_settings: { gecko: { id: 'canary@aftaletjek.invalid' } },
    }),
  );
  writeFileSync(join(dir, 'content.js'), `fetch(${JSON.stringify(url)});\n`);
  const id = await session.browser.installExtension(dir);
  return {
    async uninstall() {
      await session.browser.uninstallExtension(id);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
