/**
 * Keeps ARCHITECTURE.md true: the files it names exist, no source file outgrows one concern (~250 lines),
 * and each room imports only the rooms the map allows.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');
const MAP = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}
const sources = files(SRC).filter((f) => /\.(ts|tsx)$/.test(f));
const room = (file: string) => relative(SRC, file).split('/')[0]!;

/**
 * Rooms each room may import at run time (besides itself), as the map's table says. Type-only imports are
 * contracts (e.g. the message payloads in shared/messages.ts) and free; built-in data (JSON) is free too.
 */
const ALLOWED: Record<string, string[]> = {
  core: ['packs'],
  portal: ['core'],
  shared: [],
  store: ['core', 'portal', 'shared', 'packs'],
  content: ['core', 'portal', 'store', 'shared'],
  background: ['core', 'portal', 'store', 'shared'],
  popup: ['core', 'portal', 'store', 'shared', 'ui'],
  options: ['core', 'portal', 'store', 'shared', 'ui'],
  ui: ['core', 'portal', 'store', 'shared'],
};

describe('ARCHITECTURE.md', () => {
  it('names only files and folders that exist', () => {
    const named = [...MAP.matchAll(/`((?:src|test|bench|scripts)\/[^`\s]*)`/g)].map((m) => m[1]!.replace(/\*$/, ''));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('has a row for every room of src/', () => {
    const rooms = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory() && name !== 'packs');
    expect(rooms.filter((r) => !MAP.includes('`src/' + r + '/`'))).toEqual([]);
    expect(Object.keys(ALLOWED).sort()).toEqual(rooms.sort());
  });
});

describe('the source tree', () => {
  it('keeps every source file at one concern (at most 250 lines)', () => {
    const long = sources.map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 251);
    expect(long).toEqual([]);
  });

  it('imports across rooms only as the map allows', () => {
    const wrong: string[] = [];
    for (const file of sources) {
      const from = room(file);
      for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
        if (spec.endsWith('.json')) continue;
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(SRC)) continue;
        const to = room(target);
        if (to !== from && !ALLOWED[from]?.includes(to)) wrong.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
