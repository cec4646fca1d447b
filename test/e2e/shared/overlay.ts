/**
 * Browser-neutral parts of the overlay's end-to-end scenarios: the demo configuration, what each portal fixture must show, and readers
 * of the overlay's public hooks (data-aftaletjek-* attributes, the banner's open shadow root). The readers
 * take any page with `evaluate(fn)`: the function runs in the page, so it closes over nothing.
 */
import { expect } from 'vitest';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { SETTINGS_KEY, SETTINGS_VERSION } from '../../../src/store/settings';

export const MUNICIPALITY = 'Aarhus Kommune';
export const EXPECTED_SE = '29189757';
export const A_NAME = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';

/** The part of a page the readers use (a puppeteer Page, or a frame of one). */
export interface PageLike {
  evaluate(fn: () => unknown): Promise<unknown>;
}

/** The part of a test session the storage helpers use. */
export interface StorageLike {
  getStorage(): Promise<Record<string, unknown>>;
  setStorage(items: Record<string, unknown>): Promise<void>;
}

/** Writes the settings record the store reads (src/store/settings.ts), as the options page would. */
export async function configure(session: Pick<StorageLike, 'setStorage'>, settings: { municipality?: string; expectedSe?: string | null } = {}): Promise<void> {
  await session.setStorage({
    [SETTINGS_KEY]: {
      version: SETTINGS_VERSION,
      municipality: settings.municipality ?? MUNICIPALITY,
      expectedSe: settings.expectedSe === undefined ? EXPECTED_SE : settings.expectedSe,
      activePackId: BUILTIN_PACK.id,
      packs: [],
    },
  });
}

// ---- What the fixtures must show (test/fixtures/portal) ----

/** The task's five agreements as the Aarhus table fixture shows them. */
export const TABLE_AARHUS = ['SF0770_A:pending', 'SF0770_E:pending', 'SF1320:pending', 'SF1470:approved', 'SF1490:rejected'];

/** The Aarhus table with no municipality configured: the Odder rows count too. */
export const TABLE_ANY_MUNICIPALITY = [...TABLE_AARHUS, 'SF0770_A:pending', 'SF1320:pending'].sort();

/** [shape, path, marks] for each list fixture. */
export const LIST_CASES: [string, string, string[]][] = [
  ['a table', '/aftaler/tabel', TABLE_AARHUS],
  ['cards', '/aftaler/kort', ['SF0770_A:pending', 'SF0770_E:approved', 'SF1320:approved', 'SF1470:pending', 'SF1490:ended']],
  ['search results with highlighted codes', '/aftaler/liste', ['SF0770_A:pending', 'SF0770_E:rejected']],
];

/** The badge words beside each mark in the Danish UI, on the table fixture. */
export const TABLE_BADGES_DA = {
  SF0770_A: '● Mangler godkendelse',
  SF0770_E: '● Mangler godkendelse',
  SF1470: '✓ Godkendt',
  SF1490: '✕ Afvist',
  SF1320: '● Mangler godkendelse',
};

/** The table fixture's links left unmarked, in document order: the look-alikes. */
export const TABLE_LOOKALIKES = ['personoplysninger v2 - KP PROD', 'KP TEST', 'Momentum PROD', 'KMD Sag PROD', 'Odder Kommune', 'Odder Kommune', 'SF1500'];

/** Status of each agreement the table fixture records in progress. */
export const TABLE_PROGRESS = { SF0770_A: 'pending', SF0770_E: 'pending', SF1470: 'approved', SF1490: 'rejected', SF1320: 'pending' };

/** [path, agreement, verdict, found, the SE's label form] for each SE agreement fixture. */
export const SE_CASES: [string, string, string, string | null, string][] = [
  ['/aftale/sf0770-a-forkert-se', 'SF0770_A', 'mismatch', '55133018', 'dt/dd "SE-nummer"'],
  ['/aftale/sf0770-a-korrekt-se', 'SF0770_A', 'match', EXPECTED_SE, 'th/td "SE-nr." grouped, beside hidden SE numbers'],
  ['/aftale/sf0770-e-readonly', 'SF0770_E', 'match', EXPECTED_SE, 'label + read-only input "SE nr"; name and status in read-only fields'],
  ['/aftale/sf0770-e-inline', 'SF0770_E', 'mismatch', '66945529', 'inline "SE-nr.: …; Abonnementskode: …"'],
  ['/aftale/sf0770-a-mistaenkeligt-se', 'SF0770_A', 'mismatch', '13585627', 'aria-labelledby "SE-no."'],
  ['/aftale/sf0770-a-mangler-se', 'SF0770_A', 'missing', null, 'no SE, only CVR numbers'],
  ['/aftale/sf0770-e-to-se', 'SF0770_E', 'mismatch', `${EXPECTED_SE} 55133018`, 'two different SE numbers'],
];

