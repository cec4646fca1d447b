/**
 * Portal shapes closer to a modern admin app (test/fixtures/portal/rigtig/): web components with open
 * shadow roots, key/value parameter tables, icon-labelled controls, tabs that render their panel on demand,
 * truncated names with the full name in title/aria-label, and same-origin frames (src and srcdoc).
 * The component pages (rigtig/komponenter) render their data 600 ms after load, as from a JSON API: into
 * their shadow roots only, with no change to the light DOM at all (a MutationObserver on the document sees nothing).
 * Used by test/e2e/real-portal.e2e.ts and test/e2e/adversarial.e2e.ts (both browsers): the fixtures' paths,
 * what each must show, and readers of the overlay's public hooks that look everywhere a user sees the page:
 * the document, every open shadow root and every same-origin frame (deeply).
 *
 * The readers run in the page. They are written as TypeScript functions but sent as source text (with the
 * deep walker passed in), so that they run in a page or any of its frames through `evaluate(string)`.
 */

import { bannerFacts, configure, type BannerInfo } from './overlay';

// ---- The fixtures and what they must show ----

export const SHADOW_LIST = '/rigtig/komponenter/aftaler';
export const SHADOW_AGREEMENT = '/rigtig/komponenter/aftale?id=b1c4e7a2-0770-4a01-9d3e-5e2f6a7b8c01';
export const KV_TABLE = '/rigtig/parametre/sf0770-e';
export const KV_TECHNICAL = '/rigtig/parametre/sf0770-e-teknisk';
export const ICON_MATERIAL = '/rigtig/ikoner/sf0770-a-material';
export const ICON_TOOLBAR = '/rigtig/ikoner/sf0770-e-vaerktoejer';
export const ICON_LINKS = '/rigtig/ikoner/sf0770-a-links';
export const TABS = '/rigtig/faner/sf0770-a';
export const TRUNCATED = '/rigtig/afkortet/aftaler';
export const FRAME_LIST = '/rigtig/rammer/liste';
export const FRAME_LIST_INNER = '/rigtig/rammer/liste-indhold';
export const FRAME_AGREEMENT = '/rigtig/rammer/aftale';
export const FRAME_AGREEMENT_INNER = '/rigtig/rammer/aftale-indhold';
export const FRAME_SRCDOC = '/rigtig/rammer/srcdoc';

const A = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';
const E = 'SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP PROD – Aarhus Kommune';

/**
 * [full name of a link (its title, aria-label or text), the mark it must carry or null]: every name link of
 * a list fixture, in document order. Look-alikes (older version, other IT system, other municipality) get null.
 */
export type LinkExpectation = [string, string | null];

