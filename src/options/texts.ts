/** The options page's words for the store's and the parser's codes. */
import type { TaskWarning } from '../core/klik';
import { t, textFor } from '../shared/i18n';
import type { ProfileSource } from '../store/profile';
import type { PackSource, SettingsError } from '../store/settings';

export const errorText = textFor<SettingsError>({
  'se-empty': 'options_error_se_empty',
  'se-format': 'options_error_se_format',
  'se-modulus11': 'options_error_se_modulus11',
  'municipality-too-long': 'options_error_municipality_too_long',
  managed: 'options_error_managed',
});

export const packSourceText = textFor<PackSource>({
  builtin: 'options_pack_builtin',
  managed: 'options_tasks_source_managed',
  kept: 'options_tasks_source_kept',
});

export const profileSourceText = textFor<ProfileSource>({
  builtin: 'options_profile_source_builtin',
  imported: 'options_profile_source_imported',
  managed: 'options_profile_source_managed',
});

type WarningKind = TaskWarning['kind'];
const WARNING_TEXT: { [K in WarningKind]: (warning: Extract<TaskWarning, { kind: K }>) => string } = {
  'count-mismatch': (w) => t('options_klik_warning_count', [String(w.stated), String(w.listed)]),
  unreadable: (w) => t('options_klik_warning_unreadable', w.text),
  duplicate: (w) => t('options_klik_warning_duplicate', w.code),
  'se-unknown-code': (w) => t('options_klik_warning_se_unknown', w.code),
  'no-title': () => t('options_klik_warning_no_title'),
  'no-supplier': () => t('options_klik_warning_no_supplier'),
  'no-it-system': () => t('options_klik_warning_no_system'),
  'no-agreements': () => t('options_klik_warning_no_agreements'),
};

/** A warning of the KLIK task reader in words. */
export function warningText(warning: TaskWarning): string {
  return (WARNING_TEXT[warning.kind] as (w: TaskWarning) => string)(warning);
}
