import { useEffect, useState } from 'preact/hooks';
import { dismissNotice, loadNotices, onNoticesChanged, type Notice } from '../store/notices';
import { loadProgress, onProgressChanged, type Progress } from '../store/progress';
import type { PageSeenAnswer, PortalTab } from './portalTab';

/** Progress of one pack, live. Subscribed before the first load so no change slips between them. */
export function useProgress(packId: string | undefined): Progress | null {
  const [state, setState] = useState<{ packId: string; progress: Progress } | null>(null);
  useEffect(() => {
    if (packId === undefined) return undefined;
    let alive = true;
    const stop = onProgressChanged(packId, (progress) => alive && setState({ packId, progress }));
    void loadProgress(packId).then((progress) => alive && setState((s) => (s?.packId === packId ? s : { packId, progress })));
    return () => {
      alive = false;
      stop();
    };
  }, [packId]);
  return state !== null && state.packId === packId ? state.progress : null;
}

/**
 * Notices are one-off events, shown once: what the popup has loaded is removed from the store at once and
 * stays on screen until closed here. A store that reports the same event again while the popup is open (a
 * newer version's progress record, read again) does not show it twice. Lasting conditions are not notices:
 * they come with the settings state (popupState).
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
export function usePageSeen(portalTab: PortalTab | undefined, progress: Progress | null): PageSeenAnswer | null {
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
