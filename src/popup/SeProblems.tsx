import { useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { Icon } from '../ui/Icon';
import type { SeProblemView } from './state';

type CopyState = 'idle' | 'copied' | 'failed';
type Mismatch = Extract<SeProblemView, { kind: 'mismatch' }>;

/** A wrong SE number: do not approve; the ready-made KLIK message with a copy button. */
function MismatchBox({ view }: { view: Mismatch }) {
  const { line, message } = view;
  const [copy, setCopy] = useState<CopyState>('idle');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = `klik-${line.agreement.id}`;
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(message);
      setCopy('copied');
    } catch {
      // Clipboard refused (no focus, policy): select the text so Ctrl+C works, and say so.
      textRef.current?.select();
      setCopy('failed');
    }
  };
  return (
    <section class="box bad" aria-labelledby={`${id}-heading`} data-aftaletjek-klik={line.agreement.id}>
      <h2 id={`${id}-heading`}>
        <Icon name="warning" />
        {t('popup_mismatch_heading', line.agreement.code)}
      </h2>
      <p role="alert">{t('popup_mismatch_text', [view.found.join(' / '), view.expected ?? '–', view.supplier])}</p>
      <label for={id} class="klik-label">
        {t('popup_klik_message_label', line.agreement.code)}
      </label>
      <textarea id={id} ref={textRef} class="klik-message" readOnly rows={7} value={message} />
      <div class="row">
        <button type="button" class="button primary" onClick={() => void onCopy()}>
          <Icon name="copy" />
          {t('popup_copy', line.agreement.code)}
        </button>
      </div>
      <p class={`status-line ${copy === 'copied' ? 'ok' : copy === 'failed' ? 'bad' : ''}`} role="status">
        {copy === 'copied' ? t('popup_copied') : copy === 'failed' ? t('popup_copy_failed') : ''}
      </p>
    </section>
  );
}

/** An SE agreement whose page showed no SE number: where to look. */
function MissingBox({ view }: { view: Extract<SeProblemView, { kind: 'missing' }> }) {
  const { agreement } = view.line;
  return (
    <section class="box warn" aria-labelledby={`missing-${agreement.id}`}>
      <h2 id={`missing-${agreement.id}`}>
        <Icon name="warning" />
        {t('popup_missing_heading', agreement.code)}
      </h2>
      <p>{t('popup_missing_text')}</p>
      <p>{t('popup_report_se_missing_where')}</p>
    </section>
  );
}

/** The SE checks that block "done", in task order. */
export function SeProblems({ problems }: { problems: SeProblemView[] }) {
  return (
    <>
      {problems.map((problem) =>
        problem.kind === 'mismatch' ? (
          <MismatchBox key={problem.line.agreement.id} view={problem} />
        ) : (
          <MissingBox key={problem.line.agreement.id} view={problem} />
        ),
      )}
    </>
  );
}
