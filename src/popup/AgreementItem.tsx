import { suspectNumbers } from '../core/se';
import type { AgreementLine } from '../core/summary';
import { t } from '../shared/i18n';
import { formatDateTime } from '../ui/format';
import { Icon } from '../ui/Icon';
import { seLine, STATUS_ICON, statusLabel } from './labels';

/** One agreement of the task: status in words and icon, SE verdict, purpose, and when it was seen. */
export function AgreementItem({ line }: { line: AgreementLine }) {
  const { agreement, status, seen, se } = line;
  const seInfo = seLine(line);
  return (
    <li class={`agreement status-${status}`} data-aftaletjek-agreement={agreement.id} data-aftaletjek-status={status} data-aftaletjek-se={se?.verdict}>
      <div class="agreement-head">
        <h3 class="agreement-code">{agreement.code}</h3>
        <span class={`pill pill-${status}`}>
          <Icon name={STATUS_ICON[status]} />
          {statusLabel(status)}
        </span>
      </div>
      <p class="agreement-title">{[agreement.title, agreement.version].filter(Boolean).join(' ')}</p>
      {seInfo && (
        <p class={`agreement-se tone-${seInfo.tone}`}>
          <Icon name={seInfo.icon} />
          <span>{seInfo.text}</span>
        </p>
      )}
      {se && suspectNumbers(se).length > 0 && (
        <p class="agreement-se tone-warn">
          <Icon name="warning" />
          <span>{t('common_se_suspect', suspectNumbers(se).join(' / '))}</span>
        </p>
      )}
      <p class="agreement-purpose">{agreement.purpose}</p>
      {status === 'unseen' && <p class="agreement-hint">{t('popup_unseen_hint', agreement.code)}</p>}
      {status === 'unknown' && <p class="agreement-hint">{t('popup_report_unknown_found')}</p>}
      {se?.verdict === 'missing' && <p class="agreement-hint">{t('popup_report_se_missing_where')}</p>}
      {status === 'unknown' && seen?.statusText && <p class="agreement-hint">{t('popup_unknown_hint', seen.statusText)}</p>}
      {seen && <p class="agreement-seen">{t('popup_seen_at', formatDateTime(seen.seenAt))}</p>}
    </li>
  );
}
