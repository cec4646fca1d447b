import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PORTAL_MATCHES as PORTAL_HOSTS } from '../../src/shared/hosts';

const DIST = 'dist';
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}
const scripts = listFiles(DIST).filter((f) => f.endsWith('.js'));

describe('the built manifest asks for the least it needs', () => {
  it('is Manifest V3 with only the storage permission', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.optional_permissions).toBeUndefined();
  });

  it('reaches only the portal and its test twin', () => {
    expect([...manifest.host_permissions].sort()).toEqual([...PORTAL_HOSTS].sort());
    expect(manifest.content_scripts).toHaveLength(1);
    expect([...manifest.content_scripts[0].matches].sort()).toEqual([...PORTAL_HOSTS].sort());
  });

  it('runs in every frame of the portal, also about:blank and srcdoc frames a portal page makes', () => {
    expect(manifest.content_scripts[0].all_frames).toBe(true);
    expect(manifest.content_scripts[0].match_about_blank).toBe(true);
  });

  it('exposes nothing to web pages and accepts no outside connections', () => {
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('has a strict extension-page CSP: own scripts only, no eval, no remote code', () => {
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:/);
  });

  it('loads in Chromium and Firefox from one folder', () => {
    expect(manifest.background.service_worker).toBeTruthy();
    expect(manifest.background.scripts).toEqual([manifest.background.service_worker]);
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: 'aftaletjek@aftaletjek.dk',
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('names files that exist: icons, pages, scripts, locales, managed schema', () => {
    const referenced = [
      ...Object.values(manifest.icons as Record<string, string>),
      ...Object.values(manifest.action.default_icon as Record<string, string>),
      manifest.action.default_popup,
      manifest.options_ui.page,
      manifest.background.service_worker,
      ...manifest.content_scripts[0].js,
      manifest.storage.managed_schema,
      '_locales/da/messages.json',
      '_locales/en/messages.json',
    ];
    for (const file of referenced) expect(existsSync(join(DIST, file)), file).toBe(true);
    expect(Object.keys(manifest.icons)).toEqual(expect.arrayContaining(['16', '32', '48', '128']));
  });
});

describe('the bundles run no generated or remote code', () => {
  it.each(scripts)('%s uses no eval or new Function', (file) => {
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\s*\(/);
    expect(code).not.toMatch(/\bFunction\s*\(\s*["'`]/);
  });

  it.each(scripts)('%s loads nothing from the network', (file) => {
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/\bfetch\s*\(|XMLHttpRequest|WebSocket\s*\(|EventSource\s*\(|sendBeacon/);
    expect(code).not.toMatch(/import\s*\(\s*["'`]https?:/);
  });
});
