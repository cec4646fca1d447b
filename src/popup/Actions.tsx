import { useEffect, useRef, useState } from 'preact/hooks';
import type { TaskSummary } from '../core/summary';
import { PORTAL_ORIGINS } from '../shared/hosts';
import { t } from '../shared/i18n';
import { resetProgress } from '../store/progress';
import type { SettingsState } from '../store/settings';
import { Icon } from '../ui/Icon';
import { exportReport } from './report';

export const PORTAL_URL = `${PORTAL_ORIGINS[0]}/`;

/**
 * Portal, settings, report and reset. "Nulstil fremdrift" asks in the page first (no window.confirm);
 * focus moves to the question and back.
 */
export function Actions({ summary, state, openOptions }: { summary: TaskSummary; state: SettingsState; openOptions(): void }) {
  const [message, setMessage] = useState('');
  const [asking, setAsking] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) cancelButton.current?.focus();
    else if (wasAsking.current) resetButton.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const onExport = () => setMessage(t('popup_export_done', exportReport(summary, state.pack, state.settings)));
  const onReset = async () => {
    await resetProgress(state.pack.id);
    setAsking(false);
    setMessage(t('popup_reset_done'));
  };

  return (
    <section class="actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading" class="visually-hidden">
        {t('popup_actions_heading')}
      </h2>
      <div class="row">
        <a class="button primary" href={PORTAL_URL} target="_blank" rel="noopener noreferrer">
          {t('popup_open_portal')}
          <Icon name="external" />
          <span class="visually-hidden">{t('popup_new_tab')}</span>
        </a>
        <button type="button" class="button" onClick={openOptions}>
          <Icon name="settings" />
          {t('popup_settings_link')}
        </button>
      </div>
      <div class="row">
        <button type="button" class="button" onClick={onExport}>
          <Icon name="download" />
          {t('popup_export')}
        </button>
        <button
          type="button"
          class="button"
          ref={resetButton}
          aria-expanded={asking}
          aria-controls="reset-confirm"
          onClick={() => {
            setMessage('');
            setAsking(true);
          }}
        >
          <Icon name="reset" />
          {t('popup_reset')}
        </button>
      </div>
      <div id="reset-confirm" class="box warn" role="group" aria-labelledby="reset-question" hidden={!asking}>
        <p id="reset-question">{t('popup_reset_confirm_text')}</p>
        <div class="row">
          <button type="button" class="button danger" onClick={() => void onReset()}>
            {t('popup_reset_confirm')}
          </button>
          <button type="button" class="button" ref={cancelButton} onClick={() => setAsking(false)}>
            {t('popup_reset_cancel')}
          </button>
        </div>
      </div>
      <p class="status-line" role="status">
        {message}
      </p>
    </section>
  );
}
