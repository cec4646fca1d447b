/**
 * The "Fejlrapport": a privacy-safe structural snapshot of the open portal page, for the maintainers when
 * Aftaletjek does not see what the administrator sees. It keeps what the scanner reads structure from
 * (tags, roles, ARIA, label relations, read-only fields, open shadow roots, same-origin frames) and the
 * words Aftaletjek knows (portal words, the pack's agreement names, the municipality); every other word is
 * replaced by its shape (letters -> x, digits -> 9), so no CPR number, person name or free text survives.
 * No attribute value leaves the page except roles, types and ARIA states; ids are renamed.
 *
 * The serializer is written out by hand: every character it emits is escaped, it emits no script, no style,
 * no URL and no event handler, and it never parses or assigns HTML. A loop, not recursion, walks the tree: a
 * page may nest elements thousands of levels deep.
 *
 * The parts: report/shape (words -> shapes, the address), report/collect (the walk over the page),
 * report/format (escaping, texts, the attributes kept).
 */
import type { SeenOnPage } from './controller';
import { snapshotHtml } from './report/collect';
import { createShaper, shapeUrl, type ShaperOptions } from './report/shape';

export { MAX_SNAPSHOT_CHARS, snapshotHtml } from './report/collect';
export { createShaper, shapeUrl, shapeWord, type TextShaper } from './report/shape';

export const SNAPSHOT_FORMAT = 'aftaletjek-fejlrapport';
export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  createdAt: string;
  extensionVersion: string;
  profileId: string;
  packId: string;
  /** Origin and path, every path segment shaped unless a known word; no query, no fragment. */
  url: string;
  /** What the overlay recognised on the page when the snapshot was taken. */
  seen: SeenOnPage[];
  /** The page's structure as HTML (declarative shadow DOM for open shadow roots, srcdoc for frames). */
  html: string;
  /** True when the page was larger than a snapshot holds and its end was left out. */
  truncated: boolean;
}

export interface SnapshotOptions extends ShaperOptions {
  seen: readonly SeenOnPage[];
  extensionVersion?: string;
  now?: Date;
}

function seenCopy(seen: readonly SeenOnPage[]): SeenOnPage[] {
  return seen.map((s) => {
    const entry: SeenOnPage = { id: s.id, kind: s.kind, status: s.status };
    if (s.se) entry.se = { verdict: s.se.verdict, found: s.se.found };
    return entry;
  });
}

export function takeSnapshot(doc: Document, options: SnapshotOptions): Snapshot {
  const shaper = createShaper(options);
  const { html, truncated } = snapshotHtml(doc, shaper);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    extensionVersion: options.extensionVersion ?? '',
    profileId: options.words.profileId,
    packId: options.pack.id,
    url: shapeUrl(doc.location?.href ?? doc.URL, shaper),
    seen: seenCopy(options.seen),
    html,
    truncated,
  };
}
