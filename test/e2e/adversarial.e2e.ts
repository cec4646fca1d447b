/**
 * Adversarial portal shapes (test/fixtures/portal/rigtig/ekstra/), written in the ways component libraries render
 * pages (Angular Material, MUI, Material Web, Vue/Vuetify, server-rendered forms) that the other fixtures do not
 * cover, in both browsers (frames, open shadow roots and keyboard activation included). Safety first: a wrong or
 * unseen SE number is never approvable with one unconfirmed click; look-alikes are never marked; a CVR number is
 * never the SE number. Configured as everywhere: Aarhus Kommune, expected SE 29189757.
 *
 * Tests that fail here describe product gaps found by testing; they stay as regression tests for the fix.
 */
import type { Page } from 'puppeteer-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerDialog, clickControl } from './real-portal-support';
import {
  deepBanner,
  deepDialogText,
  deepLinks,
  deepMarkSummary,
  deepPortalCounts,
  mismatchWords,
  resetProgress,
  type ControlQuery,
  type LinkExpectation,
} from './shared/real-portal';
import { clickByText, configure, count, openReady, pause, readProgress, useConfiguredBrowser, value } from './support';

const X = '/rigtig/ekstra';
const A = 'SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune';
const E = 'SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP PROD – Aarhus Kommune';

/** A real click on the only visible control with this role and exact name (open shadow roots and frames searched). */
const click = (page: Page, role: ControlQuery['role'], name: string) => clickControl(page, { role, name });

/**
 * Activates an approve control and asserts that Aftaletjek asked first and the portal approved nothing; then answers
 * "Godkend ikke". A failure says what happened instead (e.g. "approved: 1, no dialog": approved with one click).
 */
async function expectHeld(page: Page, activate: () => Promise<void>, words?: string): Promise<void> {
  const before = (await deepPortalCounts(page)).approved;
  await activate();
  const outcome = async () => ({ dialog: (await deepDialogText(page)) !== null, approved: (await deepPortalCounts(page)).approved - before });
  await expect
    .poll(outcome, { message: 'Aftaletjek asks before the approval (approved: portal approvals since the activation)' })
    .toEqual({ dialog: true, approved: 0 });
  if (words) expect(await deepDialogText(page)).toContain(words);
  await answerDialog(page, 'Godkend ikke');
  await expect.poll(() => deepDialogText(page)).toBeNull();
  await pause(200);
  expect((await deepPortalCounts(page)).approved - before, 'the portal approved nothing').toBe(0);
}

