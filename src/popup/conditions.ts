/**
 * The lasting conditions of what the popup has read (the settings state, the portal profile in force, the
 * active pack's progress): each is shown while it holds, without a close button, in the box of the notice
 * kind that words it, and goes when it is fixed. They are never stored notices: reading them writes nothing.
 */
import type { NoticeKind } from '../store/notices';
import type { ProfileState } from '../store/profile';
import type { ProgressState } from '../store/progress';
import type { SettingsState } from '../store/settings';

/**
 * What a box of the notices list is about: its `data-aftaletjek-notice` hook and its words. A notice's kind,
 * or one that only a condition has: a policy value that is ignored, a policy SE failing the modulus-11 check.
 */
export type ShownKind = NoticeKind | 'managed-invalid' | 'managed-se-suspect';

/**
 * One box of the notices list. `lasting`: a condition of the state, shown while it holds, without a close
 * button; else a one-off notice (`id` is the notice's).
 */
export interface ShownNotice {
  id: string;
  kind: ShownKind;
  detail: string;
  lasting: boolean;
}

const lasting = (kind: ShownKind, detail: string): ShownNotice => ({ id: `lasting:${kind}:${detail}`, kind, detail, lasting: true });

/** The lasting conditions of the settings state, with the technical detail the notice box shows. */
export function stateConditions(state: SettingsState): ShownNotice[] {
  const out = state.managed.invalid.map((problem) => lasting('managed-invalid', `policy ignored: ${problem}`));
  const { settings } = state;
  if (settings.managed.expectedSe && settings.expectedSeSuspect) {
    out.push(lasting('managed-se-suspect', `policy expectedSe ${settings.expectedSe} fails the modulus 11 check; it is used as set`));
  }
  if (state.newerVersion !== null) {
    const detail =
      `settings were saved by a newer version of Aftaletjek (version ${state.newerVersion}); ` +
      'defaults are used, and the stored settings are kept until you save';
    out.push(lasting('settings-reset', detail));
  }
  return out;
}

/** The profile's: a policy profile that is ignored (invalid), an imported one a newer version saved. */
export function profileConditions(profile: ProfileState): ShownNotice[] {
  const out: ShownNotice[] = [];
  if (profile.managedInvalid !== undefined) {
    out.push(lasting('managed-invalid', `policy ignored: portalProfile ${profile.managedInvalid.slice(0, 300)}`));
  }
  if (profile.newerVersion !== undefined) {
    const detail = `the imported portal profile was saved by a newer version of Aftaletjek (version ${profile.newerVersion}); the built-in profile is used`;
    out.push(lasting('settings-reset', detail));
  }
  return out;
}

/** The progress's: records a newer version saved, shown as not seen until the agreements are seen again. */
export function progressConditions(progress: ProgressState): ShownNotice[] {
  if (progress.newerVersion.length === 0) return [];
  const ids = progress.newerVersion.join(', ');
  return [lasting('progress-reset', `progress for ${ids} was saved by a newer version of Aftaletjek; shown as not seen until seen again`)];
}

/** Every lasting condition of what has been read, in this order: settings, profile, progress. */
export function conditionsOf(state: SettingsState, profile: ProfileState | null, progress: ProgressState | null): ShownNotice[] {
  return [...stateConditions(state), ...(profile ? profileConditions(profile) : []), ...(progress ? progressConditions(progress) : [])];
}
