/**
 * Shared pieces of the hostile-page tests: generated portal pages, a page probe, and (Chromium) the content
 * script's own CPU time, which is what these tests bound there.
 *
 * Only CPU time the content script spends is asserted, never a wall-clock duration (issue 12): on a loaded
 * 2-core machine the main thread waits for a core in the middle of any task, and the page's own tasks stretch
 * past 50 ms; neither is work of the script's. Wall-clock figures (long tasks, frames, load) are measured by
 * `npm run bench` (bench/RESULTS.md), not asserted here.
 * - The script's CPU time: the V8 sampling profiler (CDP `Profiler`, 0.5 ms) runs from before the page loads;
 *   a sample with a frame of the shipped `dist/content.js` on its stack stands for 0.5 ms of the script's CPU,
 *   DOM calls it makes (forced style and layout too) included. The sampler signals the main thread every
 *   0.5 ms; while the thread waits for a core, the pending signals merge into one sample, so the count follows
 *   the thread's CPU time, not the wall clock. Samples are put on the page's clock with the document's
 *   NavigationStart (`Performance.getMetrics`), exact to a sample. Firefox has no such profile a test can
 *   read (and the script's own slice measures are wall-clock windows, not CPU time): there the hostile pages
 *   are held to every other check.
 * - Its slices: the script records every slice of its work (scan, decide, mark, banner, record) as a
 *   `performance.measure('aftaletjek:slice')` (src/content/navigation.ts). Chromium keeps one performance
 *   timeline per document, shared by the page and the script's isolated world; the page's probe (first in
 *   <head>) records the measures as they are made (the script clears its older ones). A slice is only a
 *   window on the clock: what counts is the script's samples inside it.
 * - The bounds (expectOwnCpuBounded), each 50 ms of CPU: in any one slice; outside its slices, in any unbroken
 *   stretch of its samples (start-up, observer callbacks, messages); and in any one task, slices and all. For
 *   "one task" the page's `longtask` observer gives only the windows: a task it does not report was under
 *   50 ms by the wall clock, so it cannot hold 50 ms of anyone's CPU. None of the bounds depends on how busy
 *   the machine is; each fails when the script itself does too much at once (checked by making a slice, and
 *   the start-up, spin for 80 ms in a local build).
 * - It cannot pass by seeing nothing: no slice read, or no sample in the script, fails.
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { Session } from './harness';
import { EXPECTED_SE, MUNICIPALITY } from './shared/overlay';

export { EXPECTED_SE, MUNICIPALITY };

/** The most CPU time (ms) the content script may spend at once: the long-task threshold. */
export const CPU_BUDGET_MS = 50;
const SAMPLING_US = 500;
const SAMPLE_MS = SAMPLING_US / 1000;
const SLICE_MEASURE = 'aftaletjek:slice';

export const WRONG_SE = '55133018';

export const NAMES = {
  SF0770_A: 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune',
  SF0770_E: 'SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP PROD – Aarhus Kommune',
  SF1470: 'SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune',
  SF1490: 'SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune',
  SF1320: 'SF1320 – CPR Hændelser',
} as const;
export type TaskId = keyof typeof NAMES;
export const TASK_IDS = Object.keys(NAMES) as TaskId[];

/** Statuses of the task rows in the generated lists, and the marks they must get. */
export const LIST_STATUS: Record<TaskId, string> = {
  SF0770_A: 'Afventer godkendelse',
  SF0770_E: 'Afventer godkendelse',
  SF1470: 'Godkendt',
  SF1490: 'Afventer godkendelse',
  SF1320: 'Afventer',
};
export const LIST_MARKS = ['SF0770_A:pending', 'SF0770_E:pending', 'SF1320:pending', 'SF1470:approved', 'SF1490:pending'];

const TITLES: Record<Exclude<TaskId, 'SF1320'>, string> = {
  SF0770_A: 'SF0770_A - SKAT Indkomst - Opslag personoplysninger',
  SF0770_E: 'SF0770_E - Abonnement på hændelser vedr. eIndkomst',
  SF1470: 'SF1470 - Sags- og Dokumentindeks',
  SF1490: 'SF1490 - Ydelsesindeks',
};

/**
 * Names a municipality really has beside the task's, none of which is the task's agreement (domain.md):
 * older/newer versions, other IT systems, other municipalities, codes with more characters.
 */
