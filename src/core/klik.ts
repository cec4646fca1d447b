/**
 * Reads a KLIK agreement task from its own text (as pasted from the KLIK portal, a PDF or a Word file) and
 * builds an agreement pack from it. Pure: no DOM, no browser API, no user-facing words (warnings are codes
 * with data; the pages put them into words).
 *
 * What a task text holds, and what is read from it:
 *   "Opgavetitel (SF 02) Godkend serviceaftaler"      -> code "SF 02", title "Godkend serviceaftaler"
 *   "Slutdato 9/2"                                    -> deadline "9/2"
 *   "Netcompany anmoder om godkendelse af ..."         -> supplier "Netcompany"
 *   • ”SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – [Kommune]” – Anvendes ifm. ...
 *                                                     -> one agreement: code, title, version, IT system,
 *                                                        municipality placeholder, purpose
 *   "... ved godkendelse af serviceaftaler ”SF0770_A” og ”SF 0770_E” skal verificere, at SE-nummeret ..."
 *                                                     -> SF0770_A and SF0770_E need an SE check
 *   "de 4 anmodede serviceaftaler" while five are listed -> a warning; the list wins
 */
import type { Pack, PackAgreement } from './pack';

export interface ParsedAgreement {
  /** The agreement's id in the pack: its code ("SF0770_A"). */
  id: string;
  /** The service code without stray spaces, upper case: "SF0770_E" (also when written "SF 0770_E"). */
  code: string;
  /** The whole name as quoted, on one line with single spaces: what the portal will show. */
  name: string;
  title: string;
  /** "v3" / "V3" as written, or null when the name carries none. */
  version: string | null;
  /** The IT system as written in the name ("KP PROD"), or the task's usual one when the name names none. */
  itSystem: string;
  /** True when the name names no IT system (and no municipality): "SF1320 – CPR Hændelser". */
  systemSuffixOptional: boolean;
  /** The municipality placeholder as written ("[Kommune]", "<kommune>", "[Kommunenavn]"), or null. */
  municipalityPlaceholder: string | null;
  purpose: string;
  seCheck: boolean;
}

export type TaskWarning =
  /** The text says how many agreements it asks for, and lists another number: the list wins. */
  | { kind: 'count-mismatch'; stated: number; listed: number }
  /** A bullet (or a quoted name) that looks like an agreement but could not be read as one. */
  | { kind: 'unreadable'; text: string }
  /** The same code is listed twice with different names: the first is kept. */
  | { kind: 'duplicate'; code: string }
  /** An SE sentence names a code that is not in the list. */
  | { kind: 'se-unknown-code'; code: string }
  | { kind: 'no-title' }
  | { kind: 'no-supplier' }
  /** No agreement name in the text names an IT system; the pack's agreements carry a placeholder. */
  | { kind: 'no-it-system' }
  | { kind: 'no-agreements' };

export interface ParsedTask {
  /** "SF 02", or null when the text has no "(XX nn)" code. */
  code: string | null;
  /** "Godkend serviceaftaler", or null. */
  title: string | null;
  /** "(SF 02) Godkend serviceaftaler" as the task is named, or null. */
  heading: string | null;
  /** The "Slutdato" as written ("9/2"), or null. */
  deadline: string | null;
  supplier: string | null;
  agreements: ParsedAgreement[];
  warnings: TaskWarning[];
}

// ---- text clean-up ---------------------------------------------------------------------------------

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;
/** Opening and closing quotes a Danish text may use: ”…”, “…”, "…", „…“, «…», »…«, ‚…‘ is not used for names. */
const QUOTE_CHARS = '"\u201C\u201D\u201E\u201F\u00AB\u00BB';
const QUOTED = new RegExp(`[${QUOTE_CHARS}]([^${QUOTE_CHARS}]{1,600})[${QUOTE_CHARS}]`, 'gu');
const BULLET = /^[ \t\u00A0]*(?:[•·▪◦●○■□‣⁃*]|-(?=\s)|–(?=\s)|o(?=\s))\s*/u;
const SYMBOL_BULLET = /^[ \t\u00A0]*[•·▪◦●○■□‣⁃*]/u;

