/**
 * Guards on the portal's own buttons, only on a recognised agreement's page:
 * - "Godkend" while the SE verdict is a mismatch: needs an explicit confirmation naming the mismatch;
 * - "Afvis": first a reminder of the task's rule to ask the supplier in the message field.
 * The buttons stay clickable; a confirmed click is passed on to the portal as a click on the same button.
 * One capture listener on window sees mouse clicks and keyboard activation alike (Enter/Space on a
 * button, Enter in a form) before any portal handler on the page's elements.
 */
import { t } from '../../shared/i18n';
import type { AgreementPage } from '../decide';
import { ACTION_SELECTOR, isApproveText, isRejectText } from '../portal';
import { displayText } from '../scan';
import { joinNumbers } from './banner';
import { askUser } from './dialog';
import { isOwnNode } from './shadow';

/** The portal action a click is on; null for clicks in Aftaletjek's own UI (its dialog says "Godkend alligevel"). */
function actionOf(event: Event): Element | null {
  const path = event.composedPath().filter((target): target is Element => target instanceof Element);
  if (path.some(isOwnNode)) return null;
  return path.find((el) => el.matches(ACTION_SELECTOR)) ?? null;
}

function labelOfAction(el: Element): string {
  return el.localName === 'input' ? (el as HTMLInputElement).value : displayText(el) || el.getAttribute('aria-label') || '';
}

type Guard = 'approve-mismatch' | 'reject-reminder';

function guardFor(action: Element, page: AgreementPage): Guard | null {
  const label = labelOfAction(action);
  if (isApproveText(label)) return page.se?.verdict === 'mismatch' ? 'approve-mismatch' : null;
  if (isRejectText(label)) return 'reject-reminder';
  return null;
}

/**
 * Installs the guards for the content script's lifetime. `currentPage` returns the agreement page on
 * screen right now (null elsewhere); `onError` logs without throwing into the page.
 */
export function installGuards(doc: Document, signal: AbortSignal, currentPage: () => AgreementPage | null, onError: (error: unknown) => void): void {
  let passThrough: Element | null = null;
  let asking = false;

  const proceed = (action: Element) => {
    if (!action.isConnected) return;
    passThrough = action;
    try {
      (action as HTMLElement).click();
    } finally {
      passThrough = null;
    }
  };

  const ask = async (guard: Guard, action: Element, page: AgreementPage) => {
    asking = true;
    try {
      const brand = t('extName');
      if (guard === 'approve-mismatch') {
        const se = page.se;
        const choice = await askUser(
          doc,
          {
            tone: 'danger',
            title: t('content_guard_approve_title'),
            body: t('content_guard_approve_body', [joinNumbers(se?.found ?? []), se?.expected ?? '']),
            choices: [
              { value: 'approve', label: t('content_guard_approve_confirm') },
              { value: 'cancel', label: t('content_guard_approve_cancel'), primary: true },
            ],
          },
          brand,
        );
        if (choice === 'approve') proceed(action);
      } else {
        const field = page.messageField;
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
      }
    } finally {
      asking = false;
    }
  };

  const onClick = (event: MouseEvent) => {
    try {
      const action = actionOf(event);
      if (!action || action === passThrough) return;
      const page = currentPage();
      if (!page) return;
      const guard = guardFor(action, page);
      if (!guard) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (!asking) ask(guard, action, page).catch(onError);
    } catch (error) {
      onError(error);
    }
  };

  doc.defaultView?.addEventListener('click', onClick, { capture: true, signal });
}
