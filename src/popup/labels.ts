import type { AgreementLine, DisplayStatus } from '../core/summary';
import type { SeVerdict } from '../core/types';
import { t, type MessageKey, textFor } from '../shared/i18n';
import type { IconName } from '../ui/Icon';

export const statusLabel = textFor<DisplayStatus>({
  pending: 'common_status_pending',
  approved: 'common_status_approved',
  rejected: 'common_status_rejected',
  ended: 'common_status_ended',
  unknown: 'common_status_unknown',
  unseen: 'common_status_unseen',
});

export const STATUS_ICON: Record<DisplayStatus, IconName> = {
  pending: 'clock',
  approved: 'check',
  rejected: 'cross',
  ended: 'ended',
  unknown: 'question',
  unseen: 'unseen',
};

export const verdictLabel = textFor<SeVerdict>({
  match: 'common_verdict_match',
  mismatch: 'common_verdict_mismatch',
  missing: 'common_verdict_missing',
  unconfigured: 'common_verdict_unconfigured',
});

export type Tone = 'ok' | 'warn' | 'bad' | 'info';

/** The SE line of each verdict: its words ($1 the numbers found, $2 the expected one), tone and icon. */
const SE_LINE: Readonly<Record<SeVerdict, { key: MessageKey; tone: Tone; icon: IconName }>> = {
  match: { key: 'common_se_match', tone: 'ok', icon: 'check' },
  mismatch: { key: 'common_se_mismatch', tone: 'bad', icon: 'warning' },
  missing: { key: 'common_se_missing', tone: 'warn', icon: 'warning' },
  unconfigured: { key: 'common_se_unconfigured', tone: 'info', icon: 'info' },
};

/** The SE line under an agreement that needs the check, or null when the task asks for none. */
export function seLine(line: AgreementLine): { text: string; tone: Tone; icon: IconName } | null {
  if (!line.agreement.seCheck) return null;
  const se = line.se;
  if (se === null) return { text: t('common_se_not_checked'), tone: 'info', icon: 'info' };
  const { key, tone, icon } = SE_LINE[se.verdict];
  return { text: t(key, [se.found.join(' / '), se.expected ?? '–']), tone, icon };
}
