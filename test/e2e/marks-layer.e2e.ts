/**
 * The status badges in Aftaletjek's own layer, in both browsers: the portal's layout is not changed by
 * marking, every badge sits beside its name over none of the portal's text or controls, follows scrolling
 * and resizing, hides under the portal's own dialogs, falls back to an outline where there is no room, and
 * its words reach assistive technology.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { readDrawnBadges, TABLE_BADGES_DA, type DrawnBadge } from './shared/overlay';
import { portalFixture } from './shared/portal';
import { IS_FIREFOX, openReady, readMarks, useConfiguredBrowser } from './support';

/** The table fixture as the harness serves it at /aftaler/tabel. */
const table = () => portalFixture('/aftaler/tabel')!.body.toString('utf8');

/** The table fixture with a page script that records every element's box before any content script runs. */
function withGeometry(extra = ''): string {
  const script = `<script>
    window.__geometry = () => [...document.body.querySelectorAll('*')].map((el) => {
      const r = el.getBoundingClientRect();
      return [el.localName, r.x, r.y, r.width, r.height].join(' ');
    });
    window.__before = window.__geometry();
  </script>`;
  return table().replace('</body>', `${extra}${script}</body>`);
}

/** The page's text and controls, as boxes in the viewport (what a badge must never cover). */
const portalBoxes = (page: Page) =>
  page.evaluate(() => {
    const boxes: { left: number; top: number; right: number; bottom: number; what: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) boxes.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, what: node.textContent.trim() });
    }
    for (const el of document.querySelectorAll('button, input, select, textarea')) {
      const r = el.getBoundingClientRect();
      boxes.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, what: el.localName });
    }
    return boxes;
  });

const overlaps = (a: DrawnBadge, b: { left: number; top: number; right: number; bottom: number }) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Waits until the layer has drawn `n` badges. */
async function drawn(page: Page, n: number): Promise<DrawnBadge[]> {
  await expect.poll(async () => (await readDrawnBadges(page)).length, { timeout: 10_000 }).toBe(n);
  return readDrawnBadges(page);
}

/** Each drawn badge's offset from the end of the last line of the name it belongs to. */
const offsets = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('aftaletjek-marks')?.shadowRoot?.querySelectorAll<HTMLElement>('.badge[data-kind]') ?? [])].map((badge) => {
      const name = [...document.querySelector(`[data-aftaletjek-agreement="${badge.dataset.agreement}"]`)!.getClientRects()].at(-1)!;
      const r = badge.getBoundingClientRect();
      return `${badge.dataset.agreement} ${Math.round(r.left - name.right)} ${Math.round((r.top + r.bottom) / 2 - (name.top + name.bottom) / 2)}`;
    }),
  );

