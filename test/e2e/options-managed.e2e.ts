/**
 * Managed deployment for real: Chromium started with an enterprise policy file that gives this extension
 * `3rdparty` values, exactly as municipal IT would push them. Debian's Chromium reads
 * /etc/chromium/policies/managed/*.json at start (writing there needs root, as on the CI machine).
 *
 * The policy names the extension by id; an unpacked extension's id is derived from its directory, so the
 * test loads a private copy of dist/ from a fresh temporary directory. The policy thus reaches no other
 * test's browser, and the file is removed afterwards, also when a test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, launchWithExtension, type ExtensionSession } from './harness';
import { openOptionsReady, openPopupReady, seriousViolations, settingsRecord } from './popup-support';

const POLICY_DIR = '/etc/chromium/policies/managed';
const MANAGED = { municipality: 'Testrup Kommune', expectedSe: '38 02 53 41' };

/** Chromium's id for an unpacked extension: sha256 of its absolute path, first 32 hex digits mapped 0-f to a-p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

describe('values set by municipal IT policy (real Chromium, real storage.managed)', () => {
  let session: ExtensionSession | undefined;
  let extensionDir: string;
  let policyFile: string;

  beforeAll(async () => {
    extensionDir = realpathSync(mkdtempSync(join(tmpdir(), 'aftaletjek-managed-')));
    cpSync(DIST_DIR, extensionDir, { recursive: true });
    mkdirSync(POLICY_DIR, { recursive: true });
    policyFile = join(POLICY_DIR, `aftaletjek-e2e-${randomUUID()}.json`);
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(extensionDir)]: MANAGED } } }));
    session = await launchWithExtension({ extensionDir });
  });
  afterAll(async () => {
    await session?.close();
    rmSync(policyFile, { force: true });
    rmSync(extensionDir, { recursive: true, force: true });
  });

  it('loads the extension under the id the policy names', () => {
    expect(session!.extensionId).toBe(unpackedExtensionId(extensionDir));
  });

  it('receives the policy in storage.managed', async () => {
    await expect.poll(() => session!.worker.evaluate(() => chrome.storage.managed.get(null)), { timeout: 20_000 }).toEqual(MANAGED);
  });

  it('lets managed values win over local ones, shown read-only with the note that IT set them', async () => {
    await session!.setStorage(settingsRecord('Aarhus Kommune', '13748136'));
    const page = await openOptionsReady(session!);
    const municipality = page.getByLabel('Kommune', { exact: true });
    const se = page.getByLabel('Kommunens SE-nummer', { exact: true });
    expect(await municipality.inputValue()).toBe('Testrup Kommune');
    expect(await se.inputValue()).toBe('38025341');
    expect(await municipality.getAttribute('readonly')).not.toBeNull();
    expect(await se.getAttribute('readonly')).not.toBeNull();
    expect(await page.innerText('[data-aftaletjek-managed="expectedSe"]')).toContain('Sat af kommunens IT-afdeling. Kan ikke ændres her.');
    expect(await page.getByRole('button', { name: 'Gem' }).isDisabled()).toBe(true);

    // Typing into a read-only field changes nothing, and the local values stay as they were.
    await se.click();
    await page.keyboard.type('1');
    expect(await se.inputValue()).toBe('38025341');
    expect((await session!.getStorage()).settings).toMatchObject({ municipality: 'Aarhus Kommune', expectedSe: '13748136' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/aftaletjek-options-managed.png', fullPage: true });
    await page.close();
  });

  it('uses the managed municipality in the popup', async () => {
    const page = await openPopupReady(session!);
    expect(await page.innerText('header')).toContain('Kommune: Testrup Kommune');
    await page.close();
  });
});
