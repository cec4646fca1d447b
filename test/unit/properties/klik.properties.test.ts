/**
 * Property tests of the KLIK task reader: a task text is generated from agreements (codes, titles, versions,
 * IT systems, quote and bullet styles, PDF line breaks, stray spaces); the pack read back from it must
 * recognise every generated name, with the municipality filled in, and none of its look-alikes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMatcher } from '../../../src/core/match';
import { packFromTask, parseKlikTask } from '../../../src/core/klik';
import { parsePack } from '../../../src/core/pack';

const RUNS = 400;
const MUNICIPALITY = 'Aarhus Kommune';

interface GenAgreement {
  code: string;
  title: string;
  version: string | null;
  system: string | null;
  purpose: string;
  se: boolean;
}

const WORDS = [
  'Indkomst',
  'Opslag',
  'personoplysninger',
  'Abonnement',
  'på',
  'hændelser',
  'Ydelsesindeks',
  'CPR',
  'Adresse',
  'Sags-',
  'og',
  'Dokumentindeks',
  'Beskedfordeler',
  'Økonomi',
  'Løn',
  'eIndkomst',
  'vedr.',
  'Fordeling',
];
const SYSTEMS = ['KP PROD', 'Momentum PROD', 'KMD Sag PROD', 'Opus PROD', 'Nexus PROD'];
const OTHER_SYSTEM: Record<string, string> = {
  'KP PROD': 'KP TEST',
  'Momentum PROD': 'Momentum TEST',
  'KMD Sag PROD': 'KMD Sag TEST',
  'Opus PROD': 'Opus PREPROD',
  'Nexus PROD': 'Nexus TEST',
};
const QUOTES: [string, string][] = [
  ['\u201D', '\u201D'],
  ['\u201C', '\u201D'],
  ['"', '"'],
  ['\u201E', '\u201C'],
  ['\u00AB', '\u00BB'],
  ['\u00BB', '\u00AB'],
];
const PLACEHOLDERS = ['[Kommune]', '<kommune>', '[Kommunenavn]', '[kommune]'];

const titleArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
  .map((words) =>
    words
      .join(' ')
      .replace(/- og$/u, '- og Noget')
      .replace(/^(og|på|vedr\.)( |$)/u, 'Data $1$2'),
  )
  .map((t) => (t.endsWith('-') ? `${t} Indeks` : t));

const agreementArb = fc.record({
  digits: fc.integer({ min: 1000, max: 9999 }),
  suffix: fc.option(fc.constantFrom('A', 'E', 'B', 'X1'), { nil: null }),
  title: fc.tuple(titleArb, fc.option(titleArb, { nil: null })).map(([a, b]) => (b ? `${a} - ${b}` : a)),
  version: fc.option(
    fc.integer({ min: 1, max: 9 }).chain((n) => fc.constantFrom(`v${n}`, `V${n}`)),
    { nil: null },
  ),
  system: fc.constantFrom(...SYSTEMS),
  withSuffix: fc.boolean(),
  purpose: fc.constantFrom('Anvendes ifm. at systemet skal slå data op', 'Bruges til sagsbehandling.', 'modtager beskeder fra KOMBIT'),
  se: fc.boolean(),
});

const taskArb = fc
  .record({
    agreements: fc.uniqueArray(agreementArb, { minLength: 1, maxLength: 6, selector: (a) => `${a.digits}${a.suffix ?? ''}` }),
    quote: fc.constantFrom(...QUOTES),
    bullet: fc.constantFrom('• ', '- ', '▪ ', '* '),
    placeholder: fc.constantFrom(...PLACEHOLDERS),
    codeSpace: fc.boolean(),
    breaks: fc.array(fc.nat(), { maxLength: 8 }),
    stray: fc.constantFrom(' ', '  ', '\u00a0', ' \u00a0'),
    dash: fc.constantFrom(' - ', ' – ', ' -  '),
  })
  .map((raw) => {
    const agreements: GenAgreement[] = raw.agreements.map((a) => ({
      code: `SF${a.digits}${a.suffix ? `_${a.suffix}` : ''}`,
      title: a.title,
      version: a.version,
      // A name without a version names its system, so the reader can tell title from system.
      system: a.withSuffix || a.version === null ? a.system : null,
      purpose: a.purpose,
      se: a.se,
    }));
    return { ...raw, agreements };
  });

function written(code: string, codeSpace: boolean): string {
  return codeSpace ? code.replace(/^SF/u, 'SF ') : code;
}

/** The name as the supplier writes it in the task text (placeholder) or the portal shows it (municipality). */
function nameOf(a: GenAgreement, dash: string, municipality: string, codeSpace = false): string {
  let name = `${written(a.code, codeSpace)}${dash}${a.title}`;
  if (a.version) name += ` ${a.version}`;
  if (a.system) name += `${dash}${a.system}${dash}${municipality}`;
  return name;
}

