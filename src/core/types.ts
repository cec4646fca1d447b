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
export type SeFinding =
  | { kind: 'found'; value: string }
  | { kind: 'missing' }
  | { kind: 'ambiguous'; values: string[] };

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
