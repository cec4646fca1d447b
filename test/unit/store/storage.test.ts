import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  futureVersion,
  localArea,
  managedArea,
  memoryArea,
  onKeysChanged,
  replaceIfUnchanged,
  serialQueue,
  setAreasForTesting,
  watchKeys,
} from '../../../src/store/storage';

afterEach(() => setAreasForTesting());

describe('memoryArea', () => {
  it('gets by null, one key or a list, and only keys that exist', async () => {
    const area = memoryArea({ a: 1, b: { c: 2 } });
    expect(await area.get(null)).toEqual({ a: 1, b: { c: 2 } });
    expect(await area.get()).toEqual({ a: 1, b: { c: 2 } });
    expect(await area.get('a')).toEqual({ a: 1 });
    expect(await area.get(['b', 'missing'])).toEqual({ b: { c: 2 } });
  });

  it('hands out copies, so callers never share objects with storage', async () => {
    const area = memoryArea();
    const value = { list: [1] };
    await area.set({ k: value });
    value.list.push(2);
    const read = (await area.get('k')).k as { list: number[] };
    read.list.push(3);
    expect(area.dump()).toEqual({ k: { list: [1] } });
  });

  it('removes one key or several', async () => {
    const area = memoryArea({ a: 1, b: 2, c: 3 });
    await area.remove('a');
    await area.remove(['b', 'missing']);
    expect(area.dump()).toEqual({ c: 3 });
  });

  it('rejects a set chosen by failSet and keeps the data unchanged', async () => {
    const area = memoryArea({ a: 1 }, { failSet: (items) => ('big' in items ? new Error('QUOTA_BYTES quota exceeded') : null) });
    await expect(area.set({ a: 2, big: 'x' })).rejects.toThrow('QUOTA_BYTES');
    await area.set({ a: 3 });
    expect(area.dump()).toEqual({ a: 3 });
  });
});

describe('setAreasForTesting', () => {
  it('routes localArea and managedArea to the injected areas, with an empty managed area by default', async () => {
    const local = memoryArea({ x: 1 });
    setAreasForTesting({ local });
    expect(localArea()).toBe(local);
    expect(await managedArea().get(null)).toEqual({});
  });
});

describe('onKeysChanged', () => {
  it('fires on memory writes and removals of matching keys only, and stops after unsubscribe', async () => {
    const local = memoryArea({ gone: 1 });
    setAreasForTesting({ local });
    const cb = vi.fn();
    const unsubscribe = onKeysChanged((key) => key === 'watched' || key === 'gone', cb);
    await local.set({ other: 1 });
    expect(cb).toHaveBeenCalledTimes(0);
    await local.set({ watched: 1 });
    expect(cb).toHaveBeenCalledTimes(1);
    await local.set({ watched: 1 });
    expect(cb).toHaveBeenCalledTimes(1); // same value: no change, no event
    await local.remove('gone');
    expect(cb).toHaveBeenCalledTimes(2);
    unsubscribe();
    await local.set({ watched: 2 });
    expect(cb).toHaveBeenCalledTimes(2);
  });

  it('fires on managed writes too', async () => {
    const managed = memoryArea();
    setAreasForTesting({ managed });
    const cb = vi.fn();
    onKeysChanged((key) => key === 'expectedSe', cb);
    await managed.set({ expectedSe: '29189757' });
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('keeps notifying other subscribers when one throws', async () => {
    const local = memoryArea();
    setAreasForTesting({ local });
    const good = vi.fn();
    onKeysChanged(
      () => true,
      () => {
        throw new Error('bad subscriber');
      },
    );
    onKeysChanged(() => true, good);
    await local.set({ k: 1 });
    expect(good).toHaveBeenCalledTimes(1);
  });
});

describe('watchKeys', () => {
  it('delivers only the latest load when loads finish out of order', async () => {
    const local = memoryArea();
    setAreasForTesting({ local });
    const resolvers: ((value: string) => void)[] = [];
    const cb = vi.fn();
    watchKeys(
      () => true,
      () => new Promise<string>((resolve) => resolvers.push(resolve)),
      cb,
    );
    await local.set({ k: 1 });
    await local.set({ k: 2 });
    resolvers[1]?.('second');
    resolvers[0]?.('first');
    await vi.waitFor(() => expect(cb).toHaveBeenCalledWith('second'));
    expect(cb).toHaveBeenCalledTimes(1);
  });
});

describe('serialQueue', () => {
  it('runs tasks one after another, also after a failure', async () => {
    const queue = serialQueue();
    const order: string[] = [];
    const slow = queue(async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('slow');
      throw new Error('fails');
    });
    const fast = queue(async () => {
      order.push('fast');
    });
    await expect(slow).rejects.toThrow('fails');
    await fast;
    expect(order).toEqual(['slow', 'fast']);
  });
});

describe('replaceIfUnchanged', () => {
  it.each([
    { name: 'replaces a value still as seen', stored: { k: 'bad' }, seen: 'bad', next: 'good', expected: { k: 'good' }, replaced: true },
    { name: 'removes it when next is undefined', stored: { k: 'bad' }, seen: 'bad', next: undefined, expected: {}, replaced: true },
    { name: 'leaves a value another page changed', stored: { k: 'saved' }, seen: 'bad', next: 'good', expected: { k: 'saved' }, replaced: false },
  ])('$name', async ({ stored, seen, next, expected, replaced }) => {
    const local = memoryArea(stored);
    setAreasForTesting({ local });
    expect(await replaceIfUnchanged('k', seen, next)).toBe(replaced);
    expect(local.dump()).toEqual(expected);
  });
});

describe('futureVersion', () => {
  it.each([
    { stored: { version: 2 }, expected: 2 },
    { stored: { version: 1 }, expected: null },
    { stored: { version: '2' }, expected: null },
    { stored: [2], expected: null },
    { stored: null, expected: null },
  ])('$stored -> $expected', ({ stored, expected }) => {
    expect(futureVersion(stored, 1)).toBe(expected);
  });
});
