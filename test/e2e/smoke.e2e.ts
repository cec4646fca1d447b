import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from './harness';

describe('the built extension in Chromium', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('starts its service worker from dist/', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    const manifest = await session.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage']);
  });

  it.each([
    ['popup', 'src/popup/index.html'],
    ['options page', 'src/options/index.html'],
  ])('opens the %s without errors', async (_name, path) => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl(path));
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('#app').innerText()).not.toBe('');
    expect(session.pageErrors.filter((e) => e.includes(session.extensionId))).toEqual([]);
    await page.close();
  });

  it('injects the content script on the portal host and nowhere else', async () => {
    session.servePortal('/smoke', '<!doctype html><title>Portal</title><main><h1>Serviceaftaler</h1></main>');
    const page = await session.openPortal('/smoke');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.hasAttribute('data-aftaletjek-ready')))
      .toBe(true);
    await page.close();
  });
});
