import { useEffect, useState } from 'preact/hooks';
import type { Pack } from '../core/pack';
import { activePackOf, loadSettings, onSettingsChanged, type EffectiveSettings } from '../store/settings';

export interface SettingsAndPack {
  settings: EffectiveSettings;
  pack: Pack;
}

/**
 * Effective settings and the active pack, reloaded when settings change (the active pack may change with
 * them). Only the latest load is shown, so a slow load never overwrites a newer one.
 */
export function useSettingsAndPack(): SettingsAndPack | null {
  const [loaded, setLoaded] = useState<SettingsAndPack | null>(null);
  useEffect(() => {
    let alive = true;
    let latest = 0;
    const load = async () => {
      const mine = ++latest;
      const settings = await loadSettings();
      if (alive && mine === latest) setLoaded({ settings, pack: activePackOf(settings) });
    };
    const stop = onSettingsChanged(() => void load());
    void load();
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return loaded;
}