type Task = typeof taskArb extends fc.Arbitrary<infer T> ? T : never;

function taskText(task: Task): string {
  const [open, close] = task.quote;
  const bullets = task.agreements.map(
    (a) => `${task.bullet}${open}${nameOf(a, task.dash, task.placeholder, task.codeSpace).replace(/ /gu, () => ' ')}${close} – ${a.purpose}`,
  );
  const se = task.agreements.filter((a) => a.se).map((a) => `${open}${written(a.code, task.codeSpace)}${close}`);
  let body = [
    'Opgavetitel (SF 42) Godkend serviceaftaler',
    '',
    'Slutdato 1/6',
    '',
    'Leverandør anmoder om godkendelse af følgende serviceaftaler:',
    '',
    ...bullets.flatMap((b) => [b, '']),
    se.length > 0 ? `Du skal ved godkendelse af serviceaftaler ${se.join(' og ')} verificere, at SE-nummeret er korrekt.` : 'Godkend dem alle.',
  ].join('\n');
  // PDF: some spaces become line breaks, some a stray run of spaces.
  const spaces = [...body.matchAll(/ /gu)].map((m) => m.index);
  const at = new Set(task.breaks.map((n) => spaces[n % spaces.length]!));
  body = [...body].map((ch, i) => (at.has(i) ? (i % 2 === 0 ? '\n' : task.stray) : ch)).join('');
  return body;
}

describe('a pack read from a generated task text', () => {
  it('recognises every generated name with the municipality filled in, and finds its SE checks', () => {
    fc.assert(
      fc.property(taskArb, (task) => {
        const parsed = parseKlikTask(taskText(task));
        const pack = packFromTask(parsed);
        expect(parsePack(pack).ok).toBe(true);
        expect(pack.agreements.map((a) => [a.id, a.seCheck])).toEqual(task.agreements.map((a) => [a.code, a.se]));
        const matcher = createMatcher(pack, { municipality: MUNICIPALITY });
        for (const a of task.agreements) {
          expect(matcher.match(nameOf(a, ' - ', MUNICIPALITY))?.id).toBe(a.code);
          expect(matcher.match(nameOf(a, ' – ', MUNICIPALITY, true))?.id).toBe(a.code);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('never recognises a look-alike: another version, IT system or municipality', () => {
    fc.assert(
      fc.property(taskArb, fc.nat(), fc.constantFrom('version', 'system', 'municipality'), (task, pick, change) => {
        const pack = packFromTask(parseKlikTask(taskText(task)));
        const matcher = createMatcher(pack, { municipality: MUNICIPALITY });
        const original = task.agreements[pick % task.agreements.length]!;
        const a: GenAgreement = { ...original, system: original.system ?? SYSTEMS[0]! };
        let municipality = MUNICIPALITY;
        if (change === 'version') {
          const n = Number((original.version ?? 'v0').slice(1));
          a.version = `v${n + 1}`;
        } else if (change === 'system') {
          a.system = OTHER_SYSTEM[a.system!]!;
        } else {
          municipality = 'Odense Kommune';
        }
        expect(matcher.match(nameOf(a, ' - ', municipality))).toBeNull();
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
