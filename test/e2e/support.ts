/**
 * Steps every real-browser scenario shares, in both browsers: one browser per test file (optionally
 * configured with the demo municipality and SE number), portal pages opened after the content script's
 * first scan, and finders for elements by their role and accessible name, their label or their text (also
 * inside Aftaletjek's open shadow roots), with real (trusted) clicks.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launch, type LaunchOptions, type Session } from './harness';
import { configure } from './shared/overlay';

export { BROWSER, IS_FIREFOX, pause, PORTAL_ORIGIN, PORTAL_TEST_ORIGIN, type Session } from './harness';
export { configure, EXPECTED_SE, markSummary, MUNICIPALITY, readBanner, readMarks, readProgress, type BannerInfo, type MarkInfo } from './shared/overlay';

/**
 * One browser for a whole test file. When the file is done it fails if any page had an error or anything
 * was requested beyond the portal.
 */
export function useBrowser(options: LaunchOptions & { configured?: boolean } = {}): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await launch(options);
    if (options.configured) await configure(session);
  });
  afterAll(async () => {
    await session?.close();
    expect(session?.pageErrors, 'page errors').toEqual([]);
    expect(session?.foreignRequests, 'requests beyond the portal').toEqual([]);
  });
  return () => {
    if (!session) throw new Error('the browser is not started yet');
    return session;
  };
}

/** One browser for the file, configured with the demo municipality and SE number. */
export const useConfiguredBrowser = () => useBrowser({ configured: true });

/** Opens a portal page and waits for the content script's first full scan. */
export async function openReady(session: Session, path: string): Promise<Page> {
  const page = await session.openPortal(path);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'), { timeout: 15_000 });
  return page;
}

export type Scope = 'document' | 'banner' | 'dialog';

/**
 * The first element matching `selector` whose whitespace-normalised text equals `text` (or, given a
 * RegExp, matches it), searched in the page (`document`; `last` takes the last match) or in the open
 * shadow root of Aftaletjek's banner or dialog.
 */
export async function findByText(
  page: Page,
  selector: string,
  text: string | RegExp,
  options: { scope?: Scope; last?: boolean } = {},
): Promise<ElementHandle<Element>> {
  const pattern = typeof text === 'string' ? { exact: text } : { source: text.source, flags: text.flags };
  const handle = await page.evaluateHandle(
    (sel, pat, scope, last) => {
      const host = scope === 'banner' ? document.querySelector('aftaletjek-banner') : scope === 'dialog' ? document.querySelector('aftaletjek-dialog') : null;
      const root: ParentNode | null | undefined = scope === 'document' ? document : host?.shadowRoot;
      const test = (value: string) => ('exact' in pat ? value === pat.exact : new RegExp(pat.source!, pat.flags).test(value));
      const found = [...(root?.querySelectorAll(sel) ?? [])].filter((el) => test((el.textContent ?? '').replace(/\s+/g, ' ').trim()));
      return (last ? found.at(-1) : found[0]) ?? null;
    },
    selector,
    pattern as { exact?: string; source?: string; flags?: string },
    options.scope ?? 'document',
    options.last ?? false,
  );
  const element = handle.asElement() as ElementHandle<Element> | null;
  if (!element) throw new Error(`no ${selector} with text ${String(text)} in the ${options.scope ?? 'document'}`);
  return element;
}

/** A real click (CDP or WebDriver BiDi input actions) on the element found by `findByText`. */
export async function clickByText(page: Page, selector: string, text: string | RegExp, options: { scope?: Scope; last?: boolean } = {}): Promise<void> {
  const element = await findByText(page, selector, text, options);
  await element.click();
  await element.dispose();
}

const ariaSelector = (role: string, name: string) => `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;

/**
 * The element with this ARIA role and exactly this accessible name, as the browser's accessibility tree
 * has it (puppeteer's ARIA query: what a screen reader is told). Waits up to `timeout` ms for it.
 */
export async function byRole(page: Page, role: string, name: string, timeout = 10_000): Promise<ElementHandle<Element>> {
  const element = await page.waitForSelector(ariaSelector(role, name), { timeout });
  if (!element) throw new Error(`no ${role} named "${name}"`);
  return element as ElementHandle<Element>;
}

/** How many elements have this role and accessible name now (no waiting). */
export async function countByRole(page: Page, role: string, name: string): Promise<number> {
  return (await page.$$(ariaSelector(role, name))).length;
}

/** Clicks the element with this role and accessible name (a real click). */
export async function clickRole(page: Page, role: string, name: string): Promise<void> {
  const element = await byRole(page, role, name);
  await element.click();
  await element.dispose();
}

/** The form control whose label (label element, aria-label or aria-labelledby) is exactly `label`. */
export async function byLabel(page: Page, label: string): Promise<ElementHandle<Element>> {
  const element = await page.waitForFunction(
    (wanted) => {
      const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
      for (const el of document.querySelectorAll<HTMLElement>(
        'input, select, textarea, [role="textbox"], [role="combobox"], [role="checkbox"], [role="radio"]',
      )) {
        const labelled = el
          .getAttribute('aria-labelledby')
          ?.split(/\s+/)
          .map((id) => norm(document.getElementById(id)?.textContent))
          .join(' ');
        const names = [el.getAttribute('aria-label'), labelled, ...[...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent)];
        if (names.some((n) => norm(n) === wanted)) return el;
      }
      return null;
    },
    { timeout: 10_000 },
    label,
  );
  return element as unknown as ElementHandle<Element>;
}

/** Replaces a field's text by typing, as a user would. */
export async function typeInto(page: Page, field: ElementHandle<Element> | string, typed: string): Promise<void> {
  const element = typeof field === 'string' ? await page.waitForSelector(field) : field;
  await element!.evaluate((el) => (el as HTMLInputElement).select());
  await element!.focus();
  await page.keyboard.press('Backspace');
  if (typed) await page.keyboard.type(typed);
}

/** The innerText of the first element matching `selector`. */
export const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
/** An attribute of the first element matching `selector` (null when absent). */
export const attr = (page: Page, selector: string, name: string) => page.$eval(selector, (el, n) => el.getAttribute(n), name);
/** The value of the first form control matching `selector`. */
export const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);
/** How many elements match `selector`. */
export const count = (page: Page, selector: string) => page.$$eval(selector, (els) => els.length);

/**
 * The new tab `action` makes the browser open, once it shows `url`. Also for extension pages, whose address
 * Firefox's puppeteer targets never learn: each new page is asked itself. The harness's own extension page (the
 * options page Firefox reaches storage through) is closed first, so opening the options page opens a tab
 * instead of focusing that one; an action that reaches storage opens that page again, so the new tab is the
 * one that shows `url`, not merely the first new one.
 */
export async function tabOpenedBy(session: Session, action: () => Promise<unknown>, url: string): Promise<Page> {
  await session.releaseStoragePage();
  const before = new Set(await session.browser.pages());
  await action();
  let opened: Page | undefined;
  const addresses = async () => {
    const fresh = (await session.browser.pages()).filter((page) => !before.has(page));
    const shown = await Promise.all(fresh.map((page) => page.evaluate(() => location.href).catch(() => null)));
    opened = fresh[shown.indexOf(url)];
    return shown;
  };
  await expect.poll(addresses, { timeout: 15_000 }).toContain(url);
  return opened!;
}