/** [what, path, marks or undefined] for pages that must show no banner. */
export const NO_BANNER_CASES: [string, string, string[] | undefined][] = [
  ['an agreement without SE check', '/aftale/sf1470', ['SF1470:pending']],
  ['an older version of an SE agreement', '/aftale/sf0770-a-v2', []],
  ['a list', '/aftaler/tabel', undefined],
];

/** The single-page app's list (test/fixtures/portal/spa). */
export const SPA_LIST = ['SF0770_A:pending', 'SF0770_E:pending', 'SF1320:pending', 'SF1470:approved', 'SF1490:pending'];

/** The KLIK message the banner copies for the forkert-se fixture. */
export const KLIK_MESSAGE_FORKERT_SE =
  `SE-nummeret i serviceaftalen "${A_NAME}" er 55133018, men kommunens SE-nummer er 29189757. ` +
  'Netcompany bedes rette SE-nummeret i aftalen, så vi kan godkende den. Vi har ikke godkendt aftalen.';

/** The look-alike expectation in the form the tests compare with. */
export const lookalikeMatchers = () => TABLE_LOOKALIKES.map((text) => expect.stringContaining(text));

// ---- Readers ----

export interface MarkInfo {
  id: string;
  status: string;
  tag: string;
  /** The badge's words as assistive technology gets them: the aria-description of the name (or a field's label). */
  badge: string;
}

/** Every recognised element, in document order. */
export async function readMarks(page: PageLike): Promise<MarkInfo[]> {
  return (await page.evaluate(() =>
    [...document.querySelectorAll('[data-aftaletjek-agreement]')].map((el) => {
      const badgeEl = el.matches('input, textarea') ? ((el as HTMLInputElement).labels?.[0] ?? null) : el;
      return {
        id: el.getAttribute('data-aftaletjek-agreement') ?? '',
        status: el.getAttribute('data-aftaletjek-status') ?? '',
        tag: el.localName,
        badge: badgeEl?.getAttribute('aria-description') ?? '',
      };
    }),
  )) as MarkInfo[];
}

