import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { downloadText, fileDate } from '../ui/download';
import { Icon } from '../ui/Icon';
import type { PortalTab } from './portalTab';

/** "Fejlrapport": saves the open portal page's structure, without personal data, as a file to send. */
export function ReportSection({ portalTab }: { portalTab: PortalTab | undefined }) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const onReport = async () => {
    setBusy(true);
    setMessage('');
    try {
      const answer = portalTab ? await portalTab.snapshot() : ({ kind: 'not-portal' } as const);
      if (answer.kind === 'not-portal') setMessage(t('popup_report_not_portal'));
      else if (answer.kind === 'no-answer') setMessage(t('popup_report_no_answer'));
      else {
        const name = `aftaletjek-fejlrapport-${fileDate(new Date())}.json`;
        downloadText(name, JSON.stringify(answer.snapshot, null, 2) + '\n', 'application/json');
        setMessage(t('popup_report_saved', name));
      }
    } catch {
      setMessage(t('popup_report_no_answer'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="report" aria-labelledby="report-heading">
      <h2 id="report-heading" class="list-heading">
        {t('popup_report_heading')}
      </h2>
      <p id="report-about" class="report-about">
        {t('popup_report_about')}
      </p>
      <div class="row">
        <button type="button" class="button" aria-describedby="report-about" disabled={busy} onClick={() => void onReport()}>
          <Icon name="download" />
          {t('popup_report_button')}
        </button>
      </div>
      <p class="status-line" role="status" data-aftaletjek-report-message="">
        {message}
      </p>
    </section>
  );
}
