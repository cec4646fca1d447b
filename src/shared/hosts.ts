/** The admin portal and its test twin: the only hosts Aftaletjek runs on (the manifest's host permissions). */
export const PORTAL_ORIGINS: readonly string[] = ['https://admin.serviceplatformen.dk', 'https://admin-test.serviceplatformen.dk'];

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
