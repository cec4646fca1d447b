import { useEffect, useRef, useState } from 'preact/hooks';
import { BUILTIN_PACK, type Pack } from '../core/pack';
import { checkExpectedSe, modulus11Failure } from '../core/expected-se';
import { t } from '../shared/i18n';
import {
  exportSettingsJson,
  importPack,
  importSettingsJson,
  normalizeMunicipality,
  saveSettings,
  useBuiltinPack,
  type EffectiveSettings,
  type SettingsError,
} from '../store/settings';
import { TasksSection } from './Tasks';
import {
  exportProfileJson,
  importProfile,
  loadProfileState,
  onProfileChanged,
  useBuiltinProfile,
  type ProfileImportResult,
  type ProfileSource,
  type ProfileState,
} from '../store/profile';
import { downloadText, fileDate, MAX_IMPORT_BYTES } from '../ui/download';
import { Icon } from '../ui/Icon';
import { useSettingsAndPack } from '../ui/useSettingsAndPack';

type Field = 'municipality' | 'expectedSe';
type FieldErrors = Partial<Record<Field, SettingsError>>;
type Feedback = { tone: 'ok' | 'bad'; text: string; detail?: string } | null;

export function errorText(error: SettingsError): string {
  switch (error) {
    case 'se-empty':
      return t('options_error_se_empty');
    case 'se-format':
      return t('options_error_se_format');
    case 'se-modulus11':
      return t('options_error_se_modulus11');
    case 'municipality-too-long':
      return t('options_error_municipality_too_long');
    case 'managed':
      return t('options_error_managed');
  }
}

function FeedbackLine({ feedback, id }: { feedback: Feedback; id?: string }) {
  return (
    <div id={id} class={`status-line ${feedback?.tone ?? ''}`} role="status">
      {feedback && (
        <>
          <p>
            <Icon name={feedback.tone === 'ok' ? 'check' : 'warning'} /> {feedback.text}
          </p>
          {feedback.detail && <p class="detail">{t('options_error_detail', feedback.detail)}</p>}
        </>
      )}
    </div>
  );
}

/**
 * The chosen file's text; 'too-large' for files far larger than any pack or settings file; null when the
 * choice was cancelled.
 */
async function readChosenFile(input: HTMLInputElement): Promise<string | 'too-large' | null> {
  const file = input.files?.[0];
  // Cleared at once so choosing the same file again fires change again.
  input.value = '';
  if (!file) return null;
  return file.size > MAX_IMPORT_BYTES ? 'too-large' : file.text();
}

interface TextFieldProps {
  id: Field;
  label: string;
  hint: string;
  value: string;
  managed: boolean;
  error: SettingsError | undefined;
  inputRef: { current: HTMLInputElement | null };
  onInput(value: string): void;
  onBlur?(value: string): void;
  inputMode?: 'numeric';
  autoComplete?: string;
  /** More about the error (why the modulus-11 check failed), and what may be done about it. */
  errorExtra?: preact.ComponentChildren;
  /** A lasting note under the field (a saved SE number that fails the modulus-11 check). */
  note?: string | null;
}

function TextField({ id, label, hint, value, managed, error, inputRef, onInput, onBlur, inputMode, autoComplete, errorExtra, note }: TextFieldProps) {
  const describedBy = [`${id}-hint`, managed ? `${id}-managed` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${managed ? ' managed' : ''}${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
      <input
        id={id}
        name={id}
        ref={inputRef}
        type="text"
        value={value}
        readOnly={managed}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(e) => onInput(e.currentTarget.value)}
        onBlur={(e) => onBlur?.(e.currentTarget.value)}
      />
      {managed && (
        <p id={`${id}-managed`} class="managed-note" data-aftaletjek-managed={id}>
          <Icon name="lock" /> {t('options_managed_note')}
        </p>
      )}
      {error && (
        <div id={`${id}-error`} class="error" data-aftaletjek-error={error}>
          <p>
            <Icon name="warning" /> {errorText(error)}
          </p>
          {errorExtra}
        </div>
      )}
      {!error && note && (
        <p class="hint se-note" data-aftaletjek-se-note="modulus11">
          <Icon name="info" /> {note}
        </p>
      )}
    </div>
  );
}

/** Why an 8-digit number fails the modulus-11 check, in words. */
function modulus11Why(value: string): string {
  const checked = checkExpectedSe(value);
  const failure = checked.ok ? modulus11Failure(checked.value) : null;
  if (!failure) return '';
  return failure.kind === 'leading-zero'
    ? t('options_se_why_leading_zero')
    : t('options_se_why_remainder', [String(failure.sum), String(failure.remainder)]);
}

