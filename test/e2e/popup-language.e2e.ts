import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../../bench/harness';
import { openOptionsReady, openPopupReady, progressRecord, seriousViolations, settingsRecord } from './popup-support';

// Danish is the default (every other popup and options test runs in a Danish browser); this one is English.
describe('popup and options in an English browser (real Chromium)', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ locale: 'en-US' });
    await session.setStorage({ ...settingsRecord('Aarhus Kommune', '13748136'), ...progressRecord('SF1470', 'approved') });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the popup in English', async () => {
    const page = await openPopupReady(session);
    const body = await page.innerText('body');
    expect(body).toContain('1 of 5 approved');
    expect(body).toContain('Municipality: Aarhus Kommune');
    expect(await page.innerText('[data-aftaletjek-agreement="SF1470"] .pill')).toBe('Approved');
    expect(await page.innerText('[data-aftaletjek-agreement="SF1490"] .pill')).toBe('Not seen yet');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the options page in English, keeping the Danish field names beside the English ones', async () => {
    const page = await openOptionsReady(session);
    expect(await page.getByLabel('Municipality (Kommune)', { exact: true }).inputValue()).toBe('Aarhus Kommune');
    expect(await page.getByLabel("Municipality's SE number (SE-nummer)", { exact: true }).inputValue()).toBe('13748136');
    await page.getByLabel("Municipality's SE number (SE-nummer)", { exact: true }).fill('1234');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#expectedSe-error').innerText()).toContain('The SE number must be 8 digits');
    await page.close();
  });
});
