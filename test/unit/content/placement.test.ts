/**
 * Where a badge goes (src/content/overlay/placement.ts): beside the name when there is room, never over
 * anything the holder shows and never outside it; property-tested over generated layouts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GAP, intersects, placeBadge, type Box } from '../../../src/content/overlay/placement';

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });
const sizes = { words: { width: 120, height: 18 }, symbol: { width: 20, height: 18 } };

describe('placeBadge', () => {
  it('puts the words just after the end of the name when its line has room', () => {
    const name = box(10, 10, 200, 30);
    expect(placeBadge({ lines: [name], room: box(0, 0, 400, 40), occupied: [name], sizes })).toEqual({ kind: 'words', left: 200 + GAP, top: 11 });
  });

  it('takes the end of the last line of a wrapped name', () => {
    const lines = [box(10, 10, 380, 30), box(10, 30, 90, 50)];
    expect(placeBadge({ lines, room: box(0, 0, 400, 60), occupied: lines, sizes })).toEqual({ kind: 'words', left: 90 + GAP, top: 31 });
  });

  it('goes below the name when other text follows it on its line, and keeps off that text', () => {
    const name = box(10, 10, 200, 30);
    const after = box(204, 10, 390, 30);
    expect(placeBadge({ lines: [name], room: box(0, 0, 400, 60), occupied: [name, after], sizes })).toEqual({ kind: 'words', left: 10, top: 32 });
  });

  it("takes the room's far corner when nothing beside, below or above the name is free (a card's empty corner)", () => {
    const name = box(10, 10, 390, 30);
    const below = box(10, 32, 390, 60);
    expect(placeBadge({ lines: [name], room: box(0, 0, 400, 100), occupied: [name, below], sizes })).toEqual({
      kind: 'words',
      left: 400 - 120 - 2,
      top: 100 - 18 - 2,
    });
  });

  it('falls back to the symbol, then to nothing, when the words do not fit', () => {
    const name = box(10, 10, 360, 30);
    expect(placeBadge({ lines: [name], room: box(0, 0, 400, 40), occupied: [name], sizes })).toMatchObject({ kind: 'symbol', left: 360 + GAP });
    const full = box(0, 0, 400, 40);
    expect(placeBadge({ lines: [full], room: full, occupied: [full], sizes })).toBeNull();
  });

  it('places nothing for a name that shows no line (hidden, collapsed)', () => {
    expect(placeBadge({ lines: [box(5, 5, 5, 5)], room: box(0, 0, 400, 40), occupied: [], sizes })).toBeNull();
  });

  it('never leaves the room and never overlaps what it shows, whatever the layout', () => {
    const coord = fc.integer({ min: 0, max: 500 });
    const rect = fc.tuple(coord, coord, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 60 })).map(([l, t, w, h]) => box(l, t, l + w, t + h));
    fc.assert(
      fc.property(rect, fc.array(rect, { minLength: 1, maxLength: 3 }), fc.array(rect, { maxLength: 8 }), (room, lines, others) => {
        const occupied = [...lines, ...others];
        const spot = placeBadge({ lines, room, occupied, sizes });
        if (!spot) return;
        const size = sizes[spot.kind];
        const placed = box(spot.left, spot.top, spot.left + size.width, spot.top + size.height);
        expect(placed.left >= room.left && placed.top >= room.top && placed.right <= room.right && placed.bottom <= room.bottom).toBe(true);
        expect(occupied.filter((other) => intersects(placed, other))).toEqual([]);
      }),
      { numRuns: 5_000 },
    );
  });
});
