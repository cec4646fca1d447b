import { origins } from './hosts.json';

/**
 * The admin portal and its test twin: the only hosts Aftaletjek runs on (the manifest's host permissions).
 * They are listed once, in hosts.json, which the build (vite.config.ts, scripts/postbuild.mjs) and the tests read too.
 */
export const PORTAL_ORIGINS: readonly string[] = origins;

/** The same hosts as match patterns, for tabs.query. */
export const PORTAL_MATCHES: readonly string[] = PORTAL_ORIGINS.map((origin) => `${origin}/*`);

export function isPortalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return PORTAL_ORIGINS.includes(new URL(url).origin);
  } catch {
    return false;
  }
}
