/**
 * The popup's line to the portal page in the active tab: what the overlay recognises there, and the
 * Fejlrapport snapshot. Messages go to the tab's top frame (frameId 0), where the content script runs.
 * No permission is needed: tabs.query and tabs.sendMessage need none, and the portal's host permission
 * gives the tab's url.
 */
import browser from 'webextension-polyfill';
import type { SeenOnPage } from '../content/controller';
import type { Snapshot } from '../content/snapshot';
import { isPortalUrl } from '../shared/hosts';
import { asPageSeen, asSnapshot, type TabRequest } from '../shared/messages';

/** The active tab is no portal page; the portal page did not answer (still loading, or opened before an update). */
export type NoPage = { kind: 'not-portal' } | { kind: 'no-answer' };

export type PageSeenAnswer = NoPage | { kind: 'seen'; seen: SeenOnPage[] };
export type SnapshotAnswer = NoPage | { kind: 'snapshot'; snapshot: Snapshot };

export interface PortalTab {
  pageSeen(): Promise<PageSeenAnswer>;
  snapshot(): Promise<SnapshotAnswer>;
  /** Calls back when another tab becomes active or a page finishes loading; returns a stop function. */
  watch(onChange: () => void): () => void;
}

async function activePortalTab(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id !== undefined && isPortalUrl(tab.url) ? tab.id : null;
}

async function ask<T>(request: TabRequest, read: (answer: unknown) => T | null): Promise<NoPage | { kind: 'answer'; value: T }> {
  const tabId = await activePortalTab();
  if (tabId === null) return { kind: 'not-portal' };
  const answer: unknown = await browser.tabs.sendMessage(tabId, request, { frameId: 0 }).catch(() => null);
  const value = read(answer);
  return value === null ? { kind: 'no-answer' } : { kind: 'answer', value };
}

export const browserPortalTab: PortalTab = {
  async pageSeen() {
    const answer = await ask({ type: 'aftaletjek:page-seen' }, asPageSeen);
    return answer.kind === 'answer' ? { kind: 'seen', seen: answer.value } : answer;
  },
  async snapshot() {
    const answer = await ask({ type: 'aftaletjek:snapshot' }, asSnapshot);
    return answer.kind === 'answer' ? { kind: 'snapshot', snapshot: answer.value } : answer;
  },
  watch(onChange) {
    const activated = () => onChange();
    const updated = (_id: number, info: { status?: string }) => {
      if (info.status === 'complete') onChange();
    };
    browser.tabs.onActivated.addListener(activated);
    browser.tabs.onUpdated.addListener(updated);
    return () => {
      browser.tabs.onActivated.removeListener(activated);
      browser.tabs.onUpdated.removeListener(updated);
    };
  },
};
