import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { BUILTIN_PACK } from '../../src/core/pack';
import { BUILTIN_PROFILE } from '../../src/portal/words';
import { PROFILE_KEY } from '../../src/store/profile';
import { FIXTURE_DIR, launchWithExtension, type ExtensionSession } from '../../bench/harness';
import { EXPECTED_SE, focusVisible, openOptionsReady, seriousViolations, settingsRecord, tabTo } from './popup-support';

const jsonFile = (name: string, content: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(content) });

/** A portal profile of the municipality's own that also reads "i drift" as approved. */
const DRIFT_PROFILE = {
  ...BUILTIN_PROFILE,
  id: 'kommune-drift',
  statusWords: { ...BUILTIN_PROFILE.statusWords, approved: [...BUILTIN_PROFILE.statusWords.approved, 'i drift'] },
};
/** The demo portal's table, with SF1470's status (Godkendt) shown as "I drift", a word the built-in profile does not know. */
function tableWithDrift(): string {
  const table = readFileSync(join(FIXTURE_DIR, 'aftaler/tabel.html'), 'utf8');
  const drift = table.replace(/(href="\/aftale\/sf1470">[^\n]*\n\s*<td><span class="status">)Godkendt</, '$1I drift<');
  if (drift === table) throw new Error('the SF1470 row of tabel.html has changed');
  return drift;
}
const profileHook = (page: Page) =>
  page.$eval('[data-aftaletjek-profile]', (el) => [el.getAttribute('data-aftaletjek-profile'), el.getAttribute('data-aftaletjek-profile-source')]);
const sf1470Status = (page: Page) =>
  page.$eval('a[data-aftaletjek-agreement="SF1470"]', (el) => el.getAttribute('data-aftaletjek-status')).catch(() => null);

