import { describe, expect, it } from 'vitest';
import { openOptionsReady, openPopupReady, progressRecord, seriousViolations, settingsRecord } from './popup-support';
import { byLabel, clickRole, text, typeInto, useBrowser } from './support';

// Danish is the default (every other popup and options test runs in a Danish browser); this one is English.
describe('popup and options in an English browser', () => {
  const session = useBrowser({ locale: 'en-US' });

  it('shows the popup in English', async () => {
    await session().setStorage({ ...settingsRecord('Aarhus Kommune', '13748136'), ...progressRecord('SF1470', 'approved') });
    const page = await openPopupReady(session());
    const body = await text(page, 'body');
    expect(body).toContain('1 of 5 approved');
    expect(body).toContain('Municipality: Aarhus Kommune');
    expect(await text(page, '[data-aftaletjek-agreement="SF1470"] .pill')).toBe('Approved');
    expect(await text(page, '[data-aftaletjek-agreement="SF1490"] .pill')).toBe('Not seen yet');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the options page in English, keeping the Danish field names beside the English ones', async () => {
    await session().setStorage(settingsRecord('Aarhus Kommune', '13748136'));
    const page = await openOptionsReady(session());
    expect(await (await byLabel(page, 'Municipality (Kommune)')).evaluate((el) => (el as HTMLInputElement).value)).toBe('Aarhus Kommune');
    const se = await byLabel(page, "Municipality's SE number (SE-nummer)");
    expect(await se.evaluate((el) => (el as HTMLInputElement).value)).toBe('13748136');
    await typeInto(page, se, '1234');
    await clickRole(page, 'button', 'Save');
    await page.waitForSelector('#expectedSe-error');
    expect(await text(page, '#expectedSe-error')).toContain('The SE number must be 8 digits');
    await page.close();
  });
});
