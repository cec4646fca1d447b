/**
 * Steps the Firefox suites share: one Firefox per test file (optionally configured with the demo
 * municipality and SE number), portal pages opened after the content script's first scan, and real
 * (trusted) clicks on elements found by their text, also inside Aftaletjek's open shadow roots.
 * The scenario data and the readers of the overlay's hooks come from test/e2e/shared, as in Chromium.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { configure } from '../e2e/shared/overlay';
import { launchFirefoxWithExtension, type FirefoxLaunchOptions, type FirefoxSession } from './harness';

/**
 * One Firefox for a whole test file. When the file is done it fails if any page had an error or anything
 * was requested beyond the portal.
 */
export function useFirefox(options: FirefoxLaunchOptions & { configured?: boolean } = {}): () => FirefoxSession {
  let session: FirefoxSession | undefined;
  beforeAll(async () => {
    session = await launchFirefoxWithExtension(options);
    if (options.configured) await configure(session);
  });
  afterAll(async () => {
    await session?.close();
    expect(session?.pageErrors, 'page errors').toEqual([]);
    expect(session?.foreignRequests, 'requests beyond the portal').toEqual([]);
  });
  return () => {
    if (!session) throw new Error('Firefox is not started yet');
    return session;
  };
}

/** Opens a portal page and waits for the content script's first full scan. */
export async function openReady(session: FirefoxSession, path: string): Promise<Page> {
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

/** A real click (WebDriver BiDi input actions) on the element found by `findByText`. */
export async function clickByText(page: Page, selector: string, text: string | RegExp, options: { scope?: Scope; last?: boolean } = {}): Promise<void> {
  const element = await findByText(page, selector, text, options);
  await element.click();
  await element.dispose();
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
