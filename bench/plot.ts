/**
 * bench/growth.svg: ours, the two floors and the peer against page size, so the growth shows at a glance.
 * Left, time against rows on log–log axes (a straight line of slope 1 is linear growth; lines side by side
 * keep their ratio), medians with min–max whiskers. Right, ms per 1,000 text nodes, also on a log axis so the
 * floors show beside the peer (a flat line is linear growth). Plain SVG written here: a few dozen elements need no plotting library.
 */
import type { SizeRecord } from './records';
import { fmt, type Summary } from './stats';

interface Series {
  name: string;
  color: string;
  dash: string;
  marker: 'circle' | 'square' | 'triangle' | 'diamond';
  pick: (r: SizeRecord) => Summary;
}

/** Colour, dash and marker differ, so no series is told by its colour alone. */
const SERIES: Series[] = [
  { name: 'peer (mark.js)', color: '#b35806', dash: '6 3', marker: 'diamond', pick: (r) => r.peerMs },
  { name: 'ours', color: '#1f4e9c', dash: '', marker: 'circle', pick: (r) => r.oursMs },
  { name: 'floor, isolated world', color: '#2d7d46', dash: '2 3', marker: 'square', pick: (r) => r.floorMs.isolated },
  { name: 'floor, main world', color: '#6b6b6b', dash: '8 3 2 3', marker: 'triangle', pick: (r) => r.floorMs.main },
];

const W = 960;
const H = 420;
const PANEL = { top: 80, bottom: 60, left: 70, width: 330 };
const RIGHT_LEFT = 560;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const num = (x: number) => x.toFixed(1);

function marker(kind: Series['marker'], x: number, y: number, color: string): string {
  const r = 4.5;
  if (kind === 'circle') return `<circle cx="${num(x)}" cy="${num(y)}" r="${r}" fill="${color}"/>`;
  if (kind === 'square') return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${2 * r}" height="${2 * r}" fill="${color}"/>`;
  const pts =
    kind === 'triangle'
      ? [
          [0, -r - 1],
          [r + 1, r],
          [-r - 1, r],
        ]
      : [
          [0, -r - 1],
          [r + 1, 0],
          [0, r + 1],
          [-r - 1, 0],
        ];
  return `<polygon points="${pts.map(([dx, dy]) => `${num(x + dx!)},${num(y + dy!)}`).join(' ')}" fill="${color}"/>`;
}

/** 1, 2, 5 × 10^k between lo and hi. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) for (const m of [1, 2, 5]) ticks.push(m * 10 ** k);
  return ticks.filter((t) => t >= lo * 0.999 && t <= hi * 1.001);
}

/** A tick's label: 20,000 / 500 / 2 / 0.5 / 0.05. */
const tickLabel = (t: number) => (t >= 1 ? t.toLocaleString('en-US') : String(Number(t.toPrecision(1))));

interface Axis {
  at: (v: number) => number;
  ticks: number[];
}

function panel(title: string, left: number, xAxis: Axis, yAxis: Axis, yLabel: string, xs: number[], body: string): string {
  const bottom = H - PANEL.bottom;
  const grid = yAxis.ticks
    .map(
      (t) =>
        `<line x1="${left}" x2="${left + PANEL.width}" y1="${num(yAxis.at(t))}" y2="${num(yAxis.at(t))}" stroke="#e3e3e3"/>` +
        `<text x="${left - 6}" y="${num(yAxis.at(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`,
    )
    .join('');
  const xTicks = xs
    .map(
      (x) =>
        `<line x1="${num(xAxis.at(x))}" x2="${num(xAxis.at(x))}" y1="${bottom}" y2="${bottom + 5}" stroke="#333"/>` +
        `<text x="${num(xAxis.at(x))}" y="${bottom + 19}" text-anchor="middle">${x.toLocaleString('en-US')}</text>`,
    )
    .join('');
  return (
    `<g><text x="${left}" y="${PANEL.top - 14}" font-weight="bold">${esc(title)}</text>${grid}${xTicks}` +
    `<line x1="${left}" x2="${left + PANEL.width}" y1="${bottom}" y2="${bottom}" stroke="#333"/>` +
    `<line x1="${left}" x2="${left}" y1="${PANEL.top}" y2="${bottom}" stroke="#333"/>` +
    `<text x="${left + PANEL.width / 2}" y="${bottom + 38}" text-anchor="middle">rows in the list</text>` +
    `<text transform="translate(${left - 50},${(PANEL.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>${body}</g>`
  );
}

