/** The KLIK task reader: a task's text in, the task with its agreements and warnings out. */
import type { ParsedTask, TaskWarning } from './types';
import { readAgreements, usualSystem } from './agreements';
import { readDeadline, readHeading, readSupplier, seCheckCodes, statedCount } from './facts';
import { boundaries, unreadableBullets } from './layout';
import { INVISIBLE, oneLine } from './tokens';

export function parseKlikTask(input: string): ParsedTask {
  const text = input.normalize('NFC').replace(/\r\n?/gu, '\n').replace(INVISIBLE, '');
  const warnings: TaskWarning[] = [];

  const { code, title, heading } = readHeading(text);
  if (title === null) warnings.push({ kind: 'no-title' });
  const deadline = readDeadline(text);
  const flat = oneLine(text);
  const supplier = readSupplier(text, flat);
  if (supplier === null) warnings.push({ kind: 'no-supplier' });

  const layout = boundaries(text);
  const { agreements, usedBullets } = readAgreements(text, layout, warnings);
  warnings.push(...unreadableBullets(text, layout, usedBullets));

  // The usual IT system, for names that name none.
  const usual = usualSystem(agreements);
  if (agreements.length > 0 && usual === null) warnings.push({ kind: 'no-it-system' });
  for (const a of agreements) if (a.itSystem === '') a.itSystem = usual ?? 'PROD';

  // SE checks: codes named in the sentences about verifying the SE number.
  for (const named of seCheckCodes(text)) {
    const agreement = agreements.find((a) => a.code === named);
    if (agreement) agreement.seCheck = true;
    else if (!warnings.some((w) => w.kind === 'se-unknown-code' && w.code === named)) {
      warnings.push({ kind: 'se-unknown-code', code: named });
    }
  }

  if (agreements.length === 0) warnings.push({ kind: 'no-agreements' });
  const stated = statedCount(flat);
  if (stated !== null && agreements.length > 0 && stated !== agreements.length) {
    warnings.push({ kind: 'count-mismatch', stated, listed: agreements.length });
  }

  return { code, title, heading, deadline, supplier, agreements, warnings };
}
