/**
 * What the popup, the badge and the report say about a KLIK task: derived from the pack and the recorded
 * progress. Pure: no DOM, no browser API; user-facing words come in as arguments (ReportText).
 */
import type { Pack, PackAgreement } from './pack';
import { suspectNumbers } from './se';
import type { AgreementProgress, AgreementStatus, SeCheck, SeVerdict } from './types';

/** What was last recorded about one agreement. */
export type SeenAgreement = AgreementProgress;

/** An agreement never seen on the portal has no status yet. */
export type DisplayStatus = AgreementStatus | 'unseen';

/** An SE check the administrator must act on before the task is done. */
export type SeProblem = 'mismatch' | 'missing';

export interface AgreementLine {
  agreement: PackAgreement;
  status: DisplayStatus;
  seen: SeenAgreement | null;
  /** The name as the portal wrote it, or the task's name when never seen. */
  name: string;
  /** The SE check, only for agreements whose SE must be verified. */
  se: SeCheck | null;
  seProblem: SeProblem | null;
}

export interface TaskSummary {
  /** Every agreement of the pack, in task order. */
  lines: AgreementLine[];
  /** Not yet approved, in task order. */
  outstanding: AgreementLine[];
  approved: AgreementLine[];
  /** SE checks that block "done", in task order. */
  seProblems: AgreementLine[];
  total: number;
  /** The test hook's value, e.g. "3/5". */
  progress: string;
  /** All approved and no SE mismatch or missing SE: the KLIK task can be marked "Fuldført". */
  done: boolean;
}

/** Agreements whose SE must be checked but that Aftaletjek has not checked against a configured SE. */
export function seUnchecked(line: AgreementLine): boolean {
  return line.agreement.seCheck && (line.se === null || line.se.verdict === 'unconfigured');
}

/** The agreement's name as the task writes it, with the municipality when known. */
export function taskName(agreement: PackAgreement, municipality = ''): string {
  const head = [agreement.code, agreement.title].join(' - ') + (agreement.version ? ` ${agreement.version}` : '');
  if (agreement.systemSuffixOptional && !municipality) return head;
  return [head, agreement.itSystem].join(' - ') + (municipality ? ` – ${municipality}` : '');
}

function seProblemOf(se: SeCheck | null): SeProblem | null {
  return se?.verdict === 'mismatch' || se?.verdict === 'missing' ? se.verdict : null;
}

export function summarize(pack: Pack, progress: Readonly<Record<string, SeenAgreement | undefined>>, municipality = ''): TaskSummary {
  const lines = pack.agreements.map((agreement): AgreementLine => {
    // Own properties only: an agreement id like "constructor" must not pick up Object.prototype.
    const seen = Object.hasOwn(progress, agreement.id) ? (progress[agreement.id] ?? null) : null;
    const se = agreement.seCheck ? (seen?.se ?? null) : null;
    return {
      agreement,
      status: seen?.status ?? 'unseen',
      seen,
      name: seen?.name || taskName(agreement, municipality),
      se,
      seProblem: seProblemOf(se),
    };
  });
  const approved = lines.filter((l) => l.status === 'approved');
  const outstanding = lines.filter((l) => l.status !== 'approved');
  const seProblems = lines.filter((l) => l.seProblem !== null);
  return {
    lines,
    outstanding,
    approved,
    seProblems,
    total: lines.length,
    progress: `${approved.length}/${lines.length}`,
    done: outstanding.length === 0 && seProblems.length === 0,
  };
}

/**
 * The toolbar badge: a warning while an SE number is wrong (approving would be a mistake), else the number
 * of agreements left, '?' when all are approved but an SE number was not found, nothing when done.
 */
export type BadgeState =
  | { kind: 'done'; text: '' }
  | { kind: 'outstanding'; text: string; count: number }
  | { kind: 'warning'; text: '!'; count: number }
  | { kind: 'check-se'; text: '?'; count: 0 };

export function badgeState(summary: TaskSummary): BadgeState {
  const count = summary.outstanding.length;
  if (summary.seProblems.some((l) => l.seProblem === 'mismatch')) return { kind: 'warning', text: '!', count };
  if (count > 0) return { kind: 'outstanding', text: String(count), count };
  if (!summary.done) return { kind: 'check-se', text: '?', count: 0 };
  return { kind: 'done', text: '' };
}

/**
 * Stand-in for an unknown expected SE in the KLIK message. The message goes to KOMBIT and the supplier and is
 * Danish whatever the browser's language, like the pack's template, so this word is Danish data, not UI text.
 */
const UNKNOWN_SE = '(ikke oplyst)';

