import { useEffect, useState } from 'preact/hooks';
import { getState, onStateChanged, type SettingsState } from '../store/settings';

/**
 * The settings state (effective settings, what of the policy is ignored, the active pack), from one read,
 * and again whenever it changes. Subscribed before the first read, so no change slips between them; a change
 * delivered first is newer than the first read, which is then dropped.
 */
export function useSettingsAndPack(): SettingsState | null {
  const [state, setState] = useState<SettingsState | null>(null);
  useEffect(() => {
    let alive = true;
    const stop = onStateChanged((fresh) => alive && setState(fresh));
    void getState().then((first) => alive && setState((shown) => shown ?? first));
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return state;
}
