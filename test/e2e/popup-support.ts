/**
 * Shared steps of the popup, options and badge tests in real Chromium: seed storage in the store's own key
 * layout, wait for the extension pages to load, run axe-core, and read the messages of the browser's locale.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionSession } from '../../bench/harness';

// The store seeds are shared with the Firefox suite.
export { allApproved, EXPECTED_SE, PACK_ID, PORTAL_URL, progressRecord, seCheck, settingsRecord, WRONG_SE } from './shared/store';

/** The first start of Chromium's managed storage can take seconds: the pages wait for it. */
export const LOAD_TIMEOUT = 20_000;

export async function openPopupReady(session: ExtensionSession): Promise<Page> {
  const page = await session.openPopup();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.waitForSelector('[data-aftaletjek-progress]', { timeout: LOAD_TIMEOUT });
  return page;
}

export async function openOptionsReady(session: ExtensionSession): Promise<Page> {
  const page = await session.openOptions();
  await page.waitForSelector('#expectedSe', { timeout: LOAD_TIMEOUT });
  return page;
}

export const statuses = (page: Page) =>
  page.$$eval('[data-aftaletjek-agreement]', (els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-aftaletjek-agreement'), el.getAttribute('data-aftaletjek-status')])),
  );

export const progressHook = (page: Page) =>
  page.locator('[data-aftaletjek-progress]').getAttribute('data-aftaletjek-progress');

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core in the page; returns the serious and critical violations. The extension pages' CSP forbids the
 * inline script addScriptTag would add, so the source is evaluated through the DevTools protocol instead.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/** Presses Tab until the focused element matches; fails after `max` presses. Returns the presses needed. */
export async function tabTo(page: Page, matches: (el: { tag: string; text: string; id: string }) => boolean, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.localName ?? '', text: a?.textContent?.trim() ?? '', id: a?.id ?? '' };
    });
    if (matches(el)) return i;
  }
  expect.fail('focus never reached the element by Tab');
}

/** The focused element shows a visible focus ring (outline or box-shadow). */
export function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  });
}
