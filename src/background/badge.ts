/**
 * The toolbar badge: how many agreements are left, a warning while an SE number is wrong, nothing when the
 * KLIK task can be marked "Fuldført". Text and title carry the meaning; colour only repeats it.
 */
import { badgeState, summarize, type BadgeState } from '../core/summary';
import { t } from '../shared/i18n';
import { loadProgress, onProgressChanged } from '../store/progress';
import { getState, onStateChanged, type SettingsState } from '../store/settings';

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

/** Shows the active pack's progress in `state` (read from the store when not given); returns what it showed. */
export async function refreshBadge(action: BadgeAction, state?: SettingsState): Promise<BadgeState> {
  const { settings, pack } = state ?? (await getState());
  const summary = summarize(pack, await loadProgress(pack.id), settings.municipality);
  const shown = badgeState(summary);
  await Promise.all([
    action.setBadgeText({ text: shown.text }),
    action.setBadgeBackgroundColor({ color: COLOURS[shown.kind] }),
    action.setBadgeTextColor({ color: '#ffffff' }),
    action.setTitle({ title: badgeTitle(shown, summary.total) }),
  ]);
  return shown;
}

export interface BadgeWatch {
  /** Refreshes with `state` (the settings state a watcher delivered), or with a fresh read of the store. */
  refresh(state?: SettingsState): Promise<void>;
  stop(): void;
}

/**
 * Keeps the badge current: refreshes on settings changes and on progress changes of the active pack
 * (following a change of pack). Refreshes never overlap; changes during one cause exactly one more.
 * `ownWatcher: false` leaves the settings to a watcher that feeds refresh() (the background has one for all).
 */
export function watchBadge(action: BadgeAction, onError: (error: unknown) => void, { ownWatcher = true }: { ownWatcher?: boolean } = {}): BadgeWatch {
  let running: Promise<void> | null = null;
  let again = false;
  /** The state delivered since the running refresh began: the next round shows it without reading again. */
  let delivered: SettingsState | undefined;
  let packId: string | null = null;
  let stopProgress: (() => void) | null = null;

  const follow = (id: string) => {
    if (id === packId) return;
    stopProgress?.();
    packId = id;
    stopProgress = onProgressChanged(id, () => void refresh());
  };

  const refresh = (state?: SettingsState): Promise<void> => {
    if (state) delivered = state;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const current = delivered ?? (await getState());
          delivered = undefined;
          // Follow the pack first: a failing refresh must not leave progress unwatched.
          follow(current.pack.id);
          await refreshBadge(action, current);
        } catch (error) {
          onError(error);
        }
      } while (again);
      running = null;
    })();
    return running;
  };

  const stopSettings = ownWatcher ? onStateChanged((state) => void refresh(state)) : () => undefined;
  return {
    refresh,
    stop() {
      stopSettings();
      stopProgress?.();
    },
  };
}
