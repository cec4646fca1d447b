/** The Markdown tables of RESULTS.md: the scan against its floors side by side, all figures, hot functions. */
import type { HotFunction } from './profile';
import type { SizeRecord } from './records';
import { fmt, formatMs, type Summary } from './stats';

const markdownTable = (head: string[], rows: string[][], align?: string[]) =>
  [head, align ?? head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/** The scan beside both floors and the peer, per size: the ratios, and ms per 1,000 text nodes (flat = linear growth). */
export function scanTable(records: SizeRecord[]): string {
  const per = (x: number | null) => (x === null ? 'n/a' : fmt(x));
  const head = [
    'rows',
    'text nodes',
    'floor, isolated world ms',
    'floor, main world ms',
    'isolated / main',
    'ours ms',
    'ours / isolated floor',
    'ours / main floor',
    'peer ms',
    'per 1,000 text nodes: ours / isolated floor / main floor / peer ms',
  ];
  const rows = records.map((r) => [
    String(r.rows),
    String(r.textNodes),
    formatMs(r.floorMs.isolated),
    formatMs(r.floorMs.main),
    Number.isFinite(r.floorMs.isolated.median / r.floorMs.main.median) ? (r.floorMs.isolated.median / r.floorMs.main.median).toFixed(1) : 'n/a',
    formatMs(r.oursMs),
    `**${r.oursOverFloor.isolated}**`,
    String(r.oursOverFloor.main),
    formatMs(r.peerMs),
    [r.perThousandNodes.ours, r.perThousandNodes.floorIsolated, r.perThousandNodes.floorMain, r.perThousandNodes.peer].map(per).join(' / '),
  ]);
  return markdownTable(
    head,
    rows,
    head.map((_, i) => (i === 0 ? '---' : '---:')),
  );
}

export function table(records: SizeRecord[]): string {
  const head = [
    'rows',
    'text nodes',
    'floor isolated / main ms',
    'ours ms',
    'peer ms',
    'ours/floor isolated / main',
    'peer/ours',
    'incremental ms',
    'progress record after it ms',
    'load ours / empty ms',
    'load overhead',
    'longest task ours / empty ms',
    'longest frame ours / empty ms',
    'long frames in all ours / empty ms',
    'marks set / painted after load ms',
  ];
  const pair = (a: Summary, b: Summary) => `${fmt(a.median)} / ${fmt(b.median)}`;
  const rows = records.map((r) => [
    String(r.rows),
    String(r.textNodes),
    pair(r.floorMs.isolated, r.floorMs.main),
    formatMs(r.oursMs),
    formatMs(r.peerMs),
    `${r.oursOverFloor.isolated} / ${r.oursOverFloor.main}`,
    String(r.peerOverOurs),
    formatMs(r.incrementalMs),
    formatMs(r.recordMs),
    pair(r.load.ours.loadMs, r.load.empty.loadMs),
    `${r.load.overheadPct} %`,
    pair(r.load.ours.longestTaskMs, r.load.empty.longestTaskMs),
    pair(r.load.ours.longestFrameMs, r.load.empty.longestFrameMs),
    pair(r.load.ours.longFramesTotalMs, r.load.empty.longFramesTotalMs),
    pair(r.load.ours.marksAfterLoadMs, r.load.ours.marksPaintedAfterLoadMs),
  ]);
  return markdownTable(head, rows);
}

export function hotTable(functions: HotFunction[], source?: Record<number, string>): string {
  const rows = functions.map((f) => {
    const lines = source && f.hotLines.length > 0 ? f.hotLines.map((l) => `${l.line}: \`${(source[l.line] ?? '').replace(/[|`]/g, ' ')}\``).join('<br>') : '';
    return `| ${fmt(f.selfMs)} | \`${f.name}\` | ${f.where} |${source ? ` ${lines} |` : ''}`;
  });
  const head = source
    ? ['| self ms | function | where | hottest lines (readable build) |', '| ---: | --- | --- | --- |']
    : ['| self ms | function | where |', '| ---: | --- | --- |'];
  return [...head, ...rows].join('\n');
}
