/** An agreement's quoted name split into its parts, and the purpose written after it. */
import { CODE_AT_START, codeOf, folded, oneLine } from './tokens';

const VERSION = /(?:^| )([vV]\d{1,3})(?= -|$)/u;
const PLACEHOLDER = /^(?:[[<({]\s*kommune(?:navn|ns navn)?\s*[\]>)}]|kommune(?:navn)?)$/iu;
const ENVIRONMENT = /(?<![\p{L}\p{N}])(?:(?:pre-?)?prod|test|demo|dev|udv|staging|qa)(?![\p{L}\p{N}])/iu;
const PART = / - /u;

export interface NameParts {
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

const PURPOSE_MAX = 400;

/** The purpose as one sentence or more: leading dash gone, first letter upper case, a full stop at the end. */
export function cleanPurpose(raw: string): string {
  let text = oneLine(raw)
    .replace(/^[-–—:,;\s]+/u, '')
    .trim();
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
