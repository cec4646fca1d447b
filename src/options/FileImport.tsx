import { t } from '../shared/i18n';
import { MAX_IMPORT_BYTES } from '../ui/download';
import { FeedbackLine, refused, type Feedback } from './Feedback';
import type { ImportKind } from './imports';

export interface FileImportProps {
  /** Which import: ids, words and the importer (./imports). */
  kind: ImportKind;
  /** The status line's message: owned by the section, whose other actions report on the same line. */
  feedback: Feedback;
  onFeedback(feedback: Feedback): void;
  /** False leaves the file input out (policy sets what would be imported); the status line stays. */
  enabled?: boolean;
}

/**
 * The chosen file's text; 'too-large' for files far larger than any pack, profile or settings file; null
 * when the choice was cancelled.
 */
async function readChosenFile(input: HTMLInputElement): Promise<string | 'too-large' | null> {
  const file = input.files?.[0];
  // Cleared at once so choosing the same file again fires change again.
  input.value = '';
  if (!file) return null;
  return file.size > MAX_IMPORT_BYTES ? 'too-large' : file.text();
}

/** One file import: a labelled file input, the file read as text, handed to `importer`, its answer shown. */
export function FileImport(props: FileImportProps) {
  const { id, statusId, label, importer } = props.kind;
  const onChoose = async (input: HTMLInputElement) => {
    const text = await readChosenFile(input);
    if (text === null) return;
    props.onFeedback(text === 'too-large' ? refused(t(props.kind.refused), t('options_file_too_large')) : await importer(text));
  };
  return (
    <>
      {props.enabled !== false && (
        <div class="field">
          <label for={id}>{t(label)}</label>
          <input
            id={id}
            type="file"
            accept={props.kind.accept ?? '.json,application/json'}
            aria-describedby={statusId}
            onChange={(e) => void onChoose(e.currentTarget)}
          />
        </div>
      )}
      <FeedbackLine feedback={props.feedback} id={statusId} />
    </>
  );
}
