/**
 * The popup and the options page in real Firefox, mirroring test/e2e/popup.e2e.ts and options.e2e.ts with
 * the same seeds (test/e2e/shared/store.ts): progress and statuses, following the content script, the KLIK
 * message, the report files, the done state, a notice shown once; SE validation, saving, pack import that
 * refuses a broken file without changing anything, pack and settings files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../src/core/pack';
import { BUILTIN_PROFILE } from '../../src/portal/words';
import { PROFILE_KEY } from '../../src/store/profile';
import { klikMessage } from '../../src/core/summary';
import {
  allApproved,
  EXPECTED_SE,
  NAME_A,
  POPUP_AFTER_TABLE,
  POPUP_SEED_ORDER,
  POPUP_SEED_STATUSES,
  popupSeed,
  progressRecord,
  seCheck,
  settingsRecord,
  WRONG_SE,
} from '../e2e/shared/store';
import type { FirefoxSession } from './harness';
import { clickByText, openReady, useFirefox } from './support';

const LOAD_TIMEOUT = 15_000;

async function openPopupReady(session: FirefoxSession): Promise<Page> {
  const page = await session.openPopup();
  await page.setViewport({ width: 380, height: 600 });
  await page.waitForSelector('[data-aftaletjek-progress]', { timeout: LOAD_TIMEOUT });
  return page;
}

async function openOptionsReady(session: FirefoxSession): Promise<Page> {
  const page = await session.openOptions();
  await page.waitForSelector('#expectedSe', { timeout: LOAD_TIMEOUT });
  return page;
}

const progressHook = (page: Page) => page.$eval('[data-aftaletjek-progress]', (el) => el.getAttribute('data-aftaletjek-progress'));
const statuses = (page: Page) =>
  page.$$eval('[data-aftaletjek-agreement]', (els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-aftaletjek-agreement'), el.getAttribute('data-aftaletjek-status')])),
  );
const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);

/** Replaces a field's text by typing, as a user would. */
async function typeInto(page: Page, selector: string, typed: string): Promise<void> {
  await page.focus(selector);
  await page.$eval(selector, (el) => (el as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
  await page.keyboard.type(typed);
}

describe('the popup and the options page in real Firefox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftaletjek-ff-'));
  const downloads = join(dir, 'downloads');
  // Downloads go straight to a folder of this test's own, without asking.
  const session = useFirefox({
    prefs: {
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  let page: Page | undefined;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  /** Waits for `count` finished downloads (Firefox writes .part files first) and returns them by name. */
  const downloaded = async (count: number): Promise<Map<string, Buffer>> => {
    const done = () => (existsSync(downloads) ? readdirSync(downloads).filter((name) => !name.endsWith('.part')) : []);
    await expect.poll(() => done().length, { timeout: 10_000 }).toBe(count);
    const files = new Map(done().map((name) => [name, readFileSync(join(downloads, name))]));
    rmSync(downloads, { recursive: true, force: true });
    return files;
  };

  beforeEach(async () => {
    await session().clearStorage();
    await session().setStorage(settingsRecord('Aarhus Kommune', EXPECTED_SE));
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('the popup', () => {
    it('shows progress and statuses seeded in the store’s own storage keys', async () => {
      await session().setStorage(popupSeed());
      page = await openPopupReady(session());
      expect(await progressHook(page)).toBe('1/5');
      expect(await statuses(page)).toEqual(POPUP_SEED_STATUSES);
      expect(await page.$$eval('[data-aftaletjek-agreement]', (els) => els.map((el) => el.getAttribute('data-aftaletjek-agreement')))).toEqual(POPUP_SEED_ORDER);
      expect(await page.$eval('[data-aftaletjek-agreement="SF0770_A"]', (el) => el.getAttribute('data-aftaletjek-se'))).toBe('match');
      const body = await text(page, 'body');
      expect(body).toContain('1 af 5 godkendt');
      expect(body).toContain('Kommune: Aarhus Kommune');
      expect(await text(page, '[data-aftaletjek-agreement="SF0770_E"]')).toContain('Find den: søg efter »SF0770_E«');
      expect(await text(page, '[data-aftaletjek-agreement="SF1320"]')).toContain('Portalen viste »Under behandling«');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
    });

    it('follows what the content script records on a portal page while it is open', async () => {
      page = await openPopupReady(session());
      expect(await progressHook(page)).toBe('0/5');
      const portal = await openReady(session(), '/aftaler/tabel');
      await expect.poll(() => statuses(page!), { timeout: 10_000 }).toEqual(POPUP_AFTER_TABLE);
      expect(await progressHook(page)).toBe('1/5');
      await portal.close();
    });

    it('warns about a wrong SE number and copies the KLIK message, by keyboard', async () => {
      await session().setStorage(progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) }));
      page = await openPopupReady(session());
      const expected = klikMessage(BUILTIN_PACK, NAME_A, [WRONG_SE], EXPECTED_SE);
      expect(await value(page, '[data-aftaletjek-klik="SF0770_A"] textarea')).toBe(expected);
      expect(await text(page, '[data-aftaletjek-klik="SF0770_A"] [role="alert"]')).toContain(
        `SE-nummeret i aftalen er ${WRONG_SE}, men kommunens SE-nummer er ${EXPECTED_SE}`,
      );
      const copy = await page.$('[data-aftaletjek-klik="SF0770_A"] button');
      await copy!.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => text(page!, '[data-aftaletjek-klik="SF0770_A"]')).toContain('Beskeden er kopieret.');
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste-here' })));
      await page.focus('#paste-here');
      await page.keyboard.down('Control');
      await page.keyboard.press('v');
      await page.keyboard.up('Control');
      await expect.poll(() => value(page!, '#paste-here')).toBe(expected);
    });

    it('shows the done state when all five are approved and the SE numbers are right', async () => {
      await session().setStorage(allApproved());
      page = await openPopupReady(session());
      expect(await progressHook(page)).toBe('5/5');
      expect(await text(page, '[data-aftaletjek-done]')).toContain('Markér KLIK-opgaven som »Fuldført«.');
    });

    it('exports the report as a Markdown and a CSV file', async () => {
      await session().setStorage({
        ...progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('mismatch', [WRONG_SE]) }),
        ...progressRecord('SF1470', 'approved'),
      });
      page = await openPopupReady(session());
      await clickByText(page, 'button', 'Eksportér rapport');
      const files = await downloaded(2);
      const mdName = [...files.keys()].find((name) => name.endsWith('.md'))!;
      const csvName = [...files.keys()].find((name) => name.endsWith('.csv'))!;
      expect(mdName).toMatch(/^aftaletjek-rapport-klik-sf02-\d{4}-\d{2}-\d{2}\.md$/);
      expect(files.get(mdName)!.toString('utf8')).toContain(`| SF0770_A | ${NAME_A} | Afventer godkendelse |`);
      const csv = files.get(csvName)!;
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.toString('utf8').slice(1)).toContain(
        `"SF0770_A";"${NAME_A}";"Afventer godkendelse";"Afventer godkendelse";"Forkert";"${WRONG_SE}";"${EXPECTED_SE}"`,
      );
      await expect.poll(() => text(page!, 'body')).toContain(mdName);
    });

    it('shows a stored notice once', async () => {
      await session().setStorage({ settings: 'garbage' });
      page = await openPopupReady(session());
      await page.waitForSelector('[data-aftaletjek-notice="settings-reset"]', { timeout: LOAD_TIMEOUT });
      expect(await text(page, '[data-aftaletjek-notice]')).toContain('De gemte indstillinger kunne ikke læses');
      await expect
        .poll(async () => ((await session().getStorage()).notices as { items?: unknown[] } | undefined)?.items?.length ?? 0)
        .toBe(0);
      const again = await openPopupReady(session());
      expect(await again.$$('[data-aftaletjek-notice]')).toHaveLength(0);
      await again.close();
    });
  });

  describe('the options page', () => {
    const stored = async () => (await session().getStorage()).settings as { municipality: string; expectedSe: string | null };

    it('works without an IT policy, where Firefox rejects storage.managed reads: nothing managed, no notice', async () => {
      page = await openOptionsReady(session());
      expect(await page.evaluate(() => browser.storage.managed.get(null).then(() => 'answered', () => 'rejected'))).toBe('rejected');
      expect(await value(page, '#expectedSe')).toBe(EXPECTED_SE);
      expect(await page.$$('[data-aftaletjek-managed]')).toHaveLength(0);
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
      await typeInto(page, '#municipality', 'Odense Kommune');
      await typeInto(page, '#expectedSe', typed);
      await clickByText(page, 'button', 'Gem');
      await page.waitForSelector('#expectedSe-error', { timeout: LOAD_TIMEOUT });
      expect(await page.$eval('#expectedSe-error', (el) => el.getAttribute('data-aftaletjek-error'))).toBe(code);
      expect(await text(page, '#expectedSe-error')).toContain(words);
      expect(await page.$eval('#expectedSe', (el) => el.getAttribute('aria-invalid'))).toBe('true');
      // The error shows as soon as the field is left; the save's own answer follows.
      await expect.poll(() => text(page!, '#save-status')).toContain('Intet er gemt.');
      expect(await session().getStorage()).toEqual(before);
    });

    it('saves a grouped SE number as 8 digits', async () => {
      page = await openOptionsReady(session());
      await typeInto(page, '#municipality', 'Vejle Kommune');
      await typeInto(page, '#expectedSe', '55 13 30 18');
      await page.keyboard.press('Enter');
      await expect.poll(() => text(page!, '#save-status')).toContain('Gemt.');
      expect(await stored()).toMatchObject({ municipality: 'Vejle Kommune', expectedSe: '55133018' });
      expect(await value(page, '#expectedSe')).toBe('55133018');
    });

    it('refuses a broken pack file with a clear error and changes nothing', async () => {
      page = await openOptionsReady(session());
      const before = await session().getStorage();
      const input = (await page.$('#pack-file')) as ElementHandle<HTMLInputElement>;
      const details: string[] = [];
      for (const [name, content] of [
        ['halv.json', '{ "schemaVersion": 1,'],
        ['tom.json', JSON.stringify({ ...BUILTIN_PACK, id: 'klik-sf99', agreements: [] })],
      ] as const) {
        await input.uploadFile(file(name, content));
        // Each file's own detail (the two are broken differently), so the second refusal is not the first's.
        await expect.poll(() => text(page!, '#pack-status'), { timeout: 5_000 }).toMatch(/Detalje: \S/);
        await expect.poll(async () => !details.includes(await text(page!, '#pack-status')), { timeout: 5_000 }).toBe(true);
        details.push(await text(page, '#pack-status'));
        expect(details.at(-1)).toContain('Filen blev ikke importeret, og intet er ændret.');
        expect(await session().getStorage()).toEqual(before);
        expect(await page.$eval('[data-aftaletjek-pack]', (el) => el.getAttribute('data-aftaletjek-pack'))).toBe('klik-sf02');
      }
    });

    it('imports a valid pack, exports it, and goes back to the built-in one', async () => {
      page = await openOptionsReady(session());
      const custom = { ...BUILTIN_PACK, id: 'klik-sf99', title: 'KLIK SF 99 – Prøve', agreements: BUILTIN_PACK.agreements.slice(0, 2) };
      const input = (await page.$('#pack-file')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file('pakke.json', JSON.stringify(custom)));
      await expect.poll(() => page!.$eval('[data-aftaletjek-pack]', (el) => el.getAttribute('data-aftaletjek-pack')), { timeout: 5_000 }).toBe('klik-sf99');
      expect(await stored()).toMatchObject({ activePackId: 'klik-sf99' });
      await clickByText(page, 'button', 'Eksportér aktiv pakke');
      const exported = await downloaded(1);
      expect([...exported.keys()]).toEqual(['klik-sf99.json']);
      expect(JSON.parse(exported.get('klik-sf99.json')!.toString('utf8'))).toEqual(custom);
      await clickByText(page, 'button', 'Brug den indbyggede pakke');
      await expect.poll(() => page!.$eval('[data-aftaletjek-pack]', (el) => el.getAttribute('data-aftaletjek-pack'))).toBe('klik-sf02');
    });

    const profileHook = (p: Page) =>
      p.$eval('[data-aftaletjek-profile]', (el) => [el.getAttribute('data-aftaletjek-profile'), el.getAttribute('data-aftaletjek-profile-source')]);
    const driftProfile = {
      ...BUILTIN_PROFILE,
      id: 'kommune-drift',
      statusWords: { ...BUILTIN_PROFILE.statusWords, approved: [...BUILTIN_PROFILE.statusWords.approved, 'i drift'] },
    };

    it('imports a portal profile, shows it as imported, and goes back to the built-in one', async () => {
      page = await openOptionsReady(session());
      expect(await profileHook(page)).toEqual(['fkam-builtin', 'builtin']);
      const input = (await page.$('#profile-file')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file('profil.json', JSON.stringify(driftProfile)));
      await expect.poll(() => profileHook(page!), { timeout: 5_000 }).toEqual(['kommune-drift', 'imported']);
      expect(await text(page, '#profile-status')).toContain('Portalprofilen »kommune-drift« er importeret og er nu i brug.');
      expect((await session().getStorage())[PROFILE_KEY]).toEqual({ version: 1, profile: driftProfile });
      await clickByText(page, 'button', 'Brug den indbyggede profil');
      await expect.poll(() => profileHook(page!)).toEqual(['fkam-builtin', 'builtin']);
      expect((await session().getStorage())[PROFILE_KEY]).toBeUndefined();
    });

    it('refuses a broken portal profile file with a Danish message naming what is wrong, and changes nothing', async () => {
      page = await openOptionsReady(session());
      const before = await session().getStorage();
      const input = (await page.$('#profile-file')) as ElementHandle<HTMLInputElement>;
      for (const [name, content, words] of [
        ['halv.json', '{ "schemaVersion": 1,', 'Den er ikke gyldig JSON.'],
        [
          'tom.json',
          JSON.stringify({ ...driftProfile, statusWords: { ...driftProfile.statusWords, approved: [] } }),
          'Den er ikke en gyldig portalprofil: feltet »statusWords.approved« er forkert.',
        ],
      ] as const) {
        await input.uploadFile(file(name, content));
        await expect.poll(() => text(page!, '#profile-status'), { timeout: 5_000 }).toContain(words);
        expect(await text(page, '#profile-status')).toContain('Filen blev ikke importeret, og intet er ændret.');
        expect(await text(page, '#profile-status')).toMatch(/Detalje: \S/);
        expect(await session().getStorage()).toEqual(before);
        expect(await profileHook(page)).toEqual(['fkam-builtin', 'builtin']);
      }
    });

    it('exports the settings as JSON and imports them again', async () => {
      page = await openOptionsReady(session());
      await clickByText(page, 'button', 'Eksportér indstillinger');
      const [name, content] = [...(await downloaded(1))][0]!;
      expect(name).toMatch(/^aftaletjek-indstillinger-\d{4}-\d{2}-\d{2}\.json$/);
      expect(JSON.parse(content.toString('utf8'))).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: EXPECTED_SE });

      await session().setStorage(settingsRecord('Odense Kommune', null));
      await expect.poll(() => value(page!, '#municipality')).toBe('Odense Kommune');
      const input = (await page.$('#settings-file')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file('indstillinger.json', content.toString('utf8')));
      await expect.poll(() => text(page!, '#settings-file-status'), { timeout: 5_000 }).toContain('Indstillingerne er importeret.');
      expect(await stored()).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: EXPECTED_SE });
      await expect.poll(() => value(page!, '#expectedSe')).toBe(EXPECTED_SE);
    });
  });
});
