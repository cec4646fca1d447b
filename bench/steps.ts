/**
 * In-page steps of a measure: waiting for a settled page, the content script's own work measures, the floor
 * (in the page's main world and in an isolated world), the peer, a load's facts, one status change.
 */
import type { Page } from 'puppeteer-core';
import {
  DONE_MARK,
  ISOLATED_FLOOR_ATTR,
  ISOLATED_FLOOR_EVENT,
  MARKJS,
  MARKS_TIMEOUT_MS,
  MARK_SELECTOR,
  QUIET_MS,
  SCANNED_ATTR,
  STATUS_ATTR,
  RECORD_MEASURE,
  WORK_MEASURE,
} from './config';
import { INCREMENTAL_AGREEMENT, STATUS_FLIP, TASK_NAMES } from './pages';

/**
 * Waits until the page is settled after its load: with `marks`, until that many elements are marked and the
 * content script says its first scan is done (or, without that hook, the DOM was quiet for QUIET_MS);
 * without, until the DOM was quiet for QUIET_MS after the load event.
 */
export async function settle(page: Page, marks: number | null): Promise<boolean> {
  try {
    await page.waitForFunction(
      ({ marks, selector, scanned, quiet }) => {
        // Cheap checks first: this runs on the page's main thread, beside the content script it waits for.
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        if (!nav || nav.loadEventEnd === 0) return false;
        const quietNow = performance.now() - Math.max(window.__bench.lastMutation, nav.loadEventEnd) > quiet;
        if (marks === null) return quietNow;
        if (!document.documentElement.hasAttribute(scanned) && !quietNow) return false;
        if (window.__bench.lastMutationPainted < window.__bench.lastMutation) return false; // marks not on screen yet
        return document.querySelectorAll(selector).length >= marks;
      },
      { polling: 50, timeout: MARKS_TIMEOUT_MS },
      { marks, selector: MARK_SELECTOR, scanned: SCANNED_ATTR, quiet: QUIET_MS },
    );
    return true;
  } catch {
    return false;
  }
}

/** Sum of the content script's own work measures (`name`, by default its passes' slices) since `since` (ms), or null when it made none. */
export async function instrumentedWork(page: Page, since: number, name = WORK_MEASURE): Promise<number | null> {
  return page.evaluate(
    ({ name, since }) => {
      const measures = window.__bench.measures.filter((m) => m.name === name && m.start >= since);
      return measures.length === 0 ? null : measures.reduce((sum, m) => sum + m.duration, 0);
    },
    { name, since },
  );
}

/**
 * The progress record's send after a change (a task of its own after the pass, measured as RECORD_MEASURE), waited for up
 * to a second; null when none came (a content script without it).
 */
export async function recordAfter(page: Page, since: number): Promise<number | null> {
  const came = await page
    .waitForFunction(
      ({ name, since }) => window.__bench.measures.some((m) => m.name === name && m.start >= since),
      { polling: 20, timeout: 1000 },
      { name: RECORD_MEASURE, since },
    )
    .then(() => true)
    .catch(() => false);
  return came ? instrumentedWork(page, since, RECORD_MEASURE) : null;
}

export interface FloorPass {
  ms: number;
  nodes: number;
  chars: number;
}

/** The floor as context: one bare TreeWalker pass reading every text node's data, in the page's main world. */
export function mainFloorPass(page: Page): Promise<FloorPass> {
  return page.evaluate(() => {
    const t0 = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let nodes = 0;
    let chars = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes++;
      chars += (node as Text).data.length;
    }
    return { ms: performance.now() - t0, nodes, chars };
  });
}

/**
 * The floor where the scan runs: the same pass in a content script's isolated world, the empty extension's
 * (bench/empty-extension/content.js), asked by a DOM event, which it handles synchronously; it leaves its
 * figures on <html> for the page to read. Its world has touched no node before, like Aftaletjek's at its first scan.
 */
export function isolatedFloorPass(page: Page): Promise<FloorPass | null> {
  return page.evaluate(
    ({ event, attr }) => {
      document.dispatchEvent(new Event(event));
      const answer = document.documentElement.getAttribute(attr);
      document.documentElement.removeAttribute(attr);
      return answer ? (JSON.parse(answer) as { ms: number; nodes: number; chars: number }) : null;
    },
    { event: ISOLATED_FLOOR_EVENT, attr: ISOLATED_FLOOR_ATTR },
  );
}

