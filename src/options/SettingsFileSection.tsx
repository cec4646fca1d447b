/** The settings as a file: export them, import them again (validated; a bad file changes nothing). */
import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { exportSettingsJson } from '../store/settings';
import { downloadText, fileDate } from '../ui/download';
import { Icon } from '../ui/Icon';
import type { Feedback } from './Feedback';
import { FileImport } from './FileImport';
import { IMPORTS } from './imports';

export function SettingsFileSection() {
  const [feedback, setFeedback] = useState<Feedback>(null);

  const onExport = async () => {
    downloadText(`${t('options_settings_filename')}-${fileDate(new Date())}.json`, await exportSettingsJson(), 'application/json');
  };

  return (
    <section class="card" aria-labelledby="file-heading">
      <h2 id="file-heading">{t('options_file_heading')}</h2>
      <p class="hint">{t('options_file_hint')}</p>
      <div class="row">
        <button type="button" class="button" onClick={() => void onExport()}>
          <Icon name="download" />
          {t('options_settings_export')}
        </button>
      </div>
      <FileImport kind={IMPORTS.settings} feedback={feedback} onFeedback={setFeedback} />
    </section>
  );
}
