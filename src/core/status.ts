import type { AgreementStatus } from './types';
import { WORD_END, WORD_START, normalizeText } from './normalize';
import builtinProfile from '../portal/profile.json';

export type KnownStatus = Exclude<AgreementStatus, 'unknown'>;

/** The portal's status words by status (the portal profile's `statusWords`, src/portal/profile.json). */
export type StatusWords = Readonly<Record<KnownStatus, readonly string[]>>;

const KNOWN_STATUSES: readonly KnownStatus[] = ['pending', 'approved', 'rejected', 'ended'];

/** A phrase's words match with a space, a hyphen or " - " between them; "word*" matches any ending. */
function phraseSource(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => (word.endsWith('*') ? `${escape(word.slice(0, -1))}\\p{L}*` : escape(word)))
    .join('(?: ?- ?| )');
}

function escape(word: string): string {
  return word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export interface StatusReader {
  /**
   * Reads a status from text that may hold other words too (a whole row's text, or a status field).
   * Returns null when no status word is present. When words of different statuses appear, 'approved' loses
   * to any other (wrongly reporting approved would mark the task done), and among the others the first by
   * position wins.
   */
  findStatus(text: string): AgreementStatus | null;
  /** Like findStatus but for a known status field: 'unknown' when nothing is recognised. */
  parseStatus(text: string): AgreementStatus;
}

/**
 * Whole words only, so the button "Godkend" is not "Godkendt", "Afvis" is not "Afvist", "Godkendte aftaler"
 * (a tab) is no status and "aktiv" is not found inside "Inaktiv". "Oprettet" is deliberately absent from the
 * built-in words: rows carry it as a date/author label, and a merely created agreement is not yet waiting.
 */
export function compileStatusWords(words: StatusWords): StatusReader {
  const pattern = new RegExp(
    `${WORD_START}(?:${KNOWN_STATUSES.map((status) => `(?<${status}>${words[status].map(phraseSource).join('|')})`).join('|')})${WORD_END}`,
    'gu',
  );
  const statusOf = (groups: Record<string, string | undefined>): KnownStatus => {
    const status = KNOWN_STATUSES.find((s) => groups[s] !== undefined);
    if (status === undefined) throw new Error('status pattern matched without a status group');
    return status;
  };
  const findStatus = (text: string): AgreementStatus | null => {
    let approved = false;
    for (const found of normalizeText(text).matchAll(pattern)) {
      const status = statusOf(found.groups ?? {});
      if (status !== 'approved') return status;
      approved = true;
    }
    return approved ? 'approved' : null;
  };
  return { findStatus, parseStatus: (text) => findStatus(text) ?? 'unknown' };
}

const builtin = compileStatusWords(builtinProfile.statusWords);
/** With the built-in portal profile's status words. */
export const findStatus = builtin.findStatus;
/** With the built-in portal profile's status words. */
export const parseStatus = builtin.parseStatus;
