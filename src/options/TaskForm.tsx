/** From a KLIK task's text to a kept, active task: paste, read, check the preview, use it. */
import { useState } from 'preact/hooks';
import type { Pack } from '../core/pack';
import { parseKlikTask } from '../core/klik';
import { t } from '../shared/i18n';
import { keepPackFromText } from '../store/settings';
import { done, refused, type Feedback } from './Feedback';
import { Field } from './Field';
import { Preview, type PreviewState } from './TaskPreview';

export function TaskForm({ onFeedback }: { onFeedback(f: Feedback): void }) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onRead = (event: Event) => {
    event.preventDefault();
    onFeedback(null);
    const area = (event.currentTarget as HTMLFormElement).elements.namedItem('klik-text') as HTMLTextAreaElement | null;
    const value = area?.value ?? text;
    if (value.trim() === '') {
      setError(t('options_klik_empty'));
      setPreview(null);
      return;
    }
    const task = parseKlikTask(value);
    setError(task.agreements.length === 0 ? t('options_klik_none') : null);
    setPreview(task.agreements.length === 0 ? null : { task, dropped: [], seCheck: {} });
  };

  const onUse = async (pack: Pack) => {
    const result = await keepPackFromText(pack);
    if (result.ok) {
      setPreview(null);
      setText('');
      onFeedback(done(t('options_klik_used', [result.pack.title, String(result.pack.agreements.length)])));
    } else if (result.error === 'write-failed') {
      onFeedback(refused(t('options_write_failed')));
    } else {
      onFeedback(refused(t('options_klik_not_used'), result.error));
    }
  };

  return (
    <div class="from-text">
      <form class="klik-form" onSubmit={onRead} noValidate>
        <Field
          id="klik-text"
          label={t('options_klik_label')}
          hint={t('options_klik_hint')}
          value={text}
          onInput={setText}
          error={error === null ? null : { code: 'klik-text', text: error }}
          rows={8}
        />
        <div class="row">
          <button type="submit" class="button primary">
            {t('options_klik_read')}
          </button>
        </div>
      </form>
      {preview && <Preview state={preview} onChange={setPreview} onUse={(p) => void onUse(p)} onCancel={() => setPreview(null)} />}
    </div>
  );
}
