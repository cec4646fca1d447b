/**
 * The SE banner on the page of an agreement whose SE number must be verified (SF0770_A, SF0770_E).
 * One host element at the top of the page with an open shadow root. Public test hooks on the host
 * (README): data-aftaletjek-se = verdict, data-aftaletjek-se-found = the number(s) found, role="alert"
 * for a mismatch. At most one banner exists, and only while its agreement's page is shown.
 */
import { suspectNumbers } from '../../core/se';
import type { SeCheck } from '../../core/types';
import { t } from '../../shared/i18n';
import { h } from './dom';
import { createShadowHost, type ShadowHost } from './shadow';

export const SE_ATTR = 'data-aftaletjek-se';
export const SE_FOUND_ATTR = 'data-aftaletjek-se-found';
export const SE_AGREEMENT_ATTR = 'data-aftaletjek-se-agreement';
const HOST_TAG = 'aftaletjek-banner';

export interface BannerModel {
  agreementId: string;
  se: SeCheck;
  /** The ready-made Danish message for the KLIK task (mismatch only). */
  klikMessage: string;
}

export interface BannerActions {
  openOptions(): void;
}

/** "55133018 og 13748136". */
export function joinNumbers(numbers: readonly string[]): string {
  return numbers.length <= 1 ? (numbers[0] ?? '') : `${numbers.slice(0, -1).join(', ')} ${t('content_list_and')} ${numbers.at(-1)}`;
}

/** Clipboard API first; where it is refused (no focus, policy), a selection copy inside our shadow root. */
async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = root.ownerDocument.createElement('textarea');
    area.value = text;
    root.append(area);
    area.select();
    const copied = root.ownerDocument.execCommand('copy');
    area.remove();
    return copied;
  }
}

const CSS = `
:host { all: initial; display: block !important; position: relative; z-index: 2147483000; }
* { box-sizing: border-box; }
.banner {
  display: flex; gap: 14px; align-items: flex-start;
  padding: 14px 24px; border-left: 6px solid; border-bottom: 1px solid;
  font: 15px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif;
}
.icon {
  flex: none; width: 28px; height: 28px; border-radius: 50%;
  display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 16px;
}
.text { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 700; }
.body { margin: 2px 0 0; }
.note { margin: 6px 0 0; font-weight: 600; }
.actions { margin-top: 10px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; }
.brand { flex: none; margin-left: auto; font-size: 12px; color: #4a5561; white-space: nowrap; }
button {
  font: inherit; font-weight: 600; border: 0; border-radius: 4px; padding: 7px 14px; cursor: pointer; color: #fff;
}
button:focus-visible, summary:focus-visible { outline: 3px solid #1d5fa8; outline-offset: 2px; }
details { margin-top: 8px; }
summary { cursor: pointer; }
.message {
  margin: 6px 0 0; padding: 8px 10px; max-width: 70em; background: #fff; border: 1px solid #c9b3b3; border-radius: 4px;
  white-space: pre-wrap; user-select: all; color: #1f1f1f;
}
.mismatch { background: #fdecec; border-color: #b3261e; color: #3a0b09; }
.mismatch .title { color: #8c1d18; }
.mismatch .icon, .mismatch button { background: #b3261e; }
.match { background: #eef7f1; border-color: #2e7d4f; color: #14361f; padding-block: 8px; }
.match .icon { background: #2e7d4f; width: 22px; height: 22px; font-size: 13px; }
.match .title { font-size: 15px; }
.match .title .body { font-weight: 400; }
.missing { background: #fff5e0; border-color: #b86e00; color: #3d2800; }
.missing .icon { background: #9a5b00; }
.unconfigured { background: #eaf2fb; border-color: #1d5fa8; color: #0f2a4a; }
.unconfigured .icon, .unconfigured button { background: #1d5fa8; }
`;

