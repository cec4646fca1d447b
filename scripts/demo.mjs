// `npm run demo` (after the build): Chromium with the built extension on the demo portal, served as
// https://admin.serviceplatformen.dk from test/fixtures/portal by request interception (no network),
// pre-configured with a demo municipality and SE number.
// - With a display ($DISPLAY): a browser window on the portal's front page that stays open until closed.
// - Without one: headless screenshots of a list, an agreement with a wrong SE number (banner and guard),
//   one with a correct SE number, the popup and the options page, written to demo-output/.
// It reuses the end-to-end test harness (TypeScript), loaded through Vite's module runner; E2E_BROWSER=firefox
// runs it in Firefox ESR instead.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const OUT_DIR = resolve('demo-output');
// The harness imports the store's key names; the store's polyfill import must not run in Node.
const alias = { 'webextension-polyfill': resolve('test/unit/browser-stub.ts') };
const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: 'error', resolve: { alias } })).module;
const { launch } = await load('./test/e2e/harness.ts');
const { configure, openReady, MUNICIPALITY, EXPECTED_SE } = await load('./test/e2e/support.ts');

const headed = Boolean(process.env.DISPLAY);
const session = await launch({ headed });
await configure(session);
console.log(`Demo portal with Aftaletjek; municipality "${MUNICIPALITY}", expected SE number ${EXPECTED_SE}.`);

if (headed) {
  await session.openPortal('/');
  for (const page of await session.browser.pages()) if (page.url() === 'about:blank') await page.close();
  console.log('Browser open on https://admin.serviceplatformen.dk/ (demo pages). Close the window to stop.');
  await new Promise((done) => session.browser.on('disconnected', done));
  await session.close().catch(() => undefined);
} else {
  mkdirSync(OUT_DIR, { recursive: true });
  const shot = async (page, name, options = {}) => {
    const path = resolve(OUT_DIR, name);
    await page.screenshot({ path, ...options });
    console.log(`  ${path}`);
  };
  try {
    const list = await openReady(session, '/aftaler/tabel');
    await shot(list, '1-list.png', { fullPage: true });

    const mismatch = await openReady(session, '/aftale/sf0770-a-forkert-se');
    await shot(mismatch, '2-agreement-se-mismatch.png');
    await mismatch.click('#godkend');
    await mismatch.waitForSelector('aftaletjek-dialog');
    await shot(mismatch, '3-agreement-approve-guard.png');

    const match = await openReady(session, '/aftale/sf0770-e-readonly');
    await shot(match, '4-agreement-se-match.png');

    const popup = await session.openPopup();
    await popup.setViewport({ width: 400, height: 640 });
    await popup.waitForSelector('[data-aftaletjek-progress]', { timeout: 20_000 });
    await shot(popup, '5-popup.png', { fullPage: true });

    const options = await session.openOptions();
    await options.setViewport({ width: 900, height: 900 });
    await options.waitForSelector('#expectedSe', { timeout: 20_000 });
    await shot(options, '6-options.png', { fullPage: true });
    console.log(`Screenshots in ${OUT_DIR}`);
  } finally {
    await session.close();
  }
  if (session.pageErrors.length > 0) {
    console.error(`Page errors during the demo:\n${session.pageErrors.join('\n')}`);
    process.exitCode = 1;
  }
}
