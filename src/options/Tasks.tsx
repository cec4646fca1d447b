import { useEffect, useState } from 'preact/hooks';
import type { Pack } from '../core/pack';
import { packFromTask, parseKlikTask, type ParsedTask, type TaskWarning } from '../core/klik';
import { t } from '../shared/i18n';
import { loadProgress } from '../store/progress';
import {
  activePackOf,
  keepPackFromText,
  packEntries,
  removePack,
  setActivePack,
  type EffectiveSettings,
  type PackEntry,
} from '../store/settings';
import { Icon } from '../ui/Icon';

type Feedback = { tone: 'ok' | 'bad'; text: string; detail?: string } | null;

export function warningText(warning: TaskWarning): string {
  switch (warning.kind) {
    case 'count-mismatch':
      return t('options_klik_warning_count', [String(warning.stated), String(warning.listed)]);
    case 'unreadable':
      return t('options_klik_warning_unreadable', warning.text);
    case 'duplicate':
      return t('options_klik_warning_duplicate', warning.code);
    case 'se-unknown-code':
      return t('options_klik_warning_se_unknown', warning.code);
    case 'no-title':
      return t('options_klik_warning_no_title');
    case 'no-supplier':
      return t('options_klik_warning_no_supplier');
    case 'no-it-system':
      return t('options_klik_warning_no_system');
    case 'no-agreements':
      return t('options_klik_warning_no_agreements');
  }
}

function sourceText(entry: PackEntry): string {
  switch (entry.source) {
    case 'builtin':
      return t('options_pack_builtin');
    case 'managed':
      return t('options_tasks_source_managed');
    case 'kept':
      return t('options_tasks_source_kept');
  }
}

/** "N af M godkendt" for every task in reach, reloaded when the list changes. */
function useApprovedCounts(entries: PackEntry[]): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  const key = entries.map((e) => e.pack.id).join(' ');
  useEffect(() => {
    let alive = true;
    void Promise.all(
      entries.map(async (e) => {
        const progress = await loadProgress(e.pack.id);
        const ids = new Set(e.pack.agreements.map((a) => a.id));
        return [e.pack.id, Object.entries(progress).filter(([id, p]) => ids.has(id) && p.status === 'approved').length] as const;
      }),
    ).then((pairs) => alive && setCounts(Object.fromEntries(pairs)));
    return () => {
      alive = false;
    };
  }, [key]);
  return counts;
}