/** One line, single spaces, no invisible characters; dashes kept as written. */
function oneLine(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** As oneLine, with every dash folded to '-' (for reading the structure of a name). */
function folded(text: string): string {
  return oneLine(text).replace(DASH, '-');
}

// ---- the agreement name ----------------------------------------------------------------------------

/** A service code at the start: "SF0770_A", "SF 0770_E", "SF1320", "SF 1470"; stray spaces around "_" too. */
const CODE_AT_START = /^(\p{Lu}{2,4}) ?(\d{3,5})(?: ?_ ?([\p{Lu}\d]{1,4}))?(?![\p{L}\p{N}_])/u;
/** A code anywhere (in an SE sentence): the same forms. */
const CODE_ANYWHERE = /(?<![\p{L}\p{N}_])(\p{Lu}{2,4}) ?(\d{3,5})(?: ?_ ?([\p{Lu}\d]{1,4}))?(?![\p{L}\p{N}_])/gu;
const VERSION = /(?:^| )([vV]\d{1,3})(?= -|$)/u;
const PLACEHOLDER = /^(?:[[<({]\s*kommune(?:navn|ns navn)?\s*[\]>)}]|kommune(?:navn)?)$/iu;
const ENVIRONMENT = /(?<![\p{L}\p{N}])(?:(?:pre-?)?prod|test|demo|dev|udv|staging|qa)(?![\p{L}\p{N}])/iu;
const PART = / - /u;

function codeOf(letters: string, digits: string, suffix: string | undefined): string {
  return `${letters}${digits}${suffix ? `_${suffix}` : ''}`.toUpperCase();
}

interface NameParts {
  code: string;
  title: string;
  version: string | null;
  itSystem: string | null;
  municipalityPlaceholder: string | null;
}

/**
 * Splits a quoted name into its parts: CODE - TITLE [VERSION] [- IT SYSTEM [- MUNICIPALITY]]. Returns null
 * when the text does not start with a code followed by a dash and a title.
 */
export function readAgreementName(raw: string): NameParts | null {
  const text = folded(raw);
  const code = CODE_AT_START.exec(text);
  if (!code) return null;
  const afterCode = text.slice(code[0].length);
  const dash = /^ ?- ?/u.exec(afterCode);
  if (!dash) return null;
  const rest = afterCode.slice(dash[0].length).trim();
  if (rest === '') return null;
  let title: string;
  let version: string | null = null;
  let tail: string[];
  const v = VERSION.exec(rest);
  if (v) {
    title = rest.slice(0, v.index).trim();
    version = v[1]!;
    tail = rest
      .slice(v.index + v[0].length)
      .replace(/^ ?- ?/u, '')
      .split(PART)
      .map((p) => p.trim())
      .filter(Boolean);
  } else {
    const parts = rest.split(PART).map((p) => p.trim());
    // Without a version the title ends where a placeholder or a system (a part with an environment word) begins.
    let end = parts.length;
    if (end > 1 && PLACEHOLDER.test(parts[end - 1]!)) end--;
    if (end > 1 && ENVIRONMENT.test(parts[end - 1]!)) end--;
    title = parts.slice(0, end).join(' - ');
    tail = parts.slice(end);
  }
  if (title === '' || title.replace(/[^\p{L}\p{N}]/gu, '') === '') return null;
  let municipalityPlaceholder: string | null = null;
  if (tail.length > 0 && PLACEHOLDER.test(tail[tail.length - 1]!)) municipalityPlaceholder = tail.pop()!;
  const itSystem = tail.length > 0 ? tail.join(' - ') : null;
  return { code: codeOf(code[1]!, code[2]!, code[3]), title, version, itSystem, municipalityPlaceholder };
}

// ---- purposes ----------------------------------------------------------------------------------------

const PURPOSE_MAX = 400;

/** The purpose as one sentence or more: leading dash gone, first letter upper case, a full stop at the end. */
function cleanPurpose(raw: string): string {
  let text = oneLine(raw).replace(/^[-–—:,;\s]+/u, '').trim();
  if (text === '') return '';
  text = text.charAt(0).toLocaleUpperCase('da') + text.slice(1);
  if (!/[.!?]$/u.test(text)) text += '.';
  if (text.length > PURPOSE_MAX) {
    const cut = text.slice(0, PURPOSE_MAX);
    const stop = cut.lastIndexOf('. ');
    text = stop > 40 ? cut.slice(0, stop + 1) : `${cut.slice(0, PURPOSE_MAX - 1).trimEnd()}…`;
  }
  return text;
}

// ---- the task ----------------------------------------------------------------------------------------

const TASK_CODE = /\(\s*(\p{Lu}{1,4}) ?(\d{1,3}[a-z]?)\s*\)[ \t\u00A0]*([^\n]*)/u;
const TITLE_LINE = /^[ \t\u00A0]*Opgavetitel[ \t\u00A0:]+([^\n]+)/imu;
const DEADLINE = /^[ \t\u00A0]*Slutdato[ \t\u00A0:]*([^\n]*\S)/imu;
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{N}&.'-]*";
const SUPPLIER_PATTERNS = [
  new RegExp(`(${NAME_WORD}(?: ${NAME_WORD}){0,3}) anmoder (?:jer |kommunen )?om (?:godkendelse|at godkende)`, 'u'),
  new RegExp(`[Ll]everandøren af [^,]{1,40}, (${NAME_WORD}(?: ${NAME_WORD}){0,3}),`, 'u'),
  new RegExp(`Leverandør(?:en)?:? (${NAME_WORD}(?: ${NAME_WORD}){0,3})`, 'u'),
];
const NUMBER_WORDS: Record<string, number> = {
  en: 1, et: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12,
};
const STATED_COUNT = new RegExp(
  `(?<![\\p{L}])(?:de|følgende|disse|alle|godkende)\\s+(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})\\s+` +
    `(?:(?:anmodede|nye|følgende|nævnte|ovennævnte)\\s+)?serviceaftaler(?![\\p{L}])`,
  'iu',
);
/** A sentence about checking the SE number. */
const SE_WORD = /(?<![\p{L}\p{N}])SE[- ]?(?:nummer|nummeret|numre|nr\.?)(?![\p{L}])/iu;
const CHECK_WORD = /verific|kontroll|tjek|check|korrekt|rigtig|passer/iu;

/** Sentences (for finding the SE ones): a full stop, "?" or "!" before a capital, a bullet, or an empty line. */
function sentences(text: string): string[] {
  return text
    .split(/\n[ \t\u00A0]*\n|(?<=[.!?])\s+(?=[\p{Lu}\d•])|\n(?=[ \t]*[•·▪])|\n(?=\s*\d+\))/u)
    .map(oneLine)
    .filter(Boolean);
}

