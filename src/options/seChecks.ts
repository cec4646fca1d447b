/** The checks the municipality/SE form runs as the user leaves a field: pure, no storage. */
import { checkExpectedSe, modulus11Failure } from '../core/expected-se';
import { t } from '../shared/i18n';
import { normalizeMunicipality, type SettingsError } from '../store/settings';

export type SettingsField = 'municipality' | 'expectedSe';

/** Why an 8-digit number fails the modulus-11 check, in words. */
export function modulus11Why(value: string): string {
  const checked = checkExpectedSe(value);
  const failure = checked.ok ? modulus11Failure(checked.value) : null;
  if (!failure) return '';
  return failure.kind === 'leading-zero' ? t('options_se_why_leading_zero') : t('options_se_why_remainder', [String(failure.sum), String(failure.remainder)]);
}

/** The error a field shows when the user leaves it. */
export function fieldError(field: SettingsField, value: string): SettingsError | undefined {
  if (field === 'municipality') return normalizeMunicipality(value) === null ? 'municipality-too-long' : undefined;
  if (value.trim() === '') return undefined;
  const checked = checkExpectedSe(value);
  if (!checked.ok) return `se-${checked.reason}`;
  return checked.modulus11 ? undefined : 'se-modulus11';
}
