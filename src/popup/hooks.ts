import { useEffect, useState } from 'preact/hooks';
import { dismissNotice, loadNotices, onNoticesChanged, type Notice } from '../store/notices';
import { loadProfileState, onProfileChanged, type ProfileState } from '../store/profile';
import { loadProgressState, onProgressChanged, type ProgressState } from '../store/progress';
import type { PageSeenAnswer, PortalTab } from './portalTab';

/**
 * What the store holds under `key`, live: subscribed before the first load, so no change slips between them
 * (a change delivered first is newer than the first load, which is then dropped). Null until read, and while
 * there is no key.
 */
function useLive<T>(key: string | undefined, load: (key: string) => Promise<T>, watch: (key: string, cb: (value: T) => void) => () => void): T | null {
  const [shown, setShown] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (key === undefined) return undefined;
    let alive = true;
    const stop = watch(key, (value) => alive && setShown({ key, value }));
    void load(key).then((value) => alive && setShown((s) => (s?.key === key ? s : { key, value })));
    return () => {
      alive = false;
      stop();
    };
  }, [key]);
  return shown !== null && shown.key === key ? shown.value : null;
}

/** The progress state of one pack (its records, and those a newer version saved), live. */
export function useProgress(packId: string | undefined): ProgressState | null {
  return useLive(packId, loadProgressState, onProgressChanged);
}

/** The portal profile in force, with its conditions (an ignored policy profile, a newer version's import), live. */
export function useProfile(): ProfileState | null {
  return useLive('profile', loadProfileState, (_key, cb) => onProfileChanged(cb));
}

/**
 * Notices are one-off events, shown once: what the popup has loaded is removed from the store at once and
 * stays on screen until closed here. A store that reports the same event again while the popup is open does
 * not show it twice. Lasting conditions are not notices: they come with what the popup reads (popupState).
 */
export function useNotices(): [Notice[], (id: string) => void] {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let alive = true;
    const show = async (fresh: Notice[]) => {
      if (!alive || fresh.length === 0) return;
      const same = (a: Notice, b: Notice) => a.id === b.id || (a.kind === b.kind && a.detail === b.detail);
      setNotices((shown) => [...shown, ...fresh.filter((n) => !shown.some((s) => same(s, n)))]);
      for (const notice of fresh) await dismissNotice(notice.id);
    };
    const stop = onNoticesChanged((fresh) => void show(fresh));
    void loadNotices().then(show);
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return [notices, (id) => setNotices((shown) => shown.filter((n) => n.id !== id))];
}

/**
 * What the overlay recognises on the page in the active tab, asked again when the tab changes, a page
 * loads, or progress changes (the content script recorded something). Null until answered.
 */
export function usePageSeen(portalTab: PortalTab | undefined, progress: ProgressState | null): PageSeenAnswer | null {
  const [answer, setAnswer] = useState<PageSeenAnswer | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => portalTab?.watch(() => setAsked((n) => n + 1)), [portalTab]);
  useEffect(() => {
    if (!portalTab) return undefined;
    let alive = true;
    void portalTab.pageSeen().then(
      (fresh) => alive && setAnswer(fresh),
      () => alive && setAnswer({ kind: 'no-answer' }),
    );
    return () => {
      alive = false;
    };
  }, [portalTab, asked, progress]);
  return answer;
}
