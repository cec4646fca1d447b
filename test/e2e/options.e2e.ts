import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BUILTIN_PACK } from '../../src/core/pack';
import { launchWithExtension, type ExtensionSession } from './harness';
import { EXPECTED_SE, focusVisible, openOptionsReady, seriousViolations, settingsRecord, tabTo } from './popup-support';

const jsonFile = (name: string, content: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(content) });

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
    expect(await page.innerText('#save-status')).toContain('Intet er gemt.');
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

  it('passes axe-core with no serious or critical violations, also while showing an error', async () => {
    page = await openOptionsReady(session);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Kommunens SE-nummer', { exact: true }).fill('123');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.locator('#expectedSe-error').waitFor();
    await page.getByLabel('Importér pakke (JSON-fil)').setInputFiles(jsonFile('pakke.json', '[]'));
    await page.locator('#pack-status p').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/aftaletjek-options-errors.png', fullPage: true });
  });
});
