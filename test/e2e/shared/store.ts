/**
 * Browser-neutral seeds for the popup, options and badge tests (Chromium and Firefox): records in the
 * store's own key layout (src/store/settings.ts, src/store/progress.ts), so a test can set up any state.
 */
import { BUILTIN_PACK } from '../../../src/core/pack';
import type { AgreementStatus, SeCheck } from '../../../src/core/types';
import { progressKeyPrefix, PROGRESS_VERSION } from '../../../src/store/progress';
import { SETTINGS_KEY, SETTINGS_VERSION } from '../../../src/store/settings';

export const PACK_ID = BUILTIN_PACK.id;
export const EXPECTED_SE = '13748136';
export const WRONG_SE = '29189757';
export const PORTAL_URL = 'https://admin.serviceplatformen.dk/aftaler/tabel';
export const NAME_A = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';

export function settingsRecord(municipality: string, expectedSe: string | null): Record<string, unknown> {
  return {
    [SETTINGS_KEY]: { version: SETTINGS_VERSION, municipality, expectedSe, activePackId: PACK_ID, packs: [] },
  };
}

/** One agreement's stored progress, as src/store/progress.ts writes it (key and versioned record). */
export function progressRecord(
  id: string,
  status: AgreementStatus,
  extra: { name?: string; statusText?: string; se?: SeCheck | null } = {},
): Record<string, unknown> {
  return {
    [progressKeyPrefix(PACK_ID) + id]: {
      version: PROGRESS_VERSION,
      status,
      statusText: extra.statusText ?? (status === 'approved' ? 'Godkendt' : 'Afventer godkendelse'),
      name: extra.name ?? '',
      se: extra.se ?? null,
      seenAt: '2025-01-20T09:15:00.000Z',
      url: PORTAL_URL,
    },
  };
}

export function seCheck(verdict: SeCheck['verdict'], found: string[] = [EXPECTED_SE]): SeCheck {
  return { verdict, found, expected: verdict === 'unconfigured' ? null : EXPECTED_SE, suspect: false };
}

/** All five approved, SE right on the two that need it. */
export function allApproved(): Record<string, unknown> {
  return Object.assign({}, ...BUILTIN_PACK.agreements.map((a) => progressRecord(a.id, 'approved', a.seCheck ? { se: seCheck('match') } : {})));
}

/** The popup seed of the "progress and statuses" scenario, and what the popup must then show. */
export function popupSeed(): Record<string, unknown> {
  return {
    ...progressRecord('SF0770_A', 'pending', { name: NAME_A, se: seCheck('match') }),
    ...progressRecord('SF1470', 'approved'),
    ...progressRecord('SF1490', 'rejected', { statusText: 'Afvist' }),
    ...progressRecord('SF1320', 'unknown', { statusText: 'Under behandling' }),
  };
}
export const POPUP_SEED_STATUSES = { SF0770_A: 'pending', SF0770_E: 'unseen', SF1490: 'rejected', SF1320: 'unknown', SF1470: 'approved' };
/** Outstanding first, in task order; approved after. */
export const POPUP_SEED_ORDER = ['SF0770_A', 'SF0770_E', 'SF1490', 'SF1320', 'SF1470'];
/** The popup's statuses after the content script has seen the Aarhus table. */
export const POPUP_AFTER_TABLE = { SF0770_A: 'pending', SF0770_E: 'pending', SF1320: 'pending', SF1490: 'rejected', SF1470: 'approved' };
