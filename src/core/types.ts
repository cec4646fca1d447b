/** Shared domain types. Plain data only: no DOM, no browser API. */

/** Where an agreement stands in the admin portal, read from the portal's status words. */
export type AgreementStatus = 'pending' | 'approved' | 'rejected' | 'ended' | 'unknown';

export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['pending', 'approved', 'rejected', 'ended', 'unknown'];

/** Outcome of comparing the SE number on an agreement's page with the municipality's expected SE number. */
export type SeVerdict = 'match' | 'mismatch' | 'missing' | 'unconfigured';

export const SE_VERDICTS: readonly SeVerdict[] = ['match', 'mismatch', 'missing', 'unconfigured'];

/** A label and the value shown beside it on a page ("SE-nr." -> "12 34 56 78"). Free text has label ''. */
export interface LabelledValue {
  label: string;
  value: string;
}

/** What was found when looking for the SE number among a page's labelled values and text. */
export type SeFinding = { kind: 'found'; value: string } | { kind: 'missing' } | { kind: 'ambiguous'; values: string[] };

/** The SE check's result for one agreement page. */
export interface SeCheck {
  verdict: SeVerdict;
  /** Every distinct 8-digit SE value found on the page (0, 1, or 2+ when ambiguous). */
  found: string[];
  /** The expected SE the page was compared with, when configured. */
  expected: string | null;
  /** True when a found value fails the modulus-11 rule (suspect, not proof of error). */
  suspect: boolean;
}

/** What was last recorded about one agreement seen on the portal (the store keeps one per agreement). */
export interface AgreementProgress {
  status: AgreementStatus;
  /** The portal's own status words, trimmed, at most 200 characters. */
  statusText: string;
  /** The agreement's name as seen on the page, at most 300 characters. */
  name: string;
  /** The SE check's result from the agreement's own page (SE agreements only). */
  se: SeCheck | null;
  /** ISO time the agreement was last seen (refreshed at most once a minute when nothing else changed). */
  seenAt: string;
  /** Portal page where it was seen: origin, path and query, no fragment; '' when not a portal page. */
  url: string;
}