interface Candidate {
  /** Index of the opening quote. */
  start: number;
  /** Index after the closing quote. */
  end: number;
  inner: string;
}

/**
 * The text's bullets (start indexes of their lines) and its empty lines. A symbol (•, ▪, *) always starts a
 * bullet, and so does a dash or "o" before a quoted name; a bare dash only after an empty line or in a list of
 * such bullets, since a PDF may break a name right before its " – [Kommune]".
 */
function boundaries(text: string): { bullets: number[]; paragraphEnds: number[] } {
  const bullets: number[] = [];
  const paragraphEnds: number[] = [];
  const quotedNext = new RegExp(`^[ \\t\\u00A0]*[-–o]\\s*[${QUOTE_CHARS}]`, 'u');
  let at = 0;
  let previousBlank = true;
  /** In a list of bare-dash bullets ("- Opgaven ..."): its next bare dash starts a bullet too. */
  let inDashList = false;
  for (const line of text.split('\n')) {
    const blank = line.trim() === '';
    const strong = SYMBOL_BULLET.test(line) || quotedNext.test(line);
    const bareDash = !strong && BULLET.test(line) && (previousBlank || inDashList);
    if (strong || bareDash) bullets.push(at);
    if (blank) paragraphEnds.push(at);
    if (blank || strong) inDashList = false;
    else if (bareDash) inDashList = true;
    previousBlank = blank;
    at += line.length + 1;
  }
  return { bullets, paragraphEnds };
}