/** The tasks in reach: switch between them, remove a kept one (with its progress). */
function TaskList({ settings, onFeedback }: { settings: EffectiveSettings; onFeedback(f: Feedback): void }) {
  const entries = packEntries(settings);
  const active = activePackOf(settings);
  const counts = useApprovedCounts(entries);
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <ul class="task-list" aria-label={t('options_tasks_list_label')}>
      {entries.map((entry) => {
        const { pack } = entry;
        const isActive = pack.id === active.id;
        return (
          <li key={pack.id} class={`task${isActive ? ' active' : ''}`} data-aftaletjek-task={pack.id} data-aftaletjek-task-source={entry.source}>
            <p>
              <strong>{pack.title}</strong> {isActive && <span class="tag">{t('options_tasks_active')}</span>}
            </p>
            <p class="hint">
              {sourceText(entry)} {t('popup_progress', [String(counts[pack.id] ?? 0), String(pack.agreements.length)])}
              {pack.deadline ? ` · ${t('options_klik_deadline', pack.deadline)}` : ''}
            </p>
            {entry.source === 'managed' && (
              <p class="managed-note" data-aftaletjek-managed={`pack:${pack.id}`}>
                <Icon name="lock" /> {t('options_managed_note')}
              </p>
            )}
            <div class="row">
              {!isActive && (
                <button
                  type="button"
                  class="button"
                  onClick={() =>
                    void setActivePack(pack.id).then((r) =>
                      onFeedback(r.ok ? { tone: 'ok', text: t('options_tasks_switched', pack.title) } : { tone: 'bad', text: t('options_write_failed') }),
                    )
                  }
                >
                  {t('options_tasks_use', pack.title)}
                </button>
              )}
              {entry.source === 'kept' && confirming !== pack.id && (
                <button type="button" class="button" onClick={() => setConfirming(pack.id)}>
                  {t('options_tasks_remove', pack.title)}
                </button>
              )}
              {confirming === pack.id && (
                <div class="box warn" role="group" aria-label={t('options_tasks_remove_question', pack.title)}>
                  <p>{t('options_tasks_remove_question', pack.title)}</p>
                  <div class="row">
                    <button
                      type="button"
                      class="button danger"
                      onClick={() =>
                        void removePack(pack.id).then((r) => {
                          setConfirming(null);
                          onFeedback(r.ok ? { tone: 'ok', text: t('options_tasks_removed', pack.title) } : { tone: 'bad', text: t('options_write_failed') });
                        })
                      }
                    >
                      {t('options_tasks_remove_confirm')}
                    </button>
                    <button type="button" class="button" onClick={() => setConfirming(null)}>
                      {t('popup_reset_cancel')}
                    </button>
                  </div>
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

interface PreviewState {
  task: ParsedTask;
  dropped: string[];
  seCheck: Record<string, boolean>;
}

/** The pack a preview would save, shown before anything is saved, and corrected by the user. */
function Preview({ state, onChange, onUse, onCancel }: { state: PreviewState; onChange(s: PreviewState): void; onUse(pack: Pack): void; onCancel(): void }) {
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

/** From a KLIK task's text to a kept, active task: paste, read, check the preview, use it. */
function FromText({ onFeedback }: { onFeedback(f: Feedback): void }) {
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
      onFeedback({ tone: 'ok', text: t('options_klik_used', [result.pack.title, String(result.pack.agreements.length)]) });
    } else {
      onFeedback({
        tone: 'bad',
        text: result.error === 'write-failed' ? t('options_write_failed') : t('options_klik_not_used'),
        ...(result.error === 'write-failed' ? {} : { detail: result.error }),
      });
    }
  };

  return (
    <div class="from-text">
      <form class="klik-form" onSubmit={onRead} noValidate>
        <div class={`field${error ? ' invalid' : ''}`}>
          <label for="klik-text">{t('options_klik_label')}</label>
          <p id="klik-text-hint" class="hint">
            {t('options_klik_hint')}
          </p>
          <textarea
            id="klik-text"
            name="klik-text"
            rows={8}
            value={text}
            spellcheck={false}
            aria-describedby={`klik-text-hint${error ? ' klik-text-error' : ''}`}
            aria-invalid={error ? 'true' : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {error && (
            <p id="klik-text-error" class="error" data-aftaletjek-error="klik-text">
              <Icon name="warning" /> {error}
            </p>
          )}
        </div>
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

export function TasksSection({ settings, children }: { settings: EffectiveSettings; children?: preact.ComponentChildren }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const active = activePackOf(settings);
  return (
    <section class="card" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t('options_tasks_heading')}</h2>
      <p class="active-pack" data-aftaletjek-pack={active.id}>
        <strong>{t('options_pack_active', active.title)}</strong>
      </p>
      <TaskList settings={settings} onFeedback={setFeedback} />
      <div class="status-line-wrap">
        <div id="tasks-status" class={`status-line ${feedback?.tone ?? ''}`} role="status">
          {feedback && (
            <>
              <p>
                <Icon name={feedback.tone === 'ok' ? 'check' : 'warning'} /> {feedback.text}
              </p>
              {feedback.detail && <p class="detail">{t('options_error_detail', feedback.detail)}</p>}
            </>
          )}
        </div>
      </div>
      <h3>{t('options_klik_heading')}</h3>
      <FromText onFeedback={setFeedback} />
      {children}
    </section>
  );
}