export function lookAlikes(): string[] {
  const out: string[] = [];
  for (const title of Object.values(TITLES)) {
    const v3 = title.startsWith('SF0770') ? 'v3' : 'V3';
    for (const version of ['v2', 'V1', 'v4', 'v3.1', 'v31']) out.push(`${title} ${version} - KP PROD – Aarhus Kommune`);
    for (const system of ['KP TEST', 'Momentum PROD', 'KMD Sag PROD', 'KP PREPROD', 'KP DEMO']) out.push(`${title} ${v3} - ${system} – Aarhus Kommune`);
    for (const other of ['Odense Kommune', 'Aalborg Kommune', 'Aarhus-Nord Kommune', 'Lyngby-Taarbæk Kommune', 'Københavns Kommune']) {
      out.push(`${title} ${v3} - KP PROD – ${other}`);
    }
    out.push(`X${title} ${v3} - KP PROD – Aarhus Kommune`);
  }
  out.push('SF0770_AB - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune');
  out.push('SF07700 - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune');
  out.push('SF1320 – CPR Hændelser v2', 'SF1320 – CPR Hændelser - KP TEST', 'SF1320 – CPR Hændelser - Momentum PROD – Aarhus Kommune');
  return out;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One list row: name (as text), status, supplier. */
export function rowHtml(name: string, status: string): string {
  return `<tr><td><a href="#">${escapeHtml(name)}</a></td><td><span class="status">${escapeHtml(status)}</span></td><td>Netcompany A/S</td></tr>`;
}

export function tableHtml(rows: string[]): string {
  return `<table><thead><tr><th>Navn</th><th>Status</th><th>Leverandør</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The five task rows. */
export function taskRows(names: Record<TaskId, string> = NAMES): string[] {
  return TASK_IDS.map((id) => rowHtml(names[id], LIST_STATUS[id]));
}

/**
 * The page's probe, first thing in <head>: long tasks (buffered; used only as the windows of single tasks),
 * the content script's slice measures as they are made, and `pwned`, which any markup from page text would
 * set if Aftaletjek ever turned it into elements.
 */
export const PROBE = `<script>
(() => {
  const probe = (window.__probe = { longTasks: [], slices: [], pwned: [] });
  window.pwned = (what) => probe.pwned.push(String(what));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntriesByName('${SLICE_MEASURE}')) probe.slices.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'measure', buffered: true });
})();
</script>`;

/** A whole portal page: the probe first, then `body`. */
export function portalPage(body: string, { title = 'Serviceaftaler', script = '' } = {}): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${title}</title>${PROBE}</head><body>${body}${
    script ? `<script>${script}</script>` : ''
  }</body></html>`;
}

/** A stretch of the page's clock (ms). */
export interface Span {
  start: number;
  duration: number;
}

export interface Timing {
  /** Tasks the page's observer reported as long: only the windows of single tasks, never a figure. */
  longTasks: Span[];
  /** The content script's slices, by start. */
  slices: Span[];
  /** Every profiler sample in order: its time on the page's clock, and the innermost content.js function on its stack as "name:line:column" (null: none). */
  samples: { t: number; ours: string | null }[];
}

export interface Profiling {
  /** Stops the profiler and reads the page's probe (or, on a page without one, its performance timeline). */
  stop(): Promise<Timing>;
}

