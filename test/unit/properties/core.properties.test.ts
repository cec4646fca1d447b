/**
 * Property-based tests of the core: generated agreement names and SE/CVR layouts, 10,000 cases per
 * property. Seeds are printed by fast-check on failure, so any counterexample can be replayed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUILTIN_PACK, type PackAgreement } from '../../../src/core/pack';
import { createMatcher } from '../../../src/core/match';
import { checkSe, collectSe, findSe, isModulus11, seFinding } from '../../../src/core/se';
import type { LabelledValue } from '../../../src/core/types';

const RUNS = 10_000;
const MUNICIPALITY = 'Aarhus Kommune';
const configured = createMatcher(BUILTIN_PACK, { municipality: MUNICIPALITY });
const unconfigured = createMatcher(BUILTIN_PACK, {});

// ---- writing variants ------------------------------------------------------------------------------
const space = fc.constantFrom(' ', ' ', '\u00a0', '  ', '\u2009', '\u202f', ' \u00a0');
const dash = fc.constantFrom('-', '–', '—', '\u2212', '\u2011');
/** " - " between name parts, in every spacing the portal or a supplier may write. */
const separator = fc.tuple(space, dash, space).map(([a, d, b]) => a + d + b);
const caseChange = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s.toLocaleUpperCase('da'),
  (s) => s.toLocaleLowerCase('da'),
);

/** Re-space a phrase: each space becomes a generated space; each " - " a generated separator. */
function respace(phrase: string, spaces: string[], seps: string[]): string {
  let s = 0;
  let d = 0;
  return phrase
    .split(' - ')
    .map((part) =>
      part
        .split(' ')
        .map((w, i) => (i === 0 ? w : (spaces[s++ % spaces.length] ?? ' ') + w))
        .join(''),
    )
    .reduce((acc, part, i) => (i === 0 ? part : acc + (seps[d++ % seps.length] ?? ' - ') + part), '');
}

const OTHER_MUNICIPALITIES = ['Odense Kommune', 'Københavns Kommune', 'Lyngby-Taarbæk Kommune', 'Aalborg Kommune', 'Aabenraa Kommune', 'Århus Amt'];
const OTHER_SYSTEMS = ['KP TEST', 'Momentum PROD', 'KMD Sag PROD', 'KP PREPROD', 'KP PRODX', 'Momentum TEST'];
const OTHER_VERSIONS = ['v1', 'v2', 'V2', 'v4', 'v30', 'v31', 'v3.1'];

interface NameParts {
  agreement: PackAgreement;
  version: string | null;
  system: string | null;
  municipality: string | null;
}

const agreementArb = fc.constantFrom(...BUILTIN_PACK.agreements);
const variantArb = fc.record({
  spaces: fc.array(space, { minLength: 1, maxLength: 6 }),
  seps: fc.array(separator, { minLength: 1, maxLength: 6 }),
  caseOf: caseChange,
  ownMunicipality: fc.constantFrom('Aarhus Kommune', 'Aarhus', 'AARHUS KOMMUNE', 'aarhus  kommune'),
  codeSpace: fc.boolean(),
});

type Variant = { spaces: string[]; seps: string[]; caseOf: (s: string) => string; ownMunicipality: string; codeSpace: boolean };

function render(parts: NameParts, v: Variant): string {
  const code = v.codeSpace ? parts.agreement.code.replace(/^SF/, 'SF ') : parts.agreement.code;
  let name = code + ' - ' + parts.agreement.title;
  if (parts.version) name += ' ' + parts.version;
  if (parts.system) name += ' - ' + parts.system;
  if (parts.municipality) name += ' - ' + parts.municipality;
  return v.caseOf(respace(name, v.spaces, v.seps));
}

/** A real name of the task: its version, its system (SF1320 may leave the suffix out), our municipality or none. */
const realName = fc.tuple(agreementArb, variantArb, fc.boolean(), fc.boolean()).map(([agreement, v, withMunicipality, withSuffix]) => {
  const suffix = !agreement.systemSuffixOptional || withSuffix;
  const parts: NameParts = {
    agreement,
    version: agreement.version,
    system: suffix ? agreement.itSystem : null,
    municipality: suffix && withMunicipality ? v.ownMunicipality : null,
  };
  return { id: agreement.id, text: render(parts, v) };
});

/** A look-alike: a real name with exactly one thing changed (version, system, or municipality). */
const lookAlike = fc.tuple(agreementArb, variantArb, fc.constantFrom('version', 'system', 'municipality'), fc.nat()).map(([agreement, v, change, pick]) => {
  const parts: NameParts = { agreement, version: agreement.version, system: agreement.itSystem, municipality: v.ownMunicipality };
  if (change === 'version') parts.version = OTHER_VERSIONS[pick % OTHER_VERSIONS.length]!;
  if (change === 'system') parts.system = OTHER_SYSTEMS[pick % OTHER_SYSTEMS.length]!;
  if (change === 'municipality') parts.municipality = OTHER_MUNICIPALITIES[pick % OTHER_MUNICIPALITIES.length]!;
  return { change, text: render(parts, v) };
});

