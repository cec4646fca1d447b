/**
 * Where a mark's badge goes in Aftaletjek's own layer: geometry only (no DOM), so it is tested on its own.
 * The badge must sit inside the box that holds the name (its cell, list item or card line) and overlap
 * none of that box's content: the portal's text and controls stay readable and clickable, and its layout is
 * never changed, since the badge takes no space in it.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface PlacementInput {
  /** The name's own line boxes (its client rects), in reading order. */
  lines: readonly Box[];
  /** The holder's padding box: the badge stays inside it. */
  room: Box;
  /** Everything the holder shows (its content's client rects, the name's included): the badge overlaps none. */
  occupied: readonly Box[];
  /** The badge with its words, and the badge with its symbol only (tried when the words do not fit). */
  sizes: { words: Size; symbol: Size };
}

export type BadgeKind = 'words' | 'symbol';

export interface Placement {
  kind: BadgeKind;
  left: number;
  top: number;
}

/** Space kept between the badge and the text beside it. */
export const GAP = 6;

export function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(box: Box, room: Box): boolean {
  return box.left >= room.left && box.top >= room.top && box.right <= room.right && box.bottom <= room.bottom;
}

/** The candidate spots for a badge of `size`, best first: after the name, at the end of its line, below it, above it, the room's far corner. */
function candidates(lines: readonly Box[], room: Box, size: Size): Box[] {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const middle = (line: Box) => (line.top + line.bottom - size.height) / 2;
  const at = (left: number, top: number): Box => ({ left, top, right: left + size.width, bottom: top + size.height });
  return [
    at(last.right + GAP, middle(last)),
    at(room.right - size.width - 2, middle(last)),
    at(first.left, last.bottom + 2),
    at(first.left, first.top - size.height - 2),
    at(room.right - size.width - 2, room.bottom - size.height - 2),
  ];
}

/**
 * The first spot, words before symbol, that lies inside the room and overlaps nothing it shows; null when
 * none does (the mark then falls back to a paint-only outline on the name).
 */
export function placeBadge({ lines, room, occupied, sizes }: PlacementInput): Placement | null {
  const shown = lines.filter((line) => line.right > line.left && line.bottom > line.top);
  if (shown.length === 0) return null;
  for (const kind of ['words', 'symbol'] as const) {
    for (const spot of candidates(shown, room, sizes[kind])) {
      if (inside(spot, room) && !occupied.some((box) => intersects(spot, box))) return { kind, left: spot.left, top: spot.top };
    }
  }
  return null;
}
