/** What the KLIK task reader gives: the task, its agreements, and warnings as codes with data. */

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
