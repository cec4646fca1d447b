import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_PACK } from '../../../src/core/pack';
import { createMatcher } from '../../../src/core/match';

/**
 * Loads a portal fixture into happy-dom's document. Scripts and stylesheets are left out: unit tests
 * look at markup only (real behaviour is covered in Chromium by the e2e tests).
 */
export function loadFixture(path: string): Document {
  const html = readFileSync(resolve('test/fixtures/portal', path), 'utf8');
  const inner = html
    .replace(/^[\s\S]*?<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<link[^>]*>/gi, '');
  document.documentElement.innerHTML = inner;
  return document;
}

export const EXPECTED_SE = '29189757';
export const MUNICIPALITY = 'Aarhus Kommune';

export function aarhusMatcher() {
  return createMatcher(BUILTIN_PACK, { municipality: MUNICIPALITY });
}

export function anyMunicipalityMatcher() {
  return createMatcher(BUILTIN_PACK, {});
}
