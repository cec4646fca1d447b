import { describe, expect, it } from 'vitest';
import { GECKO_ID, IS_FIREFOX } from './harness';
import { useBrowser } from './support';

describe('the built extension, loaded unpacked from dist/', () => {
  const session = useBrowser();

  it('starts its background from dist/ with the permissions it declares', async () => {
    const manifest = await session().inExtension(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage']);
    expect(session().extensionUrl('x')).toMatch(IS_FIREFOX ? /^moz-extension:\/\/[0-9a-f-]{36}\/x$/ : /^chrome-extension:\/\/[a-p]{32}\/x$/);
  });

  it('carries its gecko id and a Firefox background beside the service worker', async () => {
    const manifest = await session().inExtension(() => chrome.runtime.getManifest());
    expect(manifest.browser_specific_settings?.gecko?.id).toBe(GECKO_ID);
    expect(manifest.background).toMatchObject({ scripts: expect.any(Array) });
  });

  it.each([
    ['popup', 'src/popup/index.html'],
    ['options page', 'src/options/index.html'],
  ])('opens the %s without errors', async (_name, path) => {
    const page = await session().openExtensionPage(path);
    await page.waitForFunction(() => (document.getElementById('app')?.textContent ?? '') !== '');
    expect(session().pageErrors).toEqual([]);
    await page.close();
  });

  it('injects the content script on the portal host', async () => {
    session().servePortal('/smoke', '<!doctype html><title>Portal</title><main><h1>Serviceaftaler</h1></main>');
    const page = await session().openPortal('/smoke');
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-ready'));
    await page.close();
  });

  it('leaves pages beyond the portal alone', async () => {
    const page = await session().newPage();
    await page.setContent('<!doctype html><main><h1>Serviceaftaler</h1><p>SF1520 Afventer godkendelse</p></main>');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-aftaletjek-ready'))).toBe(false);
    await page.close();
  });
});