function lines(
  records: SizeRecord[],
  xAxis: Axis,
  yAxis: Axis,
  value: (s: Series, r: SizeRecord) => { y: number; lo?: number; hi?: number },
  label: boolean,
): string {
  return SERIES.map((s) => {
    const pts = records.map((r) => ({ x: xAxis.at(r.rows), ...value(s, r) })).filter((p) => Number.isFinite(p.y) && p.y > 0);
    if (pts.length === 0) return '';
    const path = pts.map((p, i) => `${i ? 'L' : 'M'}${num(p.x)},${num(yAxis.at(p.y))}`).join(' ');
    const whiskers = pts
      .filter((p) => p.lo !== undefined && p.hi !== undefined && p.lo > 0)
      .map((p) => `<line x1="${num(p.x)}" x2="${num(p.x)}" y1="${num(yAxis.at(p.lo!))}" y2="${num(yAxis.at(p.hi!))}" stroke="${s.color}" stroke-width="1.5"/>`)
      .join('');
    const last = pts.at(-1)!;
    const tag = label ? `<text x="${num(last.x + 9)}" y="${num(yAxis.at(last.y) + 4)}" fill="${s.color}">${fmt(last.y)} ms</text>` : '';
    return (
      `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>${whiskers}` +
      pts.map((p) => marker(s.marker, p.x, yAxis.at(p.y), s.color)).join('') +
      tag
    );
  }).join('');
}

export function growthSvg(records: SizeRecord[], subtitle: string): string {
  const sorted = [...records].sort((a, b) => a.rows - b.rows);
  const xs = sorted.map((r) => r.rows);
  const bottom = H - PANEL.bottom;
  const [xMin, xMax] = [Math.min(...xs) / 1.25, Math.max(...xs) * 1.25];
  const xLog = (left: number): Axis => ({ at: (v) => left + ((Math.log(v) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * PANEL.width, ticks: xs });
  // Left: ms against rows, log–log.
  const all = sorted.flatMap((r) => SERIES.flatMap((s) => [s.pick(r).min, s.pick(r).max])).filter((v) => Number.isFinite(v) && v > 0);
  const [yMin, yMax] = [Math.min(...all) / 1.3, Math.max(...all) * 1.3];
  const yLog: Axis = {
    at: (v) => bottom - ((Math.log(v) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))) * (bottom - PANEL.top),
    ticks: logTicks(yMin, yMax),
  };
  const left = panel(
    'Time per page (median, min–max)',
    PANEL.left,
    xLog(PANEL.left),
    yLog,
    'ms (log scale)',
    xs,
    lines(sorted, xLog(PANEL.left), yLog, (s, r) => ({ y: s.pick(r).median, lo: s.pick(r).min, hi: s.pick(r).max }), true),
  );
  // Right: ms per 1,000 text nodes: flat is linear growth.
  const per = (s: Series, r: SizeRecord) => (s.pick(r).median / r.textNodes) * 1000;
  const pers = sorted.flatMap((r) => SERIES.map((s) => per(s, r))).filter((v) => Number.isFinite(v) && v > 0);
  const [pMin, pMax] = [Math.min(...pers) / 1.5, Math.max(...pers) * 1.5];
  const yPer: Axis = {
    at: (v) => bottom - ((Math.log(v) - Math.log(pMin)) / (Math.log(pMax) - Math.log(pMin))) * (bottom - PANEL.top),
    ticks: logTicks(pMin, pMax),
  };
  const right = panel(
    'Per 1,000 text nodes (flat = linear growth)',
    RIGHT_LEFT,
    xLog(RIGHT_LEFT),
    yPer,
    'ms per 1,000 text nodes (log scale)',
    xs,
    lines(sorted, xLog(RIGHT_LEFT), yPer, (s, r) => ({ y: per(s, r) }), true),
  );
  const legend = SERIES.map((s, i) => {
    const x = PANEL.left + i * 215;
    return (
      `<line x1="${x}" x2="${x + 34}" y1="${H - 10}" y2="${H - 10}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>` +
      marker(s.marker, x + 17, H - 10, s.color) +
      `<text x="${x + 42}" y="${H - 6}">${esc(s.name)}</text>`
    );
  }).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + 10}" viewBox="0 0 ${W} ${H + 10}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-labelledby="t d">` +
    `<title id="t">Aftaletjek benchmark: ours, floors and peer against page size</title>` +
    `<desc id="d">${esc(sorted.map((r) => `${r.rows} rows: ${SERIES.map((s) => `${s.name} ${fmt(s.pick(r).median)} ms`).join(', ')}`).join('; '))}</desc>` +
    `<rect width="100%" height="100%" fill="#fff"/><text x="${PANEL.left}" y="18" font-size="14" font-weight="bold">Cost against page size</text>` +
    `<text x="${PANEL.left}" y="34" fill="#555">${esc(subtitle)}</text>${left}${right}${legend}</svg>\n`
  );
}