/** The error a field shows when the user leaves it: pure checks, no storage. */
function fieldError(field: Field, value: string): SettingsError | undefined {
  if (field === 'municipality') return normalizeMunicipality(value) === null ? 'municipality-too-long' : undefined;
  if (value.trim() === '') return undefined;
  const checked = checkExpectedSe(value);
  if (!checked.ok) return `se-${checked.reason}`;
  return checked.modulus11 ? undefined : 'se-modulus11';
}

function SettingsForm({ settings }: { settings: EffectiveSettings }) {
  const [municipality, setMunicipality] = useState(settings.municipality);
  const [expectedSe, setExpectedSe] = useState(settings.expectedSe ?? '');
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [feedback, setFeedback] = useState<Feedback>(null);
  const refs = { municipality: useRef<HTMLInputElement>(null), expectedSe: useRef<HTMLInputElement>(null) };

  // Whether the user has typed since the last save, read live: an effect created by an earlier render must
  // not see a stale "not edited" (preact runs effects after paint, so typing can come first).
  const editing = useRef(false);

  // Values changed elsewhere (an import, policy, another tab) replace the fields unless the user is editing.
  useEffect(() => {
    if (editing.current) return;
    setMunicipality(settings.municipality);
    setExpectedSe(settings.expectedSe ?? '');
  }, [settings]);

  const edit = (field: Field, value: string) => {
    (field === 'municipality' ? setMunicipality : setExpectedSe)(value);
    editing.current = true;
    setDirty(true);
    setFeedback(null);
  };

  const [saving, setSaving] = useState(false);

  // A field left by pressing a button of the form: an error shown at once would push the button down
  // between press and release and swallow the click. Then it shows once the press is over.
  const pressing = useRef(false);

  const onLeave = (field: Field, value: string) => {
    if (settings.managed[field]) return;
    const show = () =>
      setErrors((now) => {
        const next = { ...now };
        const error = fieldError(field, value);
        if (error) next[field] = error;
        else delete next[field];
        return next;
      });
    if (!pressing.current) {
      show();
      return;
    }
    // After the release, and after the click it makes (which may save and set the errors itself).
    window.addEventListener('pointerup', () => setTimeout(show, 0), { once: true });
  };

  const save = async (acceptSeWarning: boolean) => {
    // Read from the fields themselves: a submit right after typing may come before the re-render.
    const typedMunicipality = refs.municipality.current?.value ?? municipality;
    const typedSe = refs.expectedSe.current?.value ?? expectedSe;
    const patch: { municipality?: string; expectedSe?: string | null } = {};
    if (!settings.managed.municipality) patch.municipality = typedMunicipality;
    if (!settings.managed.expectedSe) patch.expectedSe = typedSe.trim() === '' ? null : typedSe;
    setSaving(true);
    setFeedback({ tone: 'ok', text: t('options_saving') });
    const result = await saveSettings(patch, { acceptSeWarning });
    setSaving(false);
    if (result.ok) {
      setErrors({});
      editing.current = false;
      setDirty(false);
      setMunicipality(result.settings.municipality);
      setExpectedSe(result.settings.expectedSe ?? '');
      setFeedback({ tone: 'ok', text: t('options_saved') });
      return;
    }
    setErrors(result.errors);
    setFeedback({ tone: 'bad', text: result.writeFailed ? t('options_write_failed') : t('options_not_saved') });
    const first = (['municipality', 'expectedSe'] as const).find((f) => result.errors[f]);
    if (first) refs[first].current?.focus();
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!saving) void save(false);
  };

  const seWarningExtra =
    errors.expectedSe === 'se-modulus11' ? (
      <>
        <p class="detail" data-aftaletjek-se-why="">
          {modulus11Why(refs.expectedSe.current?.value ?? expectedSe)}
        </p>
        <div class="row">
          <button type="button" class="button" disabled={saving} onClick={() => void save(true)}>
            {t('options_save_anyway')}
          </button>
        </div>
      </>
    ) : null;
  const seNote = !dirty && settings.expectedSeSuspect ? t(settings.managed.expectedSe ? 'options_se_note_managed' : 'options_se_note_saved') : null;

  const allManaged = settings.managed.municipality && settings.managed.expectedSe;
  return (
    <form
      class="settings-form"
      onSubmit={onSubmit}
      noValidate
      onPointerDown={(e) => {
        pressing.current = (e.target as Element).closest('button') !== null;
        if (pressing.current) window.addEventListener('pointerup', () => setTimeout(() => (pressing.current = false), 0), { once: true });
      }}
    >
      <TextField
        id="municipality"
        label={t('options_municipality_label')}
        hint={t('options_municipality_hint')}
        value={municipality}
        managed={settings.managed.municipality}
        error={errors.municipality}
        inputRef={refs.municipality}
        onInput={(v) => edit('municipality', v)}
        onBlur={(v) => onLeave('municipality', v)}
        autoComplete="organization"
      />
      <TextField
        id="expectedSe"
        label={t('options_se_label')}
        hint={t('options_se_hint')}
        value={expectedSe}
        managed={settings.managed.expectedSe}
        error={errors.expectedSe}
        inputRef={refs.expectedSe}
        onInput={(v) => edit('expectedSe', v)}
        onBlur={(v) => onLeave('expectedSe', v)}
        inputMode="numeric"
        errorExtra={seWarningExtra}
        note={seNote}
      />
      <div class="row">
        <button type="submit" class="button primary" disabled={allManaged} aria-disabled={saving ? 'true' : undefined}>
          {t('options_save')}
        </button>
      </div>
      <FeedbackLine feedback={feedback} id="save-status" />
    </form>
  );
}

