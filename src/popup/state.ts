/**
 * What the popup shows, derived in one pure function from what it has read: the settings state (settings,
 * what of the policy is ignored, the active pack), the portal profile in force, the active pack's progress,
 * what the open portal page shows and the one-off notices. The components only render its parts.
 */
import { klikMessage, seUnchecked, summarize, type AgreementLine, type TaskSummary } from '../core/summary';
import type { Notice } from '../store/notices';
import type { ProfileState } from '../store/profile';
import type { Progress, ProgressState } from '../store/progress';
import { packEntries, type SettingsState } from '../store/settings';
import { conditionsOf, type ShownNotice } from './conditions';
import type { PageSeenAnswer } from './portalTab';

export { stateConditions, type ShownKind, type ShownNotice } from './conditions';

export interface PopupInput {
  /** Null until read. */
  state: SettingsState | null;
  /** The portal profile in force, with its conditions; null until read. */
  profile: ProfileState | null;
  /** The active pack's progress state; null until read. */
  progress: ProgressState | null;
  pageSeen: PageSeenAnswer | null;
  /** One-off notices the popup has taken from the store (newest first), not closed yet. */
  notices: readonly Notice[];
}

export interface TaskOption {
  id: string;
  title: string;
  /** Set by the municipality's IT. */
  managed: boolean;
}

export interface HeaderView {
  title: string;
  activeId: string;
  /** Every task in reach, for the switcher; null while there is only one. */
  tasks: TaskOption[] | null;
  /** Empty when not set. */
  municipality: string;
}

export type PageView = { kind: 'no-answer' } | { kind: 'none' } | { kind: 'seen'; codes: string[] };

export type SeProblemView =
  | { kind: 'mismatch'; line: AgreementLine; found: string[]; expected: string | null; supplier: string; message: string }
  | { kind: 'missing'; line: AgreementLine };

export interface BodyView {
  summary: TaskSummary;
  approved: number;
  total: number;
  left: number;
  /** The page line under the progress; null when the active tab is no portal page (or has not answered). */
  page: PageView | null;
  /** In task order: a wrong SE number (with the ready-made KLIK message) or one not found. */
  seProblems: SeProblemView[];
  /** The task can be marked "Fuldført"; with the SE agreements that were not checked. */
  done: { unchecked: string[] } | null;
  /** No expected SE number is set although the task has SE agreements. */
  askForSe: boolean;
  nothingSeen: boolean;
}

export interface PopupView {
  /** Null until the settings are read. */
  header: HeaderView | null;
  notices: ShownNotice[];
  /** Null while loading. */
  body: BodyView | null;
}

function pageView(answer: PageSeenAnswer | null, state: SettingsState): PageView | null {
  if (answer === null || answer.kind === 'not-portal') return null;
  if (answer.kind === 'no-answer') return { kind: 'no-answer' };
  const ids = new Set(answer.seen.map((s) => s.id));
  const codes = state.pack.agreements.filter((a) => ids.has(a.id)).map((a) => a.code);
  return codes.length === 0 ? { kind: 'none' } : { kind: 'seen', codes };
}

function seProblemView(line: AgreementLine, state: SettingsState): SeProblemView {
  if (line.seProblem !== 'mismatch' || !line.se) return { kind: 'missing', line };
  const { found, expected } = line.se;
  const { pack } = state;
  return { kind: 'mismatch', line, found, expected, supplier: pack.supplier, message: klikMessage(pack, line.name, found, expected) };
}

function bodyView(state: SettingsState, progress: Progress, pageSeen: PageSeenAnswer | null): BodyView {
  const { settings, pack } = state;
  const summary = summarize(pack, progress, settings.municipality);
  return {
    summary,
    approved: summary.approved.length,
    total: summary.total,
    left: summary.outstanding.length,
    page: pageView(pageSeen, state),
    seProblems: summary.seProblems.map((line) => seProblemView(line, state)),
    done: summary.done ? { unchecked: summary.lines.filter(seUnchecked).map((l) => l.agreement.code) } : null,
    askForSe: settings.expectedSe === null && pack.agreements.some((a) => a.seCheck),
    nothingSeen: summary.lines.every((l) => l.status === 'unseen'),
  };
}

const event = (n: Notice): ShownNotice => ({ id: n.id, kind: n.kind, detail: n.detail, lasting: false });

export function popupState({ state, profile, progress, pageSeen, notices }: PopupInput): PopupView {
  if (state === null) return { header: null, notices: notices.map(event), body: null };
  const entries = packEntries(state.settings);
  const header: HeaderView = {
    title: state.pack.title,
    activeId: state.pack.id,
    tasks: entries.length < 2 ? null : entries.map((e) => ({ id: e.pack.id, title: e.pack.title, managed: e.source === 'managed' })),
    municipality: state.settings.municipality,
  };
  const conditions = conditionsOf(state, profile, progress);
  // A notice an older version stored about a condition shown from the state now is not shown twice.
  const events = notices.filter((n) => !conditions.some((c) => c.kind === n.kind && c.detail === n.detail)).map(event);
  const body = progress === null ? null : bodyView(state, progress.progress, pageSeen);
  return { header, notices: [...conditions, ...events], body };
}
