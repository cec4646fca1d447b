/**
 * The rows of the benchmark's generated agreement lists (bench/pages.ts builds the pages around them).
 *
 * The real portal's markup is unknown (nobody here can log in); the lists follow what domain.md says a list
 * shows per agreement: name, status, IT system (anvendersystem), supplier, dates. Names are written the way
 * suppliers write them, with the variations seen in practice (en dash or hyphen, non-breaking and doubled
 * spaces, v3/V3), and in part of the rows split over several spans inside the link.
 * Everything is deterministic (seeded), so two runs measure the same pages.
 */

export const MUNICIPALITY = 'Aarhus Kommune';
export const EXPECTED_SE = '29189757';
const OTHER_MUNICIPALITIES = ['Favrskov Kommune', 'Skanderborg Kommune'];

interface TaskAgreement {
  id: string;
  code: string;
  title: string;
  version: string | null;
  /** Status on the page: two were created early and are already approved (domain.md). */
  status: string;
}

const TASK: TaskAgreement[] = [
  { id: 'SF0770_A', code: 'SF0770_A', title: 'SKAT Indkomst - Opslag personoplysninger', version: 'v3', status: 'Afventer godkendelse' },
  { id: 'SF0770_E', code: 'SF0770_E', title: 'Abonnement på hændelser vedr. eIndkomst', version: 'v3', status: 'Afventer godkendelse' },
  { id: 'SF1470', code: 'SF1470', title: 'Sags- og Dokumentindeks', version: 'V3', status: 'Godkendt' },
  { id: 'SF1490', code: 'SF1490', title: 'Ydelsesindeks', version: 'V3', status: 'Afventer godkendelse' },
  { id: 'SF1320', code: 'SF1320', title: 'CPR Hændelser', version: null, status: 'Godkendt' },
];

/** The five names exactly as the task rows write them: what a highlighter like mark.js is given. */
export const TASK_NAMES: string[] = TASK.map((a) => taskName(a, 'KP PROD', MUNICIPALITY));

/** The task row whose status the incremental measure flips. */
export const INCREMENTAL_AGREEMENT = 'SF1490';
export const STATUS_FLIP = ['Afventer godkendelse', 'Godkendt'] as const;

function taskName(a: TaskAgreement, system: string, municipality: string, version = a.version): string {
  const codeGap = a.code === 'SF1320' ? ' – ' : ' - ';
  return `${a.code}${codeGap}${a.title}${version ? ' ' + version : ''} - ${system} – ${municipality}`;
}

/** Other services of the platform (code, title, version) that share the list with the task's five. */
const SERVICES: [string, string, string | null][] = [
  ['SF1500', 'Organisation', 'v6'],
  ['SF1510', 'Klassifikation', 'v4'],
  ['SF1520', 'CPR Replika Opslag', 'v2'],
  ['SF1530', 'Sag', 'v5'],
  ['SF1540', 'Dokument', 'v5'],
  ['SF1591', 'Beskedfordeler - Afsend beskeder', 'v2'],
  ['SF1600', 'Print - Send Digital Post', 'v4'],
  ['SF1601', 'Digital Post - Kombineret afsendelse', 'v1'],
  ['SF1460', 'Fordelingskomponent', 'v2'],
  ['SF1310', 'CPR Opslag - Personstamdata', 'v2'],
  ['SF1330', 'CVR Opslag', 'v3'],
  ['SF1350', 'Adresseopslag', null],
  ['SF0770_B', 'SKAT Indkomst - Opslag virksomhed', 'v3'],
  ['SF0770_C', 'SKAT Indkomst - Masseudtræk', 'v2'],
  ['SF1480', 'Ydelsesrefusion', 'v1'],
  ['SF1470', 'Sags- og Dokumentindeks', 'V3'],
  ['SF1490', 'Ydelsesindeks', 'V3'],
  ['SF0770_A', 'SKAT Indkomst - Opslag personoplysninger', 'v3'],
  ['SF1320', 'CPR Hændelser', null],
  ['SF1640', 'Sikker Mail', 'v1'],
  ['SF1720', 'eBoks Kvitteringer', 'v2'],
  ['SF2900', 'NemLog-in Brugeradministration', 'v1'],
];

/** IT systems and their suppliers; KP PROD is left out on purpose (see randomOther). */
const SYSTEMS: [string, string][] = [
  ['KMD Sag PROD', 'KMD A/S'],
  ['Momentum PROD', 'Netcompany A/S'],
  ['KP TEST', 'Netcompany A/S'],
  ['KMD Nexus PROD', 'Systematic A/S'],
  ['Schultz Fasit PROD', 'Schultz A/S'],
  ['EG Sensum PROD', 'EG A/S'],
  ['DUBU PROD', 'KMD A/S'],
  ['SBSYS PROD', 'SBSYS A/S'],
  ['Acadre PROD', 'Formpipe Software A/S'],
  ['Aula PROD', 'Netcompany A/S'],
  ['KY PROD', 'Netcompany A/S'],
  ['Opus Debitor PROD', 'KMD A/S'],
];

const STATUSES = [
  'Godkendt',
  'Godkendt',
  'Godkendt',
  'Aktiv',
  'Aktiv',
  'Underskrevet',
  'Afventer godkendelse',
  'Afventer',
  'Til godkendelse',
  'Afventer underskrift',
  'Udgivet til underskrift',
  'Afvist',
  'Opsagt',
  'Udløbet',
  'Inaktiv',
];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Row {
  name: string;
  status: string;
  system: string;
  supplier: string;
  created: string;
  validFrom: string;
  /** Set on the task's own rows (a data attribute the bench uses to find them; the content script never sees it as text). */
  taskId?: string;
}

