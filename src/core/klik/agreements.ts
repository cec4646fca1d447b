/** The agreements a task text lists: quoted names that start with a code and a dash, each with its purpose. */
import type { ParsedAgreement, TaskWarning } from './types';
import { bulletOf, endAfter, type Layout } from './layout';
import { cleanPurpose, readAgreementName, type NameParts } from './names';
import { oneLine, QUOTED } from './tokens';

/** A quoted text that holds an agreement name. */
interface Named {
  /** Index of the opening quote. */
  start: number;
  /** Index after the closing quote. */
  end: number;
  inner: string;
  parts: NameParts;
}

/**
 * The agreements in text order, and the bullets they stand in. A name quoted again later (in an SE sentence,
 * say) is the same agreement; the same code under another name is a 'duplicate' warning (pushed to
 * `warnings`). Every IT system is as written; '' where the name names none.
 */
export function readAgreements(text: string, layout: Layout, warnings: TaskWarning[]): { agreements: ParsedAgreement[]; usedBullets: Set<number> } {
  // Each quoted text read once: the quotes that hold an agreement name, with their parts.
  const named: Named[] = [];
  for (const q of text.matchAll(QUOTED)) {
    const parts = readAgreementName(q[1]!);
    if (parts) named.push({ start: q.index, end: q.index + q[0].length, inner: q[1]!, parts });
  }
  const agreements: ParsedAgreement[] = [];
  const usedBullets = new Set<number>();
  named.forEach((candidate, i) => {
    const { parts } = candidate;
    const bullet = bulletOf(layout, candidate.start);
    if (bullet >= 0) usedBullets.add(bullet);
    const existing = agreements.find((a) => a.code === parts.code);
    if (existing) {
      if (existing.name !== oneLine(candidate.inner) && !warnings.some((w) => w.kind === 'duplicate' && w.code === parts.code)) {
        warnings.push({ kind: 'duplicate', code: parts.code });
      }
      return;
    }
    // The purpose: after the closing quote, up to the next bullet, the next agreement name or an empty line.
    const purposeEnd = endAfter(layout, candidate.end, Math.min(named[i + 1]?.start ?? text.length, text.length));
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
  return { agreements, usedBullets };
}

/** The IT system most names name, or null when none names one. */
export function usualSystem(agreements: readonly ParsedAgreement[]): string | null {
  const systems = new Map<string, number>();
  for (const a of agreements) if (a.itSystem !== '') systems.set(a.itSystem, (systems.get(a.itSystem) ?? 0) + 1);
  return [...systems].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
