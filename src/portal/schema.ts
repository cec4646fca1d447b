/**
 * The portal profile's schema: what a replacement profile (from policy or an import) must look like.
 * Kept apart from ./words.ts so the content script, which only compiles an already validated profile,
 * carries no validation library.
 */
import * as z from 'zod/mini';
import builtinProfileJson from './profile.json';
import type { PortalProfile } from './words';

const Word = z.string().check(
  z.minLength(1),
  z.maxLength(80),
  z.refine((w) => w === w.trim().toLowerCase(), 'lower case, no outer spaces'),
);
const Words = z.array(Word).check(z.minLength(1), z.maxLength(100));

/** A regular expression source that compiles with the u flag and cannot match empty text. */
const Pattern = z.string().check(
  z.minLength(1),
  z.maxLength(300),
  z.refine((source) => {
    try {
      return !new RegExp(source, 'u').test('');
    } catch {
      return false;
    }
  }, 'not a valid regular expression, or one that matches empty text'),
);

export const PortalProfileSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().check(z.regex(/^[a-z0-9-]{2,64}$/)),
  description: z.optional(z.string().check(z.maxLength(1000))),
  statusWords: z.object({ pending: Words, approved: Words, rejected: Words, ended: Words }),
  labels: z.object({ name: Words, status: Words, message: Words }),
  actions: z.object({ approve: Words, reject: Words }),
  seLabels: z.array(Pattern).check(z.minLength(1), z.maxLength(20)),
  bareSeLabel: Pattern,
  cvrLabels: z.array(Pattern).check(z.minLength(1), z.maxLength(20)),
  knownWords: z.array(Word).check(z.maxLength(500)),
});

export type PortalProfileParseResult = { ok: true; profile: PortalProfile } | { ok: false; error: string };

/** Validates untrusted profile data (a policy value, an imported file). Never throws. */
export function parsePortalProfile(data: unknown): PortalProfileParseResult {
  const result = PortalProfileSchema.safeParse(data);
  if (result.success) return { ok: true, profile: result.data };
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : '(root)';
  return { ok: false, error: `${where}: ${first?.message ?? 'invalid portal profile'}` };
}

/** The profile shipped with the extension, validated once at module load (a broken built-in fails the tests). */
export const BUILTIN_PROFILE_CHECKED: PortalProfile = PortalProfileSchema.parse(builtinProfileJson);
