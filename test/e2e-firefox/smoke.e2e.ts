import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID, launchFirefoxWithExtension, type FirefoxSession } from './harness';

describe('the built extension in Firefox ESR', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefoxWithExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('installs from dist/ with its gecko id and Firefox background', async () => {
    const page = await session.openOptions();
    const manifest = await page.evaluate(() => browser.runtime.getManifest());
    expect(manifest.browser_specific_settings?.gecko?.id).toBe(GECKO_ID);
    expect(manifest.background).toMatchObject({ scripts: expect.any(Array) });
    await page.close();
  });

  it.each([
    ['popup', 'src/popup/index.html'],
    ['options page', 'src/options/index.html'],
  ])('opens the %s without errors', async (_name, path) => {
    const page = await session.openExtensionPage(path);
    await page.waitForFunction(() => (document.getElementById('app')?.textContent ?? '') !== '');
    expect(session.pageErrors).toEqual([]);
    await page.close();
  });

  it('injects the content script on the portal host', async () => {
    session.servePortal('/smoke', '<!doctype html><title>Portal</title><main><h1>Serviceaftaler</h1></main>');
    const page = await session.openPortal('/smoke');
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-ready'));
    await page.close();
  });
});
