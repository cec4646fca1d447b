/**
 * The toolbar badge: how many agreements are left, a warning while an SE number is wrong, nothing when the
 * KLIK task can be marked "Fuldført". Text and title carry the meaning; colour only repeats it.
 */
import { badgeState, summarize, type BadgeState } from '../core/summary';
import { t } from '../shared/i18n';
import { loadProgress, onProgressChanged } from '../store/progress';
import { activePackOf, getActivePack, loadSettings, onSettingsChanged } from '../store/settings';

/** The part of browser.action the badge uses (Chromium and Firefox alike). */
export interface BadgeAction {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setBadgeTextColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

const COLOURS: Record<BadgeState['kind'], string> = {
  outstanding: '#1f4e8c',
  warning: '#b3261e',
  'check-se': '#8a5a00',
  done: '#1e6b3a',
};

export function badgeTitle(state: BadgeState, total: number): string {
  switch (state.kind) {
    case 'outstanding':
      return t('badge_title_outstanding', [String(state.count), String(total)]);
    case 'warning':
      return t('badge_title_warning');
    case 'check-se':
      return t('badge_title_check_se');
    case 'done':
      return t('badge_title_done');
  }
}

/** Reads the store and shows the result; returns what it showed. */
export async function refreshBadge(action: BadgeAction): Promise<BadgeState> {
  const settings = await loadSettings();
  const pack = activePackOf(settings);
  const summary = summarize(pack, await loadProgress(pack.id), settings.municipality);
  const state = badgeState(summary);
  await Promise.all([
    action.setBadgeText({ text: state.text }),
    action.setBadgeBackgroundColor({ color: COLOURS[state.kind] }),
    action.setBadgeTextColor({ color: '#ffffff' }),
    action.setTitle({ title: badgeTitle(state, summary.total) }),
  ]);
  return state;
}

/**
 * Keeps the badge current: refreshes on settings changes and on progress changes of the active pack
 * (following a change of pack). Refreshes never overlap; changes during one cause exactly one more.
 */
export function watchBadge(action: BadgeAction, onError: (error: unknown) => void): { refresh(): Promise<void>; stop(): void } {
  let running: Promise<void> | null = null;
  let again = false;
  let packId: string | null = null;
  let stopProgress: (() => void) | null = null;

  const follow = (id: string) => {
    if (id === packId) return;
    stopProgress?.();
    packId = id;
    stopProgress = onProgressChanged(id, () => void refresh());
  };

  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          // Follow the pack first: a failing refresh must not leave progress unwatched.
          follow((await getActivePack()).id);
          await refreshBadge(action);
        } catch (error) {
          onError(error);
        }
      } while (again);
      running = null;
    })();
    return running;
  };

  const stopSettings = onSettingsChanged(() => void refresh());
  return {
    refresh,
    stop() {
      stopSettings();
      stopProgress?.();
    },
  };
}