export const SHADOW_LIST_LINKS: LinkExpectation[] = [
  [A, 'SF0770_A:pending'],
  ['SF0770_A - SKAT Indkomst - Opslag personoplysninger v2 - KP PROD – Aarhus Kommune', null],
  [E, 'SF0770_E:approved'],
  ['SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP TEST – Aarhus Kommune', null],
  ['SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'SF1470:pending'],
  ['SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune', 'SF1490:rejected'],
  ['SF1490 - Ydelsesindeks V3 - KP PROD – Odder Kommune', null],
  ['SF1470 - Sags- og Dokumentindeks V3 - Momentum PROD – Aarhus Kommune', null],
  ['SF1320 – CPR Hændelser', 'SF1320:pending'],
];

/**
 * The truncated list shows the shadow list's names but the Momentum one, cut short on screen: the v2 link has
 * the same visible text as the v3 one above it ("…personoplys…") and its title says v2; the KP TEST link's
 * aria-label says KP TEST; the Odder link's visible text ends "… KP PROD – …" and its title names Odder Kommune.
 */
export const TRUNCATED_LINKS: LinkExpectation[] = SHADOW_LIST_LINKS.filter(([name]) => !name.includes('Momentum PROD'));

export const FRAME_LIST_LINKS: LinkExpectation[] = [
  [A, 'SF0770_A:pending'],
  ['SF0770_A - SKAT Indkomst - Opslag personoplysninger v2 - KP PROD – Aarhus Kommune', null],
  [E, 'SF0770_E:pending'],
  ['SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'SF1470:approved'],
  ['SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune', 'SF1490:approved'],
  ['SF1320 – CPR Hændelser', 'SF1320:pending'],
  ['SF1320 – CPR Hændelser - KP PROD – Odder Kommune', null],
];

/** What the frame list records in progress (through the background, so the popup shows it). */
export const FRAME_LIST_PROGRESS = { SF0770_A: 'pending', SF0770_E: 'pending', SF1470: 'approved', SF1490: 'approved', SF1320: 'pending' };

export const SRCDOC_LINKS: LinkExpectation[] = [
  [E, 'SF0770_E:approved'],
  ['SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - Momentum PROD – Aarhus Kommune', null],
  ['SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune', 'SF1490:pending'],
];

/** The marks a list of link expectations amounts to, sorted like `deepMarkSummary`. */
export const marksOf = (links: LinkExpectation[]) => links.flatMap(([, mark]) => (mark ? [mark] : [])).sort();

/** [path, agreement, verdict, found, the shape] for each SE agreement fixture of this set. */
export const REAL_SE_CASES: [string, string, string, string | null, string][] = [
  [SHADOW_AGREEMENT, 'SF0770_A', 'mismatch', '38025341', 'web components: every field in nested open shadow roots'],
  [KV_TABLE, 'SF0770_E', 'mismatch', '38025341', 'Parameter | Værdi table, grouped digits, a CVR equal to the expected SE'],
  [KV_TECHNICAL, 'SF0770_E', 'match', '29189757', 'th scope=row technical keys, AbonnentSENummer'],
  [ICON_MATERIAL, 'SF0770_A', 'mismatch', '55133018', 'material icon buttons'],
  [ICON_TOOLBAR, 'SF0770_E', 'mismatch', '38025341', 'icon-only toolbar and a form'],
  [ICON_LINKS, 'SF0770_A', 'mismatch', '38025341', 'link buttons'],
];

/** The dialog's words for an SE mismatch, for the fixtures' wrong numbers. */
export const mismatchWords = (found: string) => `Aftalen angiver SE-nr. ${found}, men kommunens SE-nr. er 29189757.`;

/**
 * The approve controls of the icon fixtures: [page, how the control is found (role and accessible name), its shape].
 * Each must be held by the dialog while the SE number is wrong.
 */
export interface ControlQuery {
  role: 'button' | 'tab' | 'link' | 'menuitem' | 'radio';
  /**
   * The accessible name, exactly. Where an icon ligature sits beside the words ("check" + "Godkend"), browsers
   * differ on the space between them, so names are compared without whitespace.
   */
  name: string;
}
export const HELD_APPROVE_CONTROLS: [string, ControlQuery, string][] = [
  [ICON_MATERIAL, { role: 'button', name: 'check Godkend' }, '<button><span class="material-icons">check</span>Godkend</button>'],
  [ICON_TOOLBAR, { role: 'button', name: 'Godkend serviceaftale' }, 'icon-only <button aria-label="Godkend serviceaftale"><svg>'],
  [ICON_TOOLBAR, { role: 'button', name: 'Godkend' }, '<input type="submit" value="Godkend"> in a form'],
  [ICON_LINKS, { role: 'button', name: 'Godkend aftale' }, '<a role="button" href="#">Godkend aftale</a>'],
];

/** The reject controls of the same pages: each gets the reminder to ask the supplier first. */
export const HELD_REJECT_CONTROLS: [string, ControlQuery, string][] = [
  [ICON_MATERIAL, { role: 'button', name: 'close Afvis' }, 'material icon button'],
  [ICON_TOOLBAR, { role: 'button', name: 'Afvis serviceaftale' }, 'icon-only button'],
  [ICON_LINKS, { role: 'button', name: 'Afvis aftale' }, 'link button'],
];

/** Controls whose names contain "godkend" but that approve nothing: never held, even on an SE mismatch. */
export const NEVER_HELD_CONTROLS: [string, ControlQuery, string][] = [
  [ICON_MATERIAL, { role: 'tab', name: 'Godkendte aftaler' }, 'a tab <a role="tab">'],
  [ICON_MATERIAL, { role: 'button', name: 'history Vis godkendelser' }, 'a button with an icon'],
  [ICON_TOOLBAR, { role: 'button', name: 'Vis godkendelser' }, 'a button'],
  [ICON_LINKS, { role: 'button', name: 'Vis godkendelser' }, 'a link button'],
  // Opened on its Parametre tab, so the SE number is known to be wrong.
  [`${TABS}#parametre`, { role: 'tab', name: 'Godkend' }, 'the tab "Godkend" (<button role="tab">)'],
];

/** The shadow agreement page's approve control: a <fkam-button> whose shadow holds <button><slot>. */
export const SHADOW_APPROVE: ControlQuery = { role: 'button', name: 'Godkend' };
export const SHADOW_REJECT: ControlQuery = { role: 'button', name: 'Afvis' };

// ---- Page access ----

/** Any page or frame (puppeteer's `evaluate` takes an expression as a string). */
export interface ExpressionPage {
  evaluate(expression: string): Promise<unknown>;
}

/**
 * In the page: every element matching `selector` in the document, in every open shadow root and in every
 * same-origin frame (src or srcdoc), depth first in document order; `doc` names the document it is in
 * ("top", a frame's path, or "srcdoc").
 */
export function deepQuery(selector: string): { el: Element; doc: string }[] {
  const out: { el: Element; doc: string }[] = [];
  const visit = (root: Document | ShadowRoot, doc: string) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector)) out.push({ el, doc });
      if (el.shadowRoot) visit(el.shadowRoot, doc);
      if (el.localName === 'iframe' || el.localName === 'frame') {
        let inner: Document | null;
        try {
          inner = (el as HTMLIFrameElement).contentDocument;
        } catch {
          inner = null;
        }
        if (inner?.documentElement) visit(inner, inner.location.href === 'about:srcdoc' ? 'srcdoc' : inner.location.pathname);
      }
    }
  };
  visit(document, 'top');
  return out;
}

