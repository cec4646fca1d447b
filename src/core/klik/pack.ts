/** From a read task to an agreement pack: its id, its SE message, the user's corrections from the preview. */
import type { Pack, PackAgreement } from '../pack';
import type { ParsedTask } from './types';

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
