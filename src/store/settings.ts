/**
 * The settings store, one module per concern under ./settings/: schema (types, defaults, stored shape),
 * migrate (v0 -> v1 -> v2 and repair, written by migrateStored/ensureDefaults only), managed (the IT policy),
 * read (getState: one pure read of everything a page shows), write (saves), packs (kept tasks) and file
 * (export and import). Importers use this barrel.
 */
export {
  DEFAULT_SETTINGS,
  MANAGED_KEYS,
  MUNICIPALITY_MAX_LENGTH,
  SETTINGS_FILE_FORMAT,
  SETTINGS_KEY,
  SETTINGS_VERSION,
  StoredSettingsSchema,
  normalizeMunicipality,
  type EffectiveSettings,
  type SaveResult,
  type Settings,
  type SettingsError,
  type SettingsState,
  type StoredSettings,
} from './settings/schema';
export { ensureDefaults, migrateStored, migrateV0 } from './settings/migrate';
export {
  activePackOf,
  getActivePack,
  getState,
  loadSettings,
  onSettingsChanged,
  onStateChanged,
  packEntries,
  type PackEntry,
  type PackSource,
  type StateWatchOptions,
} from './settings/read';
export { saveSettings, type SaveOptions } from './settings/write';
export { importPack, keepPackFromText, removePack, setActivePack, useBuiltinPack, type KeepResult } from './settings/packs';
export { exportSettingsJson, importSettingsJson } from './settings/file';
