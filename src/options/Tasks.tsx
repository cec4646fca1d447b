/** The tasks section: the active task, the tasks in reach, a new one from a KLIK task's text. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { activePackOf, type EffectiveSettings } from '../store/settings';
import { FeedbackLine, type Feedback } from './Feedback';
import { TaskForm } from './TaskForm';
import { TaskList } from './TaskList';

export function TasksSection({ settings, children }: { settings: EffectiveSettings; children?: ComponentChildren }) {
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
        <FeedbackLine feedback={feedback} id="tasks-status" />
      </div>
      <h3>{t('options_klik_heading')}</h3>
      <TaskForm onFeedback={setFeedback} />
      {children}
    </section>
  );
}