export interface DrawnBadge {
  agreement: string;
  words: string;
  kind: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The badges Aftaletjek's layer draws now (those placed on screen), with their place in the viewport. */
export async function readDrawnBadges(page: PageLike): Promise<DrawnBadge[]> {
  return (await page.evaluate(() =>
    [...(document.querySelector('aftaletjek-marks')?.shadowRoot?.querySelectorAll('.badge[data-kind]') ?? [])].map((badge) => {
      const r = badge.getBoundingClientRect();
      const el = badge as HTMLElement;
      return {
        agreement: el.dataset.agreement ?? '',
        words: el.textContent ?? '',
        kind: el.dataset.kind ?? '',
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
      };
    }),
  )) as DrawnBadge[];
}

/** "SF0770_A:pending" for each mark, sorted: compact to compare. */
export async function markSummary(page: PageLike): Promise<string[]> {
  return (await readMarks(page)).map((m) => `${m.id}:${m.status}`).sort();
}

export interface BannerInfo {
  count: number;
  se: string | null;
  found: string | null;
  agreement: string | null;
  role: string | null;
  text: string;
  height: number;
}

/**
 * In the page: what the first of `hosts` (Aftaletjek's banner hosts) says, and how many there are. Serialised
 * into the page by both readers (this document's banner here, any document's in real-portal's deepBanner).
 */
export function bannerFacts(hosts: ArrayLike<Element>): BannerInfo {
  const host = hosts[0];
  return {
    count: hosts.length,
    se: host?.getAttribute('data-aftaletjek-se') ?? null,
    found: host?.getAttribute('data-aftaletjek-se-found') ?? null,
    agreement: host?.getAttribute('data-aftaletjek-se-agreement') ?? null,
    role: host?.getAttribute('role') ?? null,
    text: host?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    height: host?.getBoundingClientRect().height ?? 0,
  };
}

export async function readBanner(page: PageLike & { evaluate(expression: string): Promise<unknown> }): Promise<BannerInfo> {
  return (await page.evaluate(`(${bannerFacts.toString()})(document.querySelectorAll('[data-aftaletjek-se]'))`)) as BannerInfo;
}

/** Row status and the background of its second cell, for each marked table row. */
export async function readRows(page: PageLike): Promise<{ status: string | null; background: string }[]> {
  return (await page.evaluate(() =>
    [...document.querySelectorAll<HTMLTableRowElement>('tr[data-aftaletjek-row]')].map((tr) => ({
      status: tr.getAttribute('data-aftaletjek-row'),
      background: getComputedStyle(tr.cells[1]!).backgroundColor,
    })),
  )) as { status: string | null; background: string }[];
}

/** The table's links that carry no mark, as text (the look-alikes). */
export async function unmarkedTableLinks(page: PageLike): Promise<string[]> {
  return (await page.evaluate(() =>
    [...document.querySelectorAll('tbody a')].filter((a) => !a.hasAttribute('data-aftaletjek-agreement')).map((a) => a.textContent!.replace(/\s+/g, ' ')),
  )) as string[];
}

/** How often the portal's own button handlers ran (the fixtures' scripts count them). */
export async function portalCounts(page: PageLike): Promise<{ approved: number; rejected: number }> {
  return (await page.evaluate(() => ({
    approved: Number(document.body.dataset.portalApproved ?? 0),
    rejected: Number(document.body.dataset.portalRejected ?? 0),
  }))) as { approved: number; rejected: number };
}

/** The text of Aftaletjek's open dialog, or null. */
export async function dialogText(page: PageLike): Promise<string | null> {
  return (await page.evaluate(() => {
    const dialog = document.querySelector('aftaletjek-dialog')?.shadowRoot?.querySelector('dialog');
    return dialog?.open ? dialog.textContent!.replace(/\s+/g, ' ').trim() : null;
  })) as string | null;
}

/** Stored progress of the built-in pack, by agreement id. */
export async function readProgress(
  session: Pick<StorageLike, 'getStorage'>,
): Promise<Record<string, { status: string; se: { verdict: string; found: string[] } | null; name: string }>> {
  const stored = await session.getStorage();
  const prefix = `progress.${BUILTIN_PACK.id}.`;
  return Object.fromEntries(
    Object.entries(stored)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value as never]),
  );
}

/** Stored status of each agreement of the built-in pack. */
export async function progressStatuses(session: Pick<StorageLike, 'getStorage'>): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await readProgress(session)).map(([id, p]) => [id, p.status]));
}

// ---- Guards while the portal re-renders, and buttons of component libraries ----

/**
 * Runs in the page: the portal switches the agreement page's tab the way an SPA may, changing the address
 * and rendering the whole page anew (new elements, SE parameter not shown), then the user's click on
 * Godkend lands before Aftaletjek has read the new render. Returns nothing; the test looks at the dialog.
 */
export function rerenderAndClickGodkend(): void {
  history.pushState(null, '', location.pathname + '/type');
  const main = document.querySelector('main')!;
  const copy = main.cloneNode(true) as HTMLElement;
  for (const el of [...copy.querySelectorAll('dt, dd')]) el.remove();
  main.replaceWith(copy);
  const button = copy.querySelector<HTMLButtonElement>('#godkend')!;
  button.addEventListener('click', () => (document.body.dataset.portalApproved = String(Number(document.body.dataset.portalApproved ?? 0) + 1)));
  button.click();
}

/** A component library's button with its inner button in a CLOSED shadow root, as Godkend on an SE mismatch page. */
export const CLOSED_BUTTON_SCRIPT = `
  customElements.define('lib-button', class extends HTMLElement {
    constructor() { super(); const root = this.attachShadow({ mode: 'closed' }); const b = document.createElement('button'); b.append(document.createElement('slot')); root.append(b); }
  });
`;

/** The SE mismatch fixture with its Godkend button as a <lib-button> (the fixture's own handler still counts approvals). */
export function withClosedGodkend(fixtureHtml: string): string {
  return fixtureHtml
    .replace(/<button[^>]*id="godkend"[^>]*>[^<]*<\/button>/, '<lib-button id="godkend">Godkend</lib-button>')
    .replace('<script src="/aftale/portal-actions.js">', `<script>${CLOSED_BUTTON_SCRIPT}</script><script src="/aftale/portal-actions.js">`);
}
