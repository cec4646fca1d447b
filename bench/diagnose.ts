/**
 * Profiles, taken after the measured run with the content script built unminified (functions and lines named):
 * where the time goes, and why for a missed goal.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, PORTAL_ORIGIN } from '../test/e2e/harness';
import { benchTab, blank, readableBuild, serveBenchPages, settingsRecord } from './browser';
import { BROWSER_ARGS, FLIP_SAMPLING_US, LOAD_SAMPLING_US, SIZES } from './config';
import type { Goal } from './goals';
import { TASK_NAMES } from './pages';
import { hotFunctions, profiled, timeInScript, type CpuProfile, type HotFunction } from './profile';
import { changeStatus, instrumentedWork, settle } from './steps';

export interface Frame {
  /** Start relative to when the marks were set (ms). */
  startAfterMarks: number;
  duration: number;
  styleLayout: number;
  /** blockingDuration: of the frame, the time input would have waited. */
  blocking: number;
}

export interface Diagnosis {
  what: string;
  /** The missed goals this profile explains. */
  explains: string[];
  /** All time in content.js frames (profile) and the content script's own slice measures, in the same run. */
  scriptMs: number;
  slicesMs: number | null;
  content: HotFunction[];
  page: HotFunction[];
  /** Source of the readable content.js, by line, for the hot lines. */
  source: Record<number, string>;
  /** Long animation frames starting at or after DOMContentLoaded (page loads only). */
  frames: Frame[];
}

/**
 * CPU profiles with the content script built unminified (functions and lines named): a load of the biggest
 * list, one status change on it, and a load of the 5,000-row list, with that load's long frames. Taken
 * after the measured run, every time: they say where the time goes, and why for a missed goal.
 */
export async function diagnose(missed: Goal[]): Promise<Diagnosis[]> {
  const explains = (kind: Goal['kind']) => missed.filter((g) => g.kind === kind).map((g) => g.goal);
  const dir = await readableBuild();
  const lines = readFileSync(join(dir, 'content.js'), 'utf8').split('\n');
  const session = await launch({ extensionDir: dir, watchConsole: false, args: BROWSER_ARGS });
  try {
    await session.setStorage({ settings: settingsRecord() });
    serveBenchPages(session);
    const tab = await benchTab(session);
    const { page, cdp } = tab;
    const contentUrl = session.extensionUrl('content.js');
    const diagnoses: Diagnosis[] = [];
    const record = async (what: string, goals: string[], profile: CpuProfile, since: number | null, frames: Frame[] = []) => {
      const content = hotFunctions(profile, contentUrl);
      const source: Record<number, string> = {};
      for (const f of content) for (const { line } of f.hotLines) source[line] = (lines[line - 1] ?? '').trim().slice(0, 140);
      const slicesMs = since === null ? null : await instrumentedWork(page, since);
      diagnoses.push({
        what,
        explains: goals,
        scriptMs: timeInScript(profile, contentUrl),
        slicesMs,
        content,
        page: hotFunctions(profile, null, 8),
        source,
        frames,
      });
    };
    const load = async (size: number) => {
      await blank(tab);
      return profiled(cdp, LOAD_SAMPLING_US, async () => {
        await page.goto(`${PORTAL_ORIGIN}/bench/list-${size}?diagnose`, { waitUntil: 'load' });
        await settle(page, TASK_NAMES.length);
      });
    };
    await load(1000); // warm-up
    const big = Math.max(...SIZES);
    await record(`loading the ${big}-row list`, explains('scan'), await load(big), 0);
    const since = await page.evaluate(() => performance.now());
    await record(
      `one status change on the ${big}-row list`,
      explains('incremental'),
      await profiled(cdp, FLIP_SAMPLING_US, async () => void (await changeStatus(page, 0))),
      since,
    );
    const mid = await load(5000);
    const frames = await page.evaluate(async () => {
      // One more frame, so the observer has reported the frames before this one.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const marks = window.__bench.lastMutation;
      return window.__bench.frames
        .filter((f) => f.start >= nav.domContentLoadedEventStart)
        .map((f) => ({ startAfterMarks: f.start - marks, duration: f.duration, styleLayout: f.styleLayout, blocking: f.blocking }));
    });
    await record('loading the 5000-row list', explains('load'), mid, 0, frames);
    return diagnoses;
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
