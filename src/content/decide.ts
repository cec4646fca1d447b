/**
 * From what a scan found to what the overlay shows and the store records: each name's status, whether
 * the page is one agreement's own page, and that page's SE check. Reads the DOM, changes nothing.
 */
import type { Pack } from '../core/pack';
import { checkSe, seFinding } from '../core/se';
import { BUILTIN_WORDS, type PortalWords } from '../portal/words';
import type { AgreementStatus, LabelledValue, SeCheck, SeFinding } from '../core/types';
import type { Observation } from '../store/progress';
import { findRow, readPageFacts, readRowStatus, type NameHit, type ReadOptions, type Slicer, type StatusReading } from './scan';

/** One recognised element and what to show on it. */
export interface Mark {
  element: Element;
  id: string;
  /** The agreement's name as the element shows it. */
  name: string;
  status: AgreementStatus;
  /** The portal's words for the status ('' when none). */
  statusText: string;
  /** The list entry the element belongs to (styled as a whole); null on an agreement's own page. */
  row: Element | null;
}

/** One agreement's own page. */
export interface AgreementPage {
  id: string;
  name: string;
  status: StatusReading | null;
  /** The SE check, for agreements whose SE number must be verified; null otherwise. */
  se: SeCheck | null;
  /** The elements naming the agreement (heading, "Navn" field): the page is gone when they are. */
  anchors: Element[];
  messageField: HTMLElement | null;
}

/** How many times one agreement's name may stand on its own page (title, breadcrumb, a field) when no title is marked up as one. */
const MAX_UNTITLED_NAMES = 3;

/**
 * The names that title the page: its heading or "Navn" field; when the page marks up no title as one (a card
 * header in a span, an h3), every name on it, if all name the same agreement and there are only a few.
 */
function titled(hits: readonly NameHit[]): readonly NameHit[] {
  const anchors = hits.filter((hit) => hit.kind !== 'list');
  if (anchors.length > 0) return anchors;
  return new Set(hits.map((hit) => hit.id)).size === 1 && hits.length <= MAX_UNTITLED_NAMES ? hits : [];
}

/** Whether the page may be one agreement's own page, judged from its names alone (a cheap test before its facts are read). */
export function mayBeAgreementPage(hits: readonly NameHit[]): boolean {
  return titled(hits).length > 0;
}

/**
 * The page is one agreement's own page when its title or "Navn" field names exactly one pack agreement (or,
 * with no title marked up as one, a few names that all name the same agreement),
 * and it offers Godkend/Afvis or shows a status field (a list headed by an agreement's name does not).
 * Reading the page's facts yields to the page through `slicer` (a large page takes many slices).
 */
export async function decideAgreementPage(
  hits: readonly NameHit[],
  pack: Pack,
  expectedSe: string | null,
  root: Element,
  options: ReadOptions = {},
): Promise<AgreementPage | null> {
  const words = options.words ?? BUILTIN_WORDS;
  const anchors = mayBeAgreementPage(hits) ? titled(hits) : [];
  const ids = new Set(anchors.map((hit) => hit.id));
  const [id] = ids;
  if (id === undefined || ids.size > 1) return null;
  const facts = await readPageFacts(root, options);
  if (facts.approveActions.length === 0 && facts.rejectActions.length === 0 && facts.status === null) return null;
  const agreement = pack.agreements.find((a) => a.id === id);
  if (!agreement) return null;
  const own = anchors.filter((hit) => hit.id === id);
  const title = own.find((hit) => hit.kind === 'heading') ?? own[0];
  return {
    id,
    name: title?.name ?? '',
    status: facts.status,
    se: agreement.seCheck ? checkSe(await findSeSliced(facts.fields, words, options.slicer), expectedSe) : null,
    anchors: own.map((hit) => hit.element),
    messageField: facts.messageField,
  };
}

/** How many fields are searched for an SE number between two looks at the slicer. */
const SE_FIELDS_PER_STEP = 64;

/** words.findSe, yielding to the page between steps: a page with thousands of values (related agreements) takes many. */
async function findSeSliced(fields: readonly LabelledValue[], words: PortalWords, slicer?: Slicer): Promise<SeFinding> {
  const values = new Set<string>();
  for (let i = 0; i < fields.length; i += SE_FIELDS_PER_STEP) {
    if (slicer?.due()) await slicer.pause();
    words.collectSe(fields.slice(i, i + SE_FIELDS_PER_STEP), values);
  }
  return seFinding(values);
}

/** A mark for every name: the page's status on its own page, else the status its list entry shows. */
export function decideMarks(hits: readonly NameHit[], page: AgreementPage | null, words: PortalWords = BUILTIN_WORDS): Mark[] {
  return hits.map((hit) => {
    if (page && page.anchors.includes(hit.element)) {
      // No status field: the status the name's own entry shows (a card holding the whole agreement).
      const entry = page.status === null ? findRow(hit.element, words) : null;
      const reading = page.status ?? (entry ? readRowStatus(entry, hit.element, words) : null);
      return { element: hit.element, id: hit.id, name: hit.name, status: reading?.status ?? 'unknown', statusText: reading?.text ?? '', row: null };
    }
    const row = findRow(hit.element, words);
    const reading = row ? readRowStatus(row, hit.element, words) : null;
    const status = reading?.status ?? 'unknown';
    return { element: hit.element, id: hit.id, name: hit.name, status, statusText: reading?.text ?? '', row };
  });
}

/** Which status to report when one page shows an agreement more than once: the one with work left wins. */
const REPORT_ORDER: readonly AgreementStatus[] = ['pending', 'rejected', 'ended', 'approved', 'unknown'];

/**
 * Observations for the store: one per agreement on the page. An unknown status is left out so it never
 * hides a status seen before; an agreement's own page speaks for it over any list on the same page.
 */
export function decideObservations(marks: Iterable<Mark>, page: AgreementPage | null, url: string): Observation[] {
  const byId = new Map<string, Observation>();
  /** The page's own status: its status field, else what its title's mark shows (no status field). */
  let pageStatus: { status: AgreementStatus; text: string } | null = page?.status ?? null;
  for (const mark of marks) {
    if (page && page.id === mark.id) {
      if (pageStatus === null && mark.status !== 'unknown' && page.anchors.includes(mark.element)) pageStatus = { status: mark.status, text: mark.statusText };
      continue;
    }
    const before = byId.get(mark.id);
    if (before && REPORT_ORDER.indexOf(before.status ?? 'unknown') <= REPORT_ORDER.indexOf(mark.status)) continue;
    byId.set(mark.id, observe(mark.id, mark.name, url, mark.status, mark.statusText));
  }
  if (page) {
    const observation = observe(page.id, page.name, url, pageStatus?.status ?? 'unknown', pageStatus?.text ?? '');
    if (page.se) observation.se = page.se;
    byId.set(page.id, observation);
  }
  return [...byId.values()];
}

/** One observation; an unknown status is left out so it never hides a status seen before. */
function observe(id: string, name: string, url: string, status: AgreementStatus, statusText: string): Observation {
  const observation: Observation = { id, name, url };
  if (status !== 'unknown') {
    observation.status = status;
    observation.statusText = statusText;
  }
  return observation;
}
