/**
 * The demo portal both browsers' harnesses serve: the two host names, and the fixture file for a path
 * (test/fixtures/portal/<path>, <path>.html or <path>/index.html).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import hosts from '../../../src/shared/hosts.json';

/** The portal and its test twin, from the one list of hosts (src/shared/hosts.json). */
export const [PORTAL_ORIGIN, PORTAL_TEST_ORIGIN] = hosts.origins as [string, string];
export const FIXTURE_DIR = resolve('test/fixtures/portal');

/** A page body served at a portal path: a string, or a function called per request (generated pages). */
export type PortalBody = string | (() => string);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function isPortalRequest(url: string): boolean {
  return hosts.origins.some((origin) => url.startsWith(origin + '/'));
}

/** The fixture served at a portal path, or null (a 404). Paths never leave the fixture folder. */
export function portalFixture(pathname: string): { body: Buffer; contentType: string } | null {
  const clean = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [join(FIXTURE_DIR, clean), join(FIXTURE_DIR, clean + '.html'), join(FIXTURE_DIR, clean, 'index.html')]) {
    if (candidate.startsWith(FIXTURE_DIR) && existsSync(candidate) && statSync(candidate).isFile()) {
      return { body: readFileSync(candidate), contentType: CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream' };
    }
  }
  return null;
}