/**
 * The message to write on the KLIK task when an agreement's SE number is wrong, from the pack's template.
 * Several found numbers (an ambiguous page) are listed together.
 */
export function klikMessage(pack: Pick<Pack, 'seMismatchMessage'>, agreementName: string, found: string | readonly string[], expected: string | null): string {
  const values: Record<string, string> = {
    name: agreementName.trim(),
    found: (typeof found === 'string' ? [found] : found).join(' / '),
    expected: expected ?? UNKNOWN_SE,
  };
  // A function replacement: '$' in a name must not act as a replacement pattern.
  return pack.seMismatchMessage.replace(/\{(name|found|expected)\}/g, (_, key: string) => values[key] ?? '');
}

/** The report's columns, in order. */
const COLUMN_ORDER = ['id', 'name', 'status', 'portalStatus', 'seVerdict', 'seFound', 'seExpected', 'seenAt', 'url'] as const;
type ReportColumn = (typeof COLUMN_ORDER)[number];

/** Words for the report, in the UI language; the popup fills them from _locales. */
export interface ReportText {
  title: string;
  packLabel: string;
  municipalityLabel: string;
  expectedSeLabel: string;
  generatedLabel: string;
  resultLabel: string;
  /** The result sentence, e.g. "3 af 5 godkendt" or the done sentence. */
  result: string;
  /** Shown for an empty value. */
  none: string;
  columns: Record<ReportColumn, string>;
  status: Record<DisplayStatus, string>;
  verdict: Record<SeVerdict, string>;
  /** SE must be checked but nothing was recorded yet. */
  seNotChecked: string;
  /** SE check not part of the task for this agreement. */
  seNotRequired: string;
  /** Appended to a found SE that fails the modulus-11 rule. */
  suspect: string;
  formatDate(iso: string): string;
}

export interface ReportMeta {
  pack: Pick<Pack, 'title'>;
  municipality: string;
  expectedSe: string | null;
  generatedAt: string;
}

type ReportRow = Record<ReportColumn, string>;

function reportRows(summary: TaskSummary, text: ReportText, meta: ReportMeta): ReportRow[] {
  return summary.lines.map((line) => {
    const se = line.se;
    let seVerdict = text.seNotRequired;
    if (line.agreement.seCheck) seVerdict = se ? text.verdict[se.verdict] : text.seNotChecked;
    const suspects = se ? suspectNumbers(se) : [];
    const seFound = se ? se.found.map((value) => (suspects.includes(value) ? `${value} ${text.suspect}` : value)).join(' / ') : '';
    return {
      id: line.agreement.id,
      name: line.name,
      status: text.status[line.status],
      portalStatus: line.seen?.statusText ?? '',
      seVerdict,
      seFound,
      // The SE compared with when checked, else the one configured now.
      seExpected: line.agreement.seCheck ? (se?.expected ?? meta.expectedSe ?? '') : '',
      seenAt: line.seen ? text.formatDate(line.seen.seenAt) : '',
      url: line.seen?.url ?? '',
    };
  });
}

/** Markdown table cell: one line, pipes and HTML made inert (names come from the portal page). */
function mdCell(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .trim();
}

export function reportMarkdown(summary: TaskSummary, text: ReportText, meta: ReportMeta): string {
  const rows = reportRows(summary, text, meta);
  const or = (value: string) => mdCell(value) || text.none;
  const header = COLUMN_ORDER.map((c) => mdCell(text.columns[c]));
  return [
    `# ${mdCell(text.title)}`,
    '',
    `- ${text.packLabel}: ${or(meta.pack.title)}`,
    `- ${text.municipalityLabel}: ${or(meta.municipality)}`,
    `- ${text.expectedSeLabel}: ${or(meta.expectedSe ?? '')}`,
    `- ${text.generatedLabel}: ${or(text.formatDate(meta.generatedAt))}`,
    `- ${text.resultLabel}: ${or(text.result)}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${COLUMN_ORDER.map((c) => or(row[c])).join(' | ')} |`),
    '',
  ].join('\n');
}

/**
 * One CSV cell for Danish Excel: always quoted, quotes doubled; a cell that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) gets a leading apostrophe (OWASP CSV injection advice).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The checklist as CSV: ';' separated (Danish Excel uses ',' as the decimal mark), CRLF line ends, and a
 * UTF-8 byte order mark so Excel reads æ, ø and å right.
 */
export function reportCsv(summary: TaskSummary, text: ReportText, meta: ReportMeta): string {
  const header = COLUMN_ORDER.map((c) => text.columns[c]);
  const body = reportRows(summary, text, meta).map((row) => COLUMN_ORDER.map((c) => row[c]));
  return '\uFEFF' + [header, ...body].map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