/** Tasks as JSON files: import one (validated; a bad file changes nothing), export the active one. */
function PackFiles({ pack }: { pack: Pack }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const builtin = pack.id === BUILTIN_PACK.id;

  const onImport = async (input: HTMLInputElement) => {
    const text = await readChosenFile(input);
    if (text === null) return;
    if (text === 'too-large') {
      setFeedback({ tone: 'bad', text: t('options_pack_import_error'), detail: t('options_file_too_large') });
      return;
    }
    const result = await importPack(text);
    setFeedback(
      result.ok
        ? { tone: 'ok', text: t('options_pack_import_ok', result.pack.title) }
        : { tone: 'bad', text: t('options_pack_import_error'), detail: result.error },
    );
  };

  return (
    <div class="pack-files">
      <h3>{t('options_pack_files_heading')}</h3>
      <p>{t('options_pack_count', [String(pack.agreements.length), pack.supplier])}</p>
      <ul class="pack-agreements">
        {pack.agreements.map((a) => (
          <li key={a.id}>
            <strong>{a.code}</strong> {[a.title, a.version].filter(Boolean).join(' ')}
          </li>
        ))}
      </ul>
      <div class="row">
        <button
          type="button"
          class="button"
          onClick={() => downloadText(`${pack.id}.json`, JSON.stringify(pack, null, 2) + '\n', 'application/json')}
        >
          <Icon name="download" />
          {t('options_pack_export')}
        </button>
        {!builtin && (
          <button
            type="button"
            class="button"
            onClick={() => void useBuiltinPack().then(() => setFeedback({ tone: 'ok', text: t('options_pack_builtin_ok') }))}
          >
            {t('options_pack_use_builtin')}
          </button>
        )}
      </div>
      <JsonFileField id="pack-file" label={t('options_pack_import_label')} statusId="pack-status" onChoose={onImport} />
      <FeedbackLine feedback={feedback} id="pack-status" />
    </div>
  );
}

/** A labelled file input for a JSON import; `statusId` names the line that reports the outcome. */
function JsonFileField(props: { id: string; label: string; statusId: string; onChoose(input: HTMLInputElement): Promise<void> }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="file"
        accept=".json,application/json"
        aria-describedby={props.statusId}
        onChange={(e) => void props.onChoose(e.currentTarget)}
      />
    </div>
  );
}

