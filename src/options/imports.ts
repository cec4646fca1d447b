/**
 * The options page's file imports, each for one <FileImport>: its ids and words, and the importer that
 * hands the file's text to the store and says what came of it. A refused file changes nothing.
 */
import { t, type MessageKey } from '../shared/i18n';
import { importProfile, type ProfileImportResult } from '../store/profile';
import { importPack, importSettingsJson } from '../store/settings';
import { done, refused, type Feedback } from './Feedback';
import { errorText } from './texts';

export interface ImportKind {
  /** The file input's id, and the id of the status line that reports the outcome. */
  id: string;
  statusId: string;
  label: MessageKey;
  /** What the file dialog offers; JSON files unless said. */
  accept?: string;
  /** The sentence for a file refused before it is read. */
  refused: MessageKey;
  importer(text: string): Promise<Feedback>;
}

/** A refused profile in words: the Danish sentence names what is wrong; the detail is the validator's own. */
function profileImportFeedback(result: Exclude<ProfileImportResult, { ok: true }>): Feedback {
  switch (result.reason) {
    case 'not-json':
      return refused(t('options_profile_import_not_json'), result.detail);
    case 'invalid':
      return result.field && result.field !== '(root)'
        ? refused(t('options_profile_import_invalid_field', result.field), result.detail)
        : refused(t('options_profile_import_invalid'), result.detail);
    case 'builtin-id':
      return refused(t('options_profile_import_builtin_id', result.detail ?? ''));
    case 'managed':
      return refused(t('options_profile_import_managed'));
    case 'write-failed':
      return refused(t('options_write_failed'));
  }
}

async function importPackFile(text: string): Promise<Feedback> {
  const result = await importPack(text);
  return result.ok ? done(t('options_pack_import_ok', result.pack.title)) : refused(t('options_pack_import_error'), result.error);
}

async function importProfileFile(text: string): Promise<Feedback> {
  const result = await importProfile(text);
  return result.ok ? done(t('options_profile_import_ok', result.profile.id)) : profileImportFeedback(result);
}

async function importSettingsFile(text: string): Promise<Feedback> {
  const result = await importSettingsJson(text);
  if (result.ok) return done(t('options_settings_import_ok'));
  if ('error' in result) return refused(t('options_settings_import_error'), result.error);
  const fieldErrors = Object.values(result.errors).map(errorText);
  return refused(result.writeFailed ? t('options_write_failed') : t('options_settings_import_error'), fieldErrors.join(' ') || undefined);
}

/** A task as a JSON file (validated, kept, made active); a portal profile of the municipality's own; the settings exported earlier. */
export const IMPORTS = {
  pack: { id: 'pack-file', statusId: 'pack-status', label: 'options_pack_import_label', refused: 'options_pack_import_error', importer: importPackFile },
  profile: {
    id: 'profile-file',
    statusId: 'profile-status',
    label: 'options_profile_import_label',
    refused: 'options_profile_import_invalid',
    importer: importProfileFile,
  },
  settings: {
    id: 'settings-file',
    statusId: 'settings-file-status',
    label: 'options_settings_import_label',
    refused: 'options_settings_import_error',
    importer: importSettingsFile,
  },
} satisfies Record<string, ImportKind>;
