/**
 * Measure 6: in-page navigations (re-render + pushState) between a list and an agreement page, each waited out
 * until Aftaletjek has marked the new view; observers, listeners and heap before, halfway and after, and a heap
 * snapshot diff.
 */
import type { CDPSession } from 'puppeteer-core';
import { PORTAL_ORIGIN, type Session } from '../test/e2e/harness';
import { benchTab } from './browser';
import { MARK_SELECTOR, NAVIGATIONS, NAV_EARLY, NAV_WARM_UP, QUIET_MS } from './config';
import { heapCensus, heapGrowth, type HeapGrowth } from './heap';
import { TASK_NAMES } from './pages';
import { settle } from './steps';

export interface Resources {
  heapUsedBytes: number;
  jsEventListeners: number;
  nodes: number;
  /** Listeners on window and document (where a content script's leaked listeners would sit). */
  globalListeners: number;
  /** Observer objects alive in the content script's isolated world. */
  observers: Record<string, number>;
}

async function isolatedContextId(cdp: CDPSession, extensionId: string): Promise<number | null> {
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  const onCreated = (e: { context: (typeof contexts)[number] }) => contexts.push(e.context);
  cdp.on('Runtime.executionContextCreated', onCreated);
  await cdp.send('Runtime.enable');
  await new Promise((r) => setTimeout(r, 200));
  cdp.off('Runtime.executionContextCreated', onCreated);
  await cdp.send('Runtime.disable');
  return contexts.filter((c) => c.auxData?.type === 'isolated' && c.origin.includes(extensionId)).at(-1)?.id ?? null;
}

async function resources(cdp: CDPSession, contextId: number | null): Promise<Resources> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const observers: Record<string, number> = {};
  let globalListeners = NaN;
  if (contextId !== null) {
    for (const kind of ['MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'PerformanceObserver']) {
      const proto = await cdp.send('Runtime.evaluate', { expression: `${kind}.prototype`, contextId });
      if (!proto.result.objectId) continue;
      const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
      const count = await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: 'function () { return this.length; }',
        objectId: found.objects.objectId!,
        returnByValue: true,
      });
      observers[kind] = count.result.value as number;
    }
    globalListeners = 0;
    for (const target of ['window', 'document']) {
      const object = await cdp.send('Runtime.evaluate', { expression: target, contextId });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: object.result.objectId! });
      globalListeners += listeners.length;
    }
  }
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: '' }).catch(() => undefined);
  return { heapUsedBytes: metric('JSHeapUsedSize'), jsEventListeners: metric('JSEventListeners'), nodes: metric('Nodes'), globalListeners, observers };
}

export interface NavigationResult {
  navigations: number;
  timeouts: number;
  seconds: number;
  /** After NAV_EARLY navigations, and after NAV_WARM_UP (the baseline). */
  early: Resources;
  before: Resources;
  /** After half the navigations: growth in the second half tells a leak (steady) from warm-up (early). */
  half: Resources;
  after: Resources;
  heapGrowthPct: number;
  secondHalfGrowthPct: number;
  /** Growth from NAV_EARLY navigations on: the JIT's warm-up included. */
  earlyGrowthPct: number;
  /** What grew most on the heap over all navigations (heap snapshots, by constructor). */
  grew: HeapGrowth[];
}

/** In-page navigations (re-render + pushState) between the list and an agreement page, each waited out until marked. */
export async function measureNavigation(session: Session): Promise<NavigationResult> {
  const { page, cdp } = await benchTab(session);
  await page.bringToFront();
  await page.goto(`${PORTAL_ORIGIN}/bench/app`, { waitUntil: 'load' });
  await settle(page, TASK_NAMES.length);
  await cdp.send('Performance.enable');
  const contextId = await isolatedContextId(cdp, new URL(session.extensionUrl('')).host);
  const navigate = (count: number) =>
    page.evaluate(
      async ({ count, selector, marks }) => {
        const wait = (ready: () => boolean) =>
          new Promise<boolean>((resolve) => {
            const t0 = performance.now();
            const poll = () => (ready() ? resolve(true) : performance.now() - t0 > 3000 ? resolve(false) : setTimeout(poll, 2));
            poll();
          });
        let timeouts = 0;
        for (let i = 0; i < count; i++) {
          const view = i % 2 === 0 ? 'agreement' : 'list';
          window.__bench.go!(view);
          const ok = await wait(() =>
            view === 'list' ? document.querySelectorAll(selector).length >= marks : document.querySelector(`h1${selector}`) !== null,
          );
          if (!ok) timeouts++;
        }
        // The probe's own records would otherwise count as growth.
        window.__bench.frames.length = 0;
        window.__bench.longTasks.length = 0;
        window.__bench.measures.length = 0;
        return timeouts;
      },
      { count, selector: MARK_SELECTOR, marks: TASK_NAMES.length },
    );
  const settled = async () => {
    await new Promise((r) => setTimeout(r, QUIET_MS));
    return resources(cdp, contextId);
  };
  // Warm up (first renders, lazily created structures, the JIT's tier-up), then measure from a settled baseline.
  await navigate(NAV_EARLY);
  const early = await settled();
  await navigate(Math.max(0, NAV_WARM_UP - NAV_EARLY));
  const before = await settled();
  const censusBefore = await heapCensus(cdp);
  const t0 = performance.now();
  let timeouts = await navigate(NAVIGATIONS / 2);
  const half = await settled();
  timeouts += await navigate(NAVIGATIONS / 2);
  const seconds = (performance.now() - t0) / 1000;
  const after = await settled();
  const grew = heapGrowth(censusBefore, await heapCensus(cdp));
  await page.close();
  const growth = (from: Resources, to: Resources) => ((to.heapUsedBytes - from.heapUsedBytes) / from.heapUsedBytes) * 100;
  return {
    navigations: NAVIGATIONS,
    timeouts,
    seconds,
    early,
    before,
    half,
    after,
    heapGrowthPct: growth(before, after),
    secondHalfGrowthPct: growth(half, after),
    earlyGrowthPct: growth(early, after),
    grew,
  };
}