/** The profile in force, reloaded when an import or a policy changes it; only the latest load is shown. */
function useProfileState(): ProfileState | null {
  const [state, setState] = useState<ProfileState | null>(null);
  useEffect(() => {
    let alive = true;
    let latest = 0;
    const show = (next: ProfileState, mine: number) => {
      if (alive && mine === latest) setState(next);
    };
    const stop = onProfileChanged((next) => show(next, ++latest));
    const first = ++latest;
    void loadProfileState().then((next) => show(next, first));
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return state;
}

function profileSourceText(source: ProfileSource): string {
  switch (source) {
    case 'builtin':
      return t('options_profile_source_builtin');
    case 'imported':
      return t('options_profile_source_imported');
    case 'managed':
      return t('options_profile_source_managed');
  }
}

/** A refused import in words: the Danish sentence names what is wrong; the detail is the validator's own. */
function profileImportFeedback(result: Exclude<ProfileImportResult, { ok: true }>): Feedback {
  const bad = (text: string, detail?: string): Feedback => ({ tone: 'bad', text, ...(detail ? { detail } : {}) });
  switch (result.reason) {
    case 'not-json':
      return bad(t('options_profile_import_not_json'), result.detail);
    case 'invalid':
      return result.field && result.field !== '(root)'
        ? bad(t('options_profile_import_invalid_field', result.field), result.detail)
        : bad(t('options_profile_import_invalid'), result.detail);
    case 'builtin-id':
      return bad(t('options_profile_import_builtin_id', result.detail ?? ''));
    case 'managed':
      return bad(t('options_profile_import_managed'));
    case 'write-failed':
      return bad(t('options_write_failed'));
  }
}

function ProfileSection({ state }: { state: ProfileState }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const { profile, source, managedInvalid } = state;
  const managed = source === 'managed';

  const onImport = async (input: HTMLInputElement) => {
    const text = await readChosenFile(input);
    if (text === null) return;
    if (text === 'too-large') {
      setFeedback({ tone: 'bad', text: t('options_profile_import_invalid'), detail: t('options_file_too_large') });
      return;
    }
    const result = await importProfile(text);
    setFeedback(result.ok ? { tone: 'ok', text: t('options_profile_import_ok', result.profile.id) } : profileImportFeedback(result));
  };

  const onExport = async () => {
    const { filename, json } = await exportProfileJson();
    downloadText(filename, json, 'application/json');
  };

  const onUseBuiltin = async () => {
    const result = await useBuiltinProfile();
    setFeedback(result.ok ? { tone: 'ok', text: t('options_profile_builtin_ok') } : { tone: 'bad', text: t('options_write_failed') });
  };

  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('options_profile_heading')}</h2>
      <p class="hint">{t('options_profile_hint')}</p>
      <p class="active-profile" data-aftaletjek-profile={profile.id} data-aftaletjek-profile-source={source}>
        <strong>{t('options_profile_active', profile.id)}</strong> {profileSourceText(source)}
      </p>
      {managed && (
        <p class="managed-note" data-aftaletjek-managed="portalProfile">
          <Icon name="lock" /> {t('options_managed_note')}
        </p>
      )}
      {managedInvalid !== undefined && (
        <div class="status-line bad" data-aftaletjek-error="profile-managed-invalid">
          <p>
            <Icon name="warning" /> {t('options_profile_managed_invalid')}
          </p>
          <p class="detail">{t('options_error_detail', managedInvalid)}</p>
        </div>
      )}
      <div class="row">
        <button type="button" class="button" onClick={() => void onExport()}>
          <Icon name="download" />
          {t('options_profile_export')}
        </button>
        {source === 'imported' && (
          <button type="button" class="button" onClick={() => void onUseBuiltin()}>
            {t('options_profile_use_builtin')}
          </button>
        )}
      </div>
      {!managed && (
        <JsonFileField id="profile-file" label={t('options_profile_import_label')} statusId="profile-status" onChoose={onImport} />
      )}
      <FeedbackLine feedback={feedback} id="profile-status" />
    </section>
  );
}

function SettingsFileSection() {
  const [feedback, setFeedback] = useState<Feedback>(null);

  const onExport = async () => {
    downloadText(`${t('options_settings_filename')}-${fileDate(new Date())}.json`, await exportSettingsJson(), 'application/json');
  };

  const onImport = async (input: HTMLInputElement) => {
    const text = await readChosenFile(input);
    if (text === null) return;
    if (text === 'too-large') {
      setFeedback({ tone: 'bad', text: t('options_settings_import_error'), detail: t('options_file_too_large') });
      return;
    }
    const result = await importSettingsJson(text);
    if (result.ok) {
      setFeedback({ tone: 'ok', text: t('options_settings_import_ok') });
    } else if ('error' in result) {
      setFeedback({ tone: 'bad', text: t('options_settings_import_error'), detail: result.error });
    } else {
      const fieldErrors = Object.values(result.errors).map(errorText);
      const text = result.writeFailed ? t('options_write_failed') : t('options_settings_import_error');
      setFeedback({ tone: 'bad', text, detail: fieldErrors.join(' ') || undefined });
    }
  };

  return (
    <section class="card" aria-labelledby="file-heading">
      <h2 id="file-heading">{t('options_file_heading')}</h2>
      <p class="hint">{t('options_file_hint')}</p>
      <div class="row">
        <button type="button" class="button" onClick={() => void onExport()}>
          <Icon name="download" />
          {t('options_settings_export')}
        </button>
      </div>
      <JsonFileField id="settings-file" label={t('options_settings_import_label')} statusId="settings-file-status" onChoose={onImport} />
      <FeedbackLine feedback={feedback} id="settings-file-status" />
    </section>
  );
}

export function Options() {
  const state = useSettingsAndPack();
  const profile = useProfileState();
  return (
    <>
      <header class="page-header">
        <div class="page-width">
          <h1>{t('options_title')}</h1>
          <p>{t('options_intro')}</p>
        </div>
      </header>
      <main class="page-width options-main">
        {!state || !profile ? (
          <p role="status">{t('common_loading')}</p>
        ) : (
          <>
            <section class="card" aria-labelledby="settings-heading">
              <h2 id="settings-heading">{t('options_settings_heading')}</h2>
              <SettingsForm settings={state.settings} />
            </section>
            <TasksSection settings={state.settings}>
              <PackFiles pack={state.pack} />
            </TasksSection>
            <ProfileSection state={profile} />
            <SettingsFileSection />
          </>
        )}
      </main>
    </>
  );
}
