// @vitest-environment happy-dom
/**
 * Firefox destroys an updated, reloaded or re-enabled extension's content script without letting it clean
 * up, and injects the new one into the tabs already open. The new instance must start from a clean page:
 * one banner, current marks, one stylesheet. (In real Chromium and Firefox: test/e2e/overlay-guards.e2e.ts.)
 */
import { BUILTIN_PROFILE } from '../../../src/portal/words';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startOverlay, type OverlayDeps } from '../../../src/content/controller';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { EXPECTED_SE, MUNICIPALITY, loadFixture } from './fixture';

const lifetimes: AbortController[] = [];
afterEach(() => {
  for (const lifetime of lifetimes.splice(0)) lifetime.abort();
  document.adoptedStyleSheets = [];
});

async function start(expectedSe: string | null) {
  const deps: OverlayDeps = {
    loadConfig: async () => ({ pack: BUILTIN_PACK, municipality: MUNICIPALITY, expectedSe, profile: BUILTIN_PROFILE }),
    watchConfig: () => () => undefined,
    record: async () => undefined,
    openOptions: vi.fn(),
    alive: () => true,
    onError: vi.fn(),
  };
  const lifetime = new AbortController();
  lifetimes.push(lifetime);
  const overlay = await startOverlay(window as unknown as Window & typeof globalThis, deps, lifetime);
  await overlay.idle();
}

const ownSheets = () => document.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.cssText.includes('data-aftaletjek')));

describe('a new content script instance on a page an old one was destroyed on', () => {
  it('removes the old banner, marks and stylesheet before adding its own', async () => {
    loadFixture('aftale/sf0770-a-forkert-se.html');
    const portalSheet = new CSSStyleSheet();
    portalSheet.replaceSync('h1 { color: navy; }');
    document.adoptedStyleSheets = [portalSheet];

    // What a destroyed instance leaves: its banner host (for another verdict), marks on the page's own
    // elements (one of them stale), its adopted sheet and the "scanned" hook.
    const staleSheet = new CSSStyleSheet();
    staleSheet.replaceSync('[data-aftaletjek-badge]::after { content: attr(data-aftaletjek-label); }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, staleSheet];
    const staleBanner = document.createElement('aftaletjek-banner');
    staleBanner.setAttribute('data-aftaletjek-host', '');
    staleBanner.setAttribute('data-aftaletjek-se', 'unconfigured');
    staleBanner.attachShadow({ mode: 'open' }).textContent = 'SE-nummeret er ikke kontrolleret';
    document.documentElement.insertBefore(staleBanner, document.body);
    const staleMark = document.querySelector('h1 ~ *') ?? document.body.lastElementChild!;
    staleMark.setAttribute('data-aftaletjek-agreement', 'SF1490');
    staleMark.setAttribute('data-aftaletjek-status', 'approved');
    // Its badge words on a name with a description of the portal's own, and on one without.
    staleMark.setAttribute('data-aftaletjek-label', '✓ Godkendt');
    staleMark.setAttribute('aria-description', 'Portalens tekst. ✓ Godkendt');
    const staleLayer = document.createElement('aftaletjek-marks');
    staleLayer.setAttribute('data-aftaletjek-host', '');
    document.documentElement.append(staleLayer);
    document.documentElement.setAttribute('data-aftaletjek-scanned', '');

    await start(EXPECTED_SE);

    const banners = [...document.querySelectorAll('[data-aftaletjek-se]')];
    expect(banners.map((b) => b.getAttribute('data-aftaletjek-se'))).toEqual(['mismatch']);
    expect(staleBanner.isConnected).toBe(false);
    expect(staleLayer.isConnected).toBe(false);
    expect(staleMark.getAttribute('aria-description')).toBe('Portalens tekst');
    expect([...document.querySelectorAll('[data-aftaletjek-agreement]')].map((el) => el.getAttribute('data-aftaletjek-agreement'))).toEqual(['SF0770_A']);
    expect(document.adoptedStyleSheets[0]).toBe(portalSheet);
    expect(ownSheets()).toHaveLength(1);
    expect(ownSheets()[0]).not.toBe(staleSheet);
  });

  it('leaves a page without leftovers, and the portal’s own sheets, untouched', async () => {
    loadFixture('aftaler/tabel.html');
    const portalSheet = new CSSStyleSheet();
    portalSheet.replaceSync('td { padding: 2px; }');
    document.adoptedStyleSheets = [portalSheet];
    await start(EXPECTED_SE);
    expect(document.adoptedStyleSheets).toHaveLength(2);
    expect(document.adoptedStyleSheets[0]).toBe(portalSheet);
    expect(document.querySelectorAll('[data-aftaletjek-agreement]')).toHaveLength(5);
  });
});
