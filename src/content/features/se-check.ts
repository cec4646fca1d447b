/**
 * The SE check: the banner on the page of an agreement whose SE number must be verified, and the guards on
 * the portal's Godkend and Afvis controls (./../overlay/guards.ts says when each asks).
 * Pages: the own page of SF0770_A / SF0770_E (banner, Godkend guard); list entries of such agreements
 * (Godkend guard, judged by what this tab read on their pages); every task agreement's page and list entry
 * (the reminder before Afvis).
 */
import { klikMessage } from '../../core/summary';
import type { OverlayContext } from '../context';
import type { AgreementPage, Mark } from '../decide';
import { Banner } from '../overlay/banner';
import { installGuards, type GuardTarget } from '../overlay/guards';
import type { PageScanner } from '../page-model';
import { ROW_SELECTOR } from '../portal';
import { composedClosest } from '../scan';
import type { Feature } from './feature';

/** How long a click that came while the page was being read waits for the reading, at most. */
const SETTLE_MS = 2000;

/** What the feature needs of the page watcher: whether a reading is under way, and its end. */
export interface Reading {
  busy(): boolean;
  idle(): Promise<void>;
}

export function initSeCheck(ctx: OverlayContext, scanner: PageScanner, reading: Reading): Feature {
  const banner = new Banner(ctx.doc, { openOptions: () => ctx.openOptions() });
  ctx.signal.addEventListener('abort', () => banner.remove());
  /** SE checks read on this tab's agreement pages, for approve controls in list entries. */
  const seRead = new Map<string, AgreementPage['se']>();
  let marks: ReadonlyMap<Element, Mark> = new Map();

  const seCheckOf = (id: string): GuardTarget['se'] => {
    const agreement = ctx.config().pack.agreements.find((a) => a.id === id);
    if (!agreement?.seCheck) return undefined;
    return seRead.get(id) ?? null;
  };

  /** The agreement a control acts on: the list entry it sits in (a marked row), else the agreement page. */
  const targetOf = (action: Element): GuardTarget | null => {
    const row = composedClosest(action, '[data-aftaletjek-row]');
    if (row) {
      const ids = new Set([...marks.values()].filter((mark) => mark.row === row).map((mark) => mark.id));
      const [id] = ids;
      if (id !== undefined && ids.size === 1) return { id, se: seCheckOf(id), messageField: null };
    }
    const current = scanner.pageNow();
    if (current) return { id: current.id, se: current.se ?? seCheckOf(current.id), messageField: current.messageField };
    // A control Aftaletjek cannot tie to one entry (a toolbar's "Godkend valgte", a row's menu drawn at the end
    // of the page, an expanded row's detail) approves something on this page: unless it sits in an entry that
    // names an agreement of its own (a look-alike), ask while an SE agreement on the page is not read as correct.
    // While an agreement's page is being read again, the click waits for the reading (settling) instead.
    if (scanner.visiting() && reading.busy()) return null;
    const entry = composedClosest(action, ROW_SELECTOR);
    if (entry && ctx.matcher().mayContain(entry.textContent ?? '')) return null;
    const unsure = [...new Set([...marks.values()].map((mark) => mark.id))].filter((id) => {
      const se = seCheckOf(id);
      return se !== undefined && se?.verdict !== 'match';
    });
    return unsure.length > 0 ? { id: unsure.join(' '), se: undefined, messageField: null, unsure } : null;
  };

  /** Only around an agreement's page: elsewhere a click never waits. */
  const settling = (): Promise<void> | null => {
    if (!scanner.visiting() || !reading.busy()) return null;
    return Promise.race([reading.idle(), new Promise<void>((resolve) => ctx.win.setTimeout(resolve, SETTLE_MS))]);
  };

  installGuards(ctx.doc, ctx.signal, { words: ctx.words, targetOf, settling }, ctx.onError);

  return {
    update(model, batch) {
      marks = model.marks;
      const { page } = model;
      // The banner belongs to the page it was shown on.
      if (batch.urlChanged) banner.remove();
      if (page?.se) {
        seRead.set(page.id, page.se);
        const se = page.se;
        banner.show({ agreementId: page.id, se, klikMessage: klikMessage(ctx.config().pack, page.name, se.found, se.expected) });
      } else {
        banner.remove();
      }
    },
    reset() {
      seRead.clear();
    },
  };
}
