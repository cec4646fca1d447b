import { t } from '../shared/i18n';
import { Icon } from '../ui/Icon';

/** What an action says when it is done: a sentence, and for a refusal the validator's own detail. */
export type Feedback = { tone: 'ok' | 'bad'; text: string; detail?: string } | null;

export const done = (text: string): Feedback => ({ tone: 'ok', text });
export const refused = (text: string, detail?: string): Feedback => ({ tone: 'bad', text, ...(detail ? { detail } : {}) });

/** The answer of a store call that writes: `okText` when it is saved, "nothing was saved" when storage refused the write. */
export function saved(result: { ok: boolean }, okText: string): Feedback {
  return result.ok ? done(okText) : refused(t('options_write_failed'));
}

/** The status line under a form or a list (role=status, so a screen reader hears each new answer). */
export function FeedbackLine({ feedback, id }: { feedback: Feedback; id?: string }) {
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
