/**
 * Managed deployment for real: Chromium started with an enterprise policy file that gives this extension
 * `3rdparty` values, exactly as municipal IT would push them. Debian's Chromium reads
 * /etc/chromium/policies/managed/*.json at start (writing there needs root, as on the CI machine). Chromium
 * only (vitest.e2e.config.ts's CHROMIUM_ONLY): the policy folder is Chromium's.
 *
 * The policy names the extension by id; an unpacked extension's id is derived from its directory, so each
 * browser loads a private copy of dist/ from a fresh temporary directory. The policy thus reaches no other
 * test's browser, and the file is removed afterwards, also when a test fails.
 */
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PACK } from '../../src/core/pack';
import { BUILTIN_PROFILE } from '../../src/portal/words';
import { PROFILE_KEY } from '../../src/store/profile';
import { DIST_DIR } from './harness';
import { openOptionsReady, openPopupReady, progressHook, seriousViolations, settingsRecord } from './popup-support';
import { attr, byLabel, byRole, count, countByRole, text, useBrowser, value } from './support';

const POLICY_DIR = '/etc/chromium/policies/managed';
/** A portal profile set by IT: the built-in one with its own id and one more approved word. */
const MANAGED_PROFILE = {
  ...BUILTIN_PROFILE,
  id: 'testrup-it',
  statusWords: { ...BUILTIN_PROFILE.statusWords, approved: [...BUILTIN_PROFILE.statusWords.approved, 'i drift'] },
};
/** A KLIK task pushed by IT (managed `packs`): two of SF 02's agreements under a task of its own. */
const IT_PACK = {
  ...BUILTIN_PACK,
  id: 'testrup-sf09',
  title: 'KLIK SF 09 – Fra IT',
  // As IT writes it: a policy holds no null, so SF1320's missing version is left out.
  agreements: BUILTIN_PACK.agreements
    .filter((a) => a.id === 'SF1470' || a.id === 'SF1320')
    .map(({ version, ...rest }) => (version === null ? rest : { ...rest, version })),
};
const MANAGED = { municipality: 'Testrup Kommune', expectedSe: '38 02 53 41', portalProfile: MANAGED_PROFILE, packs: [IT_PACK] };

/** Chromium's id for an unpacked extension: sha256 of its absolute path, first 32 hex digits mapped 0-f to a-p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

/**
 * One browser for the describe block, started with a policy giving a private copy of dist/ these values.
 * The copy and the policy are written before the browser starts (hooks run in the order registered) and
 * removed after it closed.
 */
function useBrowserWithPolicy(values: Record<string, unknown>) {
  const extensionDir = join(realpathSync(tmpdir()), `aftaletjek-managed-${randomUUID()}`);
  const policyFile = join(POLICY_DIR, `aftaletjek-e2e-${randomUUID()}.json`);
  beforeAll(() => {
    cpSync(DIST_DIR, extensionDir, { recursive: true });
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(extensionDir)]: values } } }));
  });
  afterAll(() => {
    rmSync(policyFile, { force: true });
    rmSync(extensionDir, { recursive: true, force: true });
  });
  return { session: useBrowser({ extensionDir }), extensionDir };
}

const getContext = (page: Page) =>
  page.evaluate(() => chrome.runtime.sendMessage({ type: 'aftaletjek:get-context' })) as Promise<{ profile: unknown; pack: { id: string } }>;

