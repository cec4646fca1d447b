import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Size budgets (issue 5), in gzip bytes as the browser would fetch them (zlib default level).
 * A page's size is every JS and CSS file its HTML loads, plus every chunk those JS files import statically;
 * dynamic import() is left out (loaded only when used).
 */
const DIST = 'dist';
const KB = 1000;
const BUDGETS = [
  // 20 kB until the scanner learned the flat tree (shadow roots, slots), accessible names, frames and the
  // Fejlrapport serializer (issue 9): about 20 kB now, with room for what the next issues add.
  // 26 kB since a status change beside a name re-decides its mark without searching the entry again (issue 12).
  { name: 'content script', entry: 'content.js', budget: 26 * KB },
  { name: 'popup', entry: 'src/popup/index.html', budget: 45 * KB },
  { name: 'options', entry: 'src/options/index.html', budget: 45 * KB },
];

/** Paths (relative to dist/) that an HTML file loads with <script src> and <link rel=stylesheet|modulepreload href>. */
function htmlAssets(htmlPath: string): string[] {
  const html = readFileSync(join(DIST, htmlPath), 'utf8');
  const urls = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*>/gi)]
      .filter((m) => /\brel=["']?(stylesheet|modulepreload)\b/i.test(m[0]))
      .map((m) => /\bhref=["']([^"']+)["']/i.exec(m[0])?.[1])
      .filter((href): href is string => href !== undefined),
  ];
  return urls.map((url) => resolveFrom(htmlPath, url));
}

/** Specifiers of static `import … from "x"`, `import "x"` and `export … from "x"` (not `import("x")`). */
function staticImports(jsPath: string): string[] {
  const code = readFileSync(join(DIST, jsPath), 'utf8');
  return [...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)]
    .map((m) => m[1]!)
    .filter((specifier) => /^(\.{1,2})?\//.test(specifier))
    .map((specifier) => resolveFrom(jsPath, specifier));
}

function resolveFrom(fromPath: string, url: string): string {
  const path = url.split(/[?#]/)[0]!;
  return path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(fromPath), path);
}

/** Every file an entry (an HTML page or a script) loads, the entry's scripts' static imports followed. */
function reachableFiles(entry: string): string[] {
  const seen = new Set<string>();
  const queue = entry.endsWith('.html') ? htmlAssets(entry) : [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) queue.push(...staticImports(file));
  }
  return [...seen];
}

const gzipBytes = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;

describe('bundle sizes stay within budget (gzip)', () => {
  it.each(BUDGETS)('$name ≤ $budget bytes', ({ name, entry, budget }) => {
    const files = reachableFiles(entry);
    for (const file of files) expect(existsSync(join(DIST, file)), `${entry} loads ${file}, which dist/ lacks`).toBe(true);
    const sizes = files.map((file) => ({ file, gzip: gzipBytes(file) }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const detail = sizes.map((s) => `${s.file} ${(s.gzip / KB).toFixed(1)} kB`).join(', ');
    console.log(`${name}: ${(total / KB).toFixed(1)} kB gzip of ${(budget / KB).toFixed(0)} kB (${detail})`);
    expect(files.some((f) => f.endsWith('.js')), `${entry} loads no script`).toBe(true);
    expect(total, `${name} is ${total} bytes gzip, over its ${budget}-byte budget`).toBeLessThanOrEqual(budget);
  });
});
