import { t } from '../shared/i18n';
import { Icon } from '../ui/Icon';
import type { BodyView } from './state';

/** The task can be marked "Fuldført"; the SE agreements that were not checked are named. */
function DoneBox({ unchecked }: { unchecked: string[] }) {
  return (
    <section class="box ok" aria-labelledby="done-heading" data-aftaletjek-done="true">
      <h2 id="done-heading">
        <Icon name="check" />
        {t('popup_done_heading')}
      </h2>
      <p>{t('popup_done_text')}</p>
      {unchecked.length > 0 && <p>{t('popup_done_se_unchecked', unchecked.join(', '))}</p>}
    </section>
  );
}

/** No expected SE number is set: the way to the options page. */
function AskForSe({ openOptions }: { openOptions(): void }) {
  return (
    <div class="box">
      <p>
        <Icon name="info" /> {t('popup_unconfigured_text')}
      </p>
      <div class="row">
        <button type="button" class="button" onClick={openOptions}>
          {t('popup_open_options')}
        </button>
      </div>
    </div>
  );
}

/** Done, the SE number to set, and that nothing was seen yet: each only when it applies. */
export function StatusBoxes({ view, openOptions }: { view: BodyView; openOptions(): void }) {
  const nothingSeen = (
    <p class="box nothing-seen">
      <span>
        <Icon name="info" /> {t('popup_nothing_seen')}
      </span>
    </p>
  );
  return (
    <>
      {view.done && <DoneBox unchecked={view.done.unchecked} />}
      {view.askForSe && <AskForSe openOptions={openOptions} />}
      {view.nothingSeen && nothingSeen}
    </>
  );
}
