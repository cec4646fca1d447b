/**
 * Messages between the content script and the background. The content script holds no store of its own:
 * the background reads settings and the active pack, writes progress, and pushes changes to portal tabs.
 * That keeps storage code (and its validation library) out of every portal page and gives progress one
 * writer.
 */
import type { Pack } from '../core/pack';
import type { Observation } from '../store/progress';
import type { PortalProfile } from '../portal/words';

/** What the overlay needs to know: the active pack and the municipality's settings. */
export interface ContentContext {
  pack: Pack;
  municipality: string;
  expectedSe: string | null;
  /** The portal profile in force (built-in, or a valid replacement from policy or an import). */
  profile: PortalProfile;
}

export type ContentMessage =
  | { type: 'aftaletjek:get-context' }
  | { type: 'aftaletjek:observe'; packId: string; observations: Observation[] }
  | { type: 'open-options' };

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
