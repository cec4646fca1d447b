import type { ComponentChildren } from 'preact';
import { t } from '../shared/i18n';
import { Icon } from '../ui/Icon';

/** A field's error: its code (the `data-aftaletjek-error` hook) and its sentence. */
export interface FieldError {
  code: string;
  text: string;
}

export interface FieldProps {
  /** The control's id and name; `${id}-hint`, `${id}-managed` and `${id}-error` name what describes it. */
  id: string;
  label: string;
  hint: string;
  value: string;
  onInput(value: string): void;
  onBlur?(value: string): void;
  error?: FieldError | null;
  /** More about the error (why it failed), and what may be done about it. */
  errorExtra?: ComponentChildren;
  /** Set by the municipality's IT: read-only, with the note that says so. */
  managed?: boolean;
  /** A lasting note under the field, shown while it has no error. */
  note?: ComponentChildren;
  inputRef?: { current: HTMLInputElement | null };
  /** A text area of this many rows instead of a one-line text field. */
  rows?: number;
  inputMode?: 'numeric';
  autoComplete?: string;
}

/**
 * The one binding of a form field: label, hint, value, the error under it, and the ARIA that ties them
 * together (aria-invalid while it has an error, aria-describedby naming hint, IT note and error).
 */
export function Field(props: FieldProps) {
  const { id, error, managed = false } = props;
  const describedBy = [`${id}-hint`, managed ? `${id}-managed` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: id,
    value: props.value,
    spellcheck: false,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => props.onInput(e.currentTarget.value),
  };
  return (
    <div class={`field${managed ? ' managed' : ''}${error ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <p id={`${id}-hint`} class="hint">
        {props.hint}
      </p>
      {props.rows ? (
        <textarea {...common} rows={props.rows} />
      ) : (
        <input
          {...common}
          ref={props.inputRef}
          type="text"
          readOnly={managed}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? 'off'}
          onBlur={(e) => props.onBlur?.(e.currentTarget.value)}
        />
      )}
      {managed && (
        <p id={`${id}-managed`} class="managed-note" data-aftaletjek-managed={id}>
          <Icon name="lock" /> {t('options_managed_note')}
        </p>
      )}
      {error && (
        <div id={`${id}-error`} class="error" data-aftaletjek-error={error.code}>
          <p>
            <Icon name="warning" /> {error.text}
          </p>
          {props.errorExtra}
        </div>
      )}
      {!error && props.note}
    </div>
  );
}