type Deep = typeof deepQuery;

/** Runs `fn(deepQuery, arg)` in the page and returns its (JSON) result. */
export async function inPage<A, R>(page: ExpressionPage, fn: (deep: Deep, arg: A) => R, arg: A): Promise<Awaited<R>> {
  return (await page.evaluate(`(${fn.toString()})(${deepQuery.toString()}, ${JSON.stringify(arg ?? null)})`)) as Awaited<R>;
}

// ---- Readers ----

export interface DeepMark {
  id: string;
  status: string;
  tag: string;
  /** The element's full name: title, aria-label or text. */
  label: string;
  /** The document it is in ("top", a frame's path, "srcdoc"), and whether it sits in a shadow root. */
  doc: string;
  inShadow: boolean;
}

/** Every recognised element, anywhere. */
export function deepMarks(page: ExpressionPage): Promise<DeepMark[]> {
  return inPage(
    page,
    (deep) =>
      deep('[data-aftaletjek-agreement]').map(({ el, doc }) => ({
        id: el.getAttribute('data-aftaletjek-agreement') ?? '',
        status: el.getAttribute('data-aftaletjek-status') ?? '',
        tag: el.localName,
        label: (el.getAttribute('title') || el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim(),
        doc,
        inShadow: el.getRootNode() instanceof ShadowRoot,
      })),
    null,
  );
}

/** "SF0770_A:pending" for each mark anywhere, sorted. */
export async function deepMarkSummary(page: ExpressionPage): Promise<string[]> {
  return (await deepMarks(page)).map((m) => `${m.id}:${m.status}`).sort();
}

/**
 * Every link anywhere (in `doc` only, if given) as [full name, its mark or null]: the full name is the
 * link's title, else its aria-label, else its text; the mark "id:status" is the link's own or that of the
 * element inside it that carries one.
 */
export function deepLinks(page: ExpressionPage, doc?: string): Promise<LinkExpectation[]> {
  return inPage(
    page,
    (deep, only) =>
      deep('a[href]')
        .filter((hit) => only === null || hit.doc === only)
        .map(({ el }) => {
          const marked = el.hasAttribute('data-aftaletjek-agreement') ? el : el.querySelector('[data-aftaletjek-agreement]');
          const label = (el.getAttribute('title') || el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
          const mark = marked ? `${marked.getAttribute('data-aftaletjek-agreement')}:${marked.getAttribute('data-aftaletjek-status')}` : null;
          return [label, mark] as [string, string | null];
        })
        // Navigation links of the app shell name no agreement.
        .filter(([label]) => /^SF\d{4}/.test(label)),
    doc ?? null,
  );
}

export interface DeepBanner extends BannerInfo {
  /** The document the banner is in. */
  doc: string | null;
}

/** The banner anywhere (`count`: banners in all documents; at most one may exist). */
export async function deepBanner(page: ExpressionPage): Promise<DeepBanner> {
  const expression = `(() => {
    const hits = (${deepQuery.toString()})('[data-aftaletjek-se]');
    return { ...(${bannerFacts.toString()})(hits.map((hit) => hit.el)), doc: hits[0]?.doc ?? null };
  })()`;
  return (await page.evaluate(expression)) as DeepBanner;
}

/** The text of Aftaletjek's open dialog in any document, or null. */
export function deepDialogText(page: ExpressionPage): Promise<string | null> {
  return inPage(
    page,
    (deep) => {
      for (const { el } of deep('aftaletjek-dialog')) {
        const dialog = el.shadowRoot?.querySelector('dialog');
        if (dialog?.open) return dialog.textContent!.replace(/\s+/g, ' ').trim();
      }
      return null;
    },
    null,
  );
}

/**
 * How often the portal's own handlers ran, summed over all documents (the fixtures count on <body>:
 * data-portal-approved, -rejected, and -other for controls that approve nothing).
 */
export function deepPortalCounts(page: ExpressionPage): Promise<{ approved: number; rejected: number; other: number }> {
  return inPage(
    page,
    (deep) => {
      const counts = { approved: 0, rejected: 0, other: 0 };
      for (const { el } of deep('body')) {
        const data = (el as HTMLElement).dataset;
        counts.approved += Number(data.portalApproved ?? 0);
        counts.rejected += Number(data.portalRejected ?? 0);
        counts.other += Number(data.portalOther ?? 0);
      }
      return counts;
    },
    null,
  );
}

/**
 * In the page: every visible control with `role` and exactly the accessible name `name`, searched deeply
 * (open shadow roots, same-origin frames); in Aftaletjek's own dialog when `inDialog`, never there otherwise.
 * The name is computed as browsers do for these shapes: aria-label, else aria-labelledby, else an input's
 * value, else the text of the flattened tree (slots resolved to what is assigned to them); compared without
 * whitespace (browsers differ on the space between an icon ligature and the words beside it).
 */
export function controlCandidates(deep: Deep, query: { role: string; name: string; inDialog?: boolean }): Element[] {
  const roleSelector: Record<string, string> = {
    button: 'button:not([role]), [role="button"], input[type="submit"]:not([role]), input[type="button"]:not([role])',
    tab: '[role="tab"]',
    link: 'a[href]:not([role])',
    menuitem: '[role="menuitem"]',
    radio: 'input[type="radio"]:not([role]), [role="radio"]',
  };
  const flatText = (node: Node): string => {
    if (node.nodeType === 3) return (node as Text).data;
    if (node.nodeType !== 1) return '';
    const el = node as Element;
    if (el.localName === 'slot') {
      const assigned = (el as HTMLSlotElement).assignedNodes({ flatten: true });
      return (assigned.length ? assigned : [...el.childNodes]).map(flatText).join('');
    }
    if (['script', 'style', 'template'].includes(el.localName)) return '';
    const children = el.shadowRoot ? [...el.shadowRoot.childNodes] : [...el.childNodes];
    return children.map(flatText).join('');
  };
  const labelText = (el: Element): string => {
    const labels = [...((el as HTMLInputElement).labels ?? [])];
    return labels.map((l) => flatText(l)).join(' ');
  };
  const nameOf = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const root = el.getRootNode() as Document | ShadowRoot;
      return by
        .split(/\s+/)
        .map((id) => root.getElementById?.(id)?.textContent ?? '')
        .join(' ');
    }
    if (el.localName === 'input')
      return (el as HTMLInputElement).type === 'radio' || (el as HTMLInputElement).type === 'checkbox' ? labelText(el) : (el as HTMLInputElement).value;
    return flatText(el);
  };
  const squash = (s: string) => s.replace(/\s+/g, '');
  return deep(roleSelector[query.role] ?? `[role="${query.role}"]`)
    .map(({ el }) => el)
    .filter((el) => {
      // (A frame's shadow roots are of the frame's realm: no instanceof here.)
      let root = el.getRootNode() as Node & { host?: Element };
      let inDialog = false;
      while (root.nodeType === 11 && root.host) {
        if (root.host.localName === 'aftaletjek-dialog') inDialog = true;
        root = root.host.getRootNode() as Node & { host?: Element };
      }
      return inDialog === Boolean(query.inDialog);
    })
    .filter((el) => el.getClientRects().length > 0 && squash(nameOf(el)) === squash(query.name));
}

