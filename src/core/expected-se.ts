import { isModulus11, parseSeDigits } from './se';
import { normalizeText } from './normalize';

/**
 * What a user (or a policy) gave as the municipality's expected SE number. Eight digits, grouping allowed.
 * The modulus-11 rule is a warning, not a refusal: it is promised for CVR numbers only, and an SE number the
 * tax authority registered separately need not pass it. The SE check itself is equality of the 8 digits.
 */
export type ExpectedSeCheck = { ok: true; value: string; modulus11: boolean } | { ok: false; reason: 'empty' | 'format' };

export function checkExpectedSe(input: string): ExpectedSeCheck {
  if (normalizeText(input) === '') return { ok: false, reason: 'empty' };
  const digits = parseSeDigits(input);
  if (digits === null) return { ok: false, reason: 'format' };
  return { ok: true, value: digits, modulus11: isModulus11(digits) };
}

/** Why an 8-digit number fails the modulus-11 check, for the warning: 'leading-zero' or the remainder. */
export function modulus11Failure(digits: string): { kind: 'leading-zero' } | { kind: 'remainder'; sum: number; remainder: number } | null {
  if (!/^\d{8}$/u.test(digits) || isModulus11(digits)) return null;
  if (digits.startsWith('0')) return { kind: 'leading-zero' };
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  return { kind: 'remainder', sum, remainder: sum % 11 };
}
