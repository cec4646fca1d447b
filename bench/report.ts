/** RESULTS.md: the run, how each figure is taken, the figures and goals, the profiles and the analysis. */
import { existsSync, readFileSync } from 'node:fs';
import {
  ANALYSIS_MD,
  BROWSER_ARGS,
  FLIPS_PER_LOAD,
  FLIP_SAMPLING_US,
  LOAD_SAMPLING_US,
  MARKJS_VERSION,
  NAV_EARLY,
  NAV_LIST_ROWS,
  NAV_WARM_UP,
  REPS,
  WORK_MEASURE,
} from './config';
import type { machine } from './browser';
import type { Diagnosis } from './diagnose';
import type { Goal } from './goals';
import type { NavigationResult } from './navigation';
import { EXPECTED_SE, INCREMENTAL_AGREEMENT, MUNICIPALITY } from './pages';
import type { SizeRecord } from './records';
import { fmt } from './stats';
import { hotTable, scanTable, table } from './tables';

export interface RunInfo {
  date: string;
  /** 1-minute load average at the start and the end of the run. */
  loadAverage: [number, number];
  machine: ReturnType<typeof machine>;
  browser: string;
  instrumented: boolean;
  /** The whole run (build included, when start.mjs ran it), and its parts. */
  seconds: number;
  buildSeconds: number | null;
  measureSeconds: number;
  profileSeconds: number;
  pageErrors: string[];
}

/**
 * Whether other work shared the machine. At the start the load average is other work's (over a core's worth
 * of it is too much); at the end it holds the bench's own two browsers, which keep it near the number of
 * cores, so only a core's worth above that tells of other work (until 2026-12-03 the run's own load at the
 * end was taken for other work's).
 */
function busyWithOtherWork([atStart, atEnd]: [number, number], cores: number): boolean {
  return atStart > Math.max(1, cores / 2) || atEnd > cores + 1;
}