describe('adversarial portal shapes', () => {
  const session = useConfiguredBrowser();
  beforeEach(() => configure(session()));

  // [fixture, agreement, verdict, found, shape]
  const SE_SHAPES: [string, string, string, string, string][] = [
    ['se-mat-form-field', 'SF0770_A', 'mismatch', '38025341', 'Angular Material <mat-label> + <input readonly>, by aria-labelledby and by nesting'],
    ['se-mui-textfield', 'SF0770_A', 'mismatch', '38025341', 'MUI TextField: <label for=":r2:">, readonly input, aria-hidden legend'],
    ['se-fieldset', 'SF0770_A', 'mismatch', '38025341', '<fieldset><legend>SE-nummer</legend><span>'],
    ['se-output', 'SF0770_A', 'mismatch', '38025341', '<label for> + <output> in grid columns'],
    ['se-chip', 'SF0770_A', 'mismatch', '55133018', 'label span + <mat-chip-set> chip'],
    ['se-role-term', 'SF0770_A', 'mismatch', '38025341', 'role="term" / role="definition" divs'],
    ['se-wrapped-label', 'SF0770_A', 'mismatch', '38025341', 'wrapped label and value: div>span / div>span (Vuetify v-row/v-col)'],
    ['se-inline-one-node', 'SF0770_E', 'mismatch', '38025341', '"… · SE: 3802 5341 · CVR: 29189757 · …" in one text node'],
    ['se-json', 'SF0770_E', 'mismatch', '38025341', '<pre> JSON blob {"AbonnentSENummer": "38025341"}'],
    ['se-grid-cvr', 'SF0770_A', 'mismatch', '38025341', 'CSS-grid summary: label row "CVR | SE", then value row "29189757 | 38025341"'],
  ];

  describe('SE number shapes', () => {
    it.each(SE_SHAPES)('%s: %s says %s, found %s (%s)', async (file, id, verdict, found) => {
      const page = await openReady(session(), `${X}/${file}`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ count: 1, agreement: id, se: verdict, found });
      await page.close();
    });

    it.each(SE_SHAPES)('%s: Godkend on %s is never approvable with one click', async (file) => {
      const page = await openReady(session(), `${X}/${file}`);
      await pause(300);
      await expectHeld(page, () => click(page, 'button', 'Godkend'));
      await page.close();
    });
  });

  describe('agreement pages whose title is not an h1/h2', () => {
    const TITLES: [string, string][] = [
      ['title-mui-cardheader', 'MUI <CardHeader title>: a <span class="MuiTypography-h5">'],
      ['title-mat-card', 'Angular Material <mat-card-title>'],
      ['title-h3', 'server-rendered: h1 application, h2 section, h3 agreement; <input type=submit value=Godkend>'],
    ];
    it.each(TITLES)('%s (%s): the SE banner says mismatch 38025341', async (file) => {
      const page = await openReady(session(), `${X}/${file}`);
      await pause(1_000);
      const marks = await deepMarkSummary(page);
      await expect
        .poll(() => deepBanner(page), { message: `marks on the page: ${JSON.stringify(marks)}` })
        .toMatchObject({ count: 1, agreement: 'SF0770_A', se: 'mismatch', found: '38025341' });
      await page.close();
    });
    it.each(TITLES)('%s (%s): Godkend is held', async (file) => {
      const page = await openReady(session(), `${X}/${file}`);
      await pause(300);
      await expectHeld(page, () => click(page, 'button', 'Godkend'));
      await page.close();
    });
  });

  describe('approve actions away from the agreement name', () => {
    it('accordion (mat-expansion-panel, both open): the Godkend in each panel body is held (SE wrong in both)', async () => {
      const page = await openReady(session(), `${X}/accordion`);
      await expect.poll(() => deepMarkSummary(page)).toEqual(['SF0770_A:pending', 'SF0770_E:pending']);
      await expectHeld(page, () => page.click('#godkend-a'));
      await expectHeld(page, () => page.click('#godkend-e'));
      await page.close();
    });

    it('collapsible table row (MUI): the Godkend in the detail <tr> under SF0770_A is held', async () => {
      const page = await openReady(session(), `${X}/expand-row`);
      await expect.poll(() => deepMarkSummary(page)).toEqual(['SF0770_A:pending', 'SF0770_E:approved']);
      await expectHeld(page, () => page.click('#godkend-a'));
      await page.close();
    });

    it('row "…" menu (mat-menu in the CDK overlay container): menuitem Godkend for SF0770_A is held', async () => {
      const page = await openReady(session(), `${X}/row-menu`);
      await expect.poll(() => deepMarkSummary(page)).toEqual(['SF0770_A:pending', 'SF0770_E:pending']);
      await page.click('.menu-trigger[data-menu="a"]');
      await expectHeld(page, () => click(page, 'menuitem', 'Godkend'));
      await page.close();
    });

    it('bulk action "Godkend valgte (2)" above a table with SF0770_A and SF0770_E selected (SE unseen): held', async () => {
      await resetProgress(session());
      const page = await openReady(session(), `${X}/bulk`);
      await expect.poll(() => deepMarkSummary(page)).toEqual(['SF0770_A:pending', 'SF0770_E:pending', 'SF1320:approved']);
      await expectHeld(page, () => click(page, 'button', 'Godkend valgte (2)'));
      await page.close();
    });

    it('two agreement sections, each with its own h2 and Godkend: SF0770_A (SE wrong) is held', async () => {
      const page = await openReady(session(), `${X}/two-panels`);
      await expect.poll(() => deepMarkSummary(page)).toContain('SF0770_A:pending');
      await expectHeld(page, () => page.click('#godkend-a'));
      await page.close();
    });

    it('agreement page with a MUI "Handlinger" menu (<li role="menuitem">Godkend</li> in a portal): held on the wrong SE', async () => {
      const page = await openReady(session(), `${X}/menu-li`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await page.click('#handlinger');
      await expectHeld(page, () => click(page, 'menuitem', 'Godkend'), mismatchWords('38025341'));
      await page.close();
    });
  });

  describe('keyboard activation', () => {
    it('<div role="button" tabindex=0> with its own Enter/Space handling: a mouse click is held', async () => {
      const page = await openReady(session(), `${X}/keydown-button`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await expectHeld(page, () => page.click('#godkend'), mismatchWords('38025341'));
      await page.close();
    });

    it('<div role="button" tabindex=0> with its own Enter/Space handling: Tab + Enter is held', async () => {
      const page = await openReady(session(), `${X}/keydown-button`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await expectHeld(page, async () => {
        await page.focus('#afvis');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
      });
      await page.close();
    });

    it('<div role="button" tabindex=0> with its own Enter/Space handling: Space is held', async () => {
      const page = await openReady(session(), `${X}/keydown-button`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await expectHeld(page, async () => {
        await page.focus('#godkend');
        await page.keyboard.press(' ');
      });
      await page.close();
    });

    it('Material Web <md-filled-button> (shadow <button><slot>): Tab + Enter and Space are held', async () => {
      const page = await openReady(session(), `${X}/shadow-keyboard`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await expectHeld(
        page,
        async () => {
          await page.focus('#afvis');
          await page.keyboard.press('Tab');
          await page.keyboard.press('Enter');
        },
        mismatchWords('38025341'),
      );
      await expectHeld(page, async () => {
        await page.focus('#godkend');
        await page.keyboard.press(' ');
      });
      await page.close();
    });
  });

  describe("the portal's own confirmation dialogs", () => {
    it('Godkend opening the portal dialog: held first; "Godkend ikke" opens nothing; after "Godkend alligevel" the dialog\'s Godkend approves once', async () => {
      const page = await openReady(session(), `${X}/portal-dialog`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await click(page, 'button', 'Godkend');
      await expect.poll(() => deepDialogText(page)).toContain(mismatchWords('38025341'));
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });
      await answerDialog(page, 'Godkend ikke');
      await pause(200);
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });
      expect(await count(page, '[role="dialog"]')).toBe(0);

      await click(page, 'button', 'Godkend');
      await expect.poll(() => deepDialogText(page)).not.toBeNull();
      await answerDialog(page, 'Godkend alligevel');
      // The portal's own dialog is open now (its opener ran once).
      await expect.poll(() => deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 1 });
      await page.click('#dlg-ok');
      await expect.poll(() => deepPortalCounts(page)).toEqual({ approved: 1, rejected: 0, other: 1 });
      expect(await deepDialogText(page)).toBeNull();
      await page.close();
    });

    it('decision dialog (radio "Godkend" + "Bekræft"): approving a wrong SE asks first', async () => {
      const page = await openReady(session(), `${X}/decision-dialog`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await page.click('#behandl');
      await click(page, 'radio', 'Godkend');
      expect(await page.$eval('input[value="approve"]', (el) => (el as HTMLInputElement).checked)).toBe(true);
      await expectHeld(page, () => click(page, 'button', 'Bekræft'));
      await page.close();
    });
  });

  describe('hidden and late SE numbers', () => {
    it('parameters in a closed <details>: unseen (Godkend asks), then read as soon as it is opened', async () => {
      const page = await openReady(session(), `${X}/details-closed`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ count: 1, agreement: 'SF0770_A', se: 'missing', found: null });
      await expectHeld(page, () => click(page, 'button', 'Godkend'), 'ikke kontrolleret');
      await page.click('summary');
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await page.close();
    });

    it('read-only inputs filled 800 ms late through the value property only (Angular patchValue): read as a mismatch', async () => {
      const page = await openReady(session(), `${X}/late-value`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ se: 'mismatch', found: '38025341' });
      await page.close();
    });

    it('read-only inputs filled late: Godkend asks in any case', async () => {
      const page = await openReady(session(), `${X}/late-value`);
      await pause(1_500);
      await expectHeld(page, () => click(page, 'button', 'Godkend'));
      await page.close();
    });
  });

  describe('master/detail: the agreement changes in place', () => {
    it("Angular detail (URL pushed, params by value property 600 ms later): SF0770_E never inherits SF0770_A's match", async () => {
      await resetProgress(session());
      const page = await openReady(session(), `${X}/swap-stale?id=a`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ agreement: 'SF0770_A', se: 'match', found: '29189757' });
      await clickByText(page, 'a', /^SF0770_E/);
      await pause(1_500);
      // The page shows SF0770_E with SE 38025341 now.
      expect(await value(page, '#se')).toBe('38025341');
      await expectHeld(page, () => click(page, 'button', 'Godkend'));
      expect(await deepBanner(page)).toMatchObject({ agreement: 'SF0770_E', se: 'mismatch', found: '38025341' });
      expect((await readProgress(session())).SF0770_E?.se?.verdict).not.toBe('match');
      await page.close();
    });

    it('Vue detail re-rendered without URL change, params 1.5 s late: each agreement gets its own verdict, none carried over', async () => {
      const page = await openReady(session(), `${X}/swap`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ agreement: 'SF0770_A', se: 'mismatch', found: '38025341' });
      await expectHeld(page, () => click(page, 'button', 'Godkend'), mismatchWords('38025341'));

      await page.click('[data-select="e"]');
      await expect.poll(() => deepBanner(page)).toMatchObject({ agreement: 'SF0770_E' });
      expect((await deepBanner(page)).se).toBe('missing');
      await expectHeld(page, () => click(page, 'button', 'Godkend'));
      await expect.poll(() => deepBanner(page)).toMatchObject({ agreement: 'SF0770_E', se: 'match', found: '29189757' });
      await click(page, 'button', 'Godkend');
      await expect.poll(() => deepPortalCounts(page)).toMatchObject({ approved: 1 });
      expect(await deepDialogText(page)).toBeNull();

      await page.click('[data-select="a"]');
      await expect.poll(() => deepBanner(page)).toMatchObject({ agreement: 'SF0770_A' });
      expect((await deepBanner(page)).se).not.toBe('match');
      await click(page, 'button', 'Godkend');
      await expect.poll(() => deepDialogText(page)).not.toBeNull();
      await answerDialog(page, 'Godkend ikke');
      expect((await deepPortalCounts(page)).approved).toBe(1);
      await expect.poll(() => deepBanner(page)).toMatchObject({ agreement: 'SF0770_A', se: 'mismatch', found: '38025341' });
      await page.close();
    });
  });

  describe('names', () => {
    it('zero-width spaces, soft hyphens, NBSP, upper case and "Aarhus kommune": the five marked, every look-alike left alone', async () => {
      const page = await openReady(session(), `${X}/names`);
      const expected: LinkExpectation[] = [
        ['SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune', 'SF0770_A:pending'],
        ['SF0770_E - ABONNEMENT PÅ HÆNDELSER VEDR. EINDKOMST V3 - KP PROD – AARHUS KOMMUNE', 'SF0770_E:approved'],
        ['SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus kommune', 'SF1470:pending'],
        ['SF1490 - Ydelsesindeks V3 - KP PROD - Aarhus kommune', 'SF1490:rejected'],
        ['SF1320 – CPR Hændelser', 'SF1320:pending'],
        ['SF0770_A - SKAT INDKOMST - OPSLAG PERSONOPLYSNINGER V2 - KP PROD – AARHUS KOMMUNE', null],
        ['SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP TEST – Aarhus Kommune', null],
        ['SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Odder Kommune', null],
        ['SF1490 - YDELSESINDEKS V3 - KP PROD – ODDER KOMMUNE', null],
        ['SF0770_A - SKAT Indkomst - Opslag personoplysninger v3.1 - KP PROD – Aarhus Kommune', null],
        ['SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KMD Sag PROD – Aarhus Kommune', null],
        [A, 'SF0770_A:pending'],
      ];
      const clean = (links: LinkExpectation[]) => links.map(([label, mark]) => [label.replace(/[\u00AD\u200B]/g, ''), mark]);
      await expect.poll(async () => clean(await deepLinks(page))).toEqual(clean(expected));
      await page.close();
    });

    it('a virtualized list recycling its rows: marks follow the content of each recycled row', async () => {
      const page = await openReady(session(), `${X}/virtual`);
      const MARKS: Record<string, string> = {
        [A]: 'SF0770_A',
        [E]: 'SF0770_E',
        'SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune': 'SF1470',
        'SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune': 'SF1490',
        'SF1320 – CPR Hændelser': 'SF1320',
      };
      const STATUS: Record<string, string> = { 'Afventer godkendelse': 'pending', Godkendt: 'approved', Afvist: 'rejected' };
      /** The rendered rows in index order: the item each shows (the page's data), and its link's text and mark. */
      const rows = () =>
        page.evaluate(() => {
          const items = (window as unknown as { virtualItems: [string, string][] }).virtualItems;
          const index = (row: Element) => Number((row as HTMLElement).dataset.index);
          return [...document.querySelectorAll('[role="row"]')]
            .sort((x, y) => index(x) - index(y))
            .map((row) => {
              const a = row.querySelector('a')!;
              const mark = a.hasAttribute('data-aftaletjek-agreement')
                ? `${a.getAttribute('data-aftaletjek-agreement')}:${a.getAttribute('data-aftaletjek-status')}`
                : null;
              return { item: items[index(row)]!, link: [a.textContent, mark] };
            });
        });
      for (const top of [0, 120, 400, 640, 1000, 1440, 1800, 2200, 2600, 3000, 400, 0]) {
        await page.$eval('#viewport', (el, y) => void (el.scrollTop = y), top);
        await pause(50);
        const want = (await rows()).map(({ item: [name, status] }) => [name, MARKS[name] ? `${MARKS[name]}:${STATUS[status]}` : null]);
        await expect.poll(async () => (await rows()).map((row) => row.link), { message: `scrollTop ${top}` }).toEqual(want);
      }
      await page.close();
    });
  });
});
