/**
 * Shared steps of the overlay's real-browser tests: configure the extension through its stored settings,
 * and read the overlay's public hooks (data-aftaletjek-* attributes, the banner's open shadow root).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { BUILTIN_PACK } from '../../src/core/pack';
import { SETTINGS_KEY, SETTINGS_VERSION } from '../../src/store/settings';
import { launchWithExtension, type ExtensionSession } from './harness';

export const MUNICIPALITY = 'Aarhus Kommune';
export const EXPECTED_SE = '29189757';

/** Writes the settings record the store reads (src/store/settings.ts), as the options page would. */
export async function configure(session: ExtensionSession, settings: { municipality?: string; expectedSe?: string | null } = {}): Promise<void> {
  await session.setStorage({
    [SETTINGS_KEY]: {
      version: SETTINGS_VERSION,
      municipality: settings.municipality ?? MUNICIPALITY,
      expectedSe: settings.expectedSe === undefined ? EXPECTED_SE : settings.expectedSe,
      activePackId: BUILTIN_PACK.id,
      customPack: null,
    },
  });
}

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

export interface MarkInfo {
  id: string;
  status: string;
  tag: string;
  /** The badge's visible words (CSS ::after content of the badge element). */
  badge: string;
}

/** Every recognised element, in document order. */
export function readMarks(page: Page): Promise<MarkInfo[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-aftaletjek-agreement]')].map((el) => {
      const badgeEl = el.matches('input, textarea') ? ((el as HTMLInputElement).labels?.[0] ?? null) : el;
      const content = badgeEl ? getComputedStyle(badgeEl, '::after').content : 'none';
      return {
        id: el.getAttribute('data-aftaletjek-agreement') ?? '',
        status: el.getAttribute('data-aftaletjek-status') ?? '',
        tag: el.localName,
        badge: content === 'none' ? '' : content.replace(/^"|"$/g, ''),
      };
    }),
  );
}

/** "SF0770_A:pending" for each mark, sorted: compact to compare. */
export async function markSummary(page: Page): Promise<string[]> {
  return (await readMarks(page)).map((m) => `${m.id}:${m.status}`).sort();
}

export interface BannerInfo {
  count: number;
  se: string | null;
  found: string | null;
  agreement: string | null;
  role: string | null;
  text: string;
  height: number;
}

export function readBanner(page: Page): Promise<BannerInfo> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('[data-aftaletjek-se]');
    const host = hosts[0];
    return {
      count: hosts.length,
      se: host?.getAttribute('data-aftaletjek-se') ?? null,
      found: host?.getAttribute('data-aftaletjek-se-found') ?? null,
      agreement: host?.getAttribute('data-aftaletjek-se-agreement') ?? null,
      role: host?.getAttribute('role') ?? null,
      text: host?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      height: host?.getBoundingClientRect().height ?? 0,
    };
  });
}

/** Stored progress of the built-in pack, by agreement id. */
export async function readProgress(session: ExtensionSession): Promise<Record<string, { status: string; se: { verdict: string; found: string[] } | null; name: string }>> {
  const stored = await session.getStorage();
  const prefix = `progress.${BUILTIN_PACK.id}.`;
  return Object.fromEntries(
    Object.entries(stored)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value as never]),
  );
}
