import type { Pack } from '../core/pack';
import { reportCsv, reportMarkdown, type ReportText, type TaskSummary } from '../core/summary';
import { t } from '../shared/i18n';
import { downloadText, fileDate } from '../ui/download';
import { formatDateTime } from '../ui/format';
import { statusLabel, verdictLabel } from './labels';

export function reportText(summary: TaskSummary): ReportText {
  return {
    title: t('popup_report_title'),
    packLabel: t('popup_report_pack'),
    municipalityLabel: t('popup_report_municipality'),
    expectedSeLabel: t('popup_report_expected_se'),
    generatedLabel: t('popup_report_generated'),
    resultLabel: t('popup_report_result'),
    result: summary.done ? t('popup_report_result_done', String(summary.total)) : t('popup_progress', [String(summary.approved.length), String(summary.total)]),
    none: t('popup_report_none'),
    columns: {
      id: t('popup_report_col_id'),
      name: t('popup_report_col_name'),
      status: t('popup_report_col_status'),
      portalStatus: t('popup_report_col_portal_status'),
      seVerdict: t('popup_report_col_se_verdict'),
      seFound: t('popup_report_col_se_found'),
      seExpected: t('popup_report_col_se_expected'),
      seenAt: t('popup_report_col_seen_at'),
      url: t('popup_report_col_url'),
    },
    status: {
      pending: statusLabel('pending'),
      approved: statusLabel('approved'),
      rejected: statusLabel('rejected'),
      ended: statusLabel('ended'),
      unknown: statusLabel('unknown'),
      unseen: statusLabel('unseen'),
    },
    verdict: {
      match: verdictLabel('match'),
      mismatch: verdictLabel('mismatch'),
      missing: verdictLabel('missing'),
      unconfigured: verdictLabel('unconfigured'),
    },
    seNotChecked: t('popup_report_se_not_checked'),
    seNotRequired: t('popup_report_se_not_required'),
    suspect: t('popup_report_suspect'),
    formatDate: formatDateTime,
  };
}

/** Saves the checklist as Markdown and CSV; returns the two file names. */
export function exportReport(
  summary: TaskSummary,
  pack: Pack,
  settings: { municipality: string; expectedSe: string | null },
  now = new Date(),
): [string, string] {
  const text = reportText(summary);
  const meta = { pack, municipality: settings.municipality, expectedSe: settings.expectedSe, generatedAt: now.toISOString() };
  const base = `${t('popup_report_filename')}-${pack.id}-${fileDate(now)}`;
  const files: [string, string] = [`${base}.md`, `${base}.csv`];
  downloadText(files[0], reportMarkdown(summary, text, meta), 'text/markdown;charset=utf-8');
  downloadText(files[1], reportCsv(summary, text, meta), 'text/csv;charset=utf-8');
  return files;
}
