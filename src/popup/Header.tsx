import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { setActivePack } from '../store/settings';
import type { HeaderView } from './state';

/**
 * The task switcher: every task in reach (built in, set by IT, kept by the user), by title. Shown only when
 * there is more than one; a change makes that task active at once (its own progress comes with it).
 */
function TaskSwitcher({ view }: { view: HeaderView }) {
  const [failed, setFailed] = useState(false);
  if (view.tasks === null) return <p class="pack-title">{view.title}</p>;
  return (
    <div class="task-switcher">
      <label for="task-select">{t('popup_task_label')}</label>
      <select
        id="task-select"
        value={view.activeId}
        onChange={(e) => {
          const id = e.currentTarget.value;
          void setActivePack(id).then((r) => setFailed(!r.ok));
        }}
      >
        {view.tasks.map((task) => (
          <option key={task.id} value={task.id}>
            {task.managed ? t('popup_task_managed', task.title) : task.title}
          </option>
        ))}
      </select>
      {failed && <p class="status-line bad">{t('options_write_failed')}</p>}
    </div>
  );
}

/** The logo and name; once the settings are read, the task (or the switcher) and the municipality. */
export function Header({ view }: { view: HeaderView | null }) {
  return (
    <header class="popup-header">
      <img class="logo" src="/icons/icon-32.png" alt="" width="28" height="28" />
      <div>
        <h1>{t('extName')}</h1>
        {view && (
          <>
            <TaskSwitcher view={view} />
            <p class="municipality">{view.municipality ? t('popup_municipality', view.municipality) : t('popup_municipality_missing')}</p>
          </>
        )}
      </div>
    </header>
  );
}
