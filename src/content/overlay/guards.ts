/**
 * Guards on the portal's own approve and reject controls, for the task's agreements:
 * - "Godkend" while the SE verdict is a mismatch: an explicit confirmation naming the mismatch;
 * - "Godkend" on an SE agreement whose SE number was not checked (not found on its page, no expected SE
 *   configured, or approved from a list where the number is not shown): a confirmation saying so and where
 *   to look;
 * - "Afvis": first a reminder of the task's rule to ask the supplier in the message field.
 * Controls are recognised by what a screen reader announces (src/content/read/page.ts actionKind), inside
 * open shadow roots too. The controls stay clickable; a confirmed click is passed on to the portal as a
 * click on the same control. One capture listener on window sees mouse clicks and keyboard activation
 * alike (Enter/Space on a button, Enter in a form) before any portal handler on the page's elements.
 */
import type { SeCheck } from '../../core/types';
import { t } from '../../shared/i18n';
import type { PortalWords } from '../../portal/words';
import { actionKind, isActionElement } from '../scan';
import { joinNumbers } from './banner';
import { askUser, type DialogContent } from './dialog';
import { isOwnNode } from './shadow';

/** The agreement a control acts on, as far as the overlay knows it. */
export interface GuardTarget {
  id: string;
  /** The SE check (remembered during the visit; null when never read); undefined for agreements without SE check. */
  se: SeCheck | null | undefined;
  /** The page's message field, for the reminder before Afvis. */
  messageField: HTMLElement | null;
  /**
   * Set when the control cannot be tied to one agreement: the SE agreements on the page whose SE number is
   * not read as correct (an approve then asks; a reject is let through, there is nothing to remind of).
   */
  unsure?: string[];
}

export interface GuardSource {
  words(): PortalWords;
  /**
   * Null when what the overlay knows of the page is current; else a promise that resolves once the page is
   * read again (bounded): a click on an approve or reject control that finds no target while the portal is
   * still re-rendering (a tab just switched, the address just changed) waits for it instead of passing.
   */
  settling(): Promise<void> | null;
  /** The agreement the control acts on: the agreement page on screen (or remembered during its visit), or the list entry it sits in. */
  targetOf(action: Element): GuardTarget | null;
}

export type Guard =
  | { kind: 'approve-mismatch'; se: SeCheck }
  | { kind: 'approve-unchecked'; se: SeCheck | null }
  | { kind: 'approve-unsure'; ids: string[] }
  | { kind: 'reject-reminder'; field: HTMLElement | null };

/** Which guard a control's activation needs, or null to let it through. */
export function guardFor(kind: 'approve' | 'reject', target: GuardTarget): Guard | null {
  if (target.unsure) return kind === 'approve' && target.unsure.length > 0 ? { kind: 'approve-unsure', ids: target.unsure } : null;
  if (kind === 'reject') return { kind: 'reject-reminder', field: target.messageField };
  const se = target.se;
  if (se === undefined) return null;
  if (se?.verdict === 'mismatch') return { kind: 'approve-mismatch', se };
  if (se === null || se.verdict === 'missing' || se.verdict === 'unconfigured') return { kind: 'approve-unchecked', se };
  return null;
}

/** The portal control a click is on; null for clicks in Aftaletjek's own UI (its dialog says "Godkend alligevel"). */
function actionOf(event: Event): Element | null {
  const path = event.composedPath().filter((target): target is Element => target instanceof Element);
  if (path.some(isOwnNode)) return null;
  return path.find(isActionElement) ?? null;
}

function approveDialog(guard: Extract<Guard, { kind: 'approve-mismatch' | 'approve-unchecked' | 'approve-unsure' }>): DialogContent<'approve' | 'cancel'> {
  const choices: DialogContent<'approve' | 'cancel'>['choices'] = [
    { value: 'approve', label: t('content_guard_approve_confirm') },
    { value: 'cancel', label: t('content_guard_approve_cancel'), primary: true },
  ];
  if (guard.kind === 'approve-unsure') {
    return { tone: 'danger', title: t('content_guard_unsure_title'), body: t('content_guard_unsure_body', joinNumbers(guard.ids)), choices };
  }
  if (guard.kind === 'approve-mismatch') {
    const found = joinNumbers(guard.se.found);
    return { tone: 'danger', title: t('content_guard_approve_title'), body: t('content_guard_approve_body', [found, guard.se.expected ?? '']), choices };
  }
  const se = guard.se;
  const body =
    se !== null && se.found.length > 0
      ? t('content_guard_unchecked_unconfigured_body', joinNumbers(se.found))
      : se?.expected
        ? t('content_guard_unchecked_body', se.expected)
        : t('content_guard_unchecked_no_expected_body');
  return { tone: 'danger', title: t('content_guard_unchecked_title'), body, choices };
}

/** How long a confirmed "Godkend alligevel" covers a repeated click (the portal's own "are you sure?" step). */
const CONFIRMATION_MS = 120_000;

