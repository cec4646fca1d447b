/**
 * Shared pieces of the hostile-page tests in real Chromium: generated portal pages, a page probe for long
 * tasks, and the attribution of long tasks to the content script.
 *
 * How a long task is attributed to Aftaletjek (kept honest, and so it can fail):
 * - The content script records every slice of its work (scan, decide, mark, banner, record) as a
 *   `performance.measure('aftaletjek:slice')` (src/content/navigation.ts). Chromium keeps one performance
 *   timeline per document, shared by the page's main world and the content script's isolated world: the page
 *   reads them with `performance.getEntriesByName` (checked on every page: none read fails the test, so it
 *   never passes by reading nothing; no CDP detour through the isolated world is needed).
 * - The page's own `PerformanceObserver('longtask')`, first thing in <head>, reports every task over 50 ms,
 *   whoever ran it. Long-animation-frame script attribution names no content script, so it is not used.
 * - The V8 sampling profiler (CDP `Profiler`, 0.5 ms) runs from before the page loads: every sample with a
 *   frame of the shipped `dist/content.js` on its stack is the script's CPU time, including the DOM calls it
 *   makes (forced style and layout too) and the work outside its slices (start-up, MutationObserver
 *   callbacks, messages). Samples are put on the page's clock with the document's NavigationStart
 *   (`Performance.getMetrics`), exact to a sample.
 * - A long task is the script's when the script had CPU time in it and the task would not have been long
 *   without that time (duration minus the script's time under 50 ms), or when one of its slices is in it.
 *   A slice whose own CPU time is 50 ms or more is a long task of the script's even if the observer missed it.
 * - CPU time, not wall time, decides for slices: on a loaded 2-core machine the thread may wait for a core in
 *   the middle of a slice; that wait is no work of the script's. Wall-clock slice lengths are reported too.
 */
import type { CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionSession } from './harness';

export const LONG_TASK_MS = 50;
const SAMPLING_US = 500;

export const MUNICIPALITY = 'Aarhus Kommune';
export const EXPECTED_SE = '29189757';
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
 * The page's probe, first thing in <head>: long tasks (buffered, so none is missed), and `pwned`, which any
 * markup from page text would set if Aftaletjek ever turned it into elements.
 */
export const PROBE = `<script>
(() => {
  const probe = (window.__probe = { longTasks: [], pwned: [] });
  window.pwned = (what) => probe.pwned.push(String(what));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();
</script>`;

/** A whole portal page: the probe first, then `body`. */
export function portalPage(body: string, { title = 'Serviceaftaler', script = '' } = {}): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${title}</title>${PROBE}</head><body>${body}${
    script ? `<script>${script}</script>` : ''
  }</body></html>`;
}

export interface Span {
  start: number;
  duration: number;
}

export interface Timing {
  longTasks: Span[];
  slices: Span[];
  /** Page-clock times (ms) of the profiler samples that had the content script on their stack. */
  scriptSamples: number[];
}

export interface Profiling {
  /** Reads the page's long tasks and the script's slices, and stops the profiler. */
  stop(): Promise<Timing>;
}

/** Starts the profiler on a fresh tab before it loads anything. */
export async function startProfiling(session: ExtensionSession, page: Page): Promise<Profiling> {
  const cdp: CDPSession = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await cdp.send('Profiler.start');
  const scriptUrl = session.extensionUrl('content.js');
  return {
    async stop() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const { profile } = await cdp.send('Profiler.stop');
      const page0 = await page.evaluate(() => {
        const probe = (window as unknown as { __probe: { longTasks: { start: number; duration: number }[] } }).__probe;
        return {
          longTasks: probe.longTasks,
          slices: performance.getEntriesByName('aftaletjek:slice').map((e) => ({ start: e.startTime, duration: e.duration })),
        };
      });
      await cdp.detach();
      const navigationStartMs = (metrics.find((m) => m.name === 'NavigationStart')?.value ?? Number.NaN) * 1000;
      const parent = new Map<number, number>();
      for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const memo = new Map<number, boolean>();
      const inScript = (id: number): boolean => {
        let known = memo.get(id);
        if (known === undefined) {
          const up = parent.get(id);
          known = byId.get(id)?.callFrame.url === scriptUrl || (up !== undefined && inScript(up));
          memo.set(id, known);
        }
        return known;
      };
      const scriptSamples: number[] = [];
      let t = profile.startTime;
      (profile.samples ?? []).forEach((id, i) => {
        t += profile.timeDeltas?.[i] ?? 0;
        if (inScript(id)) scriptSamples.push(t / 1000 - navigationStartMs);
      });
      return { ...page0, scriptSamples };
    },
  };
}

const overlaps = (a: Span, b: Span) => a.start < b.start + b.duration && b.start < a.start + a.duration;

/** The script's CPU time (ms) within a span of the page's clock. */
function scriptTime(timing: Timing, span: Span): number {
  const end = span.start + span.duration;
  return timing.scriptSamples.filter((t) => t >= span.start && t <= end).length * (SAMPLING_US / 1000);
}

export interface Attribution {
  /** Long tasks the script caused (rules above), with its CPU time in each. */
  ours: (Span & { script: number })[];
  /** The longest slice: wall clock, and the script's CPU time in it. */
  longestSliceWall: number;
  longestSliceCpu: number;
  /** The most script CPU time in any one long task. */
  mostScriptInTask: number;
  /** The longest long task the script did not cause (the page's own). */
  longestOther: number;
  slices: number;
  /** The script's CPU time on the page in all. */
  scriptTotal: number;
}

export function attribute(timing: Timing): Attribution {
  const tasks = timing.longTasks.map((task) => ({ ...task, script: scriptTime(timing, task) }));
  const sliceCpu = timing.slices.map((slice) => scriptTime(timing, slice));
  const ours = tasks.filter(
    (task) => (task.script > 0 && task.duration - task.script < LONG_TASK_MS) || timing.slices.some((slice) => overlaps(task, slice)),
  );
  return {
    ours,
    longestSliceWall: Math.max(0, ...timing.slices.map((s) => s.duration)),
    longestSliceCpu: Math.max(0, ...sliceCpu),
    mostScriptInTask: Math.max(0, ...tasks.map((t) => t.script)),
    longestOther: Math.max(0, ...tasks.filter((task) => !ours.includes(task)).map((t) => t.duration)),
    slices: timing.slices.length,
    scriptTotal: timing.scriptSamples.length * (SAMPLING_US / 1000),
  };
}

/** The longest task the script caused (0 when none): what the tests bound and report. */
export function longestOurs(a: Attribution): number {
  return Math.max(0, ...a.ours.map((t) => t.duration));
}

/** The bounds every hostile page is held to. */
export function expectNoLongTaskOfOurs(timing: Timing): Attribution {
  expect(timing.slices.length, "the content script's slice measures, read from the page").toBeGreaterThan(0);
  expect(timing.scriptSamples.length, "profiler samples in the content script").toBeGreaterThan(0);
  const attribution = attribute(timing);
  expect(attribution.ours, 'long tasks the content script caused').toEqual([]);
  expect(attribution.longestSliceCpu, "the content script's CPU time in its longest slice").toBeLessThan(LONG_TASK_MS);
  return attribution;
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
