import { t } from '../shared/i18n';
import { Icon } from '../ui/Icon';
import type { BodyView, PageView } from './state';

/** "N af M godkendt", a progress bar, and how many are left. */
export function ProgressSection({ view }: { view: BodyView }) {
  const { approved, total, left } = view;
  return (
    <section class="progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading" class="visually-hidden">
        {t('popup_progress_heading')}
      </h2>
      <p id="progress-text" class="progress-text" data-aftaletjek-progress={view.summary.progress}>
        {t('popup_progress', [String(approved), String(total)])}
      </p>
      <progress class="progress-bar" max={total} value={approved} aria-labelledby="progress-text" />
      {left > 0 && <p class="progress-left">{left === 1 ? t('popup_remaining_one') : t('popup_remaining_many', String(left))}</p>}
    </section>
  );
}

/** A line under the progress: how many of the task's agreements the open portal page shows, or that none. */
export function PageLine({ view }: { view: PageView | null }) {
  if (view === null) return null;
  if (view.kind === 'no-answer') {
    return (
      <p class="box page-line" data-aftaletjek-page="no-answer">
        <Icon name="info" /> {t('popup_report_page_no_answer')}
      </p>
    );
  }
  if (view.kind === 'none') {
    return (
      <p class="box warn page-line" data-aftaletjek-page="0">
        <Icon name="warning" /> {t('popup_report_page_none')}
      </p>
    );
  }
  const { codes } = view;
  return (
    <p class="page-line" data-aftaletjek-page={String(codes.length)}>
      {codes.length === 1 ? t('popup_report_page_seen_one', codes[0]!) : t('popup_report_page_seen_many', [String(codes.length), codes.join(', ')])}
    </p>
  );
}
