import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

const sources = listFiles('src').filter((f) => /\.(ts|tsx)$/.test(f));
const read = (f: string) => readFileSync(f, 'utf8');

describe('source hygiene', () => {
  it.each(sources)('%s writes no HTML from strings (page text stays text)', (file) => {
    const code = read(file);
    expect(code).not.toMatch(/dangerouslySetInnerHTML/);
    expect(code).not.toMatch(/\.(innerHTML|outerHTML)\s*[+]?=/);
    expect(code).not.toMatch(/insertAdjacentHTML|document\.write\s*\(/);
  });

  it.each(sources)('%s runs no generated code', (file) => {
    const code = read(file);
    expect(code).not.toMatch(/\beval\s*\(|new\s+Function\s*\(/);
  });

  it.each(sources.filter((f) => !f.startsWith(join('src', 'store'))))('%s leaves browser.storage to src/store', (file) => {
    expect(read(file)).not.toMatch(/\b(browser|chrome)\.storage\b/);
  });
});

describe('locales', () => {
  const daKeys = Object.keys(da).sort();
  const enKeys = Object.keys(en).sort();

  it('Danish and English carry the same message keys', () => {
    expect(enKeys).toEqual(daKeys);
  });

  it('every message key used in the code exists', () => {
    const used = new Set<string>();
    for (const file of sources) {
      for (const m of read(file).matchAll(/\bt\(\s*['"`]([A-Za-z0-9_]+)['"`]/g)) used.add(m[1]!);
    }
    const missing = [...used].filter((key) => !(key in da));
    expect(missing).toEqual([]);
  });

  it.each(daKeys)('%s has the same placeholders in both languages', (key) => {
    const placeholders = (m: { message: string }) => [...m.message.matchAll(/\$\w+\$|\$\d/g)].map((x) => x[0]).sort();
    const d = (da as Record<string, { message: string }>)[key]!;
    const e = (en as Record<string, { message: string }>)[key]!;
    expect(placeholders(e)).toEqual(placeholders(d));
  });
});