describe('the badges in their own layer', () => {
  const session = useConfiguredBrowser();
  const marked = Object.keys(TABLE_BADGES_DA).length;

  it('leaves the layout of the portal as it was: no element moves or changes size when the table is marked', async () => {
    session().servePortal('/lag/tabel', withGeometry());
    const page = await openReady(session(), '/lag/tabel');
    await page.bringToFront();
    await drawn(page, marked);
    const [before, after] = (await page.evaluate('[window.__before, window.__geometry()]')) as [string[], string[]];
    expect(after.length).toBeGreaterThan(50);
    expect(after).toEqual(before);
    await page.close();
  });

  it('draws the badges beside their names on a page whose security policy blocks inline styles', async () => {
    const policy = { 'Content-Security-Policy': "default-src 'self'; style-src 'self'; script-src 'self'" };
    session().servePortal('/lag/csp', table(), undefined, policy);
    const page = await openReady(session(), '/lag/csp');
    await page.bringToFront();
    // The policy is in force: the page's own inline style is blocked.
    const inline = await page.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('div'));
      probe.setAttribute('style', 'color: rgb(255, 0, 0)');
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    });
    expect(inline).not.toBe('rgb(255, 0, 0)');
    // The browser reports the probe's violation; it is the only one (the harness fails a test on any other).
    const probeViolation = (e: string) => e.includes('/lag/csp') && /inline style|style-src/i.test(e);
    await expect.poll(() => session().pageErrors.some(probeViolation)).toBe(true);
    session().pageErrors.splice(0, session().pageErrors.length, ...session().pageErrors.filter((e) => !probeViolation(e)));
    expect(Object.fromEntries((await drawn(page, marked)).map((b) => [b.agreement, b.words]))).toEqual(TABLE_BADGES_DA);
    for (const offset of await offsets(page)) expect(offset).toMatch(/^\S+ [0-9] -?[0-2]$/);
    await page.close();
  });

  it('draws each badge beside its name with the words of its status, over none of the portal text or controls', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    await page.bringToFront();
    const badges = await drawn(page, marked);
    expect(Object.fromEntries(badges.map((b) => [b.agreement, b.words]))).toEqual(TABLE_BADGES_DA);
    expect(new Set(badges.map((b) => b.kind))).toEqual(new Set(['words']));
    const covered = (await portalBoxes(page)).filter((box) => badges.some((badge) => overlaps(badge, box)));
    expect(covered).toEqual([]);
    // Each badge is on the last line of its name, just after it.
    for (const offset of await offsets(page)) expect(offset).toMatch(/^\S+ [0-9] -?[0-2]$/);
    // The same words reach assistive technology as the name's description.
    expect(Object.fromEntries((await readMarks(page)).map((m) => [m.id, m.badge]))).toEqual(TABLE_BADGES_DA);
    if (!IS_FIREFOX) {
      const link = await page.$('[data-aftaletjek-agreement="SF1490"]');
      const node = await page.accessibility.snapshot({ root: link!, interestingOnly: false });
      expect(node?.description).toBe(TABLE_BADGES_DA.SF1490);
    }
    await page.close();
  });

  it('follows the names when the page scrolls, when the portal moves them and when the window narrows', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    await page.bringToFront();
    await drawn(page, marked);
    const before = await offsets(page);
    await page.evaluate(() => document.querySelector('table')!.scrollIntoView());
    await expect.poll(() => offsets(page)).toEqual(before);
    // The portal inserts a notice above the table: every name moves down, and its badge with it.
    await page.evaluate(() => document.querySelector('table')!.insertAdjacentHTML('beforebegin', '<p style="height:120px">Systemmeddelelse</p>'));
    await expect.poll(() => offsets(page)).toEqual(before);
    await page.setViewport({ width: 900, height: 900 });
    await expect
      .poll(async () => {
        const badges = await readDrawnBadges(page);
        const boxes = await portalBoxes(page);
        return badges.length === marked && boxes.every((box) => !badges.some((badge) => overlaps(badge, box)));
      })
      .toBe(true);
    await page.close();
  });

  it('shows a status the portal changes later in the same badge, in the same place', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    await page.bringToFront();
    await drawn(page, marked);
    const before = await offsets(page);
    await page.evaluate(() => {
      const row = document.querySelector('[data-aftaletjek-agreement="SF1490"]')!.closest('tr')!;
      row.querySelector('.status')!.firstChild!.textContent = 'Godkendt';
    });
    await expect.poll(async () => (await readDrawnBadges(page)).find((b) => b.agreement === 'SF1490')?.words).toBe('✓ Godkendt');
    expect(await offsets(page)).toEqual(before);
    expect((await readMarks(page)).find((m) => m.id === 'SF1490')?.badge).toBe('✓ Godkendt');
    await page.close();
  });

  it('hides the badges under a dialog of the portal, and shows them again when it closes', async () => {
    const dialog = '<div id="modal" style="position:fixed;inset:0;background:rgba(0,0,0,.4);z-index:1000"></div>';
    session().servePortal('/lag/dialog', withGeometry(dialog));
    const page = await openReady(session(), '/lag/dialog');
    await page.bringToFront();
    await drawn(page, 0);
    expect(await readMarks(page)).toHaveLength(marked);
    await page.evaluate(() => {
      document.getElementById('modal')!.remove();
      window.dispatchEvent(new Event('resize'));
    });
    await drawn(page, marked);
    await page.close();
  });

  it('outlines a name whose cell leaves no room for a badge, with a line style per status', async () => {
    const narrow = '<style>.grid td:first-child { width: 120px; max-width: 120px; white-space: nowrap; overflow: hidden; }</style>';
    session().servePortal('/lag/smal', withGeometry().replace('</head>', `${narrow}</head>`));
    const page = await openReady(session(), '/lag/smal');
    await page.bringToFront();
    await expect
      .poll(() =>
        page.$$eval('[data-aftaletjek-unplaced]', (els) =>
          els.map((el) => `${el.getAttribute('data-aftaletjek-status')} ${getComputedStyle(el).outlineStyle}`).sort(),
        ),
      )
      .toEqual(['approved solid', 'pending dashed', 'pending dashed', 'pending dashed', 'rejected double']);
    expect(await readDrawnBadges(page)).toEqual([]);
    await page.close();
  });

  it('prints the badge words in flow with the page, and not the screen layer', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    await page.bringToFront();
    await drawn(page, marked);
    // The print rules, read in both browsers: the words in flow from the label, the screen layer not printed.
    const rules = await page.evaluate(() => {
      const printRules = (sheets: readonly CSSStyleSheet[]) =>
        sheets
          .flatMap((sheet) => [...sheet.cssRules])
          .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.media.mediaText === 'print')
          .map((rule) => rule.cssText);
      return {
        page: printRules(document.adoptedStyleSheets).join(' '),
        layer: printRules(document.querySelector('aftaletjek-marks')!.shadowRoot!.adoptedStyleSheets).join(' '),
      };
    });
    expect(rules.page).toMatch(/\[data-aftaletjek-badge\]::after \{[^}]*content: attr\(data-aftaletjek-label\)/);
    expect(rules.layer).toMatch(/:host \{[^}]*display: none !important/);
    // Firefox over WebDriver BiDi cannot emulate print media; Chromium shows the rules at work.
    if (!IS_FIREFOX) {
      await page.emulateMediaType('print');
      const printed = await page.evaluate(() => ({
        layer: getComputedStyle(document.querySelector('aftaletjek-marks')!).display,
        words: getComputedStyle(document.querySelector('[data-aftaletjek-agreement="SF1320"]')!, '::after').content,
      }));
      expect(printed).toEqual({ layer: 'none', words: `"${TABLE_BADGES_DA.SF1320}"` });
    }
    await page.close();
  });
});
