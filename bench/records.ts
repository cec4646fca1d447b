/** One record per list size: the samples of measures 1–5 summarized (median and spread) and their ratios. */
import type { SizeSamples } from './loads';
import type { LoadFacts } from './steps';
import { round, summarize, type Summary } from './stats';

export interface LoadSummary {
  loadMs: Summary;
  longestTaskMs: Summary;
  longestFrameMs: Summary;
  longestFrameStyleLayoutMs: Summary;
  longestFrameBlockingMs: Summary;
  longFramesTotalMs: Summary;
}

export interface SizeRecord {
  rows: number;
  textNodes: number;
  /** The floor where the scan runs (a content script's isolated world) and, as context, in the page's main world. */
  floorMs: { isolated: Summary; main: Summary };
  oursMs: Summary;
  peerMs: Summary;
  incrementalMs: Summary;
  /** The progress record's send after a status change, in a task of its own after the pass (not in incrementalMs). */
  recordMs: Summary;
  /** Ours over each floor (medians): the isolated one is the goal's. */
  oursOverFloor: { isolated: number | null; main: number | null };
  peerOverOurs: number | null;
  /** Median ms per 1,000 text nodes: flat across sizes is linear growth. */
  perThousandNodes: { ours: number | null; floorIsolated: number | null; floorMain: number | null; peer: number | null };
  /** Fewest elements ours marked and rows mark.js highlighted in any load (the list has five task rows). */
  marked: { ours: number; peerRows: number };
  load: {
    ours: LoadSummary & { marksAfterLoadMs: Summary; marksPaintedAfterLoadMs: Summary };
    empty: LoadSummary;
    overheadPct: number | null;
    taskAboveEmptyMs: number | null;
    frameAboveEmptyMs: number | null;
  };
  incompleteRuns: number;
}

export function sizeRecord(rows: number, work: SizeSamples): SizeRecord {
  const { ours, empty } = work.load;
  const floorMs = { isolated: summarize(work.floor.isolated), main: summarize(work.floor.main) };
  const oursMs = summarize(work.ours);
  const peerMs = summarize(work.peer);
  const of = (loads: LoadFacts[], pick: (l: LoadFacts) => number) => summarize(loads.map(pick));
  const afterLoad = (pick: (l: LoadFacts) => number | null) => summarize(ours.filter((l) => pick(l) !== null).map((l) => pick(l)! - l.loadMs));
  const loadSummary = (loads: LoadFacts[]): LoadSummary => ({
    loadMs: of(loads, (l) => l.loadMs),
    longestTaskMs: of(loads, (l) => l.longestTaskMs),
    longestFrameMs: of(loads, (l) => l.longestFrameMs),
    longestFrameStyleLayoutMs: of(loads, (l) => l.longestFrameStyleLayoutMs),
    longestFrameBlockingMs: of(loads, (l) => l.longestFrameBlockingMs),
    longFramesTotalMs: of(loads, (l) => l.longFramesTotalMs),
  });
  const load = {
    ours: { ...loadSummary(ours), marksAfterLoadMs: afterLoad((l) => l.marksAt), marksPaintedAfterLoadMs: afterLoad((l) => l.marksPaintedAt) },
    empty: loadSummary(empty),
  };
  const perThousand = (s: Summary) => round((s.median / work.textNodes) * 1000, 3);
  return {
    rows,
    textNodes: work.textNodes,
    floorMs,
    oursMs,
    peerMs,
    incrementalMs: summarize(work.incremental),
    recordMs: summarize(work.record),
    oursOverFloor: { isolated: round(oursMs.median / floorMs.isolated.median, 2), main: round(oursMs.median / floorMs.main.median, 2) },
    peerOverOurs: round(peerMs.median / oursMs.median, 2),
    perThousandNodes: {
      ours: perThousand(oursMs),
      floorIsolated: perThousand(floorMs.isolated),
      floorMain: perThousand(floorMs.main),
      peer: perThousand(peerMs),
    },
    marked: { ours: Math.min(...work.oursMarks), peerRows: Math.min(...work.peerRows) },
    load: {
      ...load,
      overheadPct: round(((load.ours.loadMs.median - load.empty.loadMs.median) / load.empty.loadMs.median) * 100, 1),
      taskAboveEmptyMs: round(load.ours.longestTaskMs.median - load.empty.longestTaskMs.median, 1),
      frameAboveEmptyMs: round(load.ours.longestFrameMs.median - load.empty.longestFrameMs.median, 1),
    },
    incompleteRuns: work.incomplete,
  };
}
