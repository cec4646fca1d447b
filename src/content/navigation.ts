/**
 * Following the single-page portal: one MutationObserver for late rendering and in-page changes, plus URL
 * changes (the content script's isolated world cannot see the page's history.pushState calls, so the URL
 * is compared on every batch and on popstate/hashchange/Navigation API events). Changes are debounced
 * into batches that name only the subtrees that changed.
 */
import { ROW_SELECTOR } from './portal';
import { isOwnNode } from './overlay/shadow';
import { composedClosest, composedParent, openShadowRoot, type Slicer } from './scan';

export interface Batch {
  /** Subtrees to scan again; empty when `full`. */
  roots: Element[];
  /** Scan the whole page (first run, URL change, settings change). */
  full: boolean;
  urlChanged: boolean;
  /** Set when every change in the batch was a text node's text: those nodes (a status word, a date). */
  texts?: readonly CharacterData[];
}

/** Attributes that change what is shown or read (read-only field values, hiding, an opened <details>); never our own data-aftaletjek-*. */
const WATCHED_ATTRIBUTES = ['value', 'hidden', 'style', 'class', 'aria-hidden', 'readonly', 'disabled', 'open'];
const DEBOUNCE_MS = 100;
/** Under a steady stream of mutations a batch still runs this often. */
const MAX_WAIT_MS = 500;
const SLICE_MS = 8;

/** The changed subtree worth scanning again: its list entry (status and name together, across shadow roots), else itself. */
function rootFor(el: Element): Element {
  return composedClosest(el, '[data-aftaletjek-row], [data-aftaletjek-agreement]') ?? composedClosest(el, ROW_SELECTOR) ?? el;
}

/** How often, and how many times, custom elements without a shadow root yet are looked at again. */
const HOST_CHECK_MS = 250;
const HOST_CHECKS = 20;

const SLICE_MEASURE = 'aftaletjek:slice';
/** Measures of one name kept on the page's timeline: a tab open all day would otherwise collect them without end. */
export const MAX_SLICE_MEASURES = 200;
const measuresMade = new Map<string, number>();

/** Records `name` from `start` until now on the page's timeline (local only); past MAX_SLICE_MEASURES the older ones of that name are cleared. */
export function measureSince(performance: Performance, name: string, start: number): void {
  const made = (measuresMade.get(name) ?? 0) + 1;
  if (made > MAX_SLICE_MEASURES) performance.clearMeasures(name);
  measuresMade.set(name, made > MAX_SLICE_MEASURES ? 1 : made);
  performance.measure(name, { start, end: performance.now() });
}

/**
 * Lets the page run between slices of a long scan so no task blocks it for long. Each slice is recorded
 * as a performance measure "aftaletjek:slice" (local only), so tests and benchmarks can see the
 * content script's own share of the main thread.
 */
