import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Pack } from '../core/pack';
import { klikMessage, seUnchecked, summarize, type AgreementLine, type TaskSummary } from '../core/summary';
import { t } from '../shared/i18n';
import { dismissNotice, loadNotices, onNoticesChanged, type Notice } from '../store/notices';
import { loadProgress, onProgressChanged, resetProgress, type Progress } from '../store/progress';
import { packEntries, setActivePack } from '../store/settings';
import { Icon } from '../ui/Icon';
import { useSettingsAndPack, type SettingsAndPack } from '../ui/useSettingsAndPack';
import { AgreementItem } from './AgreementItem';
import { exportReport } from './report';
import { PORTAL_ORIGINS } from '../shared/hosts';
import { downloadText, fileDate } from '../ui/download';
import type { PageSeenAnswer, PortalTab } from './portalTab';

export const PORTAL_URL = `${PORTAL_ORIGINS[0]}/`;

export interface PopupProps {
  /** Opens the options page (browser.runtime.openOptionsPage in the extension). */
  openOptions(): void;
  /** The portal page in the active tab (browserPortalTab in the extension); without it, no page line. */
  portalTab?: PortalTab | undefined;
}

type Loaded = SettingsAndPack;

/** Progress of one pack, live. Subscribed before the first load so no change slips between them. */
function useProgress(packId: string | undefined): Progress | null {
  const [state, setState] = useState<{ packId: string; progress: Progress } | null>(null);
  useEffect(() => {
    if (packId === undefined) return undefined;
    let alive = true;
    const stop = onProgressChanged(packId, (progress) => alive && setState({ packId, progress }));
    void loadProgress(packId).then((progress) => alive && setState((s) => (s?.packId === packId ? s : { packId, progress })));
    return () => {
      alive = false;
      stop();
    };
  }, [packId]);
  return state !== null && state.packId === packId ? state.progress : null;
}

/**
 * Notices are shown once: what the popup has loaded is removed from the store at once and stays on screen
 * until closed here. A lasting condition (data from a newer version, kept) is reported again by the next
 * load; while the popup is open, a notice it already shows is not shown twice.
 */
function useNotices(): [Notice[], (id: string) => void] {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let alive = true;
    const show = async (fresh: Notice[]) => {
      if (!alive || fresh.length === 0) return;
      const same = (a: Notice, b: Notice) => a.id === b.id || (a.kind === b.kind && a.detail === b.detail);
      setNotices((shown) => [...shown, ...fresh.filter((n) => !shown.some((s) => same(s, n)))]);
      for (const notice of fresh) await dismissNotice(notice.id);
    };
    const stop = onNoticesChanged((fresh) => void show(fresh));
    void loadNotices().then(show);
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return [notices, (id) => setNotices((shown) => shown.filter((n) => n.id !== id))];
}

function noticeText(notice: Notice): string {
  switch (notice.kind) {
    case 'settings-reset':
      return t('popup_notice_settings_reset');
    case 'progress-reset':
      return t('popup_notice_progress_reset');
    case 'managed-invalid':
      return t('popup_notice_managed_invalid');
    case 'migrated':
      return t('popup_notice_migrated');
    case 'write-failed':
      return t('popup_notice_write_failed');
    case 'managed-se-suspect':
      return t('popup_notice_managed_se_suspect');
  }
}

/**
 * The task switcher: every task in reach (built in, set by IT, kept by the user), by title. Shown only when
 * there is more than one; a change makes that task active at once (its own progress comes with it).
 */
function TaskSwitcher({ loaded }: { loaded: Loaded }) {
  const entries = packEntries(loaded.settings);
  const [failed, setFailed] = useState(false);
  if (entries.length < 2) return <p class="pack-title">{loaded.pack.title}</p>;
  return (
    <div class="task-switcher">
      <label for="task-select">{t('popup_task_label')}</label>
      <select
        id="task-select"
        value={loaded.pack.id}
        onChange={(e) => {
          const id = e.currentTarget.value;
          void setActivePack(id).then((r) => setFailed(!r.ok));
        }}
      >
        {entries.map((entry) => (
          <option key={entry.pack.id} value={entry.pack.id}>
            {entry.source === 'managed' ? t('popup_task_managed', entry.pack.title) : entry.pack.title}
          </option>
        ))}
      </select>
      {failed && <p class="status-line bad">{t('options_write_failed')}</p>}
    </div>
  );
}

