/**
 * How one observation of an agreement (from a page scan) changes its stored progress: pure rules, no storage.
 * The store (progress.ts) reads, merges with these and writes.
 */
import { checkSe } from '../core/se';
import type { AgreementProgress, AgreementStatus, SeCheck } from '../core/types';
import { PORTAL_ORIGINS } from '../shared/hosts';

export interface Observation {
  id: string;
  status?: AgreementStatus;
  statusText?: string;
  name?: string;
  se?: SeCheck | null;
  url: string;
  seenAt?: string;
}

export const STATUS_TEXT_MAX = 200;
export const NAME_MAX = 300;
export const URL_MAX = 500;
const SEEN_AT_REFRESH_MS = 60_000;

const clip = (text: string, max: number): string => text.trim().slice(0, max);

/** Where the agreement was seen, as far as it is a portal page; the fragment is dropped (it may hold tokens). */
function portalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '';
  }
  if (!PORTAL_ORIGINS.includes(url.origin)) return '';
  const withQuery = url.origin + url.pathname + url.search;
  return withQuery.length <= URL_MAX ? withQuery : (url.origin + url.pathname).slice(0, URL_MAX);
}

function observedAt(seenAt: string | undefined, now: number): string {
  const time = seenAt === undefined ? Number.NaN : Date.parse(seenAt);
  return new Date(Number.isNaN(time) ? now : time).toISOString();
}

/**
 * The record after one observation, or `before` itself when nothing worth a write changed. A status of
 * 'unknown' only replaces 'unknown'; se only changes when the observation carries it. seenAt and url
 * follow a real change, or are refreshed at most once a minute, so rescans of a page cause no write storm.
 */
export function merge(before: AgreementProgress | null, obs: Observation, now: number): AgreementProgress {
  const seenAt = observedAt(obs.seenAt, now);
  const base: AgreementProgress = before ?? { status: 'unknown', statusText: '', name: '', se: null, seenAt, url: '' };
  const next = { ...base };
  if (obs.status !== undefined && (obs.status !== 'unknown' || base.status === 'unknown')) {
    next.status = obs.status;
    next.statusText = clip(obs.statusText ?? '', STATUS_TEXT_MAX);
  }
  const name = clip(obs.name ?? '', NAME_MAX);
  if (name !== '') next.name = name;
  if (obs.se !== undefined) next.se = keepFoundSe(base.se, obs.se);
  const changed =
    next.status !== base.status || next.statusText !== base.statusText || next.name !== base.name || JSON.stringify(next.se) !== JSON.stringify(base.se);
  if (before !== null && !changed && Date.parse(seenAt) - Date.parse(base.seenAt) < SEEN_AT_REFRESH_MS) return before;
  return { ...next, seenAt, url: portalUrl(obs.url) || base.url };
}

/**
 * What was seen stays seen: a later look at the agreement's page without its SE number (another tab of the
 * page, a re-render) never turns a found number into "missing"; the found number is judged again against
 * the expected SE of the new observation. A different number read later replaces it.
 */
function keepFoundSe(before: SeCheck | null, next: SeCheck | null): SeCheck | null {
  if (next === null || next.verdict !== 'missing' || before === null || before.found.length === 0) return next;
  const [first] = before.found;
  const finding =
    before.found.length === 1 && first !== undefined ? { kind: 'found' as const, value: first } : { kind: 'ambiguous' as const, values: [...before.found] };
  return checkSe(finding, next.expected);
}