/** The peer: mark.js highlighting the five names (as whole phrases, across the spans of split names). */
export async function peerPass(page: Page) {
  await (await page.addScriptTag({ path: MARKJS })).dispose();
  return page.evaluate((names) => {
    type MarkJs = new (context: Element) => { mark(keywords: string[], options: Record<string, unknown>): void };
    const MarkJs = (window as unknown as { Mark: MarkJs }).Mark;
    let ms = NaN;
    const t0 = performance.now();
    new MarkJs(document.body).mark(names, {
      separateWordSearch: false,
      acrossElements: true,
      done: () => (ms = performance.now() - t0),
    });
    return { ms, rows: document.querySelectorAll('tr:has(mark)').length };
  }, TASK_NAMES);
}

export interface LoadFacts {
  loadMs: number;
  dclMs: number;
  /** Longest long task (≥ 50 ms; 0 = none) starting at or after DOMContentLoaded. */
  longestTaskMs: number;
  /** Longest long animation frame (≥ 50 ms, style and layout included; 0 = none) starting at or after DOMContentLoaded. */
  longestFrameMs: number;
  /** Of that frame, the time in style and layout. */
  longestFrameStyleLayoutMs: number;
  /** Of that frame, its blockingDuration: how long it kept input waiting; the rest of the frame the main thread was free. */
  longestFrameBlockingMs: number;
  /** All long animation frames starting at or after DOMContentLoaded together: what the longest one hides when the page's own is longer. */
  longFramesTotalMs: number;
  /** When the marks were set, and when the frame showing them was painted (null: no marks). */
  marksAt: number | null;
  marksPaintedAt: number | null;
  marks: number;
}

export async function loadFacts(page: Page): Promise<LoadFacts> {
  return page.evaluate(
    async ({ selector, doneMark }) => {
      // One more frame, so the observers have reported the frames before this one.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const dcl = nav.domContentLoadedEventStart;
      // Tasks and frames that start at or after DOMContentLoaded: where an extension running at document_idle
      // can add work. The page's own last parse task, which runs over DOMContentLoaded, is left out: its length
      // varied 81-498 ms from load to load of the same page with either extension (bench/analysis.md), so
      // counting it measured the parser's noise, not the extension.
      const afterDcl = <T extends { start: number; duration: number }>(list: T[]) => list.filter((t) => t.start >= dcl);
      const longest = afterDcl(window.__bench.frames).reduce((a, b) => (b.duration > a.duration ? b : a), {
        start: 0,
        duration: 0,
        styleLayout: 0,
        blocking: 0,
      });
      const done = performance.getEntriesByName(doneMark, 'mark').at(-1);
      const marks = document.querySelectorAll(selector).length;
      return {
        loadMs: nav.loadEventStart,
        dclMs: dcl,
        longestTaskMs: Math.max(0, ...afterDcl(window.__bench.longTasks).map((t) => t.duration)),
        longestFrameMs: longest.duration,
        longestFrameStyleLayoutMs: longest.styleLayout,
        longestFrameBlockingMs: longest.blocking,
        longFramesTotalMs: afterDcl(window.__bench.frames).reduce((sum, f) => sum + f.duration, 0),
        marksAt: done ? done.startTime : marks > 0 ? window.__bench.lastMutation : null,
        marksPaintedAt: marks > 0 ? window.__bench.lastMutationPainted : null,
        marks,
      };
    },
    { selector: MARK_SELECTOR, doneMark: DONE_MARK },
  );
}

/** Changes the status text of one task row in place and waits until its mark shows the new status. */
export async function changeStatus(page: Page, flip: number): Promise<boolean> {
  const text = STATUS_FLIP[(flip + 1) % 2]!;
  const expected = text === 'Godkendt' ? 'approved' : 'pending';
  await page.evaluate(
    ({ id, text }) => {
      window.__bench.row ??= document.querySelector(`tr[data-bench-task="${id}"]`)!;
      (window.__bench.row.querySelector('.badge')!.firstChild as Text).data = text;
    },
    { id: INCREMENTAL_AGREEMENT, text },
  );
  return page
    .waitForFunction(
      ({ attr, expected, quiet }) => {
        const marked = window.__bench.row!.querySelector(`[${attr}]`);
        return marked?.getAttribute(attr) === expected && performance.now() - window.__bench.lastMutation > quiet;
      },
      { polling: 10, timeout: 5000 },
      { attr: STATUS_ATTR, expected, quiet: 50 },
    )
    .then(() => true)
    .catch(() => false);
}