describe('agreement names, generated', () => {
  it('every real name of the task is recognised as its own agreement, however it is written', () => {
    fc.assert(
      fc.property(realName, ({ id, text }) => {
        expect(unconfigured.mayContain(text)).toBe(true);
        expect(configured.match(text)?.id).toBe(id);
        expect(unconfigured.match(text)?.id).toBe(id);
      }),
      { numRuns: RUNS },
    );
  });

  it('no look-alike (other version, other IT system, other municipality) is ever recognised', () => {
    fc.assert(
      fc.property(lookAlike, ({ change, text }) => {
        expect(configured.match(text)).toBeNull();
        // Without a configured municipality, any municipality counts; version and system still decide.
        if (change !== 'municipality') expect(unconfigured.match(text)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('text without any of the codes is never recognised', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        fc.pre(!/sf\s?(0770|1470|1490|1320)/i.test(text));
        expect(configured.match(text)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- SE and CVR layouts ----------------------------------------------------------------------------
const eightDigits = fc.integer({ min: 10_000_000, max: 99_999_999 }).map(String);
const group = fc.constantFrom<(d: string) => string>(
  (d) => d,
  (d) => d.replace(/(\d\d)(?=\d)/g, '$1 '),
  (d) => `${d.slice(0, 4)} ${d.slice(4)}`,
  (d) => d.replace(/(\d\d)(?=\d)/g, '$1\u00a0'),
);
const seLabel = fc.constantFrom('SE-nummer', 'SE-nr.', 'SE nr', 'SE-no.', 'SE nr.:', 'SE-nummer (eIndkomst)', 'se-NR', 'SE\u00a0nr.');
const cvrLabel = fc.constantFrom('CVR', 'CVR-nr.', 'CVR-nummer', 'Myndighed CVR', 'Leverandør (CVR)', 'CVR/SE', 'CVR- og SE-nr.');
const otherLabel = fc.constantFrom('Telefon', 'Aftale-id', 'Abonnementskode', 'Myndighed', 'Leverandør', 'Oprettet', 'Version');

/** Entries that carry no SE number: CVR-labelled numbers (as pairs or inline), other numbers, free text. */
const noSeEntry: fc.Arbitrary<LabelledValue> = fc.oneof(
  fc.tuple(cvrLabel, eightDigits, group).map(([label, d, g]) => ({ label, value: g(d) })),
  fc.tuple(otherLabel, eightDigits, group).map(([label, d, g]) => ({ label, value: g(d) })),
  fc.tuple(cvrLabel, eightDigits, group).map(([label, d, g]) => ({ label: '', value: `${label}: ${g(d)}` })),
  fc.string({ maxLength: 40 }).map((value) => ({ label: '', value: value.replace(/se/gi, 'x') })),
);

/** One SE number, as a labelled pair or inline text. */
const seEntry = fc
  .tuple(seLabel, eightDigits, group, fc.boolean())
  .map(([label, d, g, inline]) => ({ digits: d, entry: inline ? { label: '', value: `${label} ${g(d)}; Abonnementskode: KP-01` } : { label, value: g(d) } }));

describe('SE numbers among CVR numbers, generated', () => {
  it('a page without an SE number never yields a verdict other than missing', () => {
    fc.assert(
      fc.property(fc.array(noSeEntry, { maxLength: 12 }), fc.option(eightDigits, { nil: null }), (entries, expected) => {
        const finding = findSe(entries);
        expect(finding).toEqual({ kind: 'missing' });
        expect(['missing', 'unconfigured']).toContain(checkSe(finding, expected).verdict);
      }),
      { numRuns: RUNS },
    );
  });

  it('the SE number is found among any CVR numbers, and a CVR number is never taken for it', () => {
    fc.assert(
      fc.property(fc.array(noSeEntry, { maxLength: 10 }), seEntry, fc.nat(), (others, se, at) => {
        const entries = [...others];
        entries.splice(at % (entries.length + 1), 0, se.entry);
        expect(findSe(entries)).toEqual({ kind: 'found', value: se.digits });
      }),
      { numRuns: RUNS },
    );
  });

  it("reading the values in steps (collectSe, as the content script does between slices) gives findSe's answer", () => {
    const entry = fc.oneof(
      noSeEntry,
      seEntry.map((se) => se.entry),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 14 }), fc.integer({ min: 1, max: 5 }), (entries, step) => {
        const values = new Set<string>();
        for (let i = 0; i < entries.length; i += step) collectSe(entries.slice(i, i + step), values);
        expect(seFinding(values)).toEqual(findSe(entries));
      }),
      { numRuns: RUNS },
    );
  });

  it('the verdict is match exactly when the one SE found equals the expected one, and suspect follows modulus 11', () => {
    fc.assert(
      fc.property(seEntry, eightDigits, fc.boolean(), (se, other, same) => {
        const expected = same ? se.digits : other;
        const check = checkSe(findSe([se.entry]), expected);
        expect(check.verdict).toBe(se.digits === expected ? 'match' : 'mismatch');
        expect(check.found).toEqual([se.digits]);
        expect(check.suspect).toBe(!isModulus11(se.digits));
      }),
      { numRuns: RUNS },
    );
  });

  it('two different SE numbers on one page are never a match', () => {
    fc.assert(
      fc.property(seEntry, seEntry, (a, b) => {
        fc.pre(a.digits !== b.digits);
        const check = checkSe(findSe([a.entry, b.entry]), a.digits);
        expect(check.verdict).toBe('mismatch');
        expect(check.found).toEqual([a.digits, b.digits].sort());
      }),
      { numRuns: RUNS },
    );
  });
});
