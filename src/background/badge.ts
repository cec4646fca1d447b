/**
 * The toolbar badge: how many agreements are left, a warning while an SE number is wrong, nothing when the
 * KLIK task can be marked "Fuldført". Text and title carry the meaning; colour only repeats it.
 */
import { badgeState, summarize, type BadgeState } from '../core/summary';
import { t } from '../shared/i18n';
import { loadProgress, onProgressChanged, type Progress } from '../store/progress';
import { getState, type SettingsState } from '../store/settings';

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

/**
 * Shows the active pack's progress: `state` and `progress` are what a watcher delivered, each read from the
 * store when not given. Returns what it showed.
 */
export async function refreshBadge(action: BadgeAction, state?: SettingsState, progress?: Progress): Promise<BadgeState> {
  const { settings, pack } = state ?? (await getState());
  const summary = summarize(pack, progress ?? (await loadProgress(pack.id)), settings.municipality);
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
  /**
   * Refreshes with `state`, the settings state the one settings watcher delivered (the background's: it
   * feeds every settings change here), or, without it, with a fresh read of the store.
   */
  refresh(state?: SettingsState): Promise<void>;
  stop(): void;
}

/**
 * Keeps the badge current: shows each settings state handed to refresh(), and follows the active pack's
 * progress (and a change of pack) itself, showing the progress its watcher delivers with the last settings
 * state, without reading either again. Refreshes never overlap; changes during one cause exactly one more.
 */
export function watchBadge(action: BadgeAction, onError: (error: unknown) => void): BadgeWatch {
  let running: Promise<void> | null = null;
  let again = false;
  /** What was delivered since the running refresh began: the next round shows it without reading again. */
  let delivered: SettingsState | undefined;
  let deliveredProgress: { packId: string; progress: Progress } | undefined;
  let fresh = false;
  /** The settings state last shown: progress changes are shown with it. */
  let last: SettingsState | undefined;
  let packId: string | null = null;
  let stopProgress: (() => void) | null = null;

  const follow = (id: string) => {
    if (id === packId) return;
    stopProgress?.();
    packId = id;
    stopProgress = onProgressChanged(id, ({ progress }) => {
      deliveredProgress = { packId: id, progress };
      void run();
    });
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const current = delivered ?? (fresh || !last ? await getState() : last);
          const progress = deliveredProgress?.packId === current.pack.id ? deliveredProgress.progress : undefined;
          delivered = deliveredProgress = undefined;
          fresh = false;
          last = current;
          // Follow the pack first: a failing refresh must not leave progress unwatched.
          follow(current.pack.id);
          await refreshBadge(action, current, progress);
        } catch (error) {
          onError(error);
        }
      } while (again);
      running = null;
    })();
    return running;
  };

  return {
    refresh(state) {
      if (state) delivered = state;
      else fresh = true;
      return run();
    },
    stop() {
      stopProgress?.();
    },
  };
}
