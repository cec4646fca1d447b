/**
 * What was seen stays seen: one visit to an agreement's page remembers the SE number read on it, so a
 * tab, accordion or re-render that removes the parameter does not turn a mismatch into "missing". A visit
 * lasts while the page shows the same agreement (with page-less moments between renders); it ends when
 * another agreement's page or a list is shown. Pure: no DOM.
 */
import { checkSe } from '../core/se';
import type { SeFinding } from '../core/types';
import type { AgreementPage } from './decide';

export interface Visit {
  id: string;
  /** The SE numbers last read during the visit (a later reading replaces an earlier one; none read keeps it). */
  found: readonly string[];
  /** The agreement's page as last decided, with the remembered SE check. */
  page: AgreementPage;
  /** The addresses the agreement's page was shown at (a tab may change the address): the visit's page counts there only. */
  urls: readonly string[];
}

function findingOf(found: readonly string[]): SeFinding {
  const [first] = found;
  if (first === undefined) return { kind: 'missing' };
  return found.length === 1 ? { kind: 'found', value: first } : { kind: 'ambiguous', values: [...found] };
}

/**
 * The visit after one scan: `page` is the agreement page decided now (null when none), `listShown` that the
 * page shows the pack's names only as list entries. Returns the visit and the page with its remembered SE
 * check: a page without the number keeps what was read before; a different number read later replaces it
 * (two different numbers on the page at once are a warning, as always).
 */
export function advanceVisit(
  visit: Visit | null,
  page: AgreementPage | null,
  listShown: boolean,
  expectedSe: string | null,
  url: string,
): { visit: Visit | null; page: AgreementPage | null } {
  if (page === null) return { visit: listShown ? null : visit, page: null };
  const same = visit?.id === page.id ? visit : null;
  const urls = same === null ? [url] : same.urls.includes(url) ? same.urls : [...same.urls, url];
  if (page.se === null) return { visit: { id: page.id, found: [], page, urls }, page };
  const found = page.se.found.length > 0 ? page.se.found : (same?.found ?? []);
  const se = found === page.se.found ? page.se : checkSe(findingOf(found), expectedSe);
  const remembered: AgreementPage = { ...page, se };
  return { visit: { id: page.id, found, page: remembered, urls }, page: remembered };
}
