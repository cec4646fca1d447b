/**
 * Messages between the content script and the background. The content script holds no store of its own:
 * the background reads settings and the active pack, writes progress, and pushes changes to portal tabs.
 * That keeps storage code (and its validation library) out of every portal page and gives progress one
 * writer.
 */
import type { Pack } from '../core/pack';
import type { Observation } from '../store/progress';
import type { PortalProfile } from '../portal/words';
import type { MessagesJson } from './i18n';
import type { SeenOnPage } from '../content/controller';
import type { Snapshot } from '../content/snapshot';

/** What the overlay needs to know: the active pack and the municipality's settings. */
export interface ContentContext {
  pack: Pack;
  municipality: string;
  expectedSe: string | null;
  /** The portal profile in force (built-in, or a valid replacement from policy or an import). */
  profile: PortalProfile;
  /** The content script's texts in the browser's language (see useMessages in ./i18n.ts). */
  messages?: MessagesJson;
}

export type ContentMessage =
  { type: 'aftaletjek:get-context' } | { type: 'aftaletjek:observe'; packId: string; observations: Observation[] } | { type: 'open-options' };

/** Background to portal tabs: settings or the active pack changed. */
export interface ContextChanged {
  type: 'aftaletjek:context-changed';
  context: ContentContext;
}

/** Most observations one message may carry: a page holds each of the pack's agreements a few times at most. */
export const MAX_OBSERVATIONS = 200;

function hasType(message: unknown): message is { type: unknown } {
  return typeof message === 'object' && message !== null && 'type' in message;
}

/** Checks the shape of a message from a content script; the store validates each observation's fields. */
export function asContentMessage(message: unknown): ContentMessage | null {
  if (!hasType(message)) return null;
  switch (message.type) {
    case 'aftaletjek:get-context':
    case 'open-options':
      return { type: message.type };
    case 'aftaletjek:observe': {
      const { packId, observations } = message as { packId?: unknown; observations?: unknown };
      if (typeof packId !== 'string' || !Array.isArray(observations) || observations.length > MAX_OBSERVATIONS) return null;
      const valid = observations.every((o) => typeof o === 'object' && o !== null && typeof (o as Observation).id === 'string');
      return valid ? { type: message.type, packId, observations: observations as Observation[] } : null;
    }
    default:
      return null;
  }
}

export function asContextChanged(message: unknown): ContextChanged | null {
  if (!hasType(message) || message.type !== 'aftaletjek:context-changed') return null;
  const { context } = message as { context?: unknown };
  return typeof context === 'object' && context !== null ? (message as ContextChanged) : null;
}

/**
 * Popup to the active portal tab's top frame (tabs.sendMessage with frameId 0): what the overlay recognises
 * on this page, and the Fejlrapport snapshot of it.
 */
export type TabRequest = { type: 'aftaletjek:page-seen' } | { type: 'aftaletjek:snapshot' };

export function asTabRequest(message: unknown): TabRequest | null {
  if (!hasType(message)) return null;
  return message.type === 'aftaletjek:page-seen' || message.type === 'aftaletjek:snapshot' ? { type: message.type } : null;
}

/** The content script's answer to 'aftaletjek:page-seen'. */
export interface PageSeen {
  type: 'aftaletjek:page-seen';
  seen: SeenOnPage[];
}

const KINDS = ['heading', 'name-field', 'list'];
const STATUSES = ['pending', 'approved', 'rejected', 'ended', 'unknown'];
const VERDICTS = ['match', 'mismatch', 'missing', 'unconfigured'];

function isSeenOnPage(entry: unknown): entry is SeenOnPage {
  if (typeof entry !== 'object' || entry === null) return false;
  const { id, kind, status, se } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || !KINDS.includes(kind as string) || !STATUSES.includes(status as string)) return false;
  if (se === undefined) return true;
  const { verdict, found } = (se ?? {}) as Record<string, unknown>;
  return VERDICTS.includes(verdict as string) && typeof found === 'number';
}

/** Checks a tab's answer to 'aftaletjek:page-seen'; null when it is not one. */
export function asPageSeen(answer: unknown): SeenOnPage[] | null {
  if (!hasType(answer) || answer.type !== 'aftaletjek:page-seen') return null;
  const { seen } = answer as { seen?: unknown };
  return Array.isArray(seen) && seen.length <= MAX_OBSERVATIONS && seen.every(isSeenOnPage) ? seen : null;
}

/** Checks a tab's answer to 'aftaletjek:snapshot'; null when it is not a Fejlrapport snapshot. */
export function asSnapshot(answer: unknown): Snapshot | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const { format, version, html } = answer as Record<string, unknown>;
  return format === 'aftaletjek-fejlrapport' && version === 1 && typeof html === 'string' ? (answer as Snapshot) : null;
}
