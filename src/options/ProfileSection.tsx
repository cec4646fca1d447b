/** The portal profile in force: which one and where from, its export, an import, back to the built-in one. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { exportProfileJson, loadProfileState, onProfileChanged, useBuiltinProfile, type ProfileState } from '../store/profile';
import { downloadText } from '../ui/download';
import { Icon } from '../ui/Icon';
import { saved, type Feedback } from './Feedback';
import { FileImport } from './FileImport';
import { IMPORTS } from './imports';
import { profileSourceText } from './texts';

/** The profile in force, reloaded when an import or a policy changes it; only the latest load is shown. */
export function useProfileState(): ProfileState | null {
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

export function ProfileSection({ state }: { state: ProfileState }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const { profile, source, managedInvalid } = state;
  const managed = source === 'managed';

  const onExport = async () => {
    const { filename, json } = await exportProfileJson();
    downloadText(filename, json, 'application/json');
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
          <button type="button" class="button" onClick={() => void useBuiltinProfile().then((r) => setFeedback(saved(r, t('options_profile_builtin_ok'))))}>
            {t('options_profile_use_builtin')}
          </button>
        )}
      </div>
      <FileImport kind={IMPORTS.profile} feedback={feedback} onFeedback={setFeedback} enabled={!managed} />
    </section>
  );
}