export function parseKlikTask(input: string): ParsedTask {
  const text = input.normalize('NFC').replace(/\r\n?/gu, '\n').replace(INVISIBLE, '');
  const warnings: TaskWarning[] = [];

  // Code and title.
  let code: string | null = null;
  let title: string | null = null;
  const titleLine = TITLE_LINE.exec(text)?.[1] ?? null;
  const codeMatch = TASK_CODE.exec(titleLine ?? text);
  if (codeMatch) {
    code = `${codeMatch[1]} ${codeMatch[2]}`.toUpperCase();
    title = oneLine(codeMatch[3] ?? '') || null;
  } else if (titleLine) {
    title = oneLine(titleLine) || null;
  }
  if (title === null) warnings.push({ kind: 'no-title' });
  const heading = code && title ? `(${code}) ${title}` : title ?? (code ? `(${code})` : null);

  const deadline = DEADLINE.exec(text)?.[1]?.trim() ?? null;
  const flat = oneLine(text);
  // Lines kept: a supplier's name never runs on from the line before ("Beskrivelse\nKMD anmoder ...").
  const lined = text.replace(/[ \t\u00A0]+/gu, ' ');
  let supplier: string | null = null;
  for (const [i, pattern] of SUPPLIER_PATTERNS.entries()) {
    const found = pattern.exec(i === 1 ? flat : lined);
    if (found?.[1]) {
      supplier = found[1];
      break;
    }
  }
  if (supplier === null) warnings.push({ kind: 'no-supplier' });

  // Agreements: quoted texts that start with a code and a dash. A name quoted again later (in an SE
  // sentence, say) is the same agreement.
  const { bullets, paragraphEnds } = boundaries(text);
  const candidates: Candidate[] = [];
  for (const q of text.matchAll(QUOTED)) {
    candidates.push({ start: q.index, end: q.index + q[0].length, inner: q[1]! });
  }
  const named = candidates.filter((c) => readAgreementName(c.inner) !== null);
  const agreements: ParsedAgreement[] = [];
  const usedBullets = new Set<number>();
  const bulletOf = (index: number) => {
    let found = -1;
    for (const b of bullets) if (b <= index) found = b;
    return found;
  };
  named.forEach((candidate, i) => {
    const parts = readAgreementName(candidate.inner)!;
    const bullet = bulletOf(candidate.start);
    if (bullet >= 0) usedBullets.add(bullet);
    const existing = agreements.find((a) => a.code === parts.code);
    if (existing) {
      if (existing.name !== oneLine(candidate.inner) && !warnings.some((w) => w.kind === 'duplicate' && w.code === parts.code)) {
        warnings.push({ kind: 'duplicate', code: parts.code });
      }
      return;
    }
    // The purpose: after the closing quote, up to the next bullet, the next agreement name or an empty line.
    const limits = [
      ...bullets.filter((b) => b > candidate.end),
      ...paragraphEnds.filter((p) => p > candidate.end),
      named[i + 1]?.start ?? text.length,
      text.length,
    ];
    const purposeEnd = Math.min(...limits);
    agreements.push({
      id: parts.code,
      code: parts.code,
      name: oneLine(candidate.inner),
      title: parts.title,
      version: parts.version,
      itSystem: parts.itSystem ?? '',
      systemSuffixOptional: parts.itSystem === null,
      municipalityPlaceholder: parts.municipalityPlaceholder,
      purpose: cleanPurpose(text.slice(candidate.end, purposeEnd)),
      seCheck: false,
    });
  });

  // Bullets that look like an agreement but gave none.
  const lines = text.split('\n');
  let at = 0;
  const bulletText = (start: number) => {
    const end = Math.min(...[...bullets.filter((b) => b > start), ...paragraphEnds.filter((p) => p > start), text.length]);
    return oneLine(text.slice(start, end).replace(BULLET, ''));
  };
  const bulletStarts = new Set(bullets);
  for (const line of lines) {
    if (bulletStarts.has(at) && !usedBullets.has(at)) {
      const body = bulletText(at);
      CODE_ANYWHERE.lastIndex = 0;
      if (CODE_ANYWHERE.test(body) || /serviceaftale/iu.test(body)) {
        warnings.push({ kind: 'unreadable', text: body.length > 120 ? `${body.slice(0, 119)}…` : body });
      }
    }
    at += line.length + 1;
  }

  // The usual IT system, for names that name none.
  const systems = new Map<string, number>();
  for (const a of agreements) if (a.itSystem !== '') systems.set(a.itSystem, (systems.get(a.itSystem) ?? 0) + 1);
  const usual = [...systems].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (agreements.length > 0 && usual === null) warnings.push({ kind: 'no-it-system' });
  for (const a of agreements) if (a.itSystem === '') a.itSystem = usual ?? 'PROD';

  // SE checks: codes named in the sentences about verifying the SE number.
  for (const sentence of sentences(text)) {
    if (!SE_WORD.test(sentence) || !CHECK_WORD.test(sentence)) continue;
    for (const found of sentence.matchAll(CODE_ANYWHERE)) {
      const named = codeOf(found[1]!, found[2]!, found[3]);
      const agreement = agreements.find((a) => a.code === named);
      if (agreement) agreement.seCheck = true;
      else if (!warnings.some((w) => w.kind === 'se-unknown-code' && w.code === named)) {
        warnings.push({ kind: 'se-unknown-code', code: named });
      }
    }
  }

  if (agreements.length === 0) warnings.push({ kind: 'no-agreements' });
  const stated = STATED_COUNT.exec(flat);
  if (stated && agreements.length > 0) {
    const word = stated[1]!.toLocaleLowerCase('da');
    const count = NUMBER_WORDS[word] ?? Number(word);
    if (count !== agreements.length) warnings.push({ kind: 'count-mismatch', stated: count, listed: agreements.length });
  }

  return { code, title, heading, deadline, supplier, agreements, warnings };
}