/** The banner's content for one model; the copy button updates its own status line. */
function bannerView(doc: Document, root: ShadowRoot, model: BannerModel, actions: BannerActions): HTMLElement {
  const { se } = model;
  const found = joinNumbers(se.found);
  const expected = se.expected ?? '';
  const p = (cls: string, text: string) => h(doc, 'p', { class: cls }, text);
  const suspects = suspectNumbers(se);
  const suspectNote = suspects.length > 0 && p('note', t('content_banner_suspect', joinNumbers(suspects)));
  const optionsButton = () =>
    h(doc, 'div', { class: 'actions' }, h(doc, 'button', { type: 'button', onclick: () => actions.openOptions() }, t('content_banner_open_options')));
  const banner = (tone: string, icon: string, ...content: (Node | false)[]) =>
    h(
      doc,
      'div',
      { class: `banner ${tone}` },
      h(doc, 'span', { class: 'icon', 'aria-hidden': 'true' }, icon),
      h(doc, 'div', { class: 'text' }, ...content),
      h(doc, 'span', { class: 'brand' }, `${t('content_banner_brand')} · ${model.agreementId}`),
    );

  switch (se.verdict) {
    case 'mismatch': {
      const several = se.found.length > 1;
      const copyStatus = h(doc, 'span', { role: 'status' });
      const details = h(doc, 'details', {}, h(doc, 'summary', {}, t('content_banner_show_message')), p('message', model.klikMessage));
      const onCopy = async () => {
        const copied = await copyText(model.klikMessage, root);
        copyStatus.textContent = t(copied ? 'content_banner_copied' : 'content_banner_copy_failed');
        if (!copied) details.setAttribute('open', '');
      };
      return banner(
        'mismatch',
        '!',
        p('title', t(several ? 'content_banner_ambiguous_title' : 'content_banner_mismatch_title')),
        p('body', t(several ? 'content_banner_ambiguous_body' : 'content_banner_mismatch_body', [found, expected])),
        p('body', t('content_banner_mismatch_action')),
        suspectNote,
        h(doc, 'div', { class: 'actions' }, h(doc, 'button', { type: 'button', onclick: () => void onCopy() }, t('content_banner_copy')), copyStatus),
        details,
      );
    }
    case 'match':
      return banner(
        'match',
        '✓',
        h(doc, 'p', { class: 'title' }, t('content_banner_match_title', found), ' ', h(doc, 'span', { class: 'body' }, t('content_banner_match_body'))),
        suspectNote,
      );
    case 'missing':
      return banner(
        'missing',
        '?',
        p('title', t('content_banner_missing_title')),
        p('body', t('content_banner_missing_body')),
        se.expected === null && p('body', t('content_banner_unconfigured_missing_body')),
        se.expected === null && optionsButton(),
      );
    case 'unconfigured':
      return banner(
        'unconfigured',
        'i',
        p('title', t('content_banner_unconfigured_title', found)),
        p('body', t('content_banner_unconfigured_body')),
        suspectNote,
        optionsButton(),
      );
  }
}

/** The one banner of a page: shown, updated in place, or removed. */
export class Banner {
  private shown: (ShadowHost & { key: string }) | null = null;

  constructor(
    private readonly doc: Document,
    private readonly actions: BannerActions,
  ) {}

  show(model: BannerModel): void {
    const key = JSON.stringify(model);
    if (this.shown?.key === key && this.shown.host.isConnected) return;
    this.shown ??= { ...createShadowHost(this.doc, HOST_TAG, CSS), key };
    const { host, root } = this.shown;
    if (this.shown.key !== key || root.childElementCount === 0) {
      this.shown.key = key;
      const { se } = model;
      host.setAttribute(SE_ATTR, se.verdict);
      host.setAttribute(SE_AGREEMENT_ATTR, model.agreementId);
      if (se.found.length > 0) host.setAttribute(SE_FOUND_ATTR, se.found.join(' '));
      else host.removeAttribute(SE_FOUND_ATTR);
      host.setAttribute('role', se.verdict === 'mismatch' ? 'alert' : 'status');
      root.replaceChildren(bannerView(this.doc, root, model, this.actions));
    }
    // Above the portal's body: the portal's layout and framework-owned nodes stay untouched.
    if (!host.isConnected) this.doc.documentElement.insertBefore(host, this.doc.body);
  }

  remove(): void {
    this.shown?.host.remove();
    this.shown = null;
  }
}
