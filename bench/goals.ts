/** The goals of issues 5 and 12, judged on a full run (the 5,000- and 20,000-row lists measured). */
import type { NavigationResult, Resources } from './navigation';
import type { SizeRecord } from './records';
import { fmt, round } from './stats';
import { NAV_EARLY, NAV_WARM_UP } from './config';

export interface Goal {
  /** What a profile can explain: the scan, one status change, a page load; 'resources' needs none. */
  kind: 'scan' | 'incremental' | 'load' | 'resources';
  goal: string;
  target: string;
  value: string;
  met: boolean;
}

export function goals(records: SizeRecord[], nav: NavigationResult): Goal[] {
  const at = (rows: number) => records.find((r) => r.rows === rows);
  const big = at(20000);
  const mid = at(5000);
  if (!big || !mid) return []; // a quick look at other sizes (BENCH_SIZES) is not judged
  const observerTotal = (r: Resources) => Object.values(r.observers).reduce((a, b) => a + b, 0);
  const { ours, empty } = mid.load;
  return [
    {
      kind: 'scan',
      goal: "ours/floor at 20,000 rows, the floor in a content script's isolated world (where the scan runs)",
      target: '≤ 2.0',
      value: `${big.oursOverFloor.isolated} (against the main-world floor: ${big.oursOverFloor.main})`,
      met: (big.oursOverFloor.isolated ?? Infinity) <= 2,
    },
    { kind: 'scan', goal: 'peer/ours at 20,000 rows', target: '≥ 5', value: `${big.peerOverOurs}`, met: (big.peerOverOurs ?? 0) >= 5 },
    {
      kind: 'incremental',
      goal: 'incremental update at 20,000 rows (median)',
      target: '≤ 1 ms',
      value: `${fmt(big.incrementalMs.median)} ms`,
      met: big.incrementalMs.median <= 1,
    },
    {
      kind: 'load',
      goal: 'load overhead vs empty extension at 5,000 rows',
      target: '≤ 5 %',
      value: `${mid.load.overheadPct} %`,
      met: (mid.load.overheadPct ?? Infinity) <= 5,
    },
    {
      kind: 'load',
      goal: 'longest task starting at or after DOMContentLoaded (longtask), above the empty extension, 5,000 rows',
      target: '≤ 50 ms',
      value: `${mid.load.taskAboveEmptyMs} ms (ours ${fmt(ours.longestTaskMs.median)}, empty ${fmt(empty.longestTaskMs.median)})`,
      met: (mid.load.taskAboveEmptyMs ?? Infinity) <= 50,
    },
    {
      kind: 'load',
      goal: 'longest frame starting at or after DOMContentLoaded (long-animation-frame: style and layout included), above the empty extension, 5,000 rows',
      target: '≤ 50 ms',
      value: `${mid.load.frameAboveEmptyMs} ms (ours ${fmt(ours.longestFrameMs.median)}, of it blocking ${fmt(ours.longestFrameBlockingMs.median)}; empty ${fmt(empty.longestFrameMs.median)})`,
      met: (mid.load.frameAboveEmptyMs ?? Infinity) <= 50,
    },
    {
      kind: 'load',
      goal: 'marks complete after the load event, 5,000 rows (median; set / painted)',
      target: '≤ 100 ms',
      value: `${fmt(ours.marksAfterLoadMs.median)} / ${fmt(ours.marksPaintedAfterLoadMs.median)} ms`,
      met: ours.marksPaintedAfterLoadMs.median <= 100,
    },
    {
      kind: 'resources',
      goal: `observers and listeners over ${nav.navigations} in-page navigations`,
      target: 'no growth',
      value: `observers ${observerTotal(nav.before)} → ${observerTotal(nav.after)}, window+document listeners ${nav.before.globalListeners} → ${nav.after.globalListeners}, all JS listeners ${nav.before.jsEventListeners} → ${nav.after.jsEventListeners}`,
      met:
        observerTotal(nav.after) <= observerTotal(nav.before) &&
        nav.after.globalListeners <= nav.before.globalListeners &&
        nav.after.jsEventListeners <= nav.before.jsEventListeners,
    },
    {
      kind: 'resources',
      goal: `heap growth over ${nav.navigations} in-page navigations`,
      target: '< 10 %',
      value: `${round(nav.heapGrowthPct, 1)} % (${(nav.before.heapUsedBytes / 2 ** 20).toFixed(2)} → ${(nav.after.heapUsedBytes / 2 ** 20).toFixed(2)} MiB; second half alone ${round(nav.secondHalfGrowthPct, 1)} %; measured after ${NAV_WARM_UP} warm-up navigations; from navigation ${NAV_EARLY} on: ${round(nav.earlyGrowthPct, 1)} %)`,
      met: nav.heapGrowthPct < 10,
    },
  ];
}
