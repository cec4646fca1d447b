import { t, textFor } from '../shared/i18n';
import { Icon } from '../ui/Icon';
import type { ShownKind, ShownNotice } from './conditions';

/** The words of each box, by its kind: a notice's, or a lasting condition's. */
const noticeText = textFor<ShownKind>({
  'settings-reset': 'popup_notice_settings_reset',
  'progress-reset': 'popup_notice_progress_reset',
  'managed-invalid': 'popup_notice_managed_invalid',
  migrated: 'popup_notice_migrated',
  'write-failed': 'popup_notice_write_failed',
  'managed-se-suspect': 'popup_notice_managed_se_suspect',
});

/**
 * Lasting conditions of what the popup read (an ignored policy value or profile, settings, a profile or
 * progress from a newer version), shown while they hold, then the one-off notices, each with a close button.
 */
export function Notices({ notices, onClose }: { notices: ShownNotice[]; onClose(id: string): void }) {
  if (notices.length === 0) return null;
  return (
    <section class="notices" aria-labelledby="notices-heading">
      <h2 id="notices-heading" class="visually-hidden">
        {t('popup_notices_heading')}
      </h2>
      {notices.map((notice) => (
        <div key={notice.id} class="box warn notice" data-aftaletjek-notice={notice.kind} data-aftaletjek-lasting={notice.lasting || undefined}>
          <p class="notice-text">
            <Icon name="info" />
            <span>{noticeText(notice.kind)}</span>
          </p>
          {notice.detail && <p class="notice-detail">{t('popup_notice_detail', notice.detail)}</p>}
          {!notice.lasting && (
            <button type="button" class="button notice-close" onClick={() => onClose(notice.id)}>
              <Icon name="close" />
              {t('popup_notice_dismiss')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