export function resultsMarkdown(info: RunInfo, records: SizeRecord[], nav: NavigationResult, goalList: Goal[], diagnoses: Diagnosis[]): string {
  const method = info.instrumented
    ? `the sum of the content script's own \`performance.measure('${WORK_MEASURE}')\` entries from navigation until the marks are painted. The shipped code records each slice of a scan-decide-mark pass (src/content/navigation.ts: scan, decide, mark, banner, progress record; the yields between slices excluded), and Chromium keeps one performance timeline per document, shared by the page and the content script's isolated world, so the page reads them. This times exactly the code the extension ships, in the real extension, without a profiler slowing it down. Not included: the script's start-up (settings and pack loading, matcher compilation), its MutationObserver callback and scheduling, garbage collection outside the slices, and the style and layout its marks cause (the frame figures of 5 show those; the profiles below compare all time in content.js with the slices)`
    : `the CPU time of the V8 profiler samples (CDP \`Profiler\`, ${LOAD_SAMPLING_US} µs sampling for loads, ${FLIP_SAMPLING_US} µs for status changes) that have a frame of the shipped \`dist/content.js\` on their stack, from navigation until the marks are painted. The shipped content script carries no \`performance.measure\` instrumentation, so a profile is the way to time exactly the code the extension ships, in the real extension (isolated world, real storage and settings), without changing it. It counts the script's JS and the DOM calls it makes, its start-up included (polyfill, pack validation, storage reads); not garbage collection and not the style and layout its marks cause (those show in the frame figures of 5). The empty extension's loads are profiled the same way, so both browsers carry the profiler's overhead alike`;
  const analysis = existsSync(ANALYSIS_MD) ? readFileSync(ANALYSIS_MD, 'utf8').trim() : '';
  return `# Aftaletjek benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${info.date}. Goals from issues 5 and 12. Figures are medians of ${REPS}
page loads per size (status changes: ${FLIPS_PER_LOAD} per load); spread in brackets is min–max. The ratios
are the figures; absolute times depend on this machine.

- Machine: ${info.machine.cpu}, ${info.machine.cores} cores, ${info.machine.ramGiB} GiB RAM; Node ${info.machine.node}
- Browser: ${info.browser} (headless=new, the e2e harness's flags and \`${BROWSER_ARGS.join(' ')}\`: the back/forward cache would keep the lists left behind alive, and every later collection traced them), extension loaded from \`dist/\`
- Pages: generated portal lists (bench/pages.ts): the five task agreements among look-alikes (v2, KP TEST,
  Momentum PROD, KMD Sag PROD, other municipalities) and other agreements; every third name split over spans;
  served on https://admin.serviceplatformen.dk by request interception, cross-origin isolated (5 µs clock).
- Settings: municipality "${MUNICIPALITY}", SE ${EXPECTED_SE}.
- Run took ${info.seconds} s in all (goal < 300 s on 2 cores): build ${info.buildSeconds ?? 'n/a'} s, measures ${info.measureSeconds} s, profiles ${info.profileSeconds} s. 1-minute load average ${info.loadAverage[0]} at the start, ${info.loadAverage[1]} at the end (the bench's own browsers keep it near the number of cores)${
    busyWithOtherWork(info.loadAverage, info.machine.cores)
      ? ` (**the machine was busy with other work: expect noisy figures; run again on a quiet machine**)`
      : ''
  }.${info.pageErrors.length ? `\n- Page errors seen: ${info.pageErrors.length} (first: ${info.pageErrors[0]})` : ''}

## How each figure is taken
1. **floor**: one \`TreeWalker\` pass over \`document.body\` reading every text node's \`data\`, timed where it runs, in two places. *Isolated world* (the goal's floor): in a content script's isolated world, where Aftaletjek's scan runs: the empty extension's content script (bench/empty-extension/content.js) runs the pass when the page dispatches a DOM event, on each of its loads, after the load facts; its world has touched no node before, as Aftaletjek's has not at its first scan (an isolated world keeps its DOM wrappers in a side table, the main world in the node itself, which is why the same pass costs more there). *Main world* (context, the floor of earlier runs): the same pass in the page's own world, right after. Both run on the empty extension's page, where no content script reacts to anything (earlier runs took the main-world pass on Aftaletjek's page after its marks).
2. **ours**: ${method}.
3. **peer**: mark.js ${MARKJS_VERSION} (\`node_modules/mark.js/dist/mark.min.js\` via \`addScriptTag\`), \`mark(fiveNames, { separateWordSearch: false, acrossElements: true })\`, timed in the page until its \`done\` callback, on the empty extension's page after the floors (earlier runs: on Aftaletjek's page, whose observer then re-scanned what mark.js had changed).
4. **incremental**: the status text of one task row (${INCREMENTAL_AGREEMENT}) is changed in place (\`Text.data\`, as a framework re-render does), once per load; ours is measured as in 2 from the change until the mark shows the new status (the debounce delay is idle time and not counted). The progress record that follows is sent in a task of its own 50 ms after the pass (src/content/features/progress.ts), measured by its own \`performance.measure('aftaletjek:record')\` and given beside it (*progress record after it*), not hidden in it.
5. **load**: the same page loaded alternately in two browsers launched the same way, one with Aftaletjek, one with an empty extension (bench/empty-extension: same hosts, permission and \`run_at\`, a content script that does nothing until the bench asks it for the floor, after the load facts): \`loadEventStart\`; the longest task (\`longtask\` observer, ≥ 50 ms, 0 = none) and the longest frame (\`long-animation-frame\` observer: a whole frame with its style and layout) starting at or after DOMContentLoaded, and all such long frames together (the page's own last parse task, which starts before DOMContentLoaded and runs over it, is left out for both extensions: its length is the parser's, and varied 81-498 ms between loads of the same page; until 2026-12-03 it was counted); when the last mark was set and when the frame showing it was painted, relative to \`loadEventStart\`.
6. **navigation**: ${nav.navigations} in-page navigations (\`history.pushState\` + re-render, list of ${NAV_LIST_ROWS} rows ↔ an agreement page), each waited out until Aftaletjek had marked the new view; before/after (after GC): observer objects alive in the content script's world (\`Runtime.queryObjects\`), listeners on window and document (\`DOMDebugger.getEventListeners\`), all JS listeners and heap (\`Performance.getMetrics\`).

## The scan against its floor, side by side

ours/floor against the isolated-world floor is the goal's figure; against the main-world floor it is context.
Per 1,000 text nodes, a flat column is linear growth. The plot (log–log; a straight line of slope 1 is linear
growth, and lines running side by side keep their ratio):

![ours, floors and peer against page size](growth.svg)

${scanTable(records)}

## Figures

${table(records)}

Marked rows found: ${records.map((r) => `${r.rows} rows: ours ${r.marked.ours}, mark.js ${r.marked.peerRows}`).join('; ')} (the five task rows each).
${records.some((r) => r.incompleteRuns > 0) ? `\nRuns that did not reach the expected marks in time: ${records.map((r) => `${r.rows}: ${r.incompleteRuns}`).join(', ')}.\n` : ''}
Navigation: ${nav.navigations} navigations in ${nav.seconds.toFixed(1)} s (${nav.timeouts} not marked within 3 s). Heap after ${NAV_EARLY} navigations, early in the
warm-up: ${(nav.early.heapUsedBytes / 2 ** 20).toFixed(2)} MiB. After ${NAV_WARM_UP} warm-up navigations (the baseline: the content script's heap grows while V8 compiles its hot code, then levels off, bench/config.ts) → after ${nav.navigations / 2} more → after ${nav.navigations} more (each after a forced GC): heap
${[nav.before, nav.half, nav.after].map((r) => (r.heapUsedBytes / 2 ** 20).toFixed(2)).join(' → ')} MiB, DOM nodes
${[nav.before, nav.half, nav.after].map((r) => r.nodes).join(' → ')}, all JS listeners ${[nav.before, nav.half, nav.after].map((r) => r.jsEventListeners).join(' → ')},
observers in the content script's world ${[nav.before, nav.half, nav.after].map((r) => JSON.stringify(r.observers)).join(' → ')}.
What grew most on the heap over the ${nav.navigations} navigations (heap snapshots; both worlds, page and bench included):

| kind | count | bytes |
| --- | ---: | ---: |
${nav.grew.map((g) => `| \`${g.what.replace(/[|`]/g, ' ').slice(0, 80)}\` | ${g.count} | ${g.bytes} |`).join('\n')}

