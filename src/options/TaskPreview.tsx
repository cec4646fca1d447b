/** The pack a KLIK task's text would make, shown before anything is saved, and corrected by the user. */
import type { Pack } from '../core/pack';
import { packFromTask, type ParsedTask } from '../core/klik';
import { t } from '../shared/i18n';
import { Icon } from '../ui/Icon';
import { warningText } from './texts';

export interface PreviewState {
  task: ParsedTask;
  dropped: string[];
  seCheck: Record<string, boolean>;
}

interface PreviewProps {
  state: PreviewState;
  onChange(s: PreviewState): void;
  onUse(pack: Pack): void;
  onCancel(): void;
}

export function Preview({ state, onChange, onUse, onCancel }: PreviewProps) {
  const { task } = state;
  const pack = packFromTask(task, { dropped: state.dropped, seCheck: state.seCheck });
  const rows = task.agreements.filter((a) => !state.dropped.includes(a.id));
  return (
    <div class="pack-preview" aria-labelledby="preview-heading" role="region" data-aftaletjek-preview-pack={pack.id}>
      <h3 id="preview-heading">{t('options_klik_preview_heading', task.heading ?? pack.title)}</h3>
      <dl class="preview-facts">
        <div>
          <dt>{t('options_klik_task')}</dt>
          <dd>{pack.title}</dd>
        </div>
        <div>
          <dt>{t('options_klik_deadline_label')}</dt>
          <dd>{task.deadline ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('options_klik_supplier')}</dt>
          <dd>{task.supplier ?? '–'}</dd>
        </div>
      </dl>
      {task.warnings.length > 0 && (
        <ul class="preview-warnings" aria-label={t('options_klik_warnings_label')}>
          {task.warnings.map((w, i) => (
            <li key={i} class="box warn" data-aftaletjek-preview-warning={w.kind}>
              <Icon name="warning" /> {warningText(w)}
            </li>
          ))}
        </ul>
      )}
      <div class="table-wrap">
        <table class="preview-table">
          <caption>{t('options_klik_rows_caption', String(rows.length))}</caption>
          <thead>
            <tr>
              <th scope="col">{t('options_klik_col_code')}</th>
              <th scope="col">{t('options_klik_col_name')}</th>
              <th scope="col">{t('options_klik_col_se')}</th>
              <th scope="col">{t('options_klik_col_purpose')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('options_klik_col_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const se = state.seCheck[a.id] ?? a.seCheck;
              return (
                <tr key={a.id} data-aftaletjek-pack-preview="" data-aftaletjek-agreement={a.code} data-aftaletjek-se-check={se ? 'yes' : 'no'}>
                  <th scope="row">{a.code}</th>
                  <td>{a.name}</td>
                  <td>
                    <label class="check">
                      <input
                        type="checkbox"
                        checked={se}
                        aria-label={t('options_klik_se_for', a.code)}
                        onChange={(e) => onChange({ ...state, seCheck: { ...state.seCheck, [a.id]: e.currentTarget.checked } })}
                      />
                      <span aria-hidden="true">{se ? t('options_klik_se_yes') : t('options_klik_se_no')}</span>
                    </label>
                  </td>
                  <td>{a.purpose}</td>
                  <td>
                    <button type="button" class="button" onClick={() => onChange({ ...state, dropped: [...state.dropped, a.id] })}>
                      {t('options_klik_drop', a.code)}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {state.dropped.length > 0 && (
        <p class="hint">
          {t('options_klik_dropped', state.dropped.join(', '))}{' '}
          <button type="button" class="button link" onClick={() => onChange({ ...state, dropped: [] })}>
            {t('options_klik_undrop')}
          </button>
        </p>
      )}
      <div class="row">
        <button type="button" class="button primary" disabled={rows.length === 0} onClick={() => onUse(pack)}>
          {t('options_klik_use')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('options_klik_cancel')}
        </button>
      </div>
    </div>
  );
}