/** The expression that returns the controls `controlCandidates` finds, as an array (for `evaluateHandle`). */
export function controlsExpression(query: ControlQuery & { inDialog?: boolean }): string {
  return `(${controlCandidates.toString()})(${deepQuery.toString()}, ${JSON.stringify(query)})`;
}

/** The names of every control of `role`, deeply (roughly as `controlCandidates` computes them): for failure messages. */
export function controlNames(page: ExpressionPage, role: ControlQuery['role']): Promise<string[]> {
  return inPage(
    page,
    (deep, r) => {
      const selector =
        r === 'button'
          ? 'button:not([role]), [role="button"], input[type="submit"], input[type="button"]'
          : r === 'link'
            ? 'a[href]:not([role])'
            : r === 'radio'
              ? 'input[type="radio"], [role="radio"]'
              : `[role="${r}"]`;
      return deep(selector).map(({ el }) =>
        (el.getAttribute('aria-label') || (el as HTMLInputElement).value || el.textContent || '').replace(/\s+/g, ' ').trim(),
      );
    },
    role,
  );
}

// ---- Popup ----

export interface PopupAgreement {
  status: string | null;
  se: string | null;
}

/** The popup's agreements (id → status and SE verdict), its progress hook and its KLIK-message agreement. */
export async function readPopup(page: ExpressionPage): Promise<{ progress: string | null; klik: string | null; agreements: Record<string, PopupAgreement> }> {
  return inPage(
    page,
    () => ({
      progress: document.querySelector('[data-aftaletjek-progress]')?.getAttribute('data-aftaletjek-progress') ?? null,
      klik: document.querySelector('[data-aftaletjek-klik]')?.getAttribute('data-aftaletjek-klik') ?? null,
      agreements: Object.fromEntries(
        [...document.querySelectorAll('[data-aftaletjek-agreement]')].map((el) => [
          el.getAttribute('data-aftaletjek-agreement'),
          { status: el.getAttribute('data-aftaletjek-status'), se: el.getAttribute('data-aftaletjek-se') },
        ]),
      ),
    }),
    null,
  );
}

// ---- Storage ----

/** Empties storage and writes the demo settings again: progress starts from nothing. */
export async function resetProgress(session: { clearStorage(): Promise<void>; setStorage(items: Record<string, unknown>): Promise<void> }): Promise<void> {
  await session.clearStorage();
  await configure(session);
}

/** The wrong SE number a mismatch fixture of this set carries. */
export function wrongSeOf(path: string): string {
  const found = REAL_SE_CASES.find(([p]) => p === path.replace(/#.*$/, ''))?.[3];
  if (found) return found;
  if (path.startsWith(TABS)) return '38025341';
  throw new Error(`no SE case for ${path}`);
}
