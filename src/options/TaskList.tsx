/** The tasks in reach: switch between them, remove a kept one (with its progress). */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { loadProgress } from '../store/progress';
import { activePackOf, packEntries, removePack, setActivePack, type EffectiveSettings, type PackEntry } from '../store/settings';
import { Icon } from '../ui/Icon';
import { saved, type Feedback } from './Feedback';
import { packSourceText } from './texts';

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

interface TaskProps {
  entry: PackEntry;
  isActive: boolean;
  approved: number;
  confirming: boolean;
  onConfirming(confirming: boolean): void;
  onFeedback(f: Feedback): void;
}

function Task({ entry, isActive, approved, confirming, onConfirming, onFeedback }: TaskProps) {
  const { pack } = entry;
  return (
    <li class={`task${isActive ? ' active' : ''}`} data-aftaletjek-task={pack.id} data-aftaletjek-task-source={entry.source}>
      <p>
        <strong>{pack.title}</strong> {isActive && <span class="tag">{t('options_tasks_active')}</span>}
      </p>
      <p class="hint">
        {packSourceText(entry.source)} {t('popup_progress', [String(approved), String(pack.agreements.length)])}
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
            onClick={() => void setActivePack(pack.id).then((r) => onFeedback(saved(r, t('options_tasks_switched', pack.title))))}
          >
            {t('options_tasks_use', pack.title)}
          </button>
        )}
        {entry.source === 'kept' && !confirming && (
          <button type="button" class="button" onClick={() => onConfirming(true)}>
            {t('options_tasks_remove', pack.title)}
          </button>
        )}
        {confirming && (
          <div class="box warn" role="group" aria-label={t('options_tasks_remove_question', pack.title)}>
            <p>{t('options_tasks_remove_question', pack.title)}</p>
            <div class="row">
              <button
                type="button"
                class="button danger"
                onClick={() =>
                  void removePack(pack.id).then((r) => {
                    onConfirming(false);
                    onFeedback(saved(r, t('options_tasks_removed', pack.title)));
                  })
                }
              >
                {t('options_tasks_remove_confirm')}
              </button>
              <button type="button" class="button" onClick={() => onConfirming(false)}>
                {t('popup_reset_cancel')}
              </button>
            </div>
          </div>
        )}
      </div>
    </li>
  );
}

export function TaskList({ settings, onFeedback }: { settings: EffectiveSettings; onFeedback(f: Feedback): void }) {
  const entries = packEntries(settings);
  const active = activePackOf(settings);
  const counts = useApprovedCounts(entries);
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <ul class="task-list" aria-label={t('options_tasks_list_label')}>
      {entries.map((entry) => (
        <Task
          key={entry.pack.id}
          entry={entry}
          isActive={entry.pack.id === active.id}
          approved={counts[entry.pack.id] ?? 0}
          confirming={confirming === entry.pack.id}
          onConfirming={(yes) => setConfirming(yes ? entry.pack.id : null)}
          onFeedback={onFeedback}
        />
      ))}
    </ul>
  );
}