/** Starts the profiler on a tab (Chromium): a fresh one before it loads anything, or one whose page is already there. */
export async function startProfiling(session: Pick<Session, 'cdp' | 'extensionUrl'>, page: Page): Promise<Profiling> {
  const cdp = await session.cdp(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await cdp.send('Profiler.start');
  const scriptUrl = session.extensionUrl('content.js');
  return {
    async stop() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const { profile } = await cdp.send('Profiler.stop');
      const seen = await page.evaluate((name) => {
        const probe = (window as unknown as { __probe?: { longTasks: Span[]; slices: Span[] } }).__probe;
        const timeline = () => performance.getEntriesByName(name).map((e) => ({ start: e.startTime, duration: e.duration }));
        return { longTasks: probe?.longTasks ?? [], slices: probe?.slices ?? timeline() };
      }, SLICE_MEASURE);
      await cdp.detach();
      const navigationStartMs = (metrics.find((m) => m.name === 'NavigationStart')?.value ?? Number.NaN) * 1000;
      const parent = new Map<number, number>();
      for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const memo = new Map<number, string | null>();
      /** The innermost frame of content.js on the stack ending at node `id`, as "function:line:column", or null. */
      const inScript = (id: number): string | null => {
        let known = memo.get(id);
        if (known === undefined) {
          const frame = byId.get(id)?.callFrame;
          const up = parent.get(id);
          known =
            frame?.url === scriptUrl
              ? `${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
              : up !== undefined
                ? inScript(up)
                : null;
          memo.set(id, known);
        }
        return known;
      };
      let t = profile.startTime;
      const samples = (profile.samples ?? []).map((id, i) => {
        t += profile.timeDeltas?.[i] ?? 0;
        return { t: t / 1000 - navigationStartMs, ours: inScript(id) };
      });
      return { longTasks: seen.longTasks, slices: [...seen.slices].sort((a, b) => a.start - b.start), samples };
    },
  };
}

/** The content script's CPU time (ms), from the profiler's samples: what the tests bound and report. */
export interface OwnCpu {
  slices: number;
  /** In its busiest slice. */
  sliceMax: number;
  /** Outside its slices, in its longest unbroken stretch of samples; when it began, and its commonest function there. */
  outsideStretchMax: number;
  outsideStretchAt: { t: number; where: string } | null;
  /** The commonest function of content.js in the busiest slice. */
  sliceWhere: string | null;
  /** In its busiest task (slices and all) among those the page's observer reported. */
  taskMax: number;
  /** On the page in all, and the part of it outside its slices. */
  total: number;
  outside: number;
}

export function ownCpu(timing: Timing): OwnCpu {
  const { slices, samples } = timing;
  const sliceCpu = slices.map(() => 0);
  const ours: number[] = [];
  let outside = 0;
  let stretchFrom = -1; // index of the first sample of the current stretch outside slices
  let longest = { from: -1, to: -1 };
  let s = 0; // the first slice that may still hold a sample (samples and slices are both in time order)
  samples.forEach((sample, i) => {
    while (s < slices.length && slices[s]!.start + slices[s]!.duration < sample.t) s++;
    const inSlice = s < slices.length && slices[s]!.start <= sample.t;
    if (sample.ours !== null) ours.push(sample.t);
    if (sample.ours !== null && inSlice) sliceCpu[s]! += SAMPLE_MS;
    if (sample.ours !== null && !inSlice) {
      outside += SAMPLE_MS;
      if (stretchFrom < 0) stretchFrom = i;
      if (i - stretchFrom > longest.to - longest.from) longest = { from: stretchFrom, to: i };
    } else {
      stretchFrom = -1;
    }
  });
  /** Index of the first of our samples at or after `t`. */
  const from = (t: number) => {
    let lo = 0;
    let hi = ours.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ours[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const taskCpu = timing.longTasks.map((task) => (from(task.start + task.duration + 1e-9) - from(task.start)) * SAMPLE_MS);
  let outsideStretchAt: OwnCpu['outsideStretchAt'] = null;
  if (longest.from >= 0) {
    outsideStretchAt = { t: samples[longest.from]!.t, where: commonestFunction(samples.slice(longest.from, longest.to + 1))! };
  }
  return {
    slices: slices.length,
    sliceMax: Math.max(0, ...sliceCpu),
    outsideStretchMax: longest.from < 0 ? 0 : (longest.to - longest.from + 1) * SAMPLE_MS,
    outsideStretchAt,
    sliceWhere: busiestSliceWhere(samples, slices, sliceCpu),
    taskMax: Math.max(0, ...taskCpu),
    total: ours.length * SAMPLE_MS,
    outside,
  };
}

/** The content.js function most of `samples` stood in, or null when none was in content.js. */
function commonestFunction(samples: Timing['samples']): string | null {
  const count = new Map<string, number>();
  for (const { ours } of samples) if (ours !== null) count.set(ours, (count.get(ours) ?? 0) + 1);
  return [...count].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null;
}

function busiestSliceWhere(samples: Timing['samples'], slices: Timing['slices'], sliceCpu: number[]): string | null {
  const busiest = slices[sliceCpu.indexOf(Math.max(0, ...sliceCpu))];
  return busiest ? commonestFunction(samples.filter(({ t }) => t >= busiest.start && t <= busiest.start + busiest.duration)) : null;
}

/** The bounds every page is held to: the content script's CPU time at once, never the wall clock. */
export function expectOwnCpuBounded(timing: Timing): OwnCpu {
  const cpu = ownCpu(timing);
  expect(cpu.slices, "the content script's slice measures, read from the page").toBeGreaterThan(0);
  expect(cpu.total, 'profiler samples in the content script').toBeGreaterThan(0);
  expect(cpu.sliceMax, "the content script's CPU time (ms) in its busiest slice").toBeLessThan(CPU_BUDGET_MS);
  expect(cpu.outsideStretchMax, "the content script's longest stretch of CPU time (ms) outside its slices").toBeLessThan(CPU_BUDGET_MS);
  expect(cpu.taskMax, "the content script's CPU time (ms) in any one task").toBeLessThan(CPU_BUDGET_MS);
  return cpu;
}

/** "slices 12 ms at most, …": the figures as the tests log them. */
export function describeCpu(cpu: OwnCpu): string {
  return (
    `CPU ms: busiest slice ${cpu.sliceMax.toFixed(1)}${cpu.sliceWhere ? ` (mostly ${cpu.sliceWhere})` : ''}, busiest task ${cpu.taskMax.toFixed(1)}, longest stretch outside slices ` +
    `${cpu.outsideStretchMax.toFixed(1)}${cpu.outsideStretchAt ? ` (at ${cpu.outsideStretchAt.t.toFixed(0)} ms, mostly ${cpu.outsideStretchAt.where} of content.js)` : ''}; ` +
    `${cpu.total.toFixed(0)} in all (${cpu.outside.toFixed(0)} outside ${cpu.slices} slices)`
  );
}

/** What the page's probe saw of markup execution. */
export function pwned(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __probe: { pwned: string[] } }).__probe.pwned);
}

/** Console messages of the content script (it logs caught errors as "[Aftaletjek] ..." warnings). */
export function watchOwnWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Aftaletjek')) warnings.push(`${message.type()}: ${message.text()}`);
  });
  return warnings;
}

/** Markup as page text: would set window.__probe.pwned if it ever became elements or ran. */
export const XSS = `<img src=x onerror="pwned('img')"><script>pwned('script')</script><svg onload="pwned('svg')"></svg>`;

export const MIB = 1024 * 1024;

/** An agreement's own page, as the portal shows it (fixture test/fixtures/portal/aftale/sf0770-a-forkert-se.html, condensed). */
export function agreementBody(opts: { name: string; status?: string; se?: string; extraFacts?: string; extra?: string }): string {
  return (
    `<main><h1>${escapeHtml(opts.name)}</h1>` +
    `<section><h2>Stamdata</h2><dl>` +
    `<dt>Status</dt><dd><span>${escapeHtml(opts.status ?? 'Afventer godkendelse')}</span></dd>` +
    `<dt>Myndighed</dt><dd>Aarhus Kommune (CVR-nr. 55133018)</dd>` +
    `<dt>Leverandør</dt><dd>Netcompany A/S (CVR-nr. 14814833)</dd>${opts.extraFacts ?? ''}</dl></section>` +
    `<section><h2>Parametre</h2><dl><dt>SE-nummer</dt><dd>${escapeHtml(opts.se ?? EXPECTED_SE)}</dd></dl></section>` +
    `<section><h2>Beskeder</h2><label for="besked">Besked til leverandøren</label><textarea id="besked"></textarea></section>` +
    `<div><button type="button">Godkend</button> <button type="button">Afvis</button></div>${opts.extra ?? ''}</main>`
  );
}

/** 1 MB of agreement-like prose: every task name and look-alike, again and again (no SE digits). */
export const MEGABYTE_SCRIPT = `
  const unit = ${JSON.stringify([...Object.values(NAMES), ...lookAlikes()].join(' · ') + ' · Afventer godkendelse. ')};
  window.megabyte = unit.repeat(Math.ceil(${MIB} / unit.length)).slice(0, ${MIB});
`;

/** Deep chains, built by script (the HTML parser flattens nesting past 512 levels), each in its own holder. */
export const DEEP_SCRIPT = `
  const DEPTH = 10000;
  const chain = (top, tag) => { let el = top; for (let i = 0; i < DEPTH; i++) { const next = document.createElement(tag); el.append(next); el = next; } return el; };
  const holder = () => { const h = document.createElement('div'); h.style.display = 'none'; document.body.append(h); return h; };
  // 1: a list entry with a task name and its status under 10,000 levels.
  chain(holder(), 'div').innerHTML = '<ul><li><a href="#">${escapeHtml(NAMES.SF1470)}</a> <span>Godkendt</span></li></ul>';
  // 2: a look-alike as the text of the innermost of 10,000 divs.
  chain(holder(), 'div').textContent = ${JSON.stringify(NAMES.SF0770_A.replace('v3', 'v2'))};
  // 3: a task name split across 10,000 levels inside one link.
  const link = document.createElement('a'); link.href = '#'; link.append('SF1490 - '); holder().append(link);
  chain(link, 'span').textContent = 'Ydelsesindeks V3 - KP PROD – Aarhus Kommune';
  // 4: a task name as the text of the innermost of 10,000 divs.
  chain(holder(), 'div').textContent = ${JSON.stringify(NAMES.SF1490)};
  // 5: a list entry holding a name, a status and 10,000 levels of other content.
  const entry = holder(); entry.innerHTML = '<ul><li><a href="#">${escapeHtml(NAMES.SF1490)}</a> <span>Afventer godkendelse</span> <span></span></li></ul>';
  chain(entry.querySelector('span + span'), 'span').textContent = 'Oprettet 06-01-2025';
`;
