/**
 * Generated admin-portal pages for the benchmark: agreement lists of any length (rows from bench/rows.ts) and an
 * in-page app that switches between a list and an agreement's own page with history.pushState. Every page
 * carries the same probe first in <head>, whichever extension runs.
 */
import { EXPECTED_SE, MUNICIPALITY, TASK_NAMES, escapeHtml, tableHtml } from './rows';

export { EXPECTED_SE, INCREMENTAL_AGREEMENT, MUNICIPALITY, STATUS_FLIP, TASK_NAMES } from './rows';

/**
 * Page-side probe, first script of every page and identical with every extension: performance measures as
 * they are made (an extension may clear its own), long tasks and long animation frames (which, unlike long
 * tasks, include style and layout), and the time of the last DOM change
 * after DOMContentLoaded and of the first frame painted after it (the page itself changes nothing after
 * DOMContentLoaded, so any later change is an extension's marks).
 */
const PROBE = `<script>
window.__bench = { longTasks: [], frames: [], measures: [], lastMutation: 0, lastMutationPainted: 0, mutations: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) __bench.measures.push({ name: e.name, start: e.startTime, duration: e.duration });
}).observe({ type: 'measure', buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) __bench.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const styleLayout = e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
    __bench.frames.push({ start: e.startTime, duration: e.duration, styleLayout, blocking: e.blockingDuration });
  }
}).observe({ type: 'long-animation-frame', buffered: true });
document.addEventListener('DOMContentLoaded', () => {
  let painting = false;
  new MutationObserver((records) => {
    __bench.lastMutation = performance.now();
    __bench.mutations += records.length;
    if (painting) return;
    painting = true;
    requestAnimationFrame(() => setTimeout(() => {
      painting = false;
      __bench.lastMutationPainted = performance.now();
    }, 0));
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
});
</script>`;

function shell(title: string, main: string, extraHead = ''): string {
  return (
    // An inline icon: Chromium would otherwise ask for /favicon.ico again on every pushState.
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title} – Fælleskommunalt Administrationsmodul</title>` +
    `${PROBE}${extraHead}<style>body{font:14px system-ui;margin:0}header{background:#1f3b5a;color:#fff;padding:8px 16px}` +
    `table{border-collapse:collapse}td,th{padding:2px 6px;border-bottom:1px solid #ddd;text-align:left}.badge{border-radius:8px;padding:0 6px;background:#eef}</style></head>` +
    `<body><header><strong>Fælleskommunalt Administrationsmodul</strong> <nav><a href="/serviceaftaler">Serviceaftaler</a> ` +
    `<a href="/anvendersystemer">Anvendersystemer</a> <a href="/brugere">Brugere</a></nav><span>Aftaleadministrator, ${MUNICIPALITY}</span></header>` +
    `<main id="app">${main}</main></body></html>`
  );
}

const FILTERS =
  `<h1>Serviceaftaler</h1><form class="filters"><label>Søg <input type="search" name="q"></label> ` +
  `<label>Status <select name="status"><option>Alle</option><option>Afventer godkendelse</option><option>Godkendt</option></select></label></form>`;

/** A server-rendered agreement list of `count` rows. */
export function listPage(count: number, seed = 5): string {
  return shell('Serviceaftaler', FILTERS + tableHtml(count, seed));
}

/** An agreement's own page: SF0770_A with its SE number among CVR numbers, a message field, Godkend/Afvis. */
export function agreementHtml(): string {
  const name = TASK_NAMES[0]!;
  return (
    `<h1>${escapeHtml(name)}</h1><dl><dt>Status</dt><dd>Afventer godkendelse</dd><dt>Myndighed</dt><dd>${MUNICIPALITY} (CVR 55133018)</dd>` +
    `<dt>Leverandør</dt><dd>Netcompany A/S (CVR 13748136)</dd><dt>Anvendersystem</dt><dd>KP PROD</dd></dl>` +
    `<h2>Services</h2><table><thead><tr><th>Service</th><th>Parametre</th></tr></thead><tbody>` +
    `<tr><td>SKAT Indkomst - Opslag personoplysninger</td><td>SE-nr.: ${EXPECTED_SE.replace(/(\d{2})(?=\d)/g, '$1 ')}; Abonnementskode: KP-4711</td></tr></tbody></table>` +
    `<label>Besked <textarea name="besked"></textarea></label><p><button type="button">Godkend</button> <button type="button">Afvis</button></p>`
  );
}

/**
 * An in-page app (what a single-page portal does): `__bench.go(view)` swaps the main content between the list
 * (`listRowsCount` rows) and the agreement page, as a framework re-render would, and pushes a history entry.
 */
export function appPage(listRowsCount: number): string {
  const views = `<template id="view-list">${FILTERS}${tableHtml(listRowsCount)}</template><template id="view-agreement">${agreementHtml()}</template>`;
  const router = `<script>
document.addEventListener('DOMContentLoaded', () => {
  const app = document.getElementById('app');
  const paths = { list: '/bench/app', agreement: '/bench/app/show?uuid=a0000000-3f2e-4c1a-9b7d-5e6f7a8b9c0d' };
  // Render, then update the URL in the next task (as routers that commit the URL after rendering do).
  __bench.go = (view) => {
    app.replaceChildren(document.getElementById('view-' + view).content.cloneNode(true));
    setTimeout(() => history.pushState({ view }, '', paths[view]), 0);
  };
});
</script>`;
  return shell('Serviceaftaler', FILTERS + tableHtml(listRowsCount), router).replace('</body>', `${views}</body>`);
}