function date(rand: () => number, fromYear: number): string {
  const d = new Date(Date.UTC(fromYear + Math.floor(rand() * 3), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
}

/** How suppliers and portals vary the writing of a name: dashes, NBSP, doubled spaces, case of the version. */
function vary(name: string, rand: () => number): string {
  const r = rand();
  if (r < 0.15) return name.replace(/ – /g, ' - ');
  if (r < 0.25) return name.replace(/ - /g, ' – ');
  if (r < 0.32) return name.replace(/ /g, (s) => (rand() < 0.2 ? '\u00a0' : s));
  if (r < 0.37) return name.replace(' - ', '  -  ');
  if (r < 0.42) return name.replace(/ v(\d)/, ' V$1');
  return name;
}

/** A row that is not one of the task's five: another service, or a task code for another system or municipality. */
function randomOther(rand: () => number): Row {
  const [code, title, version] = SERVICES[Math.floor(rand() * SERVICES.length)]!;
  const [system, supplier] = SYSTEMS[Math.floor(rand() * SYSTEMS.length)]!;
  const municipality = rand() < 0.7 ? MUNICIPALITY : OTHER_MUNICIPALITIES[Math.floor(rand() * OTHER_MUNICIPALITIES.length)]!;
  const name = `${code} - ${title}${version ? ' ' + version : ''} - ${system} – ${municipality}`;
  return {
    name: vary(name, rand),
    status: STATUSES[Math.floor(rand() * STATUSES.length)]!,
    system,
    supplier,
    created: date(rand, 2021),
    validFrom: date(rand, 2022),
  };
}

/** Look-alikes of each task agreement that a municipality really has side by side (domain.md). */
function lookAlikes(rand: () => number): Row[] {
  const rows: Row[] = [];
  for (const a of TASK) {
    const variants: [string, string][] = [
      [taskName(a, 'KP TEST', MUNICIPALITY), 'Afventer godkendelse'],
      [taskName(a, 'Momentum PROD', MUNICIPALITY), 'Godkendt'],
      [taskName(a, 'KMD Sag PROD', MUNICIPALITY), 'Aktiv'],
      [taskName(a, 'KP PROD', OTHER_MUNICIPALITIES[0]!), 'Afventer godkendelse'],
      [taskName(a, 'KP PROD', OTHER_MUNICIPALITIES[1]!), 'Godkendt'],
    ];
    if (a.version) variants.push([taskName(a, 'KP PROD', MUNICIPALITY, a.version.replace(/\d+$/, '2')), 'Godkendt']);
    for (const [name, status] of variants) {
      const system = / - ([^-–]+?) – /.exec(name)?.[1] ?? 'KP PROD';
      rows.push({ name: vary(name, rand), status, system, supplier: 'Netcompany A/S', created: date(rand, 2022), validFrom: date(rand, 2023) });
    }
  }
  return rows;
}

/** The list's rows: the five task rows and their look-alikes spread evenly among other agreements. */
export function listRows(count: number, seed = 5): Row[] {
  const rand = random(seed);
  const special: Row[] = [
    ...TASK.map((a) => ({
      name: taskName(a, 'KP PROD', MUNICIPALITY),
      status: a.status,
      system: 'KP PROD',
      supplier: 'Netcompany A/S',
      created: a.id.startsWith('SF0770') ? '14.01.2026' : '02.03.2026',
      validFrom: '01.04.2026',
      taskId: a.id,
    })),
    ...lookAlikes(rand),
  ];
  const rows: Row[] = [];
  const stride = Math.max(1, Math.floor(count / special.length));
  for (let i = 0; i < count; i++) {
    const slot = i / stride;
    rows.push(Number.isInteger(slot) && slot < special.length ? special[slot]! : randomOther(rand));
  }
  return rows;
}

/** A name inside its link: whole, or split into code, title, version, system and municipality spans. */
function nameHtml(name: string, split: boolean): string {
  if (!split) return escapeHtml(name);
  const parts = name.split(/( [-–] | (?=[vV]\d+(?: |$)))/);
  return parts.map((part) => (/^ [-–] $|^ $/.test(part) ? escapeHtml(part) : `<span>${escapeHtml(part)}</span>`)).join('');
}

function rowHtml(row: Row, index: number, split: boolean): string {
  const uuid = `a${index.toString(16).padStart(7, '0')}-3f2e-4c1a-9b7d-5e6f7a8b9c0d`;
  const task = row.taskId ? ` data-bench-task="${row.taskId}"` : '';
  return (
    `<tr${task}><td><a href="/serviceaftaler/show?uuid=${uuid}">${nameHtml(row.name, split)}</a></td>` +
    `<td><span class="badge">${escapeHtml(row.status)}</span></td><td>${escapeHtml(row.system)}</td>` +
    `<td>${escapeHtml(row.supplier)}</td><td>${row.created}</td><td>${row.validFrom}</td></tr>`
  );
}

/** Rows of the list as table HTML: one row in three has its name split over spans. */
export function tableHtml(count: number, seed = 5): string {
  const rows = listRows(count, seed)
    .map((row, i) => rowHtml(row, i, i % 3 === 1))
    .join('');
  return (
    `<table class="aftaler"><thead><tr><th>Navn</th><th>Status</th><th>Anvendersystem</th><th>Leverandør</th>` +
    `<th>Oprettet</th><th>Gyldig fra</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p class="pager">Viser 1–${count} af ${count} serviceaftaler</p>`
  );
}
