/**
 * `npm run bench`: Aftaletjek's cost on generated portal lists of 1,000, 5,000 and 20,000 rows, in real
 * Chromium with the built extension from dist/, against the floor (one bare TreeWalker pass over the text, in
 * a content script's isolated world where the scan runs, and in the page's main world as context), a peer
 * (mark.js highlighting the same five names) and an empty extension. Writes bench/results.json,
 * bench/RESULTS.md and bench/growth.svg; issues 5 and 12 have the goals. Absolute times are context; the
 * ratios are the figures.
 *
 * By concern: config.ts (what runs), browser.ts (set-up), pages.ts and rows.ts (the pages), steps.ts (in-page
 * steps), loads.ts (measures 1–5), navigation.ts (6), records.ts (summaries), goals.ts, diagnose.ts
 * (profiles), report.ts and tables.ts (RESULTS.md), plot.ts (the SVG); profile.ts, heap.ts, stats.ts.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, IS_FIREFOX, PORTAL_ORIGIN, launch } from '../test/e2e/harness';
import { benchPage, benchTab, contentScriptUrl, machine, prepareEmptyExtension, serveBenchPages, settingsRecord } from './browser';
import { BROWSER_ARGS, NAVIGATIONS, REPS, RESULTS_JSON, RESULTS_MD, RESULTS_SVG, SIZES, WORK_MEASURE, log, started } from './config';
import { diagnose } from './diagnose';
import { goals } from './goals';
import { measureSize, type WorkContext } from './loads';
import { measureNavigation } from './navigation';
import { TASK_NAMES } from './pages';
import { growthSvg } from './plot';
import { sizeRecord, type SizeRecord } from './records';
import { resultsMarkdown, type RunInfo } from './report';
import { instrumentedWork, settle } from './steps';
import { fmt, formatMs, round } from './stats';
import { table } from './tables';

/** The machine's 1-minute load average when the run started (start.mjs passes the one from before the build). */
const loadAtStart = Number(process.env.BENCH_LOAD_AT_START ?? loadavg()[0]);
/** The build's seconds, when start.mjs ran it (the run's figure then counts from before the build). */
const buildSeconds = process.env.BENCH_BUILD_SECONDS ? Number(process.env.BENCH_BUILD_SECONDS) : null;

async function main(): Promise<void> {
  if (IS_FIREFOX) throw new Error('the benchmark measures through the DevTools protocol: Chromium only (unset E2E_BROWSER)');
  if (!existsSync(join(DIST_DIR, 'content.js'))) throw new Error('dist/content.js missing: run "npm run build" first');
  const emptyDir = prepareEmptyExtension();
  const [ours, empty] = await Promise.all([
    launch({ watchConsole: true, args: BROWSER_ARGS }),
    launch({ extensionDir: emptyDir, watchConsole: true, args: BROWSER_ARGS }),
  ]);
  try {
    await ours.setStorage({ settings: settingsRecord() });
    serveBenchPages(ours);
    serveBenchPages(empty);
    const work = await benchTab(ours);
    const { product } = await work.cdp.send('Browser.getVersion');
    const ctx: WorkContext = { ...work, contentUrl: contentScriptUrl(ours), instrumented: false };

    // Does the shipped content script carry its own work measures? Then they are the figure.
    await work.page.goto(`${PORTAL_ORIGIN}/bench/list-1000?probe`, { waitUntil: 'load' });
    if (!(await settle(work.page, TASK_NAMES.length))) log('warning: the 1,000-row list did not get its five marks');
    ctx.instrumented = (await instrumentedWork(work.page, 0)) !== null;
    log(`ours measured by ${ctx.instrumented ? `${WORK_MEASURE} measures` : 'CPU profile of content.js'}`);

    for (const size of SIZES) benchPage(`/bench/list-${size}`); // generated before any load is timed
    const emptyTab = await benchTab(empty);
    await emptyTab.page.goto(`${PORTAL_ORIGIN}/bench/list-1000?warm-up`, { waitUntil: 'load' });
    const records: SizeRecord[] = [];
    for (const size of SIZES) {
      const r = sizeRecord(size, await measureSize(ctx, emptyTab, size));
      records.push(r);
      log(
        `${size} rows: floor isolated ${formatMs(r.floorMs.isolated)}, main ${formatMs(r.floorMs.main)}, ours ${formatMs(r.oursMs)} ` +
          `(×${r.oursOverFloor.isolated} / ×${r.oursOverFloor.main}), peer ${formatMs(r.peerMs)}, incremental ${formatMs(r.incrementalMs)}; ` +
          `load ${fmt(r.load.ours.loadMs.median)} vs ${fmt(r.load.empty.loadMs.median)} ms (${r.load.overheadPct} %), marks ${formatMs(r.load.ours.marksAfterLoadMs)} after load`,
      );
    }
    await Promise.all([work.page.close(), emptyTab.page.close()]);
    await empty.close();

    log(`navigation: ${NAVIGATIONS} in-page navigations`);
    const nav = await measureNavigation(ours);
    log(`navigation: ${nav.seconds.toFixed(1)} s, heap ${round(nav.heapGrowthPct, 1)} %, observers ${JSON.stringify(nav.after.observers)}`);

    const goalList = goals(records, nav);
    await ours.close();
    const measured = performance.now();
    log('profiles with a readable build');
    const diagnoses = await diagnose(goalList.filter((g) => !g.met));

    const seconds = (performance.now() - started) / 1000 + (buildSeconds ?? 0);
    const info: RunInfo = {
      date: new Date().toISOString(),
      loadAverage: [round(loadAtStart, 2)!, round(loadavg()[0]!, 2)!],
      machine: machine(),
      browser: product,
      instrumented: ctx.instrumented,
      seconds: Math.round(seconds),
      buildSeconds: buildSeconds === null ? null : round(buildSeconds, 1),
      measureSeconds: Math.round((measured - started) / 1000),
      profileSeconds: Math.round((performance.now() - measured) / 1000),
      pageErrors: [...ours.pageErrors, ...empty.pageErrors],
    };
    console.log('\n' + table(records) + '\n');
    for (const g of goalList) console.log(`${g.met ? '✓' : '✗'} ${g.goal}: ${g.value} (goal ${g.target})`);
    writeFileSync(
      RESULTS_JSON,
      JSON.stringify(
        { ...info, method: ctx.instrumented ? 'instrumentation' : 'cpu-profile', reps: REPS, sizes: records, navigation: nav, goals: goalList, diagnoses },
        null,
        2,
      ) + '\n',
    );
    writeFileSync(RESULTS_MD, resultsMarkdown(info, records, nav, goalList, diagnoses));
    writeFileSync(RESULTS_SVG, growthSvg(records, `${info.browser}, ${info.machine.cores} cores, ${info.date.slice(0, 10)}; medians of ${REPS} loads`));
    log(`wrote ${RESULTS_JSON}, ${RESULTS_MD} and ${RESULTS_SVG}; the run took ${info.seconds} s (build included: ${buildSeconds !== null})`);
  } finally {
    await Promise.allSettled([ours.close(), empty.close()]);
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

await main();