describe('values set by municipal IT policy (real storage.managed)', () => {
  const { session, extensionDir } = useBrowserWithPolicy(MANAGED);

  it('loads the extension under the id the policy names', () => {
    expect(new URL(session().extensionUrl('')).host).toBe(unpackedExtensionId(extensionDir));
  });

  it('receives the policy in storage.managed', async () => {
    await expect.poll(() => session().inExtension(() => chrome.storage.managed.get(null)), { timeout: 20_000 }).toEqual(MANAGED);
  });

  it('lets managed values win over local ones, shown read-only with the note that IT set them', async () => {
    await session().setStorage(settingsRecord('Aarhus Kommune', '13748136'));
    const page = await openOptionsReady(session());
    const municipality = await byLabel(page, 'Kommune');
    const se = await byLabel(page, 'Kommunens SE-nummer');
    expect(await municipality.evaluate((el) => (el as HTMLInputElement).value)).toBe('Testrup Kommune');
    expect(await se.evaluate((el) => (el as HTMLInputElement).value)).toBe('38025341');
    expect(await municipality.evaluate((el) => el.getAttribute('readonly'))).not.toBeNull();
    expect(await se.evaluate((el) => el.getAttribute('readonly'))).not.toBeNull();
    expect(await text(page, '[data-aftaletjek-managed="expectedSe"]')).toContain('Sat af kommunens IT-afdeling. Kan ikke ændres her.');
    expect(await (await byRole(page, 'button', 'Gem')).evaluate((el) => (el as HTMLButtonElement).disabled)).toBe(true);

    // Typing into a read-only field changes nothing, and the local values stay as they were.
    await se.click();
    await page.keyboard.type('1');
    expect(await value(page, '#expectedSe')).toBe('38025341');
    expect((await session().getStorage()).settings).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/aftaletjek-options-managed.png', fullPage: true });
    await page.close();
  });

  it('uses the managed portal profile over an imported one, shown read-only with the note that IT set it', async () => {
    const imported = { ...BUILTIN_PROFILE, id: 'kommune-drift' };
    await session().setStorage({ [PROFILE_KEY]: { version: 1, profile: imported } });
    const page = await openOptionsReady(session());
    expect(await attr(page, '[data-aftaletjek-profile]', 'data-aftaletjek-profile')).toBe('testrup-it');
    expect(await attr(page, '[data-aftaletjek-profile]', 'data-aftaletjek-profile-source')).toBe('managed');
    expect(await text(page, '[data-aftaletjek-profile]')).toContain('Aktiv profil: testrup-it Sat af kommunens IT-afdeling.');
    expect(await text(page, '[data-aftaletjek-managed="portalProfile"]')).toContain('Sat af kommunens IT-afdeling. Kan ikke ændres her.');
    // Read-only: neither an import field nor "use the built-in one"; export is still there.
    expect(await count(page, '#profile-file')).toBe(0);
    expect(await countByRole(page, 'button', 'Brug den indbyggede profil')).toBe(0);
    expect(await (await byRole(page, 'button', 'Eksportér portalprofil')).isVisible()).toBe(true);
    expect(await count(page, '[data-aftaletjek-error="profile-managed-invalid"]')).toBe(0);
    // What the background hands to portal tabs (it answers the extension's own pages the same way).
    expect((await getContext(page)).profile).toEqual(MANAGED_PROFILE);
    // The user's import is kept, unused, for when the policy goes.
    expect((await session().getStorage())[PROFILE_KEY]).toEqual({ version: 1, profile: imported });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('uses the managed municipality in the popup', async () => {
    const page = await openPopupReady(session());
    expect(await text(page, 'header')).toContain('Kommune: Testrup Kommune');
    await page.close();
  });

  it('offers the task IT pushed, read-only with the note that IT set it, and the popup switches to it', async () => {
    const options = await openOptionsReady(session());
    const task = '[data-aftaletjek-task="testrup-sf09"]';
    expect(await attr(options, task, 'data-aftaletjek-task-source')).toBe('managed');
    expect(await text(options, `${task} [data-aftaletjek-managed="pack:testrup-sf09"]`)).toContain('Sat af kommunens IT-afdeling. Kan ikke ændres her.');
    expect(
      await options.$$eval(
        `${task} button`,
        (buttons) => buttons.filter((b) => /^Fjern/.test((b.getAttribute('aria-label') ?? b.textContent ?? '').trim())).length,
      ),
    ).toBe(0);
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();

    const popup = await openPopupReady(session());
    const switcher = await byLabel(popup, 'Opgave');
    expect(await switcher.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.text))).toEqual([
      BUILTIN_PACK.title,
      'KLIK SF 09 – Fra IT (sat af IT)',
    ]);
    await switcher.select('testrup-sf09');
    await expect.poll(() => progressHook(popup)).toBe('0/2');
    expect(await text(popup, '#progress-text')).toBe('0 af 2 godkendt');
    expect((await getContext(popup)).pack.id).toBe('testrup-sf09');
    await switcher.select(BUILTIN_PACK.id);
    await expect.poll(() => progressHook(popup)).toBe('0/5');
    await popup.close();
  });
});

describe('a portal profile set by policy that is not valid', () => {
  // Passes Chromium's own schema check (an object of the right shape) but not Aftaletjek's: no such version.
  // The packs: one valid, one without agreements (Chromium's schema lets it through; Aftaletjek's does not).
  const INVALID = {
    portalProfile: { ...MANAGED_PROFILE, schemaVersion: 2 },
    packs: [IT_PACK, { ...IT_PACK, id: 'testrup-tom', title: 'Tom', agreements: [] }],
  };
  const { session } = useBrowserWithPolicy(INVALID);

  it('reaches storage.managed as IT wrote it', async () => {
    await expect.poll(() => session().inExtension(() => chrome.storage.managed.get(null)), { timeout: 20_000 }).toEqual(INVALID);
  });

  it('is ignored as a whole: the built-in profile stays, and the popup and the options page say why', async () => {
    // The background reports it on its own (install, start, policy change): the popup needs no other page first.
    const popup = await openPopupReady(session());
    await popup.waitForSelector('[data-aftaletjek-notice="managed-invalid"]');
    expect(await text(popup, '[data-aftaletjek-notice="managed-invalid"]')).toContain('Kontakt IT-afdelingen.');
    await popup.close();

    const page = await openOptionsReady(session());
    expect(await attr(page, '[data-aftaletjek-profile]', 'data-aftaletjek-profile')).toBe('fkam-builtin');
    expect(await attr(page, '[data-aftaletjek-profile]', 'data-aftaletjek-profile-source')).toBe('builtin');
    const warning = await text(page, '[data-aftaletjek-error="profile-managed-invalid"]');
    expect(warning).toContain('Kommunens IT-afdeling har sat en portalprofil, som ikke er gyldig.');
    expect(warning).toContain('Detalje: schemaVersion: ');
    // Not managed, so the user may still import a profile of their own.
    expect(await count(page, '#profile-file')).toBe(1);
    expect((await getContext(page)).profile).toEqual(BUILTIN_PROFILE);
    await page.close();
  });

  it('loads the valid task IT pushed and ignores the invalid one, with a notice naming it', async () => {
    const options = await openOptionsReady(session());
    expect(await options.$$eval('[data-aftaletjek-task]', (els) => els.map((el) => el.getAttribute('data-aftaletjek-task')))).toEqual([
      BUILTIN_PACK.id,
      'testrup-sf09',
    ]);
    await options.close();
    const popup = await openPopupReady(session());
    await popup.reload();
    await popup.waitForSelector('[data-aftaletjek-progress]');
    const notices = await popup.$$eval('[data-aftaletjek-notice="managed-invalid"]', (els) => els.map((el) => (el as HTMLElement).innerText));
    expect(notices.join('\n')).toContain('packs[1] agreements');
    await popup.close();
  });
});
