import type { AgreementStatus } from './types';
import { WORD_END, WORD_START, normalizeText } from './normalize';

type KnownStatus = Exclude<AgreementStatus, 'unknown'>;

/**
 * The portal's status words (undocumented, see domain.md), lower case, one space between words (matched as
 * space, hyphen or " - "). Whole words only, so the button "Godkend" is not "Godkendt", "Afvis" is not
 * "Afvist", "Godkendte aftaler" (a tab) is no status and "aktiv" is not found inside "Inaktiv".
 * "Oprettet" is deliberately absent: rows carry it as a date/author label ("Oprettet 03-01-2025"), and an
 * agreement that is merely created is not yet waiting for the municipality; it reads as unknown.
 */
const STATUS_WORDS: Readonly<Record<KnownStatus, readonly string[]>> = {
  // "afvent*" covers "Afventer", "Afventer godkendelse", "Afventer underskrift", "Afventende";
  // "til godkendelse"/"til underskrift" cover "Klar til godkendelse", "Udgivet til underskrift".
  pending: ['afvent*', 'til godkendelse', 'til underskrift', 'ikke godkendt', 'ikke underskrevet', 'anmodet'],
  approved: ['godkendt', 'aktiv', 'underskrevet'],
  rejected: ['afvist', 'afslået'],
  ended: ['opsagt', 'udløbet', 'inaktiv', 'ikke aktiv', 'ophørt', 'annulleret', 'tilbagekaldt', 'deaktiveret'],
};

function phraseSource(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => (word.endsWith('*') ? `${word.slice(0, -1)}\\p{L}*` : word))
    .join('(?: ?- ?| )');
}

const STATUS_PATTERN = new RegExp(
  `${WORD_START}(?:${Object.entries(STATUS_WORDS)
    .map(([status, phrases]) => `(?<${status}>${phrases.map(phraseSource).join('|')})`)
    .join('|')})${WORD_END}`,
  'gu',
);

function statusOf(groups: Record<string, string | undefined>): KnownStatus {
  const status = (Object.keys(STATUS_WORDS) as KnownStatus[]).find((s) => groups[s] !== undefined);
  if (status === undefined) throw new Error('status pattern matched without a status group');
  return status;
}

/**
 * Reads a status from text that may hold other words too (a whole row's text, or a status field).
 * Returns null when no status word is present. When words of different statuses appear, 'approved' loses
 * to any other (wrongly reporting approved would mark the task done), and among the others the first by
 * position wins.
 */
export function findStatus(text: string): AgreementStatus | null {
  let approved = false;
  for (const found of normalizeText(text).matchAll(STATUS_PATTERN)) {
    const status = statusOf(found.groups ?? {});
    if (status !== 'approved') return status;
    approved = true;
  }
  return approved ? 'approved' : null;
}

/** Like findStatus but for a known status field: 'unknown' when nothing is recognised. */
export function parseStatus(text: string): AgreementStatus {
  return findStatus(text) ?? 'unknown';
}
