// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OverlayContext } from '../../../src/content/context';
import type { Mark } from '../../../src/content/decide';
import { initProgress } from '../../../src/content/features/progress';
import type { PageModel } from '../../../src/content/page-model';
import type { Observation } from '../../../src/store/progress';

/** The progress feature alone: when its observations reach the store, not what they say (decide.test.ts). */
function setUp(packId = 'pack-1') {
  const lifetime = new AbortController();
  const sent: { packId: string; observations: Observation[] }[] = [];
  const onError = vi.fn();
  let pack = packId;
  const ctx = {
    win: window,
    doc: document,
    signal: lifetime.signal,
    config: () => ({ pack: { id: pack } }),
    onError,
  } as unknown as OverlayContext;
  const feature = initProgress(ctx, async (id, observations) => void sent.push({ packId: id, observations }));
  const show = (status: Mark['status'], id = 'SF1490') => {
    const element = document.createElement('a');
    const mark: Mark = { element, id, name: `${id} - navn`, status, statusText: status, row: null };
    const model: PageModel = { marks: new Map([[element, mark]]), updated: [mark], page: null, url: 'https://admin.serviceplatformen.dk/' };
    feature.update(model, { roots: [], full: false, urlChanged: false });
  };
  return { feature, sent, show, lifetime, onError, usePack: (id: string) => (pack = id) };
}

describe('progress recording', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends after the pass, in a task of its own, every change in the order it was seen and one message for them', async () => {
    const { feature, sent, show } = setUp();
    show('pending');
    show('approved');
    show('approved'); // the same again: nothing new
    expect(sent).toHaveLength(0);
    const settled = feature.settled!();
    await vi.advanceTimersByTimeAsync(250);
    await settled;
    expect(sent).toHaveLength(1);
    expect(sent[0]!.observations.map((o) => o.status)).toEqual(['pending', 'approved']);
    show('approved');
    await vi.advanceTimersByTimeAsync(250);
    expect(sent).toHaveLength(1);
  });

  it('keeps the packs apart when the settings change before the send', async () => {
    const { sent, show, usePack } = setUp('pack-1');
    show('pending');
    usePack('pack-2');
    show('approved', 'SF1470');
    await vi.advanceTimersByTimeAsync(250);
    expect(sent.map((s) => [s.packId, s.observations.map((o) => o.id)])).toEqual([
      ['pack-1', ['SF1490']],
      ['pack-2', ['SF1470']],
    ]);
  });

  it('sends at once when the page is left, before its timer runs, and only once', async () => {
    const { sent, show } = setUp();
    show('pending');
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent).toHaveLength(1);
  });

  it('sends nothing once its lifetime ended, and nobody waits for it', async () => {
    const { feature, sent, show, lifetime } = setUp();
    show('pending');
    const settled = feature.settled!();
    lifetime.abort();
    await settled;
    await vi.advanceTimersByTimeAsync(250);
    expect(sent).toHaveLength(0);
  });
});