function Notices({ notices, onClose }: { notices: Notice[]; onClose(id: string): void }) {
  if (notices.length === 0) return null;
  return (
    <section class="notices" aria-labelledby="notices-heading">
      <h2 id="notices-heading" class="visually-hidden">
        {t('popup_notices_heading')}
      </h2>
      {notices.map((notice) => (
        <div key={notice.id} class="box warn notice" data-aftaletjek-notice={notice.kind}>
          <p class="notice-text">
            <Icon name="info" />
            <span>{noticeText(notice)}</span>
          </p>
          {notice.detail && <p class="notice-detail">{t('popup_notice_detail', notice.detail)}</p>}
          <button type="button" class="button notice-close" onClick={() => onClose(notice.id)}>
            <Icon name="close" />
            {t('popup_notice_dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}

function ProgressSection({ summary }: { summary: TaskSummary }) {
  const approved = summary.approved.length;
  const left = summary.outstanding.length;
  return (
    <section class="progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading" class="visually-hidden">
        {t('popup_progress_heading')}
      </h2>
      <p id="progress-text" class="progress-text" data-aftaletjek-progress={summary.progress}>
        {t('popup_progress', [String(approved), String(summary.total)])}
      </p>
      <progress class="progress-bar" max={summary.total} value={approved} aria-labelledby="progress-text" />
      {left > 0 && (
        <p class="progress-left">{left === 1 ? t('popup_remaining_one') : t('popup_remaining_many', String(left))}</p>
      )}
    </section>
  );
}

type CopyState = 'idle' | 'copied' | 'failed';

/** A wrong SE number: do not approve; the ready-made KLIK message with a copy button. */
function MismatchBox({ line, pack }: { line: AgreementLine; pack: Pack }) {
  const se = line.se!;
  const message = klikMessage(pack, line.name, se.found, se.expected);
  const [copy, setCopy] = useState<CopyState>('idle');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = `klik-${line.agreement.id}`;
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(message);
      setCopy('copied');
    } catch {
      // Clipboard refused (no focus, policy): select the text so Ctrl+C works, and say so.
      textRef.current?.select();
      setCopy('failed');
    }
  };
  return (
    <section class="box bad" aria-labelledby={`${id}-heading`} data-aftaletjek-klik={line.agreement.id}>
      <h2 id={`${id}-heading`}>
        <Icon name="warning" />
        {t('popup_mismatch_heading', line.agreement.code)}
      </h2>
      <p role="alert">{t('popup_mismatch_text', [se.found.join(' / '), se.expected ?? '–', pack.supplier])}</p>
      <label for={id} class="klik-label">
        {t('popup_klik_message_label', line.agreement.code)}
      </label>
      <textarea id={id} ref={textRef} class="klik-message" readOnly rows={7} value={message} />
      <div class="row">
        <button type="button" class="button primary" onClick={() => void onCopy()}>
          <Icon name="copy" />
          {t('popup_copy', line.agreement.code)}
        </button>
      </div>
      <p class={`status-line ${copy === 'copied' ? 'ok' : copy === 'failed' ? 'bad' : ''}`} role="status">
        {copy === 'copied' ? t('popup_copied') : copy === 'failed' ? t('popup_copy_failed') : ''}
      </p>
    </section>
  );
}

/**
 * What the overlay recognises on the page in the active tab, asked again when the tab changes, a page
 * loads, or progress changes (the content script recorded something). Null until answered.
 */
function usePageSeen(portalTab: PortalTab | undefined, progress: Progress | null): PageSeenAnswer | null {
  const [answer, setAnswer] = useState<PageSeenAnswer | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => portalTab?.watch(() => setAsked((n) => n + 1)), [portalTab]);
  useEffect(() => {
    if (!portalTab) return undefined;
    let alive = true;
    void portalTab.pageSeen().then(
      (fresh) => alive && setAnswer(fresh),
      () => alive && setAnswer({ kind: 'no-answer' }),
    );
    return () => {
      alive = false;
    };
  }, [portalTab, asked, progress]);
  return answer;
}

/** A line under the progress: how many of the task's agreements the open portal page shows, or that none. */
function PageLine({ answer, pack }: { answer: PageSeenAnswer | null; pack: Pack }) {
  if (answer === null || answer.kind === 'not-portal') return null;
  if (answer.kind === 'no-answer') {
    return (
      <p class="box page-line" data-aftaletjek-page="no-answer">
        <Icon name="info" /> {t('popup_report_page_no_answer')}
      </p>
    );
  }
  const ids = new Set(answer.seen.map((s) => s.id));
  const codes = pack.agreements.filter((a) => ids.has(a.id)).map((a) => a.code);
  if (codes.length === 0) {
    return (
      <p class="box warn page-line" data-aftaletjek-page="0">
        <Icon name="warning" /> {t('popup_report_page_none')}
      </p>
    );
  }
  return (
    <p class="page-line" data-aftaletjek-page={String(codes.length)}>
      {codes.length === 1
        ? t('popup_report_page_seen_one', codes[0]!)
        : t('popup_report_page_seen_many', [String(codes.length), codes.join(', ')])}
    </p>
  );
}

/** "Fejlrapport": saves the open portal page's structure, without personal data, as a file to send. */
function ReportSection({ portalTab }: { portalTab: PortalTab | undefined }) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const onReport = async () => {
    setBusy(true);
    setMessage('');
    try {
      const answer = portalTab ? await portalTab.snapshot() : ({ kind: 'not-portal' } as const);
      if (answer.kind === 'not-portal') setMessage(t('popup_report_not_portal'));
      else if (answer.kind === 'no-answer') setMessage(t('popup_report_no_answer'));
      else {
        const name = `aftaletjek-fejlrapport-${fileDate(new Date())}.json`;
        downloadText(name, JSON.stringify(answer.snapshot, null, 2) + '\n', 'application/json');
        setMessage(t('popup_report_saved', name));
      }
    } catch {
      setMessage(t('popup_report_no_answer'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="report" aria-labelledby="report-heading">
      <h2 id="report-heading" class="list-heading">
        {t('popup_report_heading')}
      </h2>
      <p id="report-about" class="report-about">
        {t('popup_report_about')}
      </p>
      <div class="row">
        <button type="button" class="button" aria-describedby="report-about" disabled={busy} onClick={() => void onReport()}>
          <Icon name="download" />
          {t('popup_report_button')}
        </button>
      </div>
      <p class="status-line" role="status" data-aftaletjek-report-message="">
        {message}
      </p>
    </section>
  );
}

function MissingBox({ line }: { line: AgreementLine }) {
  return (
    <section class="box warn" aria-labelledby={`missing-${line.agreement.id}`}>
      <h2 id={`missing-${line.agreement.id}`}>
        <Icon name="warning" />
        {t('popup_missing_heading', line.agreement.code)}
      </h2>
      <p>{t('popup_missing_text')}</p>
      <p>{t('popup_report_se_missing_where')}</p>
    </section>
  );
}

function DoneBox({ summary }: { summary: TaskSummary }) {
  const unchecked = summary.lines.filter(seUnchecked).map((l) => l.agreement.code);
  return (
    <section class="box ok" aria-labelledby="done-heading" data-aftaletjek-done="true">
      <h2 id="done-heading">
        <Icon name="check" />
        {t('popup_done_heading')}
      </h2>
      <p>{t('popup_done_text')}</p>
      {unchecked.length > 0 && <p>{t('popup_done_se_unchecked', unchecked.join(', '))}</p>}
    </section>
  );
}

function AgreementList({ id, heading, lines }: { id: string; heading: string; lines: AgreementLine[] }) {
  if (lines.length === 0) return null;
  return (
    <section class={`agreements agreements-${id}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="list-heading">
        {heading}
      </h2>
      <ul class="agreement-list">
        {lines.map((line) => (
          <AgreementItem key={line.agreement.id} line={line} />
        ))}
      </ul>
    </section>
  );
}

/**
 * Portal, settings, report and reset. "Nulstil fremdrift" asks in the page first (no window.confirm);
 * focus moves to the question and back.
 */
function Actions({ summary, loaded, openOptions }: { summary: TaskSummary; loaded: Loaded; openOptions(): void }) {
  const [message, setMessage] = useState('');
  const [asking, setAsking] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) cancelButton.current?.focus();
    else if (wasAsking.current) resetButton.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const onExport = () => setMessage(t('popup_export_done', exportReport(summary, loaded.pack, loaded.settings)));
  const onReset = async () => {
    await resetProgress(loaded.pack.id);
    setAsking(false);
    setMessage(t('popup_reset_done'));
  };

  return (
    <section class="actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading" class="visually-hidden">
        {t('popup_actions_heading')}
      </h2>
      <div class="row">
        <a class="button primary" href={PORTAL_URL} target="_blank" rel="noopener noreferrer">
          {t('popup_open_portal')}
          <Icon name="external" />
          <span class="visually-hidden">{t('popup_new_tab')}</span>
        </a>
        <button type="button" class="button" onClick={openOptions}>
          <Icon name="settings" />
          {t('popup_settings_link')}
        </button>
      </div>
      <div class="row">
        <button type="button" class="button" onClick={onExport}>
          <Icon name="download" />
          {t('popup_export')}
        </button>
        <button
          type="button"
          class="button"
          ref={resetButton}
          aria-expanded={asking}
          aria-controls="reset-confirm"
          onClick={() => {
            setMessage('');
            setAsking(true);
          }}
        >
          <Icon name="reset" />
          {t('popup_reset')}
        </button>
      </div>
      <div id="reset-confirm" class="box warn" role="group" aria-labelledby="reset-question" hidden={!asking}>
        <p id="reset-question">{t('popup_reset_confirm_text')}</p>
        <div class="row">
          <button type="button" class="button danger" onClick={() => void onReset()}>
            {t('popup_reset_confirm')}
          </button>
          <button type="button" class="button" ref={cancelButton} onClick={() => setAsking(false)}>
            {t('popup_reset_cancel')}
          </button>
        </div>
      </div>
      <p class="status-line" role="status">
        {message}
      </p>
    </section>
  );
}

export function Popup({ openOptions, portalTab }: PopupProps) {
  const loaded = useSettingsAndPack();
  const progress = useProgress(loaded?.pack.id);
  const pageSeen = usePageSeen(portalTab, progress);
  const [notices, closeNotice] = useNotices();
  const summary = useMemo(
    () => (loaded && progress ? summarize(loaded.pack, progress, loaded.settings.municipality) : null),
    [loaded, progress],
  );

  return (
    <>
      <header class="popup-header">
        <img class="logo" src="/icons/icon-32.png" alt="" width="28" height="28" />
        <div>
          <h1>{t('extName')}</h1>
          {loaded && (
            <>
              <TaskSwitcher loaded={loaded} />
              <p class="municipality">
                {loaded.settings.municipality
                  ? t('popup_municipality', loaded.settings.municipality)
                  : t('popup_municipality_missing')}
              </p>
            </>
          )}
        </div>
      </header>
      <main class="popup-main">
        <Notices notices={notices} onClose={closeNotice} />
        {!loaded || !summary ? (
          <p role="status">{t('common_loading')}</p>
        ) : (
          <>
            <ProgressSection summary={summary} />
            <PageLine answer={pageSeen} pack={loaded.pack} />
            {summary.seProblems.map((line) =>
              line.seProblem === 'mismatch' ? (
                <MismatchBox key={line.agreement.id} line={line} pack={loaded.pack} />
              ) : (
                <MissingBox key={line.agreement.id} line={line} />
              ),
            )}
            {summary.done && <DoneBox summary={summary} />}
            {loaded.settings.expectedSe === null && loaded.pack.agreements.some((a) => a.seCheck) && (
              <div class="box">
                <p>
                  <Icon name="info" /> {t('popup_unconfigured_text')}
                </p>
                <div class="row">
                  <button type="button" class="button" onClick={openOptions}>
                    {t('popup_open_options')}
                  </button>
                </div>
              </div>
            )}
            {summary.lines.every((l) => l.status === 'unseen') && (
              <p class="box nothing-seen">
                <span>
                  <Icon name="info" /> {t('popup_nothing_seen')}
                </span>
              </p>
            )}
            <AgreementList
              id="outstanding"
              heading={t('popup_outstanding_heading', String(summary.outstanding.length))}
              lines={summary.outstanding}
            />
            <AgreementList
              id="approved"
              heading={t('popup_approved_heading', String(summary.approved.length))}
              lines={summary.approved}
            />
            <ReportSection portalTab={portalTab} />
            <Actions summary={summary} loaded={loaded} openOptions={openOptions} />
          </>
        )}
      </main>
    </>
  );
}
