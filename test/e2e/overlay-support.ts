/**
 * Shared steps of the overlay's real-browser tests: configure the extension through its stored settings,
 * and read the overlay's public hooks (data-aftaletjek-* attributes, the banner's open shadow root).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../../bench/harness';
import { configure } from './shared/overlay';

// The browser-neutral parts (configuration, readers of the overlay's hooks) are shared with the Firefox suite.
export { configure, EXPECTED_SE, markSummary, MUNICIPALITY, readBanner, readMarks, readProgress, type BannerInfo, type MarkInfo } from './shared/overlay';

/**
 * One browser for a whole test file, configured with the demo municipality and SE number. When the file
 * is done it fails if any page had an error or anything was requested beyond the portal.
 */
export function useConfiguredBrowser(): () => ExtensionSession {
  let session: ExtensionSession | undefined;
  beforeAll(async () => {
    session = await launchWithExtension();
    await configure(session);
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

/** Opens a portal page and waits for the content script's first full scan. */
export async function openReady(session: ExtensionSession, path: string): Promise<Page> {
  const page = await session.openPortal(path);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-aftaletjek-scanned'));
  return page;
}