export function createSlicer(win: Window & typeof globalThis): Slicer & { end(): void } {
  const { performance } = win;
  let sliceStart = performance.now();
  const measure = () => measureSince(performance, SLICE_MEASURE, sliceStart);
  const scheduler = (win as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return {
    due: () => performance.now() - sliceStart > SLICE_MS,
    async pause() {
      measure();
      if (typeof scheduler?.yield === 'function') await scheduler.yield();
      else await new Promise((resolve) => win.setTimeout(resolve, 0));
      sliceStart = performance.now();
    },
    end: measure,
  };
}

export interface PageWatcher {
  /** Queue a full scan (e.g. settings changed). */
  requestFull(): void;
  /** Watch an open shadow root for changes too (a MutationObserver does not see into shadow trees). */
  observeRoot(root: ShadowRoot): void;
  /**
   * Look at a custom element again for a while: the page may attach its shadow root when the element
   * upgrades, which changes nothing an observer sees. Once it has one, it is scanned and observed.
   */
  watchHost(host: Element): void;
  /** True while a batch is queued or running, or the address changed since the last batch: what is known may be stale. */
  busy(): boolean;
  /** Resolves once no batch is queued or running (tests and tools wait for a settled page). */
  idle(): Promise<void>;
}

/**
 * Calls `run` with batches, one at a time, starting with a full scan; stops when `signal` aborts.
 * `run` is awaited, and changes that arrive meanwhile go into the next batch.
 */
export function watchPage(win: Window & typeof globalThis, signal: AbortSignal, run: (batch: Batch) => Promise<void>): PageWatcher {
  const doc = win.document;
  const roots = new Set<Element>();
  /** The text nodes whose text changed, while nothing else did since the last batch. */
  let texts: CharacterData[] | null = [];
  let full = true;
  let lastUrl = win.location.href;
  let timer: number | undefined;
  let firstPending: number | null = null;
  let running = false;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (running || timer !== undefined) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const flush = async () => {
    timer = undefined;
    firstPending = null;
    if (running || signal.aborted) return;
    const url = win.location.href;
    const urlChanged = url !== lastUrl;
    lastUrl = url;
    const batch: Batch = { roots: full || urlChanged ? [] : outermost(roots), full: full || urlChanged, urlChanged };
    if (texts && !batch.full) batch.texts = texts;
    texts = [];
    roots.clear();
    full = false;
    running = true;
    try {
      await run(batch);
    } finally {
      running = false;
    }
    if ((roots.size > 0 || full || win.location.href !== lastUrl) && !signal.aborted) schedule(0);
    else settle();
  };

  const schedule = (delay = DEBOUNCE_MS) => {
    const now = win.performance.now();
    firstPending ??= now;
    const wait = Math.max(0, Math.min(delay, firstPending + MAX_WAIT_MS - now));
    if (timer !== undefined) win.clearTimeout(timer);
    timer = win.setTimeout(() => void flush(), wait);
  };

  const observer = new win.MutationObserver((records) => {
    let changed = false;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'childList') {
        const nodes = [...record.addedNodes, ...record.removedNodes];
        if (nodes.length > 0 && nodes.every(isOwnNode)) continue;
      }
      // A change of a shadow root's own children is reported on the root: its host stands for it.
      const el = target.nodeType === 1 ? (target as Element) : target.nodeType === 11 ? ((target as ShadowRoot).host ?? null) : composedParent(target);
      if (!el || isOwnNode(el)) continue;
      if (record.type !== 'characterData') texts = null;
      texts?.push(target as CharacterData);
      roots.add(rootFor(el));
      changed = true;
    }
    if (changed) schedule();
  });
  const observed = new WeakSet<Node>();
  const observe = (target: Node) => {
    if (observed.has(target)) return;
    observed.add(target);
    observer.observe(target, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  };
  observe(doc.documentElement);

  // Custom elements that may still get a shadow root, each looked at HOST_CHECKS times at most.
  const hosts = new Map<Element, number>();
  let hostTimer: number | undefined;
  const checkHosts = () => {
    hostTimer = undefined;
    let found = false;
    for (const [host, checks] of hosts) {
      if (!host.isConnected || checks >= HOST_CHECKS) {
        hosts.delete(host);
        continue;
      }
      if (openShadowRoot(host)) {
        hosts.delete(host);
        texts = null;
        roots.add(host);
        found = true;
      } else {
        hosts.set(host, checks + 1);
      }
    }
    if (found) schedule(0);
    if (hosts.size > 0 && !signal.aborted) hostTimer = win.setTimeout(checkHosts, HOST_CHECK_MS);
  };

  const onUrlMaybeChanged = () => {
    if (win.location.href !== lastUrl) schedule(0);
  };
  win.addEventListener('popstate', onUrlMaybeChanged, { signal });
  win.addEventListener('hashchange', onUrlMaybeChanged, { signal });
  // The Navigation API (Chromium) also reports pushState/replaceState; where it is missing, the
  // observer's batches catch the URL change with the DOM change that comes with it.
  const navigation = (win as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', onUrlMaybeChanged, { signal });

  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (hostTimer !== undefined) win.clearTimeout(hostTimer);
    hosts.clear();
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    settle();
  });

  schedule(0);
  return {
    requestFull() {
      full = true;
      schedule(0);
    },
    observeRoot: observe,
    busy: () => running || timer !== undefined || win.location.href !== lastUrl,
    watchHost(host) {
      if (hosts.has(host) || signal.aborted) return;
      hosts.set(host, 0);
      hostTimer ??= win.setTimeout(checkHosts, HOST_CHECK_MS);
    },
    idle() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
  };
}

/** Drops roots inside other roots (across shadow roots), and roots no longer in the page; linear in roots times depth. */
function outermost(roots: Set<Element>): Element[] {
  const connected = new Set([...roots].filter((el) => el.isConnected));
  return [...connected].filter((el) => {
    for (let up = composedParent(el); up; up = composedParent(up)) if (connected.has(up)) return false;
    return true;
  });
}
