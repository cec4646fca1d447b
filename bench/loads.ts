/**
 * Measures 1–5, per list size: page loads alternately in Aftaletjek's browser (its load facts, ours, one status
 * change) and in the empty extension's (its load facts, then on the same page the floor in the empty
 * extension's isolated world, the floor in the main world and, last as it rewrites the DOM, the peer). The
 * floors and the peer run where no Aftaletjek reacts to their DOM changes or slows the page's teardown.
 */
import { FLIPS_PER_LOAD, FLIP_SAMPLING_US, LOAD_SAMPLING_US, MARK_SELECTOR, REPS, log } from './config';
import { PORTAL_ORIGIN } from '../test/e2e/harness';
import { blank, type Tab } from './browser';
import { TASK_NAMES } from './pages';
import { profiled, timeInScript } from './profile';
import { changeStatus, instrumentedWork, recordAfter, isolatedFloorPass, loadFacts, mainFloorPass, peerPass, settle, type LoadFacts } from './steps';

export interface SizeSamples {
  /** The floor in a content script's isolated world (the empty extension's) and in the page's main world. */
  floor: { main: number[]; isolated: number[] };
  ours: number[];
  peer: number[];
  incremental: number[];
  /** The progress record's send after each status change (a task of its own after the pass, not in it). */
  record: number[];
  textNodes: number;
  oursMarks: number[];
  peerRows: number[];
  load: { ours: LoadFacts[]; empty: LoadFacts[] };
  incomplete: number;
}

export interface WorkContext extends Tab {
  contentUrl: string;
  instrumented: boolean;
}

/** BENCH_TRACE=1 logs how long each step of a load took (where a run's minutes go). */
const trace = process.env.BENCH_TRACE ? (what: string, t0: number) => log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`) : () => undefined;

/**
 * Time of the content script's work during `action`: the sum of its own slice measures if it has them, else
 * the CPU profile samples in its script. `navigates`: the action loads a new document (whose timeline starts at 0).
 */
async function oursDuring(ctx: WorkContext, samplingUs: number, action: () => Promise<void>, navigates = false): Promise<number> {
  if (ctx.instrumented) {
    const since = navigates ? 0 : await ctx.page.evaluate(() => performance.now());
    await action();
    return (await instrumentedWork(ctx.page, since)) ?? 0;
  }
  return timeInScript(await profiled(ctx.cdp, samplingUs, action), ctx.contentUrl);
}

/**
 * One page load in the empty extension's browser: its load facts, then the floor in the empty extension's
 * isolated world and in the main world, and the peer. The load is profiled like Aftaletjek's (unless those
 * are instrumented), so both carry the profiler's small overhead alike.
 */
async function emptyLoad(tab: Tab, url: string, profile: boolean, samples: SizeSamples): Promise<void> {
  let t0 = performance.now();
  let complete = false;
  const load = async () => {
    await tab.page.goto(url, { waitUntil: 'load' });
    complete = await settle(tab.page, null);
  };
  if (profile) await profiled(tab.cdp, LOAD_SAMPLING_US, load);
  else await load();
  samples.load.empty.push(await loadFacts(tab.page));
  if (!complete) samples.incomplete++;
  trace('empty: load', t0);
  t0 = performance.now();
  const isolated = await isolatedFloorPass(tab.page);
  if (isolated) samples.floor.isolated.push(isolated.ms);
  const main = await mainFloorPass(tab.page);
  samples.floor.main.push(main.ms);
  samples.textNodes = main.nodes;
  trace('empty: floors', t0);
  t0 = performance.now();
  const peer = await peerPass(tab.page);
  samples.peer.push(peer.ms);
  samples.peerRows.push(peer.rows);
  trace('empty: peer', t0);
  t0 = performance.now();
  await blank(tab);
  trace('empty: blank', t0);
}

/** One page load with Aftaletjek: its load facts, ours (the first scan, decide and mark), status changes. */
async function oursLoad(ctx: WorkContext, url: string, samples: SizeSamples): Promise<void> {
  let t0 = performance.now();
  let complete = false;
  const ours = await oursDuring(
    ctx,
    LOAD_SAMPLING_US,
    async () => {
      await ctx.page.goto(url, { waitUntil: 'load' });
      complete = await settle(ctx.page, TASK_NAMES.length);
    },
    true,
  );
  if (!complete) samples.incomplete++;
  samples.load.ours.push(await loadFacts(ctx.page));
  samples.ours.push(ours);
  samples.oursMarks.push(await ctx.page.evaluate((selector) => document.querySelectorAll(selector).length, MARK_SELECTOR));
  trace('ours: load and marks', t0);
  t0 = performance.now();
  for (let flip = 0; flip < FLIPS_PER_LOAD && complete; flip++) {
    let applied = false;
    const since = await ctx.page.evaluate(() => performance.now());
    const ms = await oursDuring(ctx, FLIP_SAMPLING_US, async () => {
      applied = await changeStatus(ctx.page, flip);
    });
    if (applied) samples.incremental.push(ms);
    else samples.incomplete++;
    const record = ctx.instrumented ? await recordAfter(ctx.page, since) : null;
    if (record !== null) samples.record.push(record);
  }
  trace('ours: status change', t0);
  t0 = performance.now();
  await blank(ctx);
  trace('ours: blank', t0);
}

/** REPS loads of one list in each browser, alternating which goes first so drift hits both alike. */
export async function measureSize(ctx: WorkContext, emptyTab: Tab, size: number): Promise<SizeSamples> {
  const samples: SizeSamples = {
    floor: { main: [], isolated: [] },
    ours: [],
    peer: [],
    incremental: [],
    record: [],
    textNodes: 0,
    oursMarks: [],
    peerRows: [],
    load: { ours: [], empty: [] },
    incomplete: 0,
  };
  for (let rep = 0; rep < REPS; rep++) {
    const url = `${PORTAL_ORIGIN}/bench/list-${size}?rep=${rep}`;
    const runEmpty = async () => {
      await emptyTab.page.bringToFront();
      await emptyLoad(emptyTab, url, !ctx.instrumented, samples);
    };
    const runOurs = async () => {
      await ctx.page.bringToFront();
      await oursLoad(ctx, url, samples);
    };
    if (rep % 2 === 0) {
      await runOurs();
      await runEmpty();
    } else {
      await runEmpty();
      await runOurs();
    }
  }
  return samples;
}
