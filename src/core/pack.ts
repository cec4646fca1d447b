import * as z from 'zod/mini';
import builtinPackJson from '../packs/klik-sf02.json';

/**
 * An agreement pack: the agreements one KLIK task asks for. A pack is data, validated at load,
 * so a future KLIK task brings a new pack and no code change. zod/mini keeps the content script small.
 */
export const PackAgreementSchema = z.object({
  /** Stable id used in storage and test hooks, e.g. "SF0770_A". */
  id: z.string().check(z.regex(/^[A-Za-z0-9_]{2,32}$/)),
  /** Service code as written at the start of the agreement name, e.g. "SF0770_A". */
  code: z.string().check(z.minLength(2), z.maxLength(32)),
  /** Title words between the code and the version, e.g. "SKAT Indkomst - Opslag personoplysninger". */
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Version token the task asks for ("v3"), or null when the name carries none. */
  version: z.nullable(z.string().check(z.regex(/^[vV]\d+$/))),
  /** IT system (anvendersystem) as written in the name, e.g. "KP PROD". */
  itSystem: z.string().check(z.minLength(1), z.maxLength(60)),
  /** True when the name may stop after the title (no "- KP PROD – [Kommune]" suffix). */
  systemSuffixOptional: z.boolean(),
  /** True when the SE number inside the agreement must be verified before approval. */
  seCheck: z.boolean(),
  /** One-line Danish purpose, from the task text. */
  purpose: z.string().check(z.minLength(1), z.maxLength(400)),
});

export const PackSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().check(z.regex(/^[a-z0-9-]{2,64}$/)),
    title: z.string().check(z.minLength(1), z.maxLength(200)),
    supplier: z.string().check(z.minLength(1), z.maxLength(100)),
    /** The KLIK task's "Slutdato" as written in it ("9/2"), when it has one. */
    deadline: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
    /**
     * Danish text to write on the KLIK task when an agreement's SE number is wrong. It goes to KOMBIT and
     * the supplier, so it is Danish whatever the browser's language. Placeholders: {name} {found} {expected}.
     */
    seMismatchMessage: z.string().check(z.minLength(1), z.maxLength(1000)),
    agreements: z.array(PackAgreementSchema).check(z.minLength(1), z.maxLength(50)),
  })
  .check(
    z.superRefine((pack, ctx) => {
      const seen = new Set<string>();
      pack.agreements.forEach((a, i) => {
        if (seen.has(a.id)) {
          ctx.addIssue({ code: 'custom', message: `duplicate agreement id ${a.id}`, path: ['agreements', i, 'id'], input: a.id });
        }
        seen.add(a.id);
      });
    }),
  );

export type Pack = z.infer<typeof PackSchema>;
export type PackAgreement = z.infer<typeof PackAgreementSchema>;

export type PackParseResult = { ok: true; pack: Pack } | { ok: false; error: string };

/** Validates untrusted pack data (an imported file, stored settings). Never throws. */
export function parsePack(data: unknown): PackParseResult {
  const result = PackSchema.safeParse(data);
  if (result.success) return { ok: true, pack: result.data };
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : '(root)';
  return { ok: false, error: `${where}: ${first?.message ?? 'invalid pack'}` };
}

/** The pack shipped with the extension: KLIK task SF 02. Validated once, at module load. */
export const BUILTIN_PACK: Pack = PackSchema.parse(builtinPackJson);