// ---- the pack ----------------------------------------------------------------------------------------

/** The pack id of a task code: "SF 02" -> "klik-sf02". */
export function packIdFor(code: string | null, title: string | null): string {
  const slug = (code ?? title ?? 'opgave')
    .toLocaleLowerCase('da')
    .replace(/æ/gu, 'ae')
    .replace(/ø/gu, 'oe')
    .replace(/å/gu, 'aa')
    .normalize('NFD')
    .replace(/[^a-z0-9]+/gu, code ? '' : '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 40);
  return `klik-${slug || 'opgave'}`;
}

/** The Danish message for the KLIK task when an SE number is wrong (it goes to KOMBIT and the supplier). */
export function seMismatchMessageFor(supplier: string | null): string {
  const who = supplier ?? 'Leverandøren';
  return (
    'SE-nummeret i serviceaftalen "{name}" er {found}, men kommunens SE-nummer er {expected}. ' +
    `${who} bedes rette SE-nummeret i aftalen, så vi kan godkende den. Vi har ikke godkendt aftalen.`
  );
}

/** What the user changed in the preview: agreements dropped, SE checks switched. */
export interface PreviewCorrections {
  dropped?: readonly string[];
  seCheck?: Readonly<Record<string, boolean>>;
}

/**
 * The pack for a parsed task, with the user's corrections. Not validated here: the store validates every
 * pack it keeps (PackSchema), so a task without agreements or title is refused there.
 */
export function packFromTask(task: ParsedTask, corrections: PreviewCorrections = {}, id?: string): Pack {
  const dropped = new Set(corrections.dropped ?? []);
  const agreements: PackAgreement[] = task.agreements
    .filter((a) => !dropped.has(a.id))
    .map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
      version: a.version,
      itSystem: a.itSystem,
      systemSuffixOptional: a.systemSuffixOptional,
      seCheck: corrections.seCheck?.[a.id] ?? a.seCheck,
      purpose: a.purpose || a.name,
    }));
  const title = [task.code ? `KLIK ${task.code}` : 'KLIK', task.title].filter(Boolean).join(' – ');
  return {
    schemaVersion: 1,
    id: id ?? packIdFor(task.code, task.title),
    title,
    supplier: task.supplier ?? 'Leverandøren',
    ...(task.deadline ? { deadline: task.deadline } : {}),
    seMismatchMessage: seMismatchMessageFor(task.supplier),
    agreements,
  };
}
