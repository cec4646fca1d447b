import { BUILTIN_PROFILE, type PortalProfile } from '../../../src/portal/words';
import { PROFILE_KEY } from '../../../src/store/profile';

/** What the profile tests share: an imported profile, a policy profile, and the stored record of an import. */

/** A profile that also reads "i drift" as approved. */
export const IMPORTED: PortalProfile = {
  ...BUILTIN_PROFILE,
  id: 'kommune-drift',
  statusWords: { ...BUILTIN_PROFILE.statusWords, approved: [...BUILTIN_PROFILE.statusWords.approved, 'i drift'] },
};
export const MANAGED: PortalProfile = { ...BUILTIN_PROFILE, id: 'it-politik', statusWords: { ...BUILTIN_PROFILE.statusWords, ended: ['ophørt'] } };

export const storedImport = (profile: unknown) => ({ [PROFILE_KEY]: { version: 1, profile } });
