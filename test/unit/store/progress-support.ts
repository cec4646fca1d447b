import type { AgreementProgress } from '../../../src/store/progress';

/** What the progress tests share: the pack, a portal address, a moment, and a stored record. */
export const PACK = 'klik-sf02';
export const LIST_URL = 'https://admin.serviceplatformen.dk/serviceaftaler?side=2#top';
export const T0 = '2025-03-01T10:00:00.000Z';

export function record(fields: Partial<AgreementProgress> = {}): AgreementProgress & { version: number } {
  return {
    version: 1,
    status: 'pending',
    statusText: 'Afventer godkendelse',
    name: 'SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune',
    se: null,
    seenAt: T0,
    url: 'https://admin.serviceplatformen.dk/serviceaftaler',
    ...fields,
  };
}