## Goals

| goal | target | measured | |
| --- | --- | --- | --- |
${goalList.map((g) => `| ${g.goal} | ${g.target} | ${g.value} | ${g.met ? '✓' : '✗'} |`).join('\n')}
${
  diagnoses.length === 0
    ? ''
    : `
## Profiles

Taken after the measured run, with the same extension but its content script built unminified (so functions
and lines have names), and the V8 sampling profiler on (which slows JS down somewhat). Self time of the
content script's functions with their hottest lines, then of everything on the page's main thread
(\`(program)\` is native work outside JS: HTML parsing, style, layout, paint).
${diagnoses
  .map(
    (d) => `
### ${d.what}: ${fmt(d.scriptMs)} ms in content.js${d.slicesMs === null ? '' : ` (its own slice measures: ${fmt(d.slicesMs)} ms)`}
${d.explains.length > 0 ? `\nExplains the missed goals: ${d.explains.join('; ')}.\n` : ''}
${hotTable(d.content, d.source)}

Whole page:

${hotTable(d.page)}
${
  d.frames.length === 0
    ? ''
    : `
Long animation frames starting at or after DOMContentLoaded (start relative to the moment the marks were set):

| start after marks ms | frame ms | style and layout ms | blocking ms |
| ---: | ---: | ---: | ---: |
${d.frames.map((f) => `| ${fmt(f.startAfterMarks)} | ${fmt(f.duration)} | ${fmt(f.styleLayout)} | ${fmt(f.blocking)} |`).join('\n')}
`
}`,
  )
  .join('')}`
}${analysis ? `\n## Analysis\n\n${analysis}\n` : ''}`;
}
