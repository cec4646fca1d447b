/** The municipality and the expected SE number: typed, checked on leaving a field, saved with "Gem". */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { saveSettings, type EffectiveSettings, type SettingsError } from '../store/settings';
import { Icon } from '../ui/Icon';
import { done, FeedbackLine, refused, type Feedback } from './Feedback';
import { Field, type FieldProps } from './Field';
import { fieldError, modulus11Why, type SettingsField } from './seChecks';
import { errorText } from './texts';

type FieldErrors = Partial<Record<SettingsField, SettingsError>>;
type Values = Record<SettingsField, string>;
const FIELDS = ['municipality', 'expectedSe'] as const;

const valuesOf = (settings: EffectiveSettings): Values => ({ municipality: settings.municipality, expectedSe: settings.expectedSe ?? '' });

/**
 * Whether a press on one of the form's buttons is under way. A field left by pressing a button: an error
 * shown at once would push the button down between press and release and swallow the click, so it shows
 * once the press is over (`afterPress`).
 */
function usePressGuard() {
  const pressing = useRef(false);
  const onPointerDown = (e: PointerEvent) => {
    pressing.current = (e.target as Element).closest('button') !== null;
    if (pressing.current) window.addEventListener('pointerup', () => setTimeout(() => (pressing.current = false), 0), { once: true });
  };
  const afterPress = (show: () => void) => {
    if (!pressing.current) {
      show();
      return;
    }
    // After the release, and after the click it makes (which may save and set the errors itself).
    window.addEventListener('pointerup', () => setTimeout(show, 0), { once: true });
  };
  return { onPointerDown, afterPress };
}

export function SettingsForm({ settings }: { settings: EffectiveSettings }) {
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [saving, setSaving] = useState(false);
  const refs = { municipality: useRef<HTMLInputElement>(null), expectedSe: useRef<HTMLInputElement>(null) };
  const press = usePressGuard();

  // Whether the user has typed since the last save, read live: an effect created by an earlier render must
  // not see a stale "not edited" (preact runs effects after paint, so typing can come first).
  const editing = useRef(false);

  // Values changed elsewhere (an import, policy, another tab) replace the fields unless the user is editing.
  useEffect(() => {
    if (!editing.current) setValues(valuesOf(settings));
  }, [settings]);

  /** What the user typed: read from the fields themselves, as a submit right after typing may come before the re-render. */
  const typed = (field: SettingsField) => refs[field].current?.value ?? values[field];

  /** Saves started so far: a field's check that waited for a button press is stale once that press saved. */
  const saves = useRef(0);

  const onLeave = (field: SettingsField, value: string) => {
    if (settings.managed[field]) return;
    const savesAtLeave = saves.current;
    press.afterPress(
      () =>
        // The press saved: the save's own result says what is wrong (a check shown after it would bring back
        // an error the save has just cleared, e.g. an SE number saved with "Gem alligevel").
        savesAtLeave === saves.current &&
        setErrors((now) => {
          const next = { ...now };
          const error = fieldError(field, value);
          if (error) next[field] = error;
          else delete next[field];
          return next;
        }),
    );
  };

  const save = async (acceptSeWarning: boolean) => {
    saves.current++;
    const [municipality, se] = [typed('municipality'), typed('expectedSe')];
    const patch: { municipality?: string; expectedSe?: string | null } = {};
    if (!settings.managed.municipality) patch.municipality = municipality;
    if (!settings.managed.expectedSe) patch.expectedSe = se.trim() === '' ? null : se;
    setSaving(true);
    setFeedback(done(t('options_saving')));
    const result = await saveSettings(patch, { acceptSeWarning });
    setSaving(false);
    if (result.ok) {
      setErrors({});
      editing.current = false;
      setDirty(false);
      setValues(valuesOf(result.settings));
      setFeedback(done(t('options_saved')));
      return;
    }
    setErrors(result.errors);
    setFeedback(refused(result.writeFailed ? t('options_write_failed') : t('options_not_saved')));
    const first = FIELDS.find((f) => result.errors[f]);
    if (first) refs[first].current?.focus();
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!saving) void save(false);
  };

  /** What every field of the form shares: its value, its error, its IT lock, typing and leaving it. */
  const bind = (field: SettingsField): Omit<FieldProps, 'label' | 'hint'> => {
    const error = errors[field];
    return {
      id: field,
      value: values[field],
      managed: settings.managed[field],
      error: error ? { code: error, text: errorText(error) } : null,
      inputRef: refs[field],
      onInput: (value) => {
        setValues((now) => ({ ...now, [field]: value }));
        editing.current = true;
        setDirty(true);
        setFeedback(null);
      },
      onBlur: (value) => onLeave(field, value),
    };
  };

  const seWarningExtra =
    errors.expectedSe === 'se-modulus11' ? (
      <>
        <p class="detail" data-aftaletjek-se-why="">
          {modulus11Why(typed('expectedSe'))}
        </p>
        <div class="row">
          <button type="button" class="button" disabled={saving} onClick={() => void save(true)}>
            {t('options_save_anyway')}
          </button>
        </div>
      </>
    ) : null;
  const seNote = !dirty && settings.expectedSeSuspect && (
    <p class="hint se-note" data-aftaletjek-se-note="modulus11">
      <Icon name="info" /> {t(settings.managed.expectedSe ? 'options_se_note_managed' : 'options_se_note_saved')}
    </p>
  );

  const allManaged = settings.managed.municipality && settings.managed.expectedSe;
  return (
    <form class="settings-form" onSubmit={onSubmit} noValidate onPointerDown={press.onPointerDown}>
      <Field {...bind('municipality')} label={t('options_municipality_label')} hint={t('options_municipality_hint')} autoComplete="organization" />
      <Field {...bind('expectedSe')} label={t('options_se_label')} hint={t('options_se_hint')} inputMode="numeric" errorExtra={seWarningExtra} note={seNote} />
      <div class="row">
        <button type="submit" class="button primary" disabled={allManaged} aria-disabled={saving ? 'true' : undefined}>
          {t('options_save')}
        </button>
      </div>
      <FeedbackLine feedback={feedback} id="save-status" />
    </form>
  );
}
