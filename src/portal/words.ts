/**
 * The portal profile compiled for reading pages: every portal word and label pattern, in one object the
 * content script builds once per profile. The profile is data (./profile.json, or a replacement that
 * municipal IT sets by policy or a user imports; validated by ./schema.ts before it gets here), so a
 * change of the portal's words is a data change, not a release.
 */
import { WORD_END, normalizeText } from '../core/normalize';
import { compileSeLabels, type SeReader, type SeLabelWords } from '../core/se';
import { compileStatusWords, type StatusReader, type StatusWords } from '../core/status';
import builtinProfileJson from './profile.json';

export interface PortalProfile extends SeLabelWords {
  schemaVersion: 1;
  id: string;
  description?: string | undefined;
  statusWords: StatusWords;
  labels: { name: readonly string[]; status: readonly string[]; message: readonly string[] };
  /** The first word of an approve / reject control's accessible name ("Godkend", "Godkend aftale"). */
  actions: { approve: readonly string[]; reject: readonly string[] };
  /** Further portal words a Fejlrapport may keep as they are (column headers, tab names, parameter labels). */
  knownWords: readonly string[];
}

/** The profile shipped with the extension (validated by the unit tests through ./schema.ts). */
export const BUILTIN_PROFILE = builtinProfileJson as PortalProfile;

export interface PortalWords extends StatusReader, SeReader {
  profileId: string;
  isNameLabel(label: string): boolean;
  isStatusLabel(label: string): boolean;
  isMessageLabel(label: string): boolean;
  /** "Godkend", "Godkend aftale"; not "Godkendt" (a status) or "Godkendelser" (a tab). */
  isApproveText(text: string): boolean;
  /** "Afvis", "Afvis aftale"; not "Afvist". */
  isRejectText(text: string): boolean;
  /** Every word of the profile, normalised: the words a Fejlrapport keeps. */
  knownWords: ReadonlySet<string>;
  /** Runs each pattern once, one step per yield (see AgreementMatcher.warmUp: first use compiles a pattern). */
  warmUp(): Generator<void>;
}

function labelKey(label: string): string {
  return normalizeText(label).replace(/[\s:*]+$/u, '');
}

function escape(word: string): string {
  return word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function startsWithWord(words: readonly string[]): (text: string) => boolean {
  const pattern = new RegExp(`^(?:${words.map(escape).join('|')})${WORD_END}`, 'u');
  return (text) => pattern.test(normalizeText(text));
}

function wordsOf(phrases: Iterable<string>): string[] {
  return [...phrases].flatMap((phrase) => normalizeText(phrase.replace(/\*/gu, '')).split(/[\s/]+/u)).filter((w) => w !== '');
}

export function compileProfile(profile: PortalProfile): PortalWords {
  const names = new Set(profile.labels.name.map(labelKey));
  const statuses = new Set(profile.labels.status.map(labelKey));
  const messages = profile.labels.message.map(labelKey);
  const known = new Set(
    wordsOf([
      ...Object.values(profile.statusWords).flat(),
      ...profile.labels.name,
      ...profile.labels.status,
      ...profile.labels.message,
      ...profile.actions.approve,
      ...profile.actions.reject,
      ...profile.knownWords,
    ]),
  );
  const words: PortalWords = {
    profileId: profile.id,
    ...compileStatusWords(profile.statusWords),
    ...compileSeLabels(profile),
    isNameLabel: (label) => names.has(labelKey(label)),
    isStatusLabel: (label) => statuses.has(labelKey(label)),
    isMessageLabel(label) {
      const key = labelKey(label);
      return messages.some((word) => key === word || key.startsWith(word + ' '));
    },
    isApproveText: startsWithWord(profile.actions.approve),
    isRejectText: startsWithWord(profile.actions.reject),
    knownWords: known,
    *warmUp() {
      words.findStatus('afventer godkendelse');
      yield;
      words.classifyLabel('SE-nr.');
      yield;
      words.findSe([{ label: '', value: 'SE-nr.: 12345678' }]);
      yield;
      words.isApproveText('godkend');
      words.isRejectText('afvis');
      yield;
    },
  };
  return words;
}

export const BUILTIN_WORDS: PortalWords = compileProfile(BUILTIN_PROFILE);
