/**
 * V8 CPU profiles (CDP Profiler domain) read two ways: the time spent in one script (every sample whose
 * stack holds a frame of that script, so DOM calls it makes count and the page's own code does not), and
 * the functions with the most self time, for the "why" behind a missed goal.
 */
import type { CDPSession } from 'puppeteer-core';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  /** Samples per source line (1-based) of this node's function. */
  positionTicks?: { line: number; ticks: number }[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Samples and how long each stands for (µs), as DevTools computes it: until the next sample. */
function sampleDurations(profile: CpuProfile): { node: number; us: number }[] {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) times.push((t += deltas[i] ?? 0));
  return samples.map((node, i) => ({ node, us: (i + 1 < times.length ? times[i + 1]! : profile.endTime) - times[i]! }));
}

/** Milliseconds of samples with a frame of `url` anywhere on the stack. */
export function timeInScript(profile: CpuProfile, url: string): number {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, boolean>();
  const inScript = (id: number): boolean => {
    let known = memo.get(id);
    if (known === undefined) {
      const node = byId.get(id);
      const up = parent.get(id);
      known = node?.callFrame.url === url || (up !== undefined && inScript(up));
      memo.set(id, known);
    }
    return known;
  };
  let us = 0;
  for (const s of sampleDurations(profile)) if (inScript(s.node)) us += s.us;
  return us / 1000;
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  /** The function's lines with the most samples (1-based line numbers in its script). */
  hotLines: { line: number; ticks: number }[];
}

/** Functions by self time; `url` limits them to one script (null: the whole page, including GC and "(program)"). */
export function hotFunctions(profile: CpuProfile, url: string | null, top = 12): HotFunction[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, HotFunction & { lines: Map<number, number>; nodes: Set<number> }>();
  for (const s of sampleDurations(profile)) {
    const node = byId.get(s.node);
    const frame = node?.callFrame;
    if (!node || !frame || (url !== null && frame.url !== url)) continue;
    // The driver's own injected scripts (puppeteer's waitForFunction poller) are named by their kind, not their long URL.
    const file = (frame.url.startsWith('pptr:') ? frame.url.split(';')[0] : frame.url.split('/').pop()) ?? '';
    const where = file ? `${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    let entry = self.get(key);
    if (!entry) self.set(key, (entry = { name: frame.functionName || '(anonymous)', where, selfMs: 0, hotLines: [], lines: new Map(), nodes: new Set() }));
    entry.selfMs += s.us / 1000;
    if (!entry.nodes.has(node.id)) {
      entry.nodes.add(node.id);
      for (const t of node.positionTicks ?? []) entry.lines.set(t.line, (entry.lines.get(t.line) ?? 0) + t.ticks);
    }
  }
  return [...self.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map(({ name, where, selfMs, lines }) => ({
      name,
      where,
      selfMs,
      hotLines: [...lines]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([line, ticks]) => ({ line, ticks })),
    }));
}

/** Runs `during` under the sampling profiler and returns the profile. */
export async function profiled(cdp: CDPSession, intervalUs: number, during: () => Promise<void>): Promise<CpuProfile> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  let failure: unknown = null;
  await during().catch((error: unknown) => (failure = error ?? new Error('profiled run failed')));
  const { profile } = await cdp.send('Profiler.stop');
  if (failure) throw failure;
  return profile as CpuProfile;
}
