import { useMemo } from 'preact/hooks';
import { t } from '../shared/i18n';
import { useSettingsAndPack } from '../ui/useSettingsAndPack';
import { Actions } from './Actions';
import { AgreementList } from './AgreementList';
import { Header } from './Header';
import { useNotices, usePageSeen, useProfile, useProgress } from './hooks';
import { Notices } from './Notices';
import type { PortalTab } from './portalTab';
import { PageLine, ProgressSection } from './ProgressSection';
import { ReportSection } from './ReportSection';
import { SeProblems } from './SeProblems';
import { popupState } from './state';
import { StatusBoxes } from './StatusBoxes';

export { PORTAL_URL } from './Actions';

export interface PopupProps {
  /** Opens the options page (browser.runtime.openOptionsPage in the extension). */
  openOptions(): void;
  /** The portal page in the active tab (browserPortalTab in the extension); without it, no page line. */
  portalTab?: PortalTab | undefined;
}

/** The popup: what it has read, turned into one view by popupState, rendered part by part. */
export function Popup({ openOptions, portalTab }: PopupProps) {
  const state = useSettingsAndPack();
  const profile = useProfile();
  const progress = useProgress(state?.pack.id);
  const pageSeen = usePageSeen(portalTab, progress);
  const [notices, closeNotice] = useNotices();
  const view = useMemo(() => popupState({ state, profile, progress, pageSeen, notices }), [state, profile, progress, pageSeen, notices]);
  const body = view.body;

  return (
    <>
      <Header view={view.header} />
      <main class="popup-main">
        <Notices notices={view.notices} onClose={closeNotice} />
        {!state || !body ? (
          <p role="status">{t('common_loading')}</p>
        ) : (
          <>
            <ProgressSection view={body} />
            <PageLine view={body.page} />
            <SeProblems problems={body.seProblems} />
            <StatusBoxes view={body} openOptions={openOptions} />
            <AgreementList id="outstanding" heading={t('popup_outstanding_heading', String(body.left))} lines={body.summary.outstanding} />
            <AgreementList id="approved" heading={t('popup_approved_heading', String(body.approved))} lines={body.summary.approved} />
            <ReportSection portalTab={portalTab} />
            <Actions summary={body.summary} state={state} openOptions={openOptions} />
          </>
        )}
      </main>
    </>
  );
}
