/**
 * V8 heap snapshots (CDP HeapProfiler) summed by constructor, and what grew between two of them: the
 * "why" behind heap growth over many in-page navigations.
 */
import type { CDPSession } from 'puppeteer-core';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export type HeapCensus = Map<string, { count: number; bytes: number }>;

export interface HeapGrowth {
  what: string;
  count: number;
  bytes: number;
}

/** What a heap node is counted as: its constructor (objects), function name (closures), or its kind. */
function kindOf(type: string, name: string): string {
  if (type === 'object' || type === 'native') return name;
  if (type === 'closure') return `${name || '(anonymous)'}()`;
  if (type.includes('string')) return '(strings)';
  return `(${type})`;
}

export async function heapCensus(cdp: CDPSession): Promise<HeapCensus> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const data = JSON.parse(chunks.join('')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const census: HeapCensus = new Map();
  for (let i = 0; i < data.nodes.length; i += fields.length) {
    const kind = kindOf(types[data.nodes[i + typeAt]!] ?? '?', data.strings[data.nodes[i + nameAt]!] ?? '');
    const entry = census.get(kind) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += data.nodes[i + sizeAt]!;
    census.set(kind, entry);
  }
  return census;
}

/** The kinds whose total size grew most from `before` to `after`. */
export function heapGrowth(before: HeapCensus, after: HeapCensus, top = 10): HeapGrowth[] {
  return [...after]
    .map(([what, a]) => {
      const b = before.get(what) ?? { count: 0, bytes: 0 };
      return { what, count: a.count - b.count, bytes: a.bytes - b.bytes };
    })
    .filter((g) => g.bytes > 0)
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top);
}
