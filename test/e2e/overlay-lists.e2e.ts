/**
 * The overlay on agreement lists, in both browsers (fixtures and expectations: test/e2e/shared/overlay.ts):
 * marks with the status of their own entry, badges and waiting rows, look-alikes left alone, the portal's DOM
 * left as served, progress recorded through the background, and a 5,000-row list scanned again on a settings change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { expectOwnCpuBounded, startProfiling } from './hostile-support';
import {
  LIST_CASES,
  lookalikeMatchers,
  progressStatuses,
  readDrawnBadges,
  readRows,
  TABLE_AARHUS,
  TABLE_ANY_MUNICIPALITY,
  TABLE_BADGES_DA,
  TABLE_PROGRESS,
  unmarkedTableLinks,
} from './shared/overlay';
import { configure, IS_FIREFOX, markSummary, openReady, readBanner, readMarks, readProgress, useConfiguredBrowser } from './support';

describe('the overlay on agreement lists', () => {
  const session = useConfiguredBrowser();
  // A test that changes the settings and fails midway must not leave them changed for the next.
  beforeEach(() => configure(session()));

  it.each(LIST_CASES)('marks exactly the task agreements in %s, with the status of their own entry', async (_shape, path, expected) => {
    const page = await openReady(session(), path);
    expect(await markSummary(page)).toEqual([...expected].sort());
    // The name is marked on its link (the smallest element holding the whole, split name).
    expect(new Set((await readMarks(page)).map((m) => m.tag))).toEqual(new Set(['a']));
    expect((await readBanner(page)).count).toBe(0);
    await page.close();
  });

  it('shows a word and symbol beside each mark, and makes waiting rows stand out', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    const badges = Object.fromEntries((await readMarks(page)).map((m) => [m.id, m.badge]));
    expect(badges).toEqual(TABLE_BADGES_DA);
    // The badges are drawn in Aftaletjek's layer with the same words (test/e2e/marks-layer.e2e.ts: where and how).
    await page.bringToFront();
    await expect.poll(async () => Object.fromEntries((await readDrawnBadges(page)).map((b) => [b.agreement, b.words]))).toEqual(TABLE_BADGES_DA);
    const rows = await readRows(page);
    const pending = rows.filter((r) => r.status === 'pending');
    const approved = rows.filter((r) => r.status === 'approved');
    expect(pending).toHaveLength(3);
    expect(new Set(pending.map((r) => r.background)).size).toBe(1);
    expect(pending[0]!.background).not.toBe(approved[0]!.background);
    await page.close();
  });

  it('never marks look-alikes: older version, other IT system, other municipality', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    expect(await unmarkedTableLinks(page)).toEqual(lookalikeMatchers());
    await page.close();
  });

  it('leaves the portal DOM as served: only data-aftaletjek-* attributes and the badge words as aria-description, its stylesheet adopted, not inserted', async () => {
    const page = await openReady(session(), '/aftaler/kort');
    const result = await page.evaluate(async () => {
      const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      const live = document.body.cloneNode(true) as HTMLElement;
      for (const el of [live, ...live.querySelectorAll('*')]) {
        const words = el.getAttribute('data-aftaletjek-label');
        if (words && el.getAttribute('aria-description') === words) el.removeAttribute('aria-description');
        for (const name of el.getAttributeNames()) if (name.startsWith('data-aftaletjek-')) el.removeAttribute(name);
      }
      return {
        same: live.innerHTML === served.body.innerHTML,
        headSame: document.head.children.length === served.head.children.length,
        // Aftaletjek's badge layer: one element of its own after the portal's body.
        ownAfterBody: [...document.documentElement.children].filter((el) => el !== document.head && el !== document.body).map((el) => el.localName),
        adopted: document.adoptedStyleSheets.length,
      };
    });
    expect(result).toEqual({ same: true, headSame: true, ownAfterBody: ['aftaletjek-marks'], adopted: 1 });
    await page.close();
  });

  it('records the latest status of each agreement seen in progress (through the background)', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    await expect.poll(() => progressStatuses(session())).toEqual(TABLE_PROGRESS);
    expect((await readProgress(session())).SF0770_A?.name).toBe('SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune');
    await page.close();
  });

  it('follows a status change rendered later in a row', async () => {
    const page = await openReady(session(), '/aftaler/tabel');
    await page.evaluate(() => {
      const row = document.querySelector('a[data-aftaletjek-agreement="SF0770_A"]')!.closest('tr')!;
      row.querySelector('.status')!.textContent = 'Godkendt';
    });
    await expect.poll(() => markSummary(page)).toContain('SF0770_A:approved');
    await page.close();
  });

  it('counts any municipality when none is configured, and picks a configured change up at once', async () => {
    await configure(session(), { municipality: '' });
    const page = await openReady(session(), '/aftaler/tabel');
    expect(await markSummary(page)).toEqual(TABLE_ANY_MUNICIPALITY);
    await configure(session());
    await expect.poll(() => markSummary(page)).toEqual(TABLE_AARHUS);
    await page.close();
  });

  it('marks a 5,000-row list correctly, and scans it again on a settings change in slices of bounded CPU time', async () => {
    const municipalities = ['Aarhus', 'Odder', 'Ballerup', 'Vejle', 'Horsens', 'Silkeborg', 'Randers', 'Skanderborg'];
    const names = [
      (m: string) => `SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – ${m} Kommune`,
      (m: string) => `SF0770_E - Abonnement på hændelser vedr. eIndkomst v2 - KP PROD – ${m} Kommune`,
      (m: string) => `SF1470 - Sags- og Dokumentindeks V3 - KP TEST – ${m} Kommune`,
      (m: string) => `SF1500 - Adressesøgning v5 - KP PROD – ${m} Kommune`,
      (m: string) => `SF2900 - Beskedfordeler v1 - KP PROD – ${m} Kommune`,
    ];
    const real = new Map<number, [string, string]>([
      [17, ['SF0770_A - SKAT Indkomst - Opslag personoplysninger v3 - KP PROD – Aarhus Kommune', 'Afventer godkendelse']],
      [1203, ['SF0770_E - Abonnement på hændelser vedr. eIndkomst v3 - KP PROD – Aarhus Kommune', 'Godkendt']],
      [2500, ['SF1470 - Sags- og Dokumentindeks V3 - KP PROD – Aarhus Kommune', 'Afventer']],
      [3777, ['SF1490 - Ydelsesindeks V3 - KP PROD – Aarhus Kommune', 'Afvist']],
      [4990, ['SF1320 – CPR Hændelser', 'Udgivet til underskrift']],
    ]);
    const rows: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const [name, status] = real.get(i) ?? [
        names[i % names.length]!(municipalities[i % municipalities.length]!).replace('Aarhus', i % 5 === 0 ? 'Odder' : 'Aarhus'),
        i % 3 === 0 ? 'Godkendt' : 'Afventer godkendelse',
      ];
      const [code, ...rest] = name.split(' - ');
      rows.push(
        `<tr><td><a href="/aftale/${i}"><span>${code}</span> - <span>${rest.join(' - ')}</span></a></td><td><span class="status">${status}</span></td><td>Netcompany A/S</td><td>0${(i % 9) + 1}-01-2025</td></tr>`,
      );
    }
    session().servePortal(
      '/aftaler/alle',
      `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Alle aftaler</title><link rel="stylesheet" href="/portal.css"></head>` +
        `<body><main><h1>Alle serviceaftaler</h1><table class="grid"><thead><tr><th>Navn</th><th>Status</th><th>Leverandør</th><th>Oprettet</th></tr></thead>` +
        `<tbody>${rows.join('')}</tbody></table></main></body></html>`,
    );
    const page = await openReady(session(), '/aftaler/alle');
    expect(await markSummary(page)).toEqual(['SF0770_A:pending', 'SF0770_E:approved', 'SF1320:pending', 'SF1470:pending', 'SF1490:rejected']);

    // A settings change makes the content script scan all 5,000 rows again, with no page work mixed in.
    // The content script's own CPU time is read from V8's sampling profiler, which only Chromium's DevTools protocol has.
    const profiling = IS_FIREFOX ? null : await page.evaluate(() => performance.clearMeasures('aftaletjek:slice')).then(() => startProfiling(session(), page));
    await configure(session(), { municipality: 'Odder Kommune' });
    // Odder's rows: every 5th row names SF0770_A v3 and 2 of each 8 of those are Odder's (250), plus
    // SF1320, whose name names no municipality.
    await expect.poll(async () => (await markSummary(page)).length, { timeout: 20_000 }).toBe(251);
    // The content script measures each slice of its work (src/content/navigation.ts); what is bounded is its
    // own CPU time in them and between them, never the wall clock (test/e2e/hostile-support.ts).
    if (profiling) expect(expectOwnCpuBounded(await profiling.stop()).slices).toBeGreaterThan(1);
    expect(new Set((await readMarks(page)).map((m) => m.id))).toEqual(new Set(['SF0770_A', 'SF1320']));
    await configure(session());
    await page.close();
  });
});
