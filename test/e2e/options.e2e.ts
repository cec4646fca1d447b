/**
 * The options page: its labelled fields, SE validation, saving by keyboard, no IT policy, pack and settings
 * files (a broken file refused without changing anything), a portal profile imported, exported, handed to
 * the background and the content script and dropped again, and axe-core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../src/core/pack';
import { BUILTIN_PROFILE } from '../../src/portal/words';
import { PROFILE_KEY } from '../../src/store/profile';
import { FIXTURE_DIR } from './harness';
import { EXPECTED_SE, focusVisible, openOptionsReady, seriousViolations, settingsRecord, tabTo, useExtensionPages } from './popup-support';
import { attr, byLabel, byRole, clickRole, count, IS_FIREFOX, text, typeInto, value } from './support';

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
const packHook = (page: Page) => attr(page, '[data-aftaletjek-pack]', 'data-aftaletjek-pack');
const sf1470Status = (page: Page) => page.$eval('a[data-aftaletjek-agreement="SF1470"]', (el) => el.getAttribute('data-aftaletjek-status')).catch(() => null);
const fileInput = async (page: Page, selector: string) => (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;

describe('the options page', () => {
  const { session, files } = useExtensionPages();
  let page: Page | undefined;

  afterEach(async () => {
    await page?.close();
    page = undefined;
  });

  const stored = async () => (await session().getStorage()).settings as { municipality: string; expectedSe: string | null };
  const upload = async (selector: string, name: string, content: string) => (await fileInput(page!, selector)).uploadFile(files.file(name, content));

  it('has visible labels with "Kommune" and "SE-nummer" and a "Gem" button', async () => {
    page = await openOptionsReady(session());
    expect(await (await byLabel(page, 'Kommune')).evaluate((el) => (el as HTMLInputElement).value)).toBe('Aarhus Kommune');
    expect(await (await byLabel(page, 'Kommunens SE-nummer')).evaluate((el) => (el as HTMLInputElement).value)).toBe(EXPECTED_SE);
    expect(await (await byRole(page, 'button', 'Gem')).isVisible()).toBe(true);
    expect(await page.title()).toBe('Aftaletjek: indstillinger');
  });

  it('works without an IT policy: nothing managed, nothing read-only, no notice', async () => {
    page = await openOptionsReady(session());
    // With no policy Chromium answers storage.managed with nothing, and Firefox rejects the read.
    expect(
      await page.evaluate(() =>
        chrome.storage.managed.get(null).then(
          (v) => JSON.stringify(v),
          () => 'rejected',
        ),
      ),
    ).toBe(IS_FIREFOX ? 'rejected' : '{}');
    expect(await value(page, '#expectedSe')).toBe(EXPECTED_SE);
    expect(await count(page, '[data-aftaletjek-managed]')).toBe(0);
    expect(await page.$eval('#expectedSe', (el) => (el as HTMLInputElement).readOnly || (el as HTMLInputElement).disabled)).toBe(false);
    expect((await session().getStorage()).notices).toBeUndefined();
  });

  it.each([
    ['1234 567', 'se-format', 'SE-nummeret skal være 8 cifre'],
    ['13585627', 'se-modulus11', 'består ikke modulus 11-kontrollen'],
  ])('refuses %s with a Danish message and saves nothing', async (typed, code, words) => {
    page = await openOptionsReady(session());
    expect(await value(page, '#municipality')).toBe('Aarhus Kommune');
    const before = await session().getStorage();
    await typeInto(page, await byLabel(page, 'Kommune'), 'Odense Kommune');
    await typeInto(page, await byLabel(page, 'Kommunens SE-nummer'), typed);
    await clickRole(page, 'button', 'Gem');
    await page.waitForSelector('#expectedSe-error');
    expect(await attr(page, '#expectedSe-error', 'data-aftaletjek-error')).toBe(code);
    expect(await text(page, '#expectedSe-error')).toContain(words);
    expect(await (await byLabel(page, 'Kommunens SE-nummer')).evaluate((el) => el.getAttribute('aria-invalid'))).toBe('true');
    // The error shows as soon as the field is left; the save's own answer follows.
    await expect.poll(() => text(page!, '#save-status')).toContain('Intet er gemt.');
    expect(await session().getStorage()).toEqual(before);
  });

  it('saves a grouped SE number as 8 digits, by keyboard alone', async () => {
    page = await openOptionsReady(session());
    const selectAllAndType = async (typed: string) => {
      await page!.keyboard.down('Control');
      await page!.keyboard.press('a');
      await page!.keyboard.up('Control');
      await page!.keyboard.type(typed);
    };
    await tabTo(page, (el) => el.id === 'municipality');
    await selectAllAndType('Vejle Kommune');
    await tabTo(page, (el) => el.id === 'expectedSe');
    await selectAllAndType('55 13 30 18');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Gem');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page!, '#save-status')).toContain('Gemt.');
    expect(await stored()).toMatchObject({ municipality: 'Vejle Kommune', expectedSe: '55133018' });
    expect(await value(page, '#expectedSe')).toBe('55133018');
  });

  it('refuses a broken pack file with a clear error and changes nothing', async () => {
    page = await openOptionsReady(session());
    const before = await session().getStorage();
    const details: string[] = [];
    for (const [name, content] of [
      ['halv.json', '{ "schemaVersion": 1,'],
      ['tom.json', JSON.stringify({ ...BUILTIN_PACK, id: 'klik-sf99', agreements: [] })],
    ] as const) {
      await upload('#pack-file', name, content);
      // Each file's own detail (the two are broken differently), so the second refusal is not the first's.
      await expect.poll(() => text(page!, '#pack-status')).toMatch(/Detalje: \S/);
      await expect.poll(async () => !details.includes(await text(page!, '#pack-status'))).toBe(true);
      details.push(await text(page, '#pack-status'));
      expect(details.at(-1)).toContain('Filen blev ikke importeret, og intet er ændret.');
      expect(await session().getStorage()).toEqual(before);
      expect(await packHook(page)).toBe('klik-sf02');
    }
  });

  it('imports a valid pack, exports it, and goes back to the built-in one', async () => {
    page = await openOptionsReady(session());
    const custom = { ...BUILTIN_PACK, id: 'klik-sf99', title: 'KLIK SF 99 – Prøve', agreements: BUILTIN_PACK.agreements.slice(0, 2) };
    await upload('#pack-file', 'pakke.json', JSON.stringify(custom));
    await expect.poll(() => packHook(page!)).toBe('klik-sf99');
    expect(await stored()).toMatchObject({ activePackId: 'klik-sf99' });

    await clickRole(page, 'button', 'Eksportér aktiv pakke');
    const exported = await files.downloaded(1);
    expect([...exported.keys()]).toEqual(['klik-sf99.json']);
    expect(JSON.parse(exported.get('klik-sf99.json')!.toString('utf8'))).toEqual(custom);

    await clickRole(page, 'button', 'Brug den indbyggede pakke');
    await expect.poll(() => packHook(page!)).toBe('klik-sf02');
  });

  it('exports the settings as JSON and imports them again', async () => {
    page = await openOptionsReady(session());
    await clickRole(page, 'button', 'Eksportér indstillinger');
    const [name, content] = [...(await files.downloaded(1))][0]!;
    expect(name).toMatch(/^aftaletjek-indstillinger-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(content.toString('utf8'))).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: EXPECTED_SE });

    await session().setStorage(settingsRecord('Odense Kommune', null));
    await expect.poll(() => value(page!, '#municipality')).toBe('Odense Kommune');
    await upload('#settings-file', 'indstillinger.json', content.toString('utf8'));
    await expect.poll(() => text(page!, '#settings-file-status')).toContain('Indstillingerne er importeret.');
    expect(await stored()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: EXPECTED_SE });
    await expect.poll(() => value(page!, '#expectedSe')).toBe(EXPECTED_SE);
  });

  it('imports a portal profile: shown as imported, exported again, dropped with "Brug den indbyggede profil"', async () => {
    page = await openOptionsReady(session());
    expect(await profileHook(page)).toEqual(['fkam-builtin', 'builtin']);
    await upload('#profile-file', 'profil.json', JSON.stringify(DRIFT_PROFILE));
    await expect.poll(() => text(page!, '#profile-status')).toContain('Portalprofilen »kommune-drift« er importeret og er nu i brug.');
    await expect.poll(() => profileHook(page!)).toEqual(['kommune-drift', 'imported']);
    expect(await text(page, '.active-profile')).toContain('Importeret fra en fil.');
    expect((await session().getStorage())[PROFILE_KEY]).toEqual({ version: 1, profile: DRIFT_PROFILE });

    await clickRole(page, 'button', 'Eksportér portalprofil');
    const exported = await files.downloaded(1);
    expect([...exported.keys()]).toEqual(['kommune-drift.json']);
    expect(JSON.parse(exported.get('kommune-drift.json')!.toString('utf8'))).toEqual(DRIFT_PROFILE);

    await clickRole(page, 'button', 'Brug den indbyggede profil');
    await expect.poll(() => profileHook(page!)).toEqual(['fkam-builtin', 'builtin']);
    expect((await session().getStorage())[PROFILE_KEY]).toBeUndefined();
  });

  it('refuses a broken portal profile file with a Danish message naming what is wrong, and changes nothing', async () => {
    page = await openOptionsReady(session());
    const before = await session().getStorage();
    for (const [name, content, words] of [
      ['halv.json', '{ "schemaVersion": 1,', 'Den er ikke gyldig JSON.'],
      [
        'tom.json',
        JSON.stringify({ ...DRIFT_PROFILE, statusWords: { ...DRIFT_PROFILE.statusWords, approved: [] } }),
        'Den er ikke en gyldig portalprofil: feltet »statusWords.approved« er forkert.',
      ],
    ] as const) {
      await upload('#profile-file', name, content);
      await expect.poll(() => text(page!, '#profile-status')).toContain(words);
      expect(await text(page, '#profile-status')).toContain('Filen blev ikke importeret, og intet er ændret.');
      expect(await text(page, '#profile-status')).toMatch(/Detalje: \S/);
      expect(await session().getStorage()).toEqual(before);
      expect(await profileHook(page)).toEqual(['fkam-builtin', 'builtin']);
    }
  });

  it('makes the background answer portal tabs with the imported profile, and with the built-in one once dropped', async () => {
    page = await openOptionsReady(session());
    // The options page is one of the extension's own pages, so the background answers it as it answers a content script.
    const contextProfile = () =>
      page!.evaluate(() => chrome.runtime.sendMessage({ type: 'aftaletjek:get-context' }).then((c) => (c as { profile: { id: string } }).profile));
    expect((await contextProfile()).id).toBe('fkam-builtin');
    await upload('#profile-file', 'profil.json', JSON.stringify(DRIFT_PROFILE));
    await expect.poll(() => profileHook(page!)).toEqual(['kommune-drift', 'imported']);
    expect(await contextProfile()).toEqual(DRIFT_PROFILE);
    await clickRole(page, 'button', 'Brug den indbyggede profil');
    await expect.poll(() => profileHook(page!)).toEqual(['fkam-builtin', 'builtin']);
    expect(await contextProfile()).toEqual(BUILTIN_PROFILE);
  });

  it('hands an imported profile to the content script: a row "I drift" becomes approved, in an open tab and a new one', async () => {
    session().servePortal('/aftaler/i-drift', tableWithDrift());
    const scanned = (p: Page) => p.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'), { timeout: 15_000 });
    const portal = await session().openPortal('/aftaler/i-drift');
    await scanned(portal);
    // The built-in profile does not know the word.
    expect(await sf1470Status(portal)).toBe('unknown');

    page = await openOptionsReady(session());
    await upload('#profile-file', 'profil.json', JSON.stringify(DRIFT_PROFILE));
    await expect.poll(() => profileHook(page!)).toEqual(['kommune-drift', 'imported']);

    await expect.poll(() => sf1470Status(portal), { timeout: 10_000 }).toBe('approved');
    const fresh = await session().openPortal('/aftaler/i-drift');
    await scanned(fresh);
    await expect.poll(() => sf1470Status(fresh)).toBe('approved');
    await Promise.all([portal.close(), fresh.close()]);
  });

  it('passes axe-core with no serious or critical violations, also while showing an error', async () => {
    page = await openOptionsReady(session());
    expect(await seriousViolations(page)).toEqual([]);
    await typeInto(page, await byLabel(page, 'Kommunens SE-nummer'), '123');
    await clickRole(page, 'button', 'Gem');
    await page.waitForSelector('#expectedSe-error');
    await upload('#pack-file', 'pakke.json', '[]');
    await page.waitForSelector('#pack-status p');
    await upload('#profile-file', 'profil.json', '[]');
    await page.waitForSelector('#profile-status p');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `/tmp/aftaletjek-options-errors-${session().browserName}.png`, fullPage: true });
  });
});
