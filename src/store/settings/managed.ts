import { checkExpectedSe } from '../../core/expected-se';
import type { Pack } from '../../core/pack';
import { isRecord, managedArea } from '../storage';
import { checkCustomPack, MANAGED_KEYS, MUNICIPALITY_MAX_LENGTH, normalizeMunicipality } from './schema';

/** The policy values that validate; what does not is left out (never half-applied). */
export type ManagedValues = { municipality?: string; expectedSe?: string; packs?: Pack[] };

/**
 * A policy cannot hold null (Chromium drops what its schema does not type), so in a pack set by policy an
 * agreement without `version`, or with an empty one, carries none: version null.
 */
function withPolicyVersions(data: unknown): unknown {
  if (!isRecord(data) || !Array.isArray(data.agreements)) return data;
  return {
    ...data,
    agreements: data.agreements.map((a: unknown) => (isRecord(a) && (a.version === undefined || a.version === '') ? { ...a, version: null } : a)),
  };
}

/** A managed `packs` value: an array of packs (objects or JSON strings), or a JSON string of such an array. */
function readManagedPacks(raw: unknown, problems: string[]): Pack[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw) as unknown;
    } catch (error) {
      problems.push(`packs is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  }
  if (!Array.isArray(list)) {
    problems.push('packs is not an array');
    return undefined;
  }
  const packs: Pack[] = [];
  list.forEach((item, i) => {
    let data: unknown = item;
    if (typeof item === 'string') {
      try {
        data = JSON.parse(item) as unknown;
      } catch {
        problems.push(`packs[${i}] is not valid JSON`);
        return;
      }
    }
    const checked = checkCustomPack(withPolicyVersions(data));
    if (!checked.ok) problems.push(`packs[${i}] ${checked.error}`.slice(0, 300));
    else if (packs.some((p) => p.id === checked.pack.id)) problems.push(`packs[${i}] id "${checked.pack.id}" is used twice`);
    else packs.push(checked.pack);
  });
  return packs;
}

/** The policy values this page (or worker) last read, by managed area: what a save checks against. */
const lastManaged = new WeakMap<object, ManagedValues>();

/** What this page last read of the policy ({} before the first read answered). */
export function knownManaged(): ManagedValues {
  return lastManaged.get(managedArea()) ?? {};
}

/**
 * Pure interpretation of the policy: the values that validate, and why each of the others is ignored. An
 * expected SE failing the modulus-11 check is used (a warning, not a refusal: see expectedSeSuspect).
 */
export function interpretManaged(raw: Record<string, unknown>): { values: ManagedValues; invalid: string[] } {
  const values: ManagedValues = {};
  const invalid: string[] = [];
  const { municipality, expectedSe } = raw;
  if (typeof municipality === 'string' && municipality.trim() !== '') {
    const normalized = normalizeMunicipality(municipality);
    if (normalized !== null) values.municipality = normalized;
    else invalid.push(`municipality is longer than ${MUNICIPALITY_MAX_LENGTH} characters`);
  } else if (municipality !== undefined && typeof municipality !== 'string') {
    invalid.push('municipality is not a string');
  }
  if (typeof expectedSe === 'string' && expectedSe.trim() !== '') {
    const checked = checkExpectedSe(expectedSe);
    if (checked.ok) values.expectedSe = checked.value;
    else invalid.push(`expectedSe "${expectedSe.slice(0, 40)}" is not a valid SE number (${checked.reason})`);
  } else if (expectedSe !== undefined && typeof expectedSe !== 'string') {
    invalid.push('expectedSe is not a string');
  }
  const packs = readManagedPacks(raw.packs, invalid);
  if (packs !== undefined && packs.length > 0) values.packs = packs;
  return { values, invalid };
}

/** Reads the policy (storage is only read) and remembers its valid values for the next save. */
export async function readManaged(): Promise<{ values: ManagedValues; invalid: string[] }> {
  const area = managedArea();
  const read = interpretManaged(await area.get([...MANAGED_KEYS]));
  lastManaged.set(area, read.values);
  return read;
}
