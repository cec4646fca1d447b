/**
 * Reads a KLIK agreement task from its own text (as pasted from the KLIK portal, a PDF or a Word file) and
 * builds an agreement pack from it. Pure: no DOM, no browser API, no user-facing words (warnings are codes
 * with data; the pages put them into words).
 *
 * What a task text holds, and what is read from it:
 *   "Opgavetitel (SF 02) Godkend serviceaftaler"      -> code "SF 02", title "Godkend serviceaftaler"
 *   "Slutdato 9/2"                                    -> deadline "9/2"
 *   "Netcompany anmoder om godkendelse af ..."         -> supplier "Netcompany"
 *   • ”SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – [Kommune]” – Anvendes ifm. ...
 *                                                     -> one agreement: code, title, version, IT system,
 *                                                        municipality placeholder, purpose
 *   "... ved godkendelse af serviceaftaler ”SF0770_A” og ”SF 0770_E” skal verificere, at SE-nummeret ..."
 *                                                     -> SF0770_A and SF0770_E need an SE check
 *   "de 4 anmodede serviceaftaler" while five are listed -> a warning; the list wins
 *
 * The parts: klik/tokens (text clean-up, quotes, bullets, codes), klik/names (an agreement's name and
 * purpose), klik/facts (code, title, deadline, supplier, stated count, SE sentences), klik/layout (bullets and
 * paragraphs), klik/agreements (the listed agreements), klik/parse (the whole task), klik/pack (the pack).
 */
export type { ParsedAgreement, ParsedTask, TaskWarning } from './klik/types';
export { readAgreementName } from './klik/names';
export { parseKlikTask } from './klik/parse';
export { packFromTask, packIdFor, seMismatchMessageFor, type PreviewCorrections } from './klik/pack';