/** Installs the guards for the content script's lifetime; `onError` logs without throwing into the page. */
export function installGuards(doc: Document, signal: AbortSignal, source: GuardSource, onError: (error: unknown) => void): void {
  let passThrough: Element | null = null;
  let asking = false;
  const confirmed = new Map<string, number>();

  /** The key that activated the control being asked about, when it was a key (see onKey); null for a click. */
  let activationKey: 'Enter' | ' ' | null = null;

  /** Passes a confirmed activation on to the portal the way it came: a click, or the same key on the same control. */
  const proceed = (action: Element) => {
    if (!action.isConnected) return;
    const key = activationKey;
    passThrough = action;
    try {
      if (key === null) (action as HTMLElement).click();
      else {
        const init = { key, code: key === ' ' ? 'Space' : 'Enter', bubbles: true, composed: true, cancelable: true };
        action.dispatchEvent(new KeyboardEvent('keydown', init));
        if (key === ' ') action.dispatchEvent(new KeyboardEvent('keyup', init));
      }
    } finally {
      passThrough = null;
    }
  };

  const ask = async (guard: Guard, action: Element, key: string) => {
    asking = true;
    try {
      const brand = t('extName');
      if (guard.kind === 'reject-reminder') {
        const field = guard.field;
        const choice = await askUser(
          doc,
          {
            tone: 'caution',
            title: t('content_guard_reject_title'),
            body: t('content_guard_reject_body'),
            choices: [
              { value: 'reject', label: t('content_guard_reject_confirm') },
              field
                ? { value: 'write', label: t('content_guard_reject_write'), primary: true }
                : { value: 'cancel', label: t('content_guard_reject_cancel'), primary: true },
            ],
          },
          brand,
        );
        if (choice === 'reject') proceed(action);
        else if (choice === 'write' && field?.isConnected) {
          field.scrollIntoView({ block: 'center' });
          field.focus();
        }
        return;
      }
      const choice = await askUser(doc, approveDialog(guard), brand);
      if (choice === 'approve') {
        confirmed.set(key, Date.now());
        proceed(action);
      }
    } finally {
      asking = false;
    }
  };

  /** The guard a control's activation needs now, with its confirmation key; null to let it through. */
  const decide = (action: Element, kind: 'approve' | 'reject'): { guard: Guard; key: string } | null => {
    const target = source.targetOf(action);
    if (!target) return null;
    const guard = guardFor(kind, target);
    if (!guard) return null;
    const key = JSON.stringify([target.id, guard.kind, 'se' in guard ? guard.se : null]);
    const at = confirmed.get(key);
    if (guard.kind !== 'reject-reminder' && at !== undefined && Date.now() - at < CONFIRMATION_MS) return null;
    return { guard, key };
  };

  /** The page was still being read when the click came: decide once it is read, then ask or pass the click on. */
  const decideLater = async (action: Element, kind: 'approve' | 'reject', settling: Promise<void>) => {
    asking = true;
    try {
      await settling;
    } finally {
      asking = false;
    }
    const decided = decide(action, kind);
    if (decided) await ask(decided.guard, action, decided.key);
    else proceed(action);
  };

  const onClick = (event: MouseEvent) => {
    try {
      const action = actionOf(event);
      if (!action || action === passThrough) return;
      const kind = actionKind(action, source.words());
      if (!kind) return;
      const decided = decide(action, kind);
      const settling = decided === null && source.targetOf(action) === null ? source.settling() : null;
      if (!decided && !settling) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (asking) return;
      if (decided) ask(decided.guard, action, decided.key).catch(onError);
      else if (settling) decideLater(action, kind, settling).catch(onError);
    } catch (error) {
      onError(error);
    }
  };

  /**
   * Keyboard activation of a control the browser does not turn into a click: an element with role=button
   * (or menuitem, link) that handles Enter on keydown and Space on keyup itself, as the ARIA button pattern
   * does. Native buttons, input buttons and links fire a click (onClick), and so do component library hosts
   * wrapping a native button; those are left to onClick.
   */
  const onKey = (event: KeyboardEvent) => {
    try {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      if (event.key === 'Enter' && event.type !== 'keydown') return;
      const action = actionOf(event);
      if (!action || action === passThrough || firesClick(action)) return;
      const kind = actionKind(action, source.words());
      if (!kind) return;
      const decided = decide(action, kind);
      // Space activates on keyup: its keyup is held too while the question is open.
      if (!decided && !(asking && event.type === 'keyup')) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (asking || !decided || event.type !== 'keydown') return;
      activationKey = event.key;
      ask(decided.guard, action, decided.key)
        .finally(() => (activationKey = null))
        .catch(onError);
    } catch (error) {
      onError(error);
    }
  };

  const win = doc.defaultView;
  win?.addEventListener('click', onClick, { capture: true, signal });
  win?.addEventListener('keydown', onKey, { capture: true, signal });
  win?.addEventListener('keyup', onKey, { capture: true, signal });
}

/** Controls the browser itself activates with a click on Enter or Space. */
function firesClick(el: Element): boolean {
  const name = el.localName;
  return name === 'button' || name === 'input' || name === 'summary' || (name === 'a' && el.hasAttribute('href')) || name.includes('-');
}
