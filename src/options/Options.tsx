/**
 * The options page: the municipality and its SE number, the tasks (from a KLIK text or a file), the portal
 * profile, and the settings as a file. Each section is its own file beside this one; fields bind through
 * ./Field and every file import goes through ./FileImport.
 */
import { t } from '../shared/i18n';
import { useSettingsAndPack } from '../ui/useSettingsAndPack';
import { PackFiles } from './PackFiles';
import { ProfileSection, useProfileState } from './ProfileSection';
import { SettingsFileSection } from './SettingsFileSection';
import { SettingsForm } from './SettingsForm';
import { TasksSection } from './Tasks';

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
