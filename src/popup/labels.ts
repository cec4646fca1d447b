import type { AgreementLine, DisplayStatus } from '../core/summary';
import type { SeVerdict } from '../core/types';
import { t } from '../shared/i18n';
import type { IconName } from '../ui/Icon';

export function statusLabel(status: DisplayStatus): string {
  switch (status) {
    case 'pending':
      return t('common_status_pending');
    case 'approved':
      return t('common_status_approved');
    case 'rejected':
      return t('common_status_rejected');
    case 'ended':
      return t('common_status_ended');
    case 'unknown':
      return t('common_status_unknown');
    case 'unseen':
      return t('common_status_unseen');
  }
}

export const STATUS_ICON: Record<DisplayStatus, IconName> = {
  pending: 'clock',
  approved: 'check',
  rejected: 'cross',
  ended: 'ended',
  unknown: 'question',
  unseen: 'unseen',
};

export function verdictLabel(verdict: SeVerdict): string {
  switch (verdict) {
    case 'match':
      return t('common_verdict_match');
    case 'mismatch':
      return t('common_verdict_mismatch');
    case 'missing':
      return t('common_verdict_missing');
    case 'unconfigured':
      return t('common_verdict_unconfigured');
  }
}

export type Tone = 'ok' | 'warn' | 'bad' | 'info';

/** The SE line under an agreement that needs the check, or null when the task asks for none. */
export function seLine(line: AgreementLine): { text: string; tone: Tone; icon: IconName } | null {
  if (!line.agreement.seCheck) return null;
  const se = line.se;
  if (se === null) return { text: t('common_se_not_checked'), tone: 'info', icon: 'info' };
  const found = se.found.join(' / ');
  switch (se.verdict) {
    case 'match':
      return { text: t('common_se_match', found), tone: 'ok', icon: 'check' };
    case 'mismatch':
      return { text: t('common_se_mismatch', [found, se.expected ?? '–']), tone: 'bad', icon: 'warning' };
    case 'missing':
      return { text: t('common_se_missing'), tone: 'warn', icon: 'warning' };
    case 'unconfigured':
      return { text: t('common_se_unconfigured', found), tone: 'info', icon: 'info' };
  }
}
