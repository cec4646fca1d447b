/**
 * Portal shapes of a modern admin app (test/fixtures/portal/rigtig/), in both browsers: web components with
 * open shadow roots, key/value parameter tables, icon-labelled controls, tabs that render their panel on
 * demand, truncated names, and same-origin frames (src and srcdoc). Fixtures, expectations and the deep
 * readers are in test/e2e/shared/real-portal.ts. Controls are found by role and accessible name everywhere a
 * user sees them (open shadow roots, same-origin frames) and clicked for real (test/e2e/real-portal-support.ts).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openPopupReady } from './popup-support';
import { answerDialog, clickControl, frameAt } from './real-portal-support';
import { portalCounts, progressStatuses, readDrawnBadges } from './shared/overlay';
import {
  deepBanner,
  deepDialogText,
  deepLinks,
  deepMarks,
  deepMarkSummary,
  deepPortalCounts,
  FRAME_AGREEMENT,
  FRAME_AGREEMENT_INNER,
  FRAME_LIST,
  FRAME_LIST_INNER,
  FRAME_LIST_LINKS,
  FRAME_LIST_PROGRESS,
  FRAME_SRCDOC,
  HELD_APPROVE_CONTROLS,
  HELD_REJECT_CONTROLS,
  KV_TABLE,
  KV_TECHNICAL,
  marksOf,
  mismatchWords,
  NEVER_HELD_CONTROLS,
  readPopup,
  REAL_SE_CASES,
  resetProgress,
  SHADOW_AGREEMENT,
  SHADOW_APPROVE,
  SHADOW_LIST,
  SHADOW_LIST_LINKS,
  SHADOW_REJECT,
  SRCDOC_LINKS,
  TABS,
  TRUNCATED,
  TRUNCATED_LINKS,
  wrongSeOf,
  type ControlQuery,
} from './shared/real-portal';
import { configure, openReady, pause, readProgress, useConfiguredBrowser } from './support';

describe('portal shapes of a modern admin app', () => {
  const session = useConfiguredBrowser();
  beforeEach(() => configure(session()));

  describe('web components with open shadow roots', () => {
    it('marks the five task agreements inside nested shadow roots with the status of their own row, and no look-alike', async () => {
      await resetProgress(session());
      const page = await openReady(session(), SHADOW_LIST);
      await expect.poll(() => deepLinks(page)).toEqual(SHADOW_LIST_LINKS);
      const marks = await deepMarks(page);
      expect(marks.every((m) => m.inShadow && m.tag === 'a')).toBe(true);
      // Their badges are drawn in the document's own layer, beside names inside the shadow roots.
      await page.bringToFront();
      await expect.poll(async () => (await readDrawnBadges(page)).map((b) => b.agreement).sort()).toEqual(marks.map((m) => m.id).sort());
      expect((await deepBanner(page)).count).toBe(0);
      await expect.poll(() => progressStatuses(session())).toEqual(Object.fromEntries(marksOf(SHADOW_LIST_LINKS).map((m) => m.split(':'))));
      await page.close();
    });

    it('reads the SE number of an agreement page built of components, and shows the mismatch banner', async () => {
      const page = await openReady(session(), SHADOW_AGREEMENT);
      await expect.poll(() => deepBanner(page)).toMatchObject({ count: 1, se: 'mismatch', found: '38025341', agreement: 'SF0770_A', role: 'alert' });
      expect((await deepBanner(page)).text).toContain(mismatchWords('38025341'));
      // The heading inside the view's shadow root is recognised, with the status of the page's chip.
      await expect.poll(() => deepMarkSummary(page)).toContain('SF0770_A:pending');
      await page.close();
    });

    it('holds a click on the Godkend component (<fkam-button> with <button><slot>) until confirmed, then lets it through once', async () => {
      const page = await openReady(session(), SHADOW_AGREEMENT);
      await expect.poll(async () => (await deepBanner(page)).se).toBe('mismatch');
      await clickControl(page, SHADOW_APPROVE);
      await expect.poll(() => deepDialogText(page)).toContain(mismatchWords('38025341'));
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await answerDialog(page, 'Godkend ikke');
      await expect.poll(() => deepDialogText(page)).toBeNull();
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

      await clickControl(page, SHADOW_APPROVE);
      await expect.poll(() => deepDialogText(page)).not.toBeNull();
      await answerDialog(page, 'Godkend alligevel');
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
      await pause(300);
      expect(await portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
      expect(await deepDialogText(page)).toBeNull();
      // The component's chip now says "Godkendt"; the mark follows.
      await expect.poll(() => deepMarkSummary(page)).toContain('SF0770_A:approved');
      await page.close();
    });

    it('reminds to ask the supplier before Afvis on the component page', async () => {
      const page = await openReady(session(), SHADOW_AGREEMENT);
      await expect.poll(async () => (await deepBanner(page)).se).toBe('mismatch');
      await clickControl(page, SHADOW_REJECT);
      await expect.poll(() => deepDialogText(page)).toContain('stil et spørgsmål i beskedfeltet');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await answerDialog(page, 'Afvis alligevel');
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 0, rejected: 1 });
      // The tab's report of "Afvist" is stored before it closes: landing after the next step's reset, it would stand in for that step's own.
      await expect.poll(async () => (await readProgress(session())).SF0770_A?.status).toBe('rejected');
      await page.close();
    });

    it('brings the SE mismatch of the component page to the popup', async () => {
      await resetProgress(session());
      const page = await openReady(session(), SHADOW_AGREEMENT);
      await expect.poll(async () => (await readProgress(session())).SF0770_A?.se?.verdict).toBe('mismatch');
      const popup = await openPopupReady(session());
      const shown = await readPopup(popup);
      // Seen, with its SE check: not an unseen "0 af 5" checklist.
      expect(shown.agreements.SF0770_A).toEqual({ status: 'pending', se: 'mismatch' });
      expect(shown.klik).toBe('SF0770_A');
      await popup.close();
      await page.close();
    });
  });

  describe('the SE number in the shapes of this portal', () => {
    it.each(REAL_SE_CASES)('%s: one banner for %s says %s (found %s; %s)', async (path, id, verdict, found) => {
      await resetProgress(session());
      const page = await openReady(session(), path);
      await expect
        .poll(() => deepBanner(page))
        .toMatchObject({ count: 1, se: verdict, found, agreement: id, role: verdict === 'mismatch' ? 'alert' : 'status' });
      await expect.poll(async () => (await readProgress(session()))[id]?.se?.verdict).toBe(verdict);
      expect((await readProgress(session()))[id]?.se?.found).toEqual([found]);
      await page.close();
    });

    it('reads "SE-nummer | 38 02 53 41" from a Parameter | Værdi table, never the CVR number equal to the expected SE', async () => {
      const page = await openReady(session(), KV_TABLE);
      const banner = await deepBanner(page);
      expect(banner).toMatchObject({ se: 'mismatch', found: '38025341' });
      expect(banner.text).toContain(mismatchWords('38025341'));
      expect(banner.text).not.toContain('Intet SE-nummer fundet');
      await page.close();
    });

    it('reads the technical key AbonnentSENummer in a th scope=row table as the SE number: a match, the CVR key ignored', async () => {
      const page = await openReady(session(), KV_TECHNICAL);
      const banner = await deepBanner(page);
      expect(banner).toMatchObject({ se: 'match', found: '29189757' });
      expect(banner.text).toContain('SE-nummeret er korrekt: 29189757');
      // A match lets Godkend straight through.
      await clickControl(page, { role: 'button', name: 'Godkend' });
      await expect.poll(() => portalCounts(page)).toEqual({ approved: 1, rejected: 0 });
      expect(await deepDialogText(page)).toBeNull();
      await page.close();
    });
  });

  describe('icon-labelled and link controls', () => {
    it.each(HELD_APPROVE_CONTROLS)('%s: holds %j (%s) on an SE mismatch, and a confirmed click reaches the portal once', async (path, query) => {
      const page = await openReady(session(), path);
      await expect.poll(async () => (await deepBanner(page)).se).toBe('mismatch');
      await clickControl(page, query);
      await expect.poll(() => deepDialogText(page)).toContain(mismatchWords(wrongSeOf(path)));
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });
      await answerDialog(page, 'Godkend ikke');
      await expect.poll(() => deepDialogText(page)).toBeNull();
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });

      await clickControl(page, query);
      await expect.poll(() => deepDialogText(page)).not.toBeNull();
      await answerDialog(page, 'Godkend alligevel');
      await expect.poll(() => deepPortalCounts(page)).toEqual({ approved: 1, rejected: 0, other: 0 });
      await pause(300);
      expect(await deepPortalCounts(page)).toEqual({ approved: 1, rejected: 0, other: 0 });
      await page.close();
    });

    it.each(HELD_REJECT_CONTROLS)('%s: reminds to ask the supplier before %j (%s)', async (path, query) => {
      const page = await openReady(session(), path);
      await expect.poll(async () => (await deepBanner(page)).se).toBe('mismatch');
      await clickControl(page, query);
      await expect.poll(() => deepDialogText(page)).toContain('stil et spørgsmål i beskedfeltet');
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });
      await page.keyboard.press('Escape');
      await expect.poll(() => deepDialogText(page)).toBeNull();
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });
      await page.close();
    });

    it.each(NEVER_HELD_CONTROLS)('%s: never holds %j (%s), even on an SE mismatch', async (path, query) => {
      const page = await openReady(session(), path);
      await expect.poll(async () => (await deepBanner(page)).se).toBe('mismatch');
      await clickControl(page, query);
      // The portal's own handler ran, and no dialog came.
      await expect.poll(() => deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 1 });
      await pause(300);
      expect(await deepDialogText(page)).toBeNull();
      await page.close();
    });
  });

  describe('tabs that render their panel only when opened', () => {
    it('says the SE number is not checked until Parametre is opened, then keeps the mismatch after leaving the tab', async () => {
      await resetProgress(session());
      const page = await openReady(session(), TABS);
      const approve: ControlQuery = { role: 'button', name: 'Godkend' };

      // Before Parametre: the SE number is not on the page; no guess, and Godkend asks first.
      await expect.poll(() => deepBanner(page)).toMatchObject({ count: 1, se: 'missing', found: null, agreement: 'SF0770_A' });
      await clickControl(page, approve);
      await expect.poll(() => deepDialogText(page)).toContain('ikke kontrolleret');
      expect(await deepDialogText(page)).toContain('Parametre');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await page.keyboard.press('Escape');
      await expect.poll(() => deepDialogText(page)).toBeNull();
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });

      // Parametre shows the wrong number.
      await clickControl(page, { role: 'tab', name: 'Parametre' });
      await expect.poll(() => deepBanner(page)).toMatchObject({ count: 1, se: 'mismatch', found: '38025341' });
      await expect.poll(async () => (await readProgress(session())).SF0770_A?.se?.verdict).toBe('mismatch');

      // Another tab: the panel (and the number) leave the DOM; what was read stays.
      await clickControl(page, { role: 'tab', name: 'Myndigheder' });
      await expect.poll(() => page.evaluate(() => document.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby'))).toBe('tab-myndigheder');
      await clickControl(page, { role: 'tab', name: 'Type' });
      await pause(500);
      expect(await deepBanner(page)).toMatchObject({ count: 1, se: 'mismatch', found: '38025341' });
      expect((await readProgress(session())).SF0770_A?.se).toMatchObject({ verdict: 'mismatch', found: ['38025341'] });
      const popup = await openPopupReady(session());
      // (The page shows its status only as an unlabelled chip beside the heading: not asserted here.)
      expect((await readPopup(popup)).agreements.SF0770_A?.se).toBe('mismatch');
      await popup.close();

      // Godkend now gets the mismatch dialog.
      await page.bringToFront();
      await clickControl(page, approve);
      await expect.poll(() => deepDialogText(page)).toContain(mismatchWords('38025341'));
      await answerDialog(page, 'Godkend ikke');
      expect(await portalCounts(page)).toEqual({ approved: 0, rejected: 0 });
      await page.close();
    });

    it('reads the SE number at once when the page opens on its Parametre tab', async () => {
      const page = await openReady(session(), `${TABS}#parametre`);
      await expect.poll(() => deepBanner(page)).toMatchObject({ count: 1, se: 'mismatch', found: '38025341' });
      await page.close();
    });
  });

  describe('truncated names', () => {
    it('marks the names whose title or aria-label is a task agreement, never the truncated look-alikes', async () => {
      const page = await openReady(session(), TRUNCATED);
      await expect.poll(() => deepLinks(page)).toEqual(TRUNCATED_LINKS);
      expect(await deepMarkSummary(page)).toEqual(marksOf(TRUNCATED_LINKS));
      await page.close();
    });
  });

  describe('same-origin frames', () => {
    it('marks the list inside an iframe, and its progress reaches the popup', async () => {
      await resetProgress(session());
      const page = await openReady(session(), FRAME_LIST);
      await expect.poll(() => deepLinks(page, FRAME_LIST_INNER)).toEqual(FRAME_LIST_LINKS);
      expect((await deepBanner(page)).count).toBe(0);
      await expect.poll(() => progressStatuses(session())).toEqual(FRAME_LIST_PROGRESS);
      const popup = await openPopupReady(session());
      const shown = await readPopup(popup);
      expect(Object.fromEntries(Object.entries(shown.agreements).map(([id, a]) => [id, a.status]))).toEqual(FRAME_LIST_PROGRESS);
      expect(shown.progress).toBe('2/5');
      await popup.close();
      await page.close();
    });

    it('marks the list inside a srcdoc iframe', async () => {
      const page = await openReady(session(), FRAME_SRCDOC);
      await expect.poll(() => deepLinks(page, 'srcdoc')).toEqual(SRCDOC_LINKS);
      await page.close();
    });

    it('shows the banner in the framed agreement page, guards its Godkend, and reports the mismatch to the popup', async () => {
      await resetProgress(session());
      const page = await openReady(session(), FRAME_AGREEMENT);
      await expect
        .poll(() => deepBanner(page))
        .toMatchObject({ count: 1, doc: FRAME_AGREEMENT_INNER, se: 'mismatch', found: '55133018', agreement: 'SF0770_A' });
      const frame = frameAt(page, FRAME_AGREEMENT_INNER);

      await clickControl(frame, { role: 'button', name: 'Godkend' });
      await expect.poll(() => deepDialogText(page)).toContain(mismatchWords('55133018'));
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });
      await answerDialog(frame, 'Godkend ikke');
      await expect.poll(() => deepDialogText(page)).toBeNull();
      expect(await deepPortalCounts(page)).toEqual({ approved: 0, rejected: 0, other: 0 });
      await clickControl(frame, { role: 'button', name: 'Godkend' });
      await expect.poll(() => deepDialogText(page)).not.toBeNull();
      await answerDialog(frame, 'Godkend alligevel');
      await expect.poll(() => deepPortalCounts(page)).toEqual({ approved: 1, rejected: 0, other: 0 });

      await expect.poll(async () => (await readProgress(session())).SF0770_A?.se?.verdict).toBe('mismatch');
      const popup = await openPopupReady(session());
      const shown = await readPopup(popup);
      expect(shown.agreements.SF0770_A?.se).toBe('mismatch');
      expect(shown.klik).toBe('SF0770_A');
      await popup.close();
      await page.close();
    });
  });
});