describe('the options page in real Chromium', () => {
  let session: ExtensionSession;
  let page: Page | undefined;

  beforeAll(async () => {
    session = await launchWithExtension();
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.clearStorage();
    await session.setStorage(settingsRecord('Aarhus Kommune', EXPECTED_SE));
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
    expect(session.pageErrors.filter((e) => e.includes(session.extensionId))).toEqual([]);
  });

  const stored = async () => (await session.getStorage()).settings as { municipality: string; expectedSe: string | null };

  it('has visible labels with "Kommune" and "SE-nummer" and a "Gem" button', async () => {
    page = await openOptionsReady(session);
    expect(await page.getByLabel('Kommune', { exact: true }).inputValue()).toBe('Aarhus Kommune');
    expect(await page.getByLabel('Kommunens SE-nummer', { exact: true }).inputValue()).toBe(EXPECTED_SE);
    expect(await page.getByRole('button', { name: 'Gem' }).isVisible()).toBe(true);
    expect(await page.title()).toBe('Aftaletjek: indstillinger');
  });

  it.each([
    ['1234 567', 'se-format', 'SE-nummeret skal være 8 cifre'],
    ['13585627', 'se-modulus11', 'består ikke modulus 11-kontrollen'],
  ])('refuses %s with a Danish message and saves nothing', async (value, code, words) => {
    page = await openOptionsReady(session);
    const before = await session.getStorage();
    await page.getByLabel('Kommune', { exact: true }).fill('Odense Kommune');
    await page.getByLabel('Kommunens SE-nummer', { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Gem' }).click();
    const error = page.locator('#expectedSe-error');
    await error.waitFor();
    expect(await error.getAttribute('data-aftaletjek-error')).toBe(code);
    expect(await error.innerText()).toContain(words);
    expect(await page.getByLabel('Kommunens SE-nummer', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The error shows as soon as the field is left; the save's own answer follows.
    await expect.poll(() => page!.innerText('#save-status')).toContain('Intet er gemt.');
    expect(await session.getStorage()).toEqual(before);
  });

  it('saves a grouped SE number as 8 digits, by keyboard alone', async () => {
    page = await openOptionsReady(session);
    await tabTo(page, (el) => el.id === 'municipality');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Vejle Kommune');
    await tabTo(page, (el) => el.id === 'expectedSe');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('55 13 30 18');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Gem');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page!.innerText('#save-status')).toContain('Gemt.');
    expect(await stored()).toMatchObject({ municipality: 'Vejle Kommune', expectedSe: '55133018' });
    expect(await page.getByLabel('Kommunens SE-nummer', { exact: true }).inputValue()).toBe('55133018');
  });

  it('refuses a broken pack file with a clear error and changes nothing', async () => {
    page = await openOptionsReady(session);
    const before = await session.getStorage();
    for (const content of ['{ "schemaVersion": 1,', JSON.stringify({ ...BUILTIN_PACK, id: 'klik-sf99', agreements: [] })]) {
      await page.getByLabel('Importér pakke (JSON-fil)').setInputFiles(jsonFile('pakke.json', content));
      await expect.poll(() => page!.innerText('#pack-status')).toContain('Filen blev ikke importeret, og intet er ændret.');
      expect(await page.innerText('#pack-status')).toMatch(/Detalje: \S/);
      expect(await session.getStorage()).toEqual(before);
      expect(await page.getAttribute('[data-aftaletjek-pack]', 'data-aftaletjek-pack')).toBe('klik-sf02');
    }
  });

  it('imports a valid pack and exports the active one', async () => {
    page = await openOptionsReady(session);
    const custom = { ...BUILTIN_PACK, id: 'klik-sf99', title: 'KLIK SF 99 – Prøve', agreements: BUILTIN_PACK.agreements.slice(0, 2) };
    await page.getByLabel('Importér pakke (JSON-fil)').setInputFiles(jsonFile('pakke.json', JSON.stringify(custom)));
    await expect.poll(() => page!.getAttribute('[data-aftaletjek-pack]', 'data-aftaletjek-pack')).toBe('klik-sf99');
    expect(await stored()).toMatchObject({ activePackId: 'klik-sf99' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksportér aktiv pakke' }).click()]);
    expect(download.suggestedFilename()).toBe('klik-sf99.json');
    expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual(custom);

    await page.getByRole('button', { name: 'Brug den indbyggede pakke' }).click();
    await expect.poll(() => page!.getAttribute('[data-aftaletjek-pack]', 'data-aftaletjek-pack')).toBe('klik-sf02');
  });

  it('exports the settings as JSON and imports them again', async () => {
    page = await openOptionsReady(session);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksportér indstillinger' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^aftaletjek-indstillinger-\d{4}-\d{2}-\d{2}\.json$/);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(file)).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: EXPECTED_SE });

    await session.setStorage(settingsRecord('Odense Kommune', null));
    await expect.poll(() => page!.getByLabel('Kommune', { exact: true }).inputValue()).toBe('Odense Kommune');
    await page.getByLabel('Importér indstillinger (JSON-fil)').setInputFiles(jsonFile('indstillinger.json', file));
    await expect.poll(() => page!.innerText('#settings-file-status')).toContain('Indstillingerne er importeret.');
    expect(await stored()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: EXPECTED_SE });
    await expect.poll(() => page!.getByLabel('Kommunens SE-nummer', { exact: true }).inputValue()).toBe(EXPECTED_SE);
  });

  it('imports a portal profile: shown as imported, exported again, dropped with "Brug den indbyggede profil"', async () => {
    page = await openOptionsReady(session);
    expect(await profileHook(page)).toEqual(['fkam-builtin', 'builtin']);
    await page.getByLabel('Importér portalprofil (JSON-fil)').setInputFiles(jsonFile('profil.json', JSON.stringify(DRIFT_PROFILE)));
    await expect.poll(() => page!.innerText('#profile-status')).toContain('Portalprofilen »kommune-drift« er importeret og er nu i brug.');
    await expect.poll(() => profileHook(page!)).toEqual(['kommune-drift', 'imported']);
    expect(await page.innerText('.active-profile')).toContain('Importeret fra en fil.');
    expect((await session.getStorage())[PROFILE_KEY]).toEqual({ version: 1, profile: DRIFT_PROFILE });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksportér portalprofil' }).click()]);
    expect(download.suggestedFilename()).toBe('kommune-drift.json');
    expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual(DRIFT_PROFILE);

    await page.getByRole('button', { name: 'Brug den indbyggede profil' }).click();
    await expect.poll(() => profileHook(page!)).toEqual(['fkam-builtin', 'builtin']);
    expect((await session.getStorage())[PROFILE_KEY]).toBeUndefined();
  });

  it('refuses a broken portal profile file with a Danish message naming what is wrong, and changes nothing', async () => {
    page = await openOptionsReady(session);
    const before = await session.getStorage();
    for (const [content, words] of [
      ['{ "schemaVersion": 1,', 'Den er ikke gyldig JSON.'],
      [
        JSON.stringify({ ...DRIFT_PROFILE, statusWords: { ...DRIFT_PROFILE.statusWords, approved: [] } }),
        'Den er ikke en gyldig portalprofil: feltet »statusWords.approved« er forkert.',
      ],
    ] as const) {
      await page.getByLabel('Importér portalprofil (JSON-fil)').setInputFiles(jsonFile('profil.json', content));
      await expect.poll(() => page!.innerText('#profile-status')).toContain(words);
      expect(await page.innerText('#profile-status')).toContain('Filen blev ikke importeret, og intet er ændret.');
      expect(await page.innerText('#profile-status')).toMatch(/Detalje: \S/);
      expect(await session.getStorage()).toEqual(before);
      expect(await profileHook(page)).toEqual(['fkam-builtin', 'builtin']);
    }
  });

  it('makes the background answer portal tabs with the imported profile, and with the built-in one once dropped', async () => {
    page = await openOptionsReady(session);
    // The options page is one of the extension's own pages, so the background answers it as it answers a content script.
    const contextProfile = () =>
      page!.evaluate(() => chrome.runtime.sendMessage({ type: 'aftaletjek:get-context' }).then((c) => (c as { profile: { id: string } }).profile));
    expect((await contextProfile()).id).toBe('fkam-builtin');
    await page.getByLabel('Importér portalprofil (JSON-fil)').setInputFiles(jsonFile('profil.json', JSON.stringify(DRIFT_PROFILE)));
    await expect.poll(() => profileHook(page!)).toEqual(['kommune-drift', 'imported']);
    expect(await contextProfile()).toEqual(DRIFT_PROFILE);
    await page.getByRole('button', { name: 'Brug den indbyggede profil' }).click();
    await expect.poll(() => profileHook(page!)).toEqual(['fkam-builtin', 'builtin']);
    expect(await contextProfile()).toEqual(BUILTIN_PROFILE);
  });

  // Needs the content script to read its words from ContentContext.profile (src/content, in progress).
  it('hands an imported profile to the content script: a row "I drift" becomes approved, in an open tab and a new one', async () => {
    session.servePortal('/aftaler/i-drift', tableWithDrift());
    const portal = await session.openPortal('/aftaler/i-drift');
    await portal.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'));
    // The built-in profile does not know the word.
    expect(await sf1470Status(portal)).toBe('unknown');

    page = await openOptionsReady(session);
    await page.getByLabel('Importér portalprofil (JSON-fil)').setInputFiles(jsonFile('profil.json', JSON.stringify(DRIFT_PROFILE)));
    await expect.poll(() => profileHook(page!)).toEqual(['kommune-drift', 'imported']);

    await expect.poll(() => sf1470Status(portal), { timeout: 10_000 }).toBe('approved');
    const fresh = await session.openPortal('/aftaler/i-drift');
    await fresh.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'));
    await expect.poll(() => sf1470Status(fresh)).toBe('approved');
    await Promise.all([portal.close(), fresh.close()]);
  });

  it('passes axe-core with no serious or critical violations, also while showing an error', async () => {
    page = await openOptionsReady(session);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Kommunens SE-nummer', { exact: true }).fill('123');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.locator('#expectedSe-error').waitFor();
    await page.getByLabel('Importér pakke (JSON-fil)').setInputFiles(jsonFile('pakke.json', '[]'));
    await page.locator('#pack-status p').first().waitFor();
    await page.getByLabel('Importér portalprofil (JSON-fil)').setInputFiles(jsonFile('profil.json', '[]'));
    await page.locator('#profile-status p').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/aftaletjek-options-errors.png', fullPage: true });
  });
});
