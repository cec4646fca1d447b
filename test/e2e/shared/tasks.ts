/**
 * Browser-neutral parts of the "task from its text" scenario (Chromium and Firefox): the task text, the
 * corrections the user makes in the preview, and a list page of the portal with the task's agreements and
 * their look-alikes.
 */
import { readFileSync } from 'node:fs';

/** A KLIK task with four agreements (SE check on SF1520), of which the user drops one in the preview. */
export const MOMENTUM_TEXT = readFileSync('test/fixtures/klik/sf07-momentum.txt', 'utf8');
export const MOMENTUM_PACK_ID = 'klik-sf07';
export const MOMENTUM_TITLE = 'KLIK SF 07 – Godkend serviceaftaler for Momentum';
/** What the preview shows first: code and SE check per row. */
export const MOMENTUM_PREVIEW = [
  ['SF1500', 'no'],
  ['SF1520', 'yes'],
  ['SF2900', 'no'],
  ['SF2910', 'no'],
];
/** The user's corrections: SE check on for SF2900, SF2910 dropped. */
export const MOMENTUM_SE_ON = 'SF2900';
export const MOMENTUM_DROP = 'SF2910';
export const MOMENTUM_KEPT = ['SF1500', 'SF1520', 'SF2900'];
export const MOMENTUM_LIST_PATH = '/aftaler/momentum';

const row = (name: string, status: string) =>
  `<tr><td><a href="/aftale/x">${name}</a></td><td><span class="status">${status}</span></td><td>Momentum PROD</td><td>KMD A/S</td></tr>`;

/** The portal's agreement list for Aarhus: the three kept agreements, the dropped one, and look-alikes. */
export function momentumList(): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Serviceaftaler</title><link rel="stylesheet" href="/portal.css"></head>
<body><main><h1>Serviceaftaler</h1><table class="grid"><thead><tr><th>Navn</th><th>Status</th><th>Anvendersystem</th><th>Leverandør</th></tr></thead><tbody>
${row('SF1500 - Adresseopslag v2 - Momentum PROD - Aarhus Kommune', 'Afventer godkendelse')}
${row('SF1500 - Adresseopslag v1 - Momentum PROD - Aarhus Kommune', 'Godkendt')}
${row('SF1520 – CPR Opslag v4 – Momentum PROD – Aarhus Kommune', 'Afventer godkendelse')}
${row('SF1520 - CPR Opslag v4 - Momentum TEST - Aarhus Kommune', 'Afventer godkendelse')}
${row('SF2900 - Beskedfordeler v1 - Momentum PROD - Aarhus Kommune', 'Udgivet til underskrift')}
${row('SF2900 - Beskedfordeler v1 - Momentum PROD - Odense Kommune', 'Godkendt')}
${row('SF2910 - Beskedfordeler Afsend v1 - Momentum PROD - Aarhus Kommune', 'Afventer godkendelse')}
${row('SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'Godkendt')}
</tbody></table></main></body></html>`;
}

/** The marks the content script must set on that list (agreement:status, sorted): one per kept agreement, nothing else. */
export const MOMENTUM_MARKS = ['SF1500:pending', 'SF1520:pending', 'SF2900:pending'];
